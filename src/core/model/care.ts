import { civilFromDays } from '../calendar-fast.js';
import { hashString, Rng } from '../rng.js';
import { dayIn, deductible, exemption, tariffAt, yearStream, type MonthState } from './care-month.js';
import { billLine, emitSheet, round2, type Detail, type Line } from './dcir.js';
import { dentalMonth } from './dental.js';
import { curveAt, type AuxiliaryKind, type ConditionSpec, type StaySpec } from './model-data.js';
import type { Drug, ModelContext } from './model-context.js';
import type { ModelOutput } from './model-output.js';
import { ageAt, pickWeighted, type HeldCondition, type Person } from './person.js';
import { emitStay, STAYS_PER_PERSON, type Stay } from './pmsi.js';
import { privateDayStay, privateRehabilitation } from './private-clinic.js';
import type { Professional } from './referentials.js';
import { aldVisitTransport, sessionTransport, stayReturnTransport } from './transport.js';

/**
 * A person's care, month by month. Each month draws from its own counter-based stream
 * (seed, person, month), so the care of a month never depends on how many months are simulated.
 */

const S_MONTH = hashString('care.month');
const S_AUXILIARY_YEAR = hashString('care.auxiliary.year');

const PHARMACY_NATURE: Record<number, string> = { 100: '3311', 65: '3313', 30: '3312', 15: '3341' };

function consultation(s: MonthState, day: number, doctor: Professional, specialist: boolean, aldRelated: boolean): void {
  const t = s.ctx.care.tariffs;
  const own = specialist ? t.specialistConsultationBySpecialty[doctor.spe] : undefined;
  const price = tariffAt(own ? own.price : specialist ? t.specialistConsultation : t.gpConsultation, day, s.tariffs);
  const ex = exemption(s, aldRelated);
  const rate = ex.rate ?? t.reimbursementRates.consultation;
  const extra = doctor.sector2 && s.rng.chance(specialist ? 0.8 : 0.5) ? round2(s.rng.lognormal(specialist ? t.extraBillingMedian.specialist : t.extraBillingMedian.gp, 0.4)) : 0;
  const lines: Line[] = [billLine({ nat: own ? own.nat : specialist ? '1112' : '1110', unitPrice: price, base: price, rate, extraBilling: extra, exo: ex.exo, executor: doctor, start: day })];
  const maj = s.ctx.care.majorations;
  const complement = specialist ? (s.rng.chance(maj.specialistCoordination.share) ? maj.specialistCoordination : null) : s.age < maj.childGp.maxAge ? maj.childGp : null;
  if (complement) {
    lines.push(billLine({ nat: complement.nat, unitPrice: complement.amount, base: complement.amount, rate, cplMaj: 1, cplAff: complement.cplAff, exo: ex.exo, executor: doctor, start: day }));
  }
  const pf = deductible(s, '1951', tariffAt(t.participationForfaitaire, day, s.tariffs), day, doctor);
  if (pf) lines.push(pf);
  emitSheet(s.ctx, s.out, s.p, s.rng, lines, false);
}

/** A medical abortion in town: a flat fee at 100 %, billed under the woman's fictitious NIR. */
function abortionMonth(s: MonthState) {
  const ivg = s.ctx.care.ivg;
  if (s.p.sex !== 2 || s.age < ivg.ages[0] || s.age >= ivg.ages[1] || !s.rng.chance(ivg.ratePerYear / 12)) return;
  const day = dayIn(s);
  const doctor = s.rng.chance(0.5) ? s.p.gp : s.ctx.refs.pick(s.rng, '7', s.p.dept);
  emitSheet(s.ctx, s.out, s.p, s.rng, [billLine({ nat: ivg.nat, unitPrice: ivg.amount, base: ivg.amount, rate: 100, executor: doctor, start: day, fictitious: true })], false);
}

function pickDrug(s: MonthState, atc: string): Drug {
  const e = s.ctx.drugsByAtc.get(atc);
  if (!e) throw new Error(`no reimbursed presentation for ATC ${atc}`);
  return e.drugs[s.rng.pickCumulative(e.cumulative)];
}

/** One pharmacy sheet: a PRS line per reimbursement rate, a PHA line per presentation, and the franchise. */
function dispense(s: MonthState, day: number, items: { drug: Drug; boxes: number; ald: boolean }[], prescriber: Professional, prescriptionDay: number): void {
  if (items.length === 0) return;
  const groups = new Map<number, { drug: Drug; boxes: number }[]>();
  for (const it of items) {
    const rate = it.ald || s.pregnantLate ? 100 : it.drug.rate;
    const g = groups.get(rate);
    if (g) g.push(it);
    else groups.set(rate, [it]);
  }
  const lines: Line[] = [];
  let boxes = 0;
  for (const [rate, group] of [...groups.entries()].sort((a, b) => b[0] - a[0])) {
    let base = 0;
    let quantity = 0;
    const details: Detail[] = [];
    for (const g of group) {
      base += g.drug.price * g.boxes;
      quantity += g.boxes;
      details.push({ kind: 'pha', drug: g.drug, boxes: g.boxes });
    }
    boxes += quantity;
    base = round2(base);
    const ald = rate === 100 && group.some((g) => items.find((i) => i.drug === g.drug)?.ald);
    lines.push(billLine({
      nat: PHARMACY_NATURE[rate] ?? '3313', quantity, unitPrice: round2(base / quantity), base, rate, exo: ald ? '42' : s.pregnantLate ? '55' : '0',
      executor: s.p.pharmacy, prescriber, start: day, prescriptionDay, details,
    }));
  }
  // Dispensing fees: one per box, one per sheet for the youngest and the oldest, at the sheet's first rate.
  const fees = s.ctx.care.pharmacyFees;
  const feeRate = lines[0].rate;
  const fee = (nat: string, quantity: number, unit: number): Line =>
    billLine({ nat, quantity, unitPrice: unit, base: round2(unit * quantity), rate: feeRate, exo: lines[0].exo, executor: s.p.pharmacy, prescriber, start: day, prescriptionDay });
  lines.push(fee(fees.perBox.nat, boxes, fees.perBox.amount));
  if (s.age < fees.ageRelated.under || s.age >= fees.ageRelated.from) lines.push(fee(fees.ageRelated.nat, 1, fees.ageRelated.amount));
  const franchise = deductible(s, '1971', round2(tariffAt(s.ctx.care.tariffs.franchisePerBox, day, s.tariffs) * boxes), day, s.p.pharmacy);
  if (franchise) lines.push(franchise);
  emitSheet(s.ctx, s.out, s.p, s.rng, lines, true);
}

function labSheet(s: MonthState, day: number, codes: string[], prescriber: Professional, aldRelated: boolean): void {
  if (codes.length === 0) return;
  const t = s.ctx.care.tariffs;
  const lab = s.ctx.refs.pick(s.rng, 'lab', s.p.dept);
  const companions = s.ctx.care.labCompanions.filter(([, p]) => s.rng.chance(p)).map(([c]) => c);
  const unique = [...new Set([...codes, ...companions, ...s.ctx.care.labSheetForfaits])];
  let coefficient = 0;
  for (const c of unique) coefficient += s.ctx.bioCoefficient.get(c) ?? 0;
  const base = round2(coefficient * t.bioKeyLetterB);
  const ex = exemption(s, aldRelated);
  const rate = ex.rate ?? t.reimbursementRates.biology;
  const lines: Line[] = [billLine({
    nat: '3211', quantity: unique.length, coefficient, unitPrice: t.bioKeyLetterB, base, rate, exo: ex.exo, executor: lab, prescriber, start: day, prescriptionDay: day,
    details: unique.map((nabm) => ({ kind: 'bio' as const, nabm, quantity: 1 })),
  })];
  const pf = deductible(s, '1951', tariffAt(t.participationForfaitaire, day, s.tariffs), day, lab);
  if (pf) lines.push(pf);
  emitSheet(s.ctx, s.out, s.p, s.rng, lines, false);
}

function technicalAct(s: MonthState, day: number, ccam: string, spe: string, aldRelated: boolean): void {
  const doctor = spe === '1' ? s.p.gp : s.ctx.refs.pick(s.rng, spe, s.p.dept);
  const price = s.ctx.ccamTariff.get(ccam) ?? 0;
  const ex = exemption(s, aldRelated);
  const rate = ex.rate ?? s.ctx.care.tariffs.reimbursementRates.acts;
  const extra = doctor.sector2 && s.rng.chance(0.5) ? round2(s.rng.lognormal(20, 0.5)) : 0;
  const lines: Line[] = [billLine({
    nat: s.ctx.ccamNature.get(ccam) as string, unitPrice: price, base: price, rate, extraBilling: extra, exo: ex.exo, executor: doctor,
    prescriber: s.p.gp, start: day, details: [{ kind: 'cam', ccam, price, base: price }],
  })];
  const forfait = s.ctx.care.technicalForfaits[ccam];
  if (forfait) {
    lines.push(billLine({ nat: forfait.nat, unitPrice: forfait.amount, base: forfait.amount, rate, exo: ex.exo, executor: doctor, prescriber: s.p.gp, start: day }));
  }
  emitSheet(s.ctx, s.out, s.p, s.rng, lines, false);
}

function auxiliaryCare(s: MonthState, kind: AuxiliaryKind, count: number, aldRelated: boolean, coefficients?: [number, number]): void {
  if (count === 0) return;
  const t = s.ctx.care.tariffs;
  const a = t.auxiliary[kind];
  const who = s.ctx.refs.pick(s.rng, kind, s.p.dept);
  const [cLo, cHi] = coefficients ?? a.coefficient;
  const coefficient = s.rng.int(cLo, cHi);
  const unit = a.keyLetter * coefficient;
  const first = dayIn(s);
  const last = Math.min(s.end, first + count * 2);
  const ex = exemption(s, aldRelated);
  const rate = ex.rate ?? t.reimbursementRates.auxiliary;
  const line = (nat: string, unitPrice: number, coefficientOf: number, quantity: number): Line =>
    billLine({
      nat, quantity, coefficient: coefficientOf, unitPrice: round2(unitPrice), base: round2(unitPrice * quantity), rate, exo: ex.exo, executor: who,
      prescriber: s.p.gp, start: first, end: last, prescriptionDay: first,
    });
  const lines: Line[] = [line(a.nat, unit, coefficient, count)];
  if (a.travel && s.rng.chance(a.travel.homeShare)) lines.push(line(a.travel.nat, a.travel.amount, 1, count));
  const franchise = deductible(s, '1975', round2(Math.min(count, 4) * 0.5), last, who);
  if (franchise) lines.push(franchise);
  emitSheet(s.ctx, s.out, s.p, s.rng, lines, false);
}

function drawStay(s: MonthState, spec: StaySpec, ald: boolean, das: string[]): Stay {
  const ambulatory = s.rng.chance(spec.ambulatoryShare);
  const los = ambulatory ? 0 : Math.max(1, Math.round(s.rng.lognormal(Math.max(1, spec.losMedian), 0.6)));
  const acts: string[] = [];
  for (const [code, p] of spec.acts) if (s.rng.chance(p)) acts.push(code);
  return {
    hospital: s.ctx.refs.hospitalFor(s.rng, s.p.dept, acts.length && s.rng.chance(0.45) ? true : s.rng.chance(0.2) ? true : false),
    admission: dayIn(s), los, dp: pickWeighted(s.rng, spec.dp), das, ghmRoot: spec.ghm, acts, sessions: 0, ald,
  };
}

/** Diagnoses associated with a stay: the person's other known conditions. */
function associatedDiagnoses(p: Person, dp: string): string[] {
  const out: string[] = [];
  for (const c of p.conditions) if (!c.spec.noDiagnosis && c.icd10 !== dp && out.length < 6) out.push(c.icd10);
  return out;
}

/** Stays already decided for later (readmissions, second-eye cataract): placed in their month. */
interface StayCounter {
  stays: number;
  pending: Stay[];
}

/**
 * Some stays bring another: a readmission within 30 days after a stay with nights, or the second
 * eye of a cataract a few weeks later. Drawn now, placed when its month comes.
 */
function scheduleFollowUp(s: MonthState, stay: Stay, spec: StaySpec | null, counter: StayCounter) {
  if (!spec) return;
  const care = s.ctx.care;
  const repeat = spec.repeat;
  const discharge = stay.admission + stay.los;
  if (repeat && s.rng.chance(repeat.share)) {
    counter.pending.push({ ...stay, admission: discharge + s.rng.int(repeat.afterDays[0], repeat.afterDays[1]), acts: [...stay.acts] });
  } else if (stay.los > 0 && stay.sessions === 0 && s.rng.chance(care.readmission.share)) {
    const los = Math.max(1, Math.round(s.rng.lognormal(Math.max(1, stay.los * 0.8), 0.5)));
    counter.pending.push({ ...stay, admission: discharge + s.rng.int(care.readmission.afterDays[0], care.readmission.afterDays[1]), los, acts: [] });
  }
}

function placeStay(s: MonthState, stay: Stay, counter: StayCounter, spec: StaySpec | null = null) {
  // Never past death: a stay that would end after it ends on that day, discharged deceased.
  if (s.p.deathDay >= 0 && stay.admission + stay.los > s.p.deathDay) {
    if (stay.admission > s.p.deathDay) return;
    stay.los = s.p.deathDay - stay.admission;
  }
  if (counter.stays >= STAYS_PER_PERSON) return;
  emitStay(s.ctx, s.out, s.p, s.rng, stay, counter.stays++);
  const discharge = stay.admission + stay.los;
  if (stay.los > 0 && discharge !== s.p.deathDay) {
    // Rehabilitation follows medical and surgical stays of the model's lists, not births or readmissions.
    if (!(spec && privateRehabilitation(s, discharge, stay.ald))) stayReturnTransport(s, discharge, stay.ald);
  }
  scheduleFollowUp(s, stay, spec, counter);
}

function placePending(s: MonthState, counter: StayCounter) {
  const due = counter.pending.filter((st) => st.admission <= s.end);
  if (due.length === 0) return;
  counter.pending = counter.pending.filter((st) => st.admission > s.end);
  for (const st of due) if (st.admission >= s.start) placeStay(s, st, counter);
}

function chronicMonth(s: MonthState, conditions: HeldCondition[], counter: StayCounter) {
  const { rng, p } = s;
  const refill = Math.min(s.end, Math.max(s.start, s.start + p.refillDay - 1 + rng.int(-2, 2)));
  const items: { drug: Drug; boxes: number; ald: boolean }[] = [];
  for (const c of conditions) {
    const ald = c.aldStart >= 0 && c.aldStart <= s.end;
    for (const d of c.drugs) {
      // Monthly renewal: the whole boxes of a month, plus one more with the fractional rest's probability.
      const perMonth = d.boxesPerYear / 12;
      const boxes = Math.floor(perMonth) + (rng.chance(perMonth - Math.floor(perMonth)) ? 1 : 0);
      if (boxes > 0) items.push({ drug: pickDrug(s, d.atc), boxes, ald });
    }
    const labs: string[] = [];
    for (const l of c.spec.labs) for (let k = rng.poisson(l.perYear / 12); k > 0; k--) labs.push(l.nabm);
    if (labs.length) labSheet(s, dayIn(s), labs, p.gp, ald);
    for (let k = rng.poisson(c.spec.gpVisitsPerYear / 12); k > 0; k--) consultation(s, dayIn(s), p.gp, false, ald && rng.chance(0.8));
    for (const v of c.spec.specialistVisits ?? []) {
      for (let k = rng.poisson(v.perYear / 12); k > 0; k--) {
        const day = dayIn(s);
        consultation(s, day, s.ctx.refs.pick(rng, v.spe, p.dept), true, ald);
        if (ald) aldVisitTransport(s, day);
      }
    }
    for (const a of c.spec.acts ?? []) for (let k = rng.poisson(a.perYear / 12); k > 0; k--) technicalAct(s, dayIn(s), a.ccam, a.spe, ald);
    auxiliaryCare(s, 'nurse', rng.poisson((c.spec.nursePerYear ?? 0) / 12), ald);
    auxiliaryCare(s, 'physio', rng.poisson((c.spec.physioPerYear ?? 0) / 12), ald);
    if (c.spec.stays && rng.chance(1 - Math.exp(-c.spec.stays.perYear / 12))) {
      placeStay(s, drawStay(s, c.spec.stays, ald, associatedDiagnoses(p, '')), counter, c.spec.stays);
    }
    if (c.sessions && c.spec.sessions) {
      const n = rng.poisson(c.spec.sessions.perYear / 12);
      if (n > 0) {
        const hospital = s.ctx.refs.hospitalFor(rng, p.dept, rng.chance(s.ctx.care.privateClinic.sessionShare));
        placeStay(s, { hospital, admission: s.start, los: 0, dp: c.spec.sessions.dp, das: [c.icd10], ghmRoot: c.spec.sessions.ghm, acts: [], sessions: n, ald }, counter);
        sessionTransport(s, c.spec.sessions.ghm, n, ald);
      }
    }
    if (ald) for (let k = rng.poisson((c.spec.hospitalVisitsPerYear ?? 0) / 12); k > 0; k--) aldVisitTransport(s, dayIn(s));
    if (c.spec.clinicStays && rng.chance(c.spec.clinicStays.perYear / 12)) {
      const day = dayIn(s);
      privateDayStay(s, day, c.spec.clinicStays, ald, day);
    }
    if (c.spec.radiotherapy && rng.chance(c.spec.radiotherapy.perYear / 12)) radiotherapyCourse(s, c.spec.radiotherapy, ald);
  }
  if (p.contraception && s.age < s.ctx.care.contraception.ages[1] && rng.chance(s.ctx.care.contraception.boxesPerYear / 12)) {
    items.push({ drug: pickDrug(s, s.ctx.care.contraception.atc), boxes: 1, ald: false });
  }
  dispense(s, refill, items, p.gp, refill - rng.int(0, 60));
}

function acuteMonth(s: MonthState, monthIndex: number, counter: StayCounter) {
  const { rng, p, ctx } = s;
  for (const e of ctx.care.acuteEpisodes) {
    if (e.sex && (e.sex === 'male') !== (p.sex === 1)) continue;
    const n = rng.poisson((curveAt(e.rate, s.age) * e.seasonality[monthIndex]) / 12);
    for (let k = 0; k < n; k++) {
      if (!rng.chance(e.gpVisit)) continue; // self-care: nothing reimbursed
      const day = dayIn(s);
      consultation(s, day, p.gp, false, false);
      const items = e.drugs.filter(([, pr]) => rng.chance(pr)).map(([atc]) => {
        const [lo, hi] = ctx.care.acuteBoxes[atc] ?? ctx.care.acuteBoxes.default;
        return { drug: pickDrug(s, atc), boxes: rng.int(lo, hi), ald: false };
      });
      dispense(s, Math.min(s.end, day + rng.int(0, 1)), items, p.gp, day);
      const labs = e.labs.filter(([, pr]) => rng.chance(pr)).map(([c]) => c);
      if (labs.length) labSheet(s, Math.min(s.end, day + 1), labs, p.gp, false);
    }
  }
  // Visits that are neither acute episodes nor follow-up of a chronic condition (prevention, certificates...).
  for (let k = rng.poisson((curveAt(ctx.care.gpVisits, s.age) * 0.5) / 12); k > 0; k--) consultation(s, dayIn(s), p.gp, false, false);
  for (const v of ctx.care.specialistVisits) {
    if (s.age < v.ages[0] || s.age >= v.ages[1] || (v.sex && (v.sex === 'male') !== (p.sex === 1))) continue;
    for (let k = rng.poisson(v.perYear / 12); k > 0; k--) consultation(s, dayIn(s), ctx.refs.pick(rng, v.spe, p.dept), true, false);
  }
  for (const a of ctx.care.outpatientActs) {
    if (s.age < a.ages[0] || s.age >= a.ages[1] || (a.sex && (a.sex === 'male') !== (p.sex === 1))) continue;
    for (let k = rng.poisson(a.perYear / 12); k > 0; k--) technicalAct(s, dayIn(s), a.ccam, a.spe, false);
  }
  const c = ctx.care.checkupLabs;
  if (s.age >= c.ages[0] && rng.chance(c.perYear / 12)) {
    const n = rng.int(c.perPrescription[0], c.perPrescription[1]);
    labSheet(s, dayIn(s), Array.from({ length: n }, () => rng.pick(c.nabm)), p.gp, false);
  }
  for (const st of ctx.care.stays) {
    if (s.age < st.ages[0] || s.age >= st.ages[1] || (st.sex && (st.sex === 'male') !== (p.sex === 1))) continue;
    let rate = st.rate;
    if (st.ageSlope) rate *= Math.pow(st.ageSlope, (s.age - st.ages[0]) / 10);
    if (st.winter) rate *= [2.2, 1.8, 1.2, 0.7, 0.5, 0.4, 0.3, 0.3, 0.5, 0.8, 1.3, 2.0][monthIndex];
    if (st.maleRatio) rate *= p.sex === 1 ? (2 * st.maleRatio) / (1 + st.maleRatio) : 2 / (1 + st.maleRatio);
    if (rng.chance(1 - Math.exp(-rate / 12))) placeStay(s, drawStay(s, st, false, associatedDiagnoses(p, '')), counter, st);
  }
}

/**
 * A course of external radiotherapy started this month: the preparation and the sessions on one sheet
 * when the centre is private (public centres bill outside DCIR), and the patient's transport either way.
 */
function radiotherapyCourse(s: MonthState, rt: NonNullable<ConditionSpec['radiotherapy']>, ald: boolean) {
  const { rng } = s;
  const n = rng.int(rt.sessions[0], rt.sessions[1]);
  if (rng.chance(rt.privateShare)) {
    const doctor = s.ctx.refs.pick(rng, rt.spe, s.p.dept);
    const ex = exemption(s, ald);
    const rate = ex.rate ?? s.ctx.care.tariffs.reimbursementRates.acts;
    const line = (ccam: string, quantity: number, start: number, end: number): Line => {
      const price = s.ctx.ccamTariff.get(ccam) ?? 0;
      const base = round2(price * quantity);
      return billLine({ nat: s.ctx.ccamNature.get(ccam) as string, quantity, unitPrice: price, base, rate, exo: ex.exo, executor: doctor, start, end, details: [{ kind: 'cam', ccam, price, base }] });
    };
    emitSheet(s.ctx, s.out, s.p, rng, [line(rt.preparation, 1, s.start, s.start), line(rt.session, n, s.start, s.end)], false);
  }
  sessionTransport(s, 'radiotherapy', n, ald);
}

/** Courses of physiotherapy or nursing not tied to a condition: drawn once per (person, year, course), billed month by month. */
function auxiliaryCourseMonth(s: MonthState) {
  const courses = s.ctx.care.auxiliaryCourses;
  for (let i = 0; i < courses.length; i++) {
    const c = courses[i];
    const year = yearStream(s, S_AUXILIARY_YEAR, i);
    if (!year.chance(curveAt(c.share, s.age))) continue;
    const first = year.int(0, 11);
    const months = year.int(c.months[0], c.months[1]);
    if (s.monthOfYear < first || s.monthOfYear >= first + months) continue;
    auxiliaryCare(s, c.kind, s.rng.int(c.sessionsPerMonth[0], c.sessionsPerMonth[1]), false, c.coefficient);
  }
}

function pregnancyMonth(s: MonthState, counter: StayCounter) {
  const { rng, p, ctx } = s;
  const preg = ctx.care.pregnancy;
  for (const d of p.deliveries) {
    const conception = d - 270;
    if (s.end < conception || s.start > d) continue;
    const monthOfPregnancy = Math.floor((s.start - conception) / 30.5) + 1;
    if (rng.chance(preg.gynecologistVisits / 9)) consultation(s, dayIn(s), ctx.refs.pick(rng, '7', p.dept), true, false);
    if ([3, 5, 8].includes(monthOfPregnancy)) technicalAct(s, dayIn(s), preg.ultrasoundAct, '7', false);
    if (monthOfPregnancy >= 1 && monthOfPregnancy <= 9) labSheet(s, dayIn(s), preg.labs.filter(() => rng.chance(0.5)), p.gp, false);
    const items = preg.drugs.filter(([, pr]) => rng.chance(pr)).map(([atc]) => ({ drug: pickDrug(s, atc), boxes: 1, ald: false }));
    dispense(s, dayIn(s), items, p.gp, s.start);
    if (d >= s.start && d <= s.end) {
      const caesarean = rng.chance(preg.caesareanShare);
      const dp = caesarean ? preg.delivery.dp[preg.delivery.dp.length - 1][0] : preg.delivery.dp[0][0];
      const act = caesarean ? preg.delivery.acts[preg.delivery.acts.length - 1][0] : preg.delivery.acts[0][0];
      placeStay(s, {
        hospital: ctx.refs.hospitalFor(rng, p.dept, rng.chance(0.25)), admission: d, los: Math.max(2, Math.round(rng.lognormal(preg.delivery.losMedian + (caesarean ? 1 : 0), 0.25))),
        dp, das: [], ghmRoot: preg.delivery.ghm, acts: [act], sessions: 0, ald: false,
      }, counter);
    }
  }
}

/** Simulate and write all the care of one person over the dataset's months. */
export function simulateCare(ctx: ModelContext, out: ModelOutput, p: Person): void {
  const counter: StayCounter = { stays: 0, pending: [] };
  const tariffs = new Map<[string, number][], [number, number][]>();
  for (let m = 0; m < ctx.months.length; m++) {
    const monthStartDay = ctx.months[m];
    const monthEnd = (m + 1 < ctx.months.length ? ctx.months[m + 1] : monthStartDay + 31) - 1;
    if (p.deathDay >= 0 && p.deathDay < monthStartDay) break;
    if (p.birthDay > monthEnd) continue;
    const start = Math.max(monthStartDay, p.birthDay);
    const end = p.deathDay >= 0 ? Math.min(monthEnd, p.deathDay) : monthEnd;
    const rng = Rng.of(ctx.seed, S_MONTH, p.ben, m);
    const age = Math.max(0, ageAt(p, start));
    const pregnantLate = p.deliveries.some((d) => start >= d - 100 && start <= d);
    const [year, month] = civilFromDays(monthStartDay);
    const s: MonthState = { ctx, out, p, rng, start, end, age, year, monthOfYear: month - 1, hasAld: p.conditions.some((c) => c.aldStart >= 0), pregnantLate, tariffs };
    if (p.birthDay >= monthStartDay && p.birthDay <= monthEnd) {
      const nb = ctx.care.newborn;
      placeStay(s, { hospital: ctx.refs.hospitalFor(rng, p.dept, null), admission: p.birthDay, los: Math.max(1, Math.round(rng.lognormal(nb.losMedian, 0.2))), dp: nb.dp, das: [], ghmRoot: nb.ghm, acts: [], sessions: 0, ald: false }, counter);
    }
    placePending(s, counter);
    chronicMonth(s, p.conditions, counter);
    acuteMonth(s, s.monthOfYear, counter);
    pregnancyMonth(s, counter);
    abortionMonth(s);
    dentalMonth(s);
    auxiliaryCourseMonth(s);
  }
}
