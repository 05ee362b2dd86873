import { Rng, hashString } from '../rng.js';
import { dayIn, type MonthState } from './care-month.js';
import { CARE_KINDS, STAY_RANGES, STAYS_PER_PERSON } from './kinds/kind-ids.js';
import { curveAt, type StaySpec } from './model-data.js';
import { diesAt, stayEnd, type Person } from './person.js';
import { emitStay, type Stay, type StayExit } from './pmsi.js';

const S_DISCHARGE = hashString('stay.discharge');
/** Places of death of DS_LIE_V: public and private health establishments. */
const PUBLIC_ESTABLISHMENT = '2';
const PRIVATE_ESTABLISHMENT = '3';

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

/**
 * Where a stay with nights of the model's reasons goes at discharge: rehabilitation in a private clinic
 * (care.json `privateRehabilitation`) or in a public SSR establishment (`rehabilitationStays.afterStayShare`,
 * a mutation within the stay's own establishment with `dischargeModes.mutationShare`), else home. Drawn
 * from a stream of the stay, so that the MCO discharge mode and the SSR admission that follows agree.
 */
function dischargeDestination(s: MonthState, stay: Stay, stayNumber: number): { rehabilitation: 'public' | 'private' | null; mutation: boolean } {
  const { ctx, p } = s;
  const rng = Rng.of(ctx.seed, S_DISCHARGE, p.ben, stayNumber);
  const priv = curveAt(ctx.care.privateRehabilitation.share, s.age);
  const pub = curveAt(ctx.care.rehabilitationStays.afterStayShare, s.age);
  const u = rng.uniform();
  if (u < priv) return { rehabilitation: 'private', mutation: false };
  if (u < priv + (1 - priv) * pub) return { rehabilitation: 'public', mutation: !stay.hospital.private && rng.chance(ctx.care.dischargeModes.mutationShare) };
  return { rehabilitation: null, mutation: false };
}

/**
 * Write a stay (PMSI, and its bill when the clinic is private) and place the orders it brings.
 * `terminal`: the stay the person dies in (demography.json `deathPlace`).
 */
export function placeStay(s: MonthState, stay: Stay, book: StayBook, spec: StaySpec | null = null, terminal = false) {
  const p = s.p;
  // Never past death, nor past the admission of the stay the person dies in: a stay that would run
  // past it ends then (discharged deceased when that is the death).
  if (p.deathDay >= 0) {
    const end = terminal ? p.deathDay : stayEnd(p, stay.admission, stay.admission + stay.los);
    if (end === null) return;
    stay.los = end - stay.admission;
  }
  if (book.placed >= book.count) return;
  const stayNumber = p.ben * STAYS_PER_PERSON + book.first + book.placed;
  const index = book.first + book.placed++;
  const discharge = stay.admission + stay.los;
  const died = diesAt(p, discharge, terminal);
  const canRehabilitate = stay.los > 0 && !died && spec !== null && (p.terminalAdmission < 0 || p.terminalAdmission > discharge + 1);
  const destination = canRehabilitate ? dischargeDestination(s, stay, stayNumber) : { rehabilitation: null, mutation: false };
  const exit: StayExit = died ? { mode: '9', destination: null } : destination.rehabilitation ? { mode: destination.mutation ? '6' : '7', destination: '2' } : { mode: '8', destination: null };
  if (died) p.deathPlace = stay.hospital.private ? PRIVATE_ESTABLISHMENT : PUBLIC_ESTABLISHMENT;
  const ghs = emitStay(s.ctx, s.out, p, s.rng, stay, stayNumber, index, exit);
  if (stay.hospital.private) s.orders.privateStays.push({ stay, ghs, stayNumber });
  if (stay.los > 0 && !died && discharge !== p.deathDay) {
    s.orders.discharges.push({ day: discharge, ald: stay.ald, rehabilitation: destination.rehabilitation, mutation: destination.mutation, hospital: stay.hospital, dp: stay.dp });
  }
  scheduleFollowUp(s, stay, spec, book);
}

/**
 * The MCO stay of a person who dies in hospital (care.json `terminalStay`), admitted on the day drawn
 * with the person and ending on the death day: for the initial cause of death when it can be a
 * principal diagnosis, the person's other conditions as associated diagnoses.
 */
export function placeTerminalStay(s: MonthState, book: StayBook): void {
  const { p, ctx, rng } = s;
  const t = ctx.care.terminalStay;
  const cause = p.deathCause;
  const dp = cause >= 'A' && cause < 'U' && cause !== 'R99' ? cause : rng.pickWeighted(t.dpIfCauseUnfit);
  const ghmRoot = t.ghmRoots.find(([letter]) => letter === dp[0])?.[1] ?? t.defaultGhmRoot;
  const hospital = ctx.refs.hospitalFor(rng, p.dept, rng.chance(t.privateShare));
  const ald = p.conditions.some((c) => c.aldStart >= 0 && c.aldStart <= p.terminalAdmission && c.icd10 === dp);
  const stay: Stay = { hospital, admission: p.terminalAdmission, los: p.deathDay - p.terminalAdmission, dp, das: associatedDiagnoses(p, dp), ghmRoot, acts: [], sessions: 0, ald };
  placeStay(s, stay, book, null, true);
}

/** Place the stays decided earlier whose admission falls in this month. */
export function placePending(s: MonthState, book: StayBook) {
  if (book.pending.length === 0) return;
  const due = book.pending.filter((x) => x.stay.admission <= s.end);
  if (due.length === 0) return;
  book.pending = book.pending.filter((x) => x.stay.admission > s.end);
  for (const x of due) if (x.stay.admission >= s.start) placeStay(s, x.stay, book, x.spec);
}
