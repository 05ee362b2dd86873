import { auxiliaryCare, consultation, dispense, labSheet, pickDrug, technicalAct, type Dispensed } from '../billing.js';
import { dayIn, exemption, type MonthState } from '../care-month.js';
import { openSheet, round2 } from '../care-sheet.js';
import { emitSheet } from '../dcir.js';
import { labFollowUpFactor, type ConditionSpec } from '../model-data.js';
import { associatedDiagnoses, drawStay, placePending, placeStay, type StayBook } from '../stays.js';
import { privateDayStay } from './rehabilitation.js';

/**
 * Follow-up of the person's chronic conditions (conditions.json), month by month: the monthly
 * renewal of their drugs on one pharmacy sheet, lab tests, GP and specialist visits, technical acts,
 * nursing and physiotherapy, the condition's stays and treatment sessions, courses of radiotherapy
 * and stays in psychiatric clinics. Transport to sessions and ALD visits is ordered from `transport`.
 */

/**
 * A course of external radiotherapy started this month: the preparation and the sessions on one sheet
 * when the centre is private (public centres bill outside DCIR); the patient's transport either way.
 */
function radiotherapyCourse(s: MonthState, rt: NonNullable<ConditionSpec['radiotherapy']>, ald: boolean) {
  const { rng } = s;
  const n = rng.int(rt.sessions[0], rt.sessions[1]);
  if (rng.chance(rt.privateShare)) {
    const doctor = s.ctx.refs.pick(rng, rt.spe, s.p.dept);
    const ex = exemption(s, ald);
    const rate = ex.rate ?? s.ctx.care.billing.rates.acts;
    const sh = openSheet();
    const line = (ccam: string, quantity: number, start: number, end: number) => {
      const price = s.ctx.ccamTariff.get(ccam) ?? 0;
      const base = round2(price * quantity);
      sh.line(s.ctx.ccamNature.get(ccam) as string, price, base, rate, doctor, start).quantityOf(quantity).exempted(ex.exo).until(end).cam(ccam, price, base);
    };
    line(rt.preparation, 1, s.start, s.start);
    line(rt.session, n, s.start, s.end);
    emitSheet(s, sh, false);
  }
  s.orders.transport.push({ reason: 'sessions', ghmRoot: 'radiotherapy', sessions: n, ald });
}

export function chronicMonth(s: MonthState, book: StayBook): void {
  const { rng, p, ctx } = s;
  placePending(s, book);
  if (p.conditions.length === 0) return;
  const f = ctx.care.chronicFollowUp;
  const refill = Math.min(s.end, Math.max(s.start, s.start + p.refillDay - 1 + rng.int(-f.refillJitterDays, f.refillJitterDays)));
  const items: Dispensed[] = [];
  for (const c of p.conditions) {
    const ald = c.aldStart >= 0 && c.aldStart <= s.end;
    for (const d of c.drugs) {
      // Monthly renewal: the whole boxes of a month, plus one more with the fractional rest's probability.
      const perMonth = d.boxesPerYear / 12;
      const boxes = Math.floor(perMonth) + (rng.chance(perMonth - Math.floor(perMonth)) ? 1 : 0);
      if (boxes > 0) items.push({ drug: pickDrug(s, d.atc), boxes, ald });
    }
    const labs: string[] = [];
    for (const l of c.spec.labs) for (let k = rng.poisson((l.perYear * labFollowUpFactor(p.labFollowUp, l.followUpWeight)) / 12); k > 0; k--) labs.push(l.nabm);
    if (labs.length) labSheet(s, dayIn(s), labs, p.gp, ald);
    for (let k = rng.poisson(c.spec.gpVisitsPerYear / 12); k > 0; k--) consultation(s, dayIn(s), p.gp, false, ald && rng.chance(f.aldGpVisitShare));
    for (const v of c.spec.specialistVisits ?? []) {
      for (let k = rng.poisson(v.perYear / 12); k > 0; k--) {
        const day = dayIn(s);
        consultation(s, day, ctx.refs.pick(rng, v.spe, p.dept), true, ald);
        if (ald) s.orders.transport.push({ reason: 'aldVisit', day });
      }
    }
    for (const a of c.spec.acts ?? []) for (let k = rng.poisson(a.perYear / 12); k > 0; k--) technicalAct(s, dayIn(s), a.ccam, a.spe, ald);
    auxiliaryCare(s, 'nurse', rng.poisson((c.spec.nursePerYear ?? 0) / 12), ald);
    auxiliaryCare(s, 'physio', rng.poisson((c.spec.physioPerYear ?? 0) / 12), ald);
    if (c.spec.stays && rng.chance(1 - Math.exp(-c.spec.stays.perYear / 12))) {
      placeStay(s, drawStay(s, c.spec.stays, ald, associatedDiagnoses(p, '')), book, c.spec.stays);
    }
    if (c.sessions && c.spec.sessions) {
      const n = rng.poisson(c.spec.sessions.perYear / 12);
      if (n > 0) {
        const hospital = ctx.refs.hospitalFor(rng, p.dept, rng.chance(ctx.care.privateClinic.sessionShare));
        placeStay(s, { hospital, admission: s.start, los: 0, dp: c.spec.sessions.dp, das: [c.icd10], ghmRoot: c.spec.sessions.ghm, acts: [], sessions: n, ald }, book);
        s.orders.transport.push({ reason: 'sessions', ghmRoot: c.spec.sessions.ghm, sessions: n, ald });
      }
    }
    if (ald) for (let k = rng.poisson((c.spec.hospitalVisitsPerYear ?? 0) / 12); k > 0; k--) s.orders.transport.push({ reason: 'aldVisit', day: dayIn(s) });
    if (c.spec.clinicStays && rng.chance(c.spec.clinicStays.perYear / 12)) {
      const day = dayIn(s);
      const stay = privateDayStay(s, day, c.spec.clinicStays, ald, day, c.icd10);
      if (stay) s.orders.psychiatryStays.push(stay);
    }
    if (c.spec.radiotherapy && rng.chance(c.spec.radiotherapy.perYear / 12)) radiotherapyCourse(s, c.spec.radiotherapy, ald);
  }
  dispense(s, refill, items, p.gp, refill - rng.int(f.prescriptionAgeDays[0], f.prescriptionAgeDays[1]));
}
