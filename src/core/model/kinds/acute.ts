import { consultation, dispense, labSheet, pickDrug, type Dispensed } from '../billing.js';
import { dayIn, type MonthState } from '../care-month.js';
import { curveAt } from '../model-data.js';
import { KEPT_AGES, PoissonMeans } from '../poisson-means.js';

type Care = MonthState['ctx']['care'];

/** The monthly means of the episodes by (episode, age, month of year) with their exponentials, for the last care model asked. */
let meansOf: Care | null = null;
let means = new PoissonMeans(0);
function meansFor(care: Care): PoissonMeans {
  if (meansOf !== care) {
    meansOf = care;
    means = new PoissonMeans(care.acuteEpisodes.length * KEPT_AGES * 12);
  }
  return means;
}

/**
 * Acute episodes (care.json `acuteEpisodes`): infections, gastroenteritis, pain... at their age rate
 * and seasonality; most bring a GP visit, then drugs and sometimes lab tests.
 */
export function acuteMonth(s: MonthState): void {
  const { rng, p, ctx } = s;
  const episodes = ctx.care.acuteEpisodes;
  const m = meansFor(ctx.care);
  for (let i = 0; i < episodes.length; i++) {
    const e = episodes[i];
    if (e.sex && (e.sex === 'male') !== (p.sex === 1)) continue;
    let n: number;
    if (s.age < KEPT_AGES) {
      const at = (i * KEPT_AGES + s.age) * 12 + s.monthOfYear;
      if (!m.has(at)) m.set(at, (curveAt(e.rate, s.age) * e.seasonality[s.monthOfYear]) / 12);
      n = rng.poissonWithLimit(m.mean(at), m.limit(at));
    } else n = rng.poisson((curveAt(e.rate, s.age) * e.seasonality[s.monthOfYear]) / 12);
    for (let k = 0; k < n; k++) {
      if (!rng.chance(e.gpVisit)) continue; // self-care: nothing reimbursed
      const day = dayIn(s);
      consultation(s, day, p.gp, false, false);
      const items: Dispensed[] = [];
      for (const [atc, pr] of e.drugs) {
        if (!rng.chance(pr)) continue;
        const [lo, hi] = ctx.care.acuteBoxes.byAtc[atc] ?? ctx.care.acuteBoxes.default;
        items.push({ drug: pickDrug(s, atc), boxes: rng.int(lo, hi), ald: false });
      }
      dispense(s, Math.min(s.end, day + rng.int(0, 1)), items, p.gp, day);
      const labs: string[] = [];
      for (const [c, pr] of e.labs) if (rng.chance(pr)) labs.push(c);
      if (labs.length) labSheet(s, Math.min(s.end, day + 1), labs, p.gp, false);
    }
  }
}
