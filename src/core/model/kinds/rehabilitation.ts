import type { MonthState } from '../care-month.js';
import { openSheet, round2, type CareSheet } from '../care-sheet.js';
import { emitSheet } from '../dcir.js';
import type { ClinicDayStay } from '../orders.js';
import type { Professional } from '../referentials.js';

/**
 * Stays in a private clinic billed by the day in DCIR (frais de séjour and forfait journalier), and
 * ordered to their PMSI field (SSR, RIM-P): rehabilitation after a stay with nights (care.json
 * `privateRehabilitation`, more often for the elderly; the others go home, ordering a transport),
 * and psychiatry (a condition's `clinicStays`, billed by the chronic follow-up).
 */

/** Forfait journalier of `days` days of a stay, added to `sh`: paid by the patient (or a complementary), not reimbursed. */
export function dailyChargeLine(s: MonthState, sh: CareSheet, clinic: string, days: number, first: number, last: number, executor: Professional): void {
  const charge = s.ctx.care.privateClinic.dailyCharge;
  sh.line(charge.nat, charge.amount, 0, 0, executor, first).quantityOf(days).paying(round2(charge.amount * days)).complement(1, charge.cplAff).establishedAt(clinic).until(last);
}

/** A stay billed by the day starting on `first`, never running past death; returns it (null when death came first). */
export function privateDayStay(s: MonthState, first: number, r: { nat: string; days: [number, number]; dailyPrice: number; sigma: number }, ald: boolean, prescribed: number, icd10: string | null = null): ClinicDayStay | null {
  const b = s.ctx.care.billing;
  const planned = s.rng.int(r.days[0], r.days[1]);
  const last = s.p.deathDay >= 0 ? Math.min(first + planned - 1, s.p.deathDay) : first + planned - 1;
  if (last < first) return null;
  const days = last - first + 1;
  const clinic = s.ctx.refs.hospitalFor(s.rng, s.p.dept, true);
  const daily = round2(s.rng.lognormal(r.dailyPrice, r.sigma));
  const rate = ald ? b.rates.ald : b.rates.privateDayStay;
  const sh = openSheet();
  sh.line(r.nat, daily, round2(daily * days), rate, s.p.gp, first).quantityOf(days).exempted(ald ? b.exemptions.ald : b.exemptions.none).prescribedBy(s.p.gp)
    .establishedAt(clinic.finess8).until(last).prescribedOn(prescribed);
  dailyChargeLine(s, sh, clinic.finess8, days, first, last, s.p.gp);
  emitSheet(s, sh, false);
  return { first, last, clinic, ald, icd10 };
}

/** The month's discharges: rehabilitation in a private clinic when the discharge decided it (stays.ts), or home (with a transport order). */
export function rehabilitationMonth(s: MonthState): void {
  const rehab = s.ctx.care.privateRehabilitation;
  for (const d of s.orders.discharges) {
    if (d.rehabilitation === 'private') {
      const stay = privateDayStay(s, d.day + 1, rehab, d.ald, d.day, d.dp);
      if (stay) s.orders.rehabilitationStays.push(stay);
    } else s.orders.transport.push({ reason: 'home', day: d.day, ald: d.ald });
  }
}
