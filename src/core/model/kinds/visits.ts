import { consultation, labSheet, technicalAct } from '../billing.js';
import { dayIn, type MonthState } from '../care-month.js';
import { curveAt } from '../model-data.js';

/**
 * Visits that are neither acute episodes nor the follow-up of a chronic condition (care.json
 * `gpVisits`, `specialistVisits`, `outpatientActs`, `checkupLabs`): prevention, certificates,
 * screening, imaging, check-up blood tests.
 */
export function visitsMonth(s: MonthState): void {
  const { rng, p, ctx } = s;
  const care = ctx.care;
  for (let k = rng.poisson((curveAt(care.gpVisits, s.age) * care.gpVisitsBackgroundShare) / 12); k > 0; k--) consultation(s, dayIn(s), p.gp, false, false);
  for (const v of care.specialistVisits) {
    if (s.age < v.ages[0] || s.age >= v.ages[1] || (v.sex && (v.sex === 'male') !== (p.sex === 1))) continue;
    for (let k = rng.poisson(v.perYear / 12); k > 0; k--) consultation(s, dayIn(s), ctx.refs.pick(rng, v.spe, p.dept), true, false);
  }
  for (const a of care.outpatientActs) {
    if (s.age < a.ages[0] || s.age >= a.ages[1] || (a.sex && (a.sex === 'male') !== (p.sex === 1))) continue;
    for (let k = rng.poisson(a.perYear / 12); k > 0; k--) technicalAct(s, dayIn(s), a.ccam, a.spe, false);
  }
  const c = care.checkupLabs;
  if (s.age >= c.ages[0] && s.age < c.ages[1] && rng.chance((c.perYear * p.labFollowUp) / 12)) {
    const n = rng.int(c.perPrescription[0], c.perPrescription[1]);
    const codes: string[] = [];
    for (let i = 0; i < n; i++) codes.push(rng.pick(c.nabm));
    labSheet(s, dayIn(s), codes, p.gp, false);
  }
}
