import { consultation, dispense, labSheet, pickDrug, type Dispensed } from '../billing.js';
import { dayIn, type MonthState } from '../care-month.js';
import { curveAt } from '../model-data.js';

/**
 * Acute episodes (care.json `acuteEpisodes`): infections, gastroenteritis, pain... at their age rate
 * and seasonality; most bring a GP visit, then drugs and sometimes lab tests.
 */
export function acuteMonth(s: MonthState): void {
  const { rng, p, ctx } = s;
  for (const e of ctx.care.acuteEpisodes) {
    if (e.sex && (e.sex === 'male') !== (p.sex === 1)) continue;
    const n = rng.poisson((curveAt(e.rate, s.age) * e.seasonality[s.monthOfYear]) / 12);
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
