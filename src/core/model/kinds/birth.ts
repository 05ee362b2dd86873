import type { MonthState } from '../care-month.js';
import { placeStay, type StayBook } from '../stays.js';

/** Birth (care.json `newborn`): the newborn's own stay in the month they are born. */
export function birthMonth(s: MonthState, book: StayBook): void {
  const { p, ctx, rng } = s;
  if (p.birthDay < s.start || p.birthDay > s.end) return;
  const nb = ctx.care.newborn;
  placeStay(s, {
    hospital: ctx.refs.hospitalFor(rng, p.dept, null), admission: p.birthDay, los: Math.max(1, Math.round(rng.lognormal(nb.losMedian, nb.losSigma))),
    dp: nb.dp, das: [], ghmRoot: nb.ghm, acts: [], sessions: 0, ald: false,
  }, book);
}
