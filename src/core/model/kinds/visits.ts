import { consultation, labSheet, technicalAct } from '../billing.js';
import { dayIn, type MonthState } from '../care-month.js';
import { curveAt } from '../model-data.js';
import { KEPT_AGES, PoissonMeans } from '../poisson-means.js';

type Care = MonthState['ctx']['care'];

/**
 * The monthly means of the draws below with their exponentials, for the last care model asked: the
 * background GP visits by age, then one slot per specialist visit and per act (their means are fixed).
 */
let meansOf: Care | null = null;
let means = new PoissonMeans(0);
function meansFor(care: Care): PoissonMeans {
  if (meansOf !== care) {
    meansOf = care;
    means = new PoissonMeans(KEPT_AGES + care.specialistVisits.length + care.outpatientActs.length);
    for (let i = 0; i < care.specialistVisits.length; i++) means.set(KEPT_AGES + i, care.specialistVisits[i].perYear / 12);
    for (let i = 0; i < care.outpatientActs.length; i++) means.set(KEPT_AGES + care.specialistVisits.length + i, care.outpatientActs[i].perYear / 12);
  }
  return means;
}

/**
 * Visits that are neither acute episodes nor the follow-up of a chronic condition (care.json
 * `gpVisits`, `specialistVisits`, `outpatientActs`, `checkupLabs`): prevention, certificates,
 * screening, imaging, check-up blood tests.
 */
export function visitsMonth(s: MonthState): void {
  const { rng, p, ctx } = s;
  const care = ctx.care;
  const m = meansFor(care);
  const gpMean = (age: number) => (curveAt(care.gpVisits, age) * care.gpVisitsBackgroundShare) / 12;
  let gp: number;
  if (s.age < KEPT_AGES) {
    if (!m.has(s.age)) m.set(s.age, gpMean(s.age));
    gp = rng.poissonWithLimit(m.mean(s.age), m.limit(s.age));
  } else gp = rng.poisson(gpMean(s.age));
  for (let k = gp; k > 0; k--) consultation(s, dayIn(s), p.gp, false, false);
  const specialists = care.specialistVisits;
  for (let i = 0; i < specialists.length; i++) {
    const v = specialists[i];
    if (s.age < v.ages[0] || s.age >= v.ages[1] || (v.sex && (v.sex === 'male') !== (p.sex === 1))) continue;
    for (let k = rng.poissonWithLimit(m.mean(KEPT_AGES + i), m.limit(KEPT_AGES + i)); k > 0; k--) consultation(s, dayIn(s), ctx.refs.pick(rng, v.spe, p.dept), true, false);
  }
  const acts = care.outpatientActs;
  const firstAct = KEPT_AGES + specialists.length;
  for (let i = 0; i < acts.length; i++) {
    const a = acts[i];
    if (s.age < a.ages[0] || s.age >= a.ages[1] || (a.sex && (a.sex === 'male') !== (p.sex === 1))) continue;
    for (let k = rng.poissonWithLimit(m.mean(firstAct + i), m.limit(firstAct + i)); k > 0; k--) technicalAct(s, dayIn(s), a.ccam, a.spe, false);
  }
  const c = care.checkupLabs;
  if (s.age >= c.ages[0] && s.age < c.ages[1] && rng.chance((c.perYear * p.labFollowUp) / 12)) {
    const n = rng.int(c.perPrescription[0], c.perPrescription[1]);
    const codes: string[] = [];
    for (let i = 0; i < n; i++) codes.push(rng.pick(c.nabm));
    labSheet(s, dayIn(s), codes, p.gp, false);
  }
}
