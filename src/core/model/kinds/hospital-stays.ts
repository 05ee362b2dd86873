import type { MonthState } from '../care-month.js';
import { associatedDiagnoses, drawStay, placePending, placeStay, placeTerminalStay, type StayBook } from '../stays.js';

/**
 * Hospital stays for the model's reasons (care.json `stays`): by age, sex, winter seasonality
 * (`winterSeasonality`) and the men's ratio, with their readmissions and second procedures; and
 * the stay a person dies in, admitted in its month (care.json `terminalStay`).
 */
export function hospitalStaysMonth(s: MonthState, book: StayBook): void {
  const { rng, p, ctx } = s;
  placePending(s, book);
  if (p.terminalField === 'MCO' && p.terminalAdmission >= s.start && p.terminalAdmission <= s.end) placeTerminalStay(s, book);
  for (const st of ctx.care.stays) {
    if (s.age < st.ages[0] || s.age >= st.ages[1] || (st.sex && (st.sex === 'male') !== (p.sex === 1))) continue;
    let rate = st.rate;
    if (st.ageSlope) rate *= Math.pow(st.ageSlope, (s.age - st.ages[0]) / 10);
    if (st.winter) rate *= ctx.care.winterSeasonality[s.monthOfYear];
    if (st.maleRatio) rate *= p.sex === 1 ? (2 * st.maleRatio) / (1 + st.maleRatio) : 2 / (1 + st.maleRatio);
    if (rng.chance(1 - Math.exp(-rate / 12))) placeStay(s, drawStay(s, st, false, associatedDiagnoses(p, '')), book, st);
  }
}
