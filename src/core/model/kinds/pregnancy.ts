import { consultation, dispense, labSheet, pickDrug, technicalAct, type Dispensed } from '../billing.js';
import { dayIn, type MonthState } from '../care-month.js';
import { placeStay, type StayBook } from '../stays.js';

/**
 * Pregnancy (care.json `pregnancy`): monthly gynaecologist visits, ultrasound scans in the months of
 * `ultrasoundMonths`, lab tests and drugs, and the delivery stay (vaginal or caesarean).
 */
export function pregnancyMonth(s: MonthState, book: StayBook): void {
  const { rng, p, ctx } = s;
  const preg = ctx.care.pregnancy;
  const roles = ctx.care.billing.roles;
  for (const d of p.deliveries) {
    const conception = d - preg.durationDays;
    if (s.end < conception || s.start > d) continue;
    const monthOfPregnancy = Math.floor((s.start - conception) / 30.5) + 1;
    if (rng.chance(preg.gynecologistVisits / 9)) consultation(s, dayIn(s), ctx.refs.pick(rng, roles.gynecologist, p.dept), true, false);
    if (preg.ultrasoundMonths.includes(monthOfPregnancy)) technicalAct(s, dayIn(s), preg.ultrasoundAct, roles.gynecologist, false);
    if (monthOfPregnancy >= 1 && monthOfPregnancy <= 9) {
      const labs: string[] = [];
      for (const l of preg.labs) if (rng.chance(preg.labShare)) labs.push(l);
      labSheet(s, dayIn(s), labs, p.gp, false);
    }
    const items: Dispensed[] = [];
    for (const [atc, pr] of preg.drugs) if (rng.chance(pr)) items.push({ drug: pickDrug(s, atc), boxes: 1, ald: false });
    dispense(s, dayIn(s), items, p.gp, s.start);
    if (d >= s.start && d <= s.end) {
      const del = preg.delivery;
      const caesarean = rng.chance(preg.caesareanShare);
      const dp = caesarean ? del.dp[del.dp.length - 1][0] : del.dp[0][0];
      const act = caesarean ? del.acts[del.acts.length - 1][0] : del.acts[0][0];
      placeStay(s, {
        hospital: ctx.refs.hospitalFor(rng, p.dept, rng.chance(del.privateShare)), admission: d,
        los: Math.max(2, Math.round(rng.lognormal(del.losMedian + (caesarean ? del.caesareanExtraNights : 0), del.losSigma))),
        dp, das: [], ghmRoot: del.ghm, acts: [act], sessions: 0, ald: false,
      }, book);
    }
  }
}
