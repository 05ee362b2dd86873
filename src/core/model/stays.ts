import { dayIn, type MonthState } from './care-month.js';
import { CARE_KINDS, STAY_RANGES, STAYS_PER_PERSON } from './kinds/kind-ids.js';
import type { StaySpec } from './model-data.js';
import type { Person } from './person.js';
import { emitStay, type Stay } from './pmsi.js';

/**
 * Hospital stays placed by a kind of care (a condition's stays and sessions, the model's stay
 * reasons, deliveries, births): numbered in the kind's own range of RSA numbers, written to PMSI,
 * and followed by the orders they bring (rehabilitation or transport home, a private clinic's bill).
 */

/** The stays a kind placed for one person, and those it decided for later (readmissions, the second eye of a cataract). */
export interface StayBook {
  first: number;
  count: number;
  placed: number;
  pending: { stay: Stay; spec: StaySpec | null }[];
}

export function stayBook(kind: number): StayBook {
  const range = STAY_RANGES[CARE_KINDS[kind]];
  if (!range) throw new Error(`kind ${CARE_KINDS[kind]} has no range of stay numbers (STAY_RANGES)`);
  return { first: range.first, count: range.count, placed: 0, pending: [] };
}

/** Diagnoses associated with a stay: the person's other known conditions. */
export function associatedDiagnoses(p: Person, dp: string): string[] {
  const out: string[] = [];
  for (const c of p.conditions) if (!c.spec.noDiagnosis && c.icd10 !== dp && out.length < 6) out.push(c.icd10);
  return out;
}

/** A stay for one of the model's reasons, admitted this month. */
export function drawStay(s: MonthState, spec: StaySpec, ald: boolean, das: string[]): Stay {
  const h = s.ctx.care.stayHospital;
  const ambulatory = s.rng.chance(spec.ambulatoryShare);
  const los = ambulatory ? 0 : Math.max(1, Math.round(s.rng.lognormal(Math.max(1, spec.losMedian), h.losSigma)));
  const acts: string[] = [];
  for (const [code, p] of spec.acts) if (s.rng.chance(p)) acts.push(code);
  const wantPrivate = acts.length && s.rng.chance(h.privateShareWithActs) ? true : s.rng.chance(h.privateShare);
  return {
    hospital: s.ctx.refs.hospitalFor(s.rng, s.p.dept, wantPrivate),
    admission: dayIn(s), los, dp: s.rng.pickWeighted(spec.dp), das, ghmRoot: spec.ghm, acts, sessions: 0, ald,
  };
}

/**
 * Some stays bring another: a readmission within 30 days after a stay with nights, or the second
 * eye of a cataract a few weeks later. Drawn now, placed when its month comes.
 */
function scheduleFollowUp(s: MonthState, stay: Stay, spec: StaySpec | null, book: StayBook) {
  if (!spec) return;
  const r = s.ctx.care.readmission;
  const repeat = spec.repeat;
  const discharge = stay.admission + stay.los;
  if (repeat && s.rng.chance(repeat.share)) {
    book.pending.push({ stay: { ...stay, admission: discharge + s.rng.int(repeat.afterDays[0], repeat.afterDays[1]), acts: [...stay.acts] }, spec: null });
  } else if (stay.los > 0 && stay.sessions === 0 && s.rng.chance(r.share)) {
    const los = Math.max(1, Math.round(s.rng.lognormal(Math.max(1, stay.los * r.losRatio), r.losSigma)));
    book.pending.push({ stay: { ...stay, admission: discharge + s.rng.int(r.afterDays[0], r.afterDays[1]), los, acts: [] }, spec: null });
  }
}

/** Write a stay (PMSI, and its bill when the clinic is private) and place the orders it brings. */
export function placeStay(s: MonthState, stay: Stay, book: StayBook, spec: StaySpec | null = null) {
  const p = s.p;
  // Never past death: a stay that would end after it ends on that day, discharged deceased.
  if (p.deathDay >= 0 && stay.admission + stay.los > p.deathDay) {
    if (stay.admission > p.deathDay) return;
    stay.los = p.deathDay - stay.admission;
  }
  if (book.placed >= book.count) return;
  const stayNumber = p.ben * STAYS_PER_PERSON + book.first + book.placed;
  const index = book.first + book.placed++;
  const ghs = emitStay(s.ctx, s.out, p, s.rng, stay, stayNumber, index);
  if (stay.hospital.private) s.orders.privateStays.push({ stay, ghs, stayNumber });
  const discharge = stay.admission + stay.los;
  if (stay.los > 0 && discharge !== p.deathDay) s.orders.discharges.push({ day: discharge, ald: stay.ald, rehabilitation: spec !== null, dp: stay.dp });
  scheduleFollowUp(s, stay, spec, book);
}

/** Place the stays decided earlier whose admission falls in this month. */
export function placePending(s: MonthState, book: StayBook) {
  if (book.pending.length === 0) return;
  const due = book.pending.filter((x) => x.stay.admission <= s.end);
  if (due.length === 0) return;
  book.pending = book.pending.filter((x) => x.stay.admission > s.end);
  for (const x of due) if (x.stay.admission >= s.start) placeStay(s, x.stay, book, x.spec);
}
