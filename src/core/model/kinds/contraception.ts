import { dispense, pickDrug } from '../billing.js';
import type { MonthState } from '../care-month.js';

/** Oral contraception (care.json `contraception`): users drawn once per person, a box at a time on its own pharmacy sheet. */
export function contraceptionMonth(s: MonthState): void {
  const c = s.ctx.care.contraception;
  if (!s.p.contraception || s.age >= c.ages[1] || !s.rng.chance(c.boxesPerYear / 12)) return;
  const day = s.start + Math.floor(s.rng.uniform() * (s.end - s.start + 1));
  dispense(s, day, [{ drug: pickDrug(s, c.atc), boxes: 1, ald: false }], s.p.gp, day - s.rng.int(c.prescriptionAgeDays[0], c.prescriptionAgeDays[1]));
}
