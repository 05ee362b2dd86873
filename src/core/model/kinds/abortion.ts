import type { MonthState } from '../care-month.js';
import { openSheet } from '../care-sheet.js';
import { emitSheet } from '../dcir.js';

/** A medical abortion in town (care.json `ivg`): a flat fee at 100 %, billed under the woman's fictitious NIR. */
export function abortionMonth(s: MonthState): void {
  const ivg = s.ctx.care.ivg;
  if (s.p.sex !== 2 || s.age < ivg.ages[0] || s.age >= ivg.ages[1] || !s.rng.chance(ivg.ratePerYear / 12)) return;
  const day = s.start + Math.floor(s.rng.uniform() * (s.end - s.start + 1));
  const doctor = s.rng.chance(ivg.gpShare) ? s.p.gp : s.ctx.refs.pick(s.rng, s.ctx.care.billing.roles.gynecologist, s.p.dept);
  const sh = openSheet();
  sh.line(ivg.nat, ivg.amount, ivg.amount, 100, doctor, day).underFictitiousNir();
  emitSheet(s, sh, false);
}
