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
  const stays = ctx.care.stays;
  const table = monthProbabilities(ctx.care);
  for (let i = 0; i < stays.length; i++) {
    const st = stays[i];
    if (s.age < st.ages[0] || s.age >= st.ages[1] || (st.sex && (st.sex === 'male') !== (p.sex === 1))) continue;
    let probability: number;
    if (s.age < TABLE_AGES) {
      const at = ((i * TABLE_AGES + s.age) * 12 + s.monthOfYear) * 2 + p.sex - 1;
      probability = table[at];
      if (probability !== probability) probability = table[at] = monthProbability(ctx.care, st, s.age, s.monthOfYear, p.sex);
    } else probability = monthProbability(ctx.care, st, s.age, s.monthOfYear, p.sex);
    if (rng.chance(probability)) placeStay(s, drawStay(s, st, false, associatedDiagnoses(p, '')), book, st);
  }
}

type Care = MonthState['ctx']['care'];
type StayReason = Care['stays'][number];

/** Probability of a stay for `st` in a month: its yearly rate by age, season and sex, as a monthly hazard. */
function monthProbability(care: Care, st: StayReason, age: number, monthOfYear: number, sex: 1 | 2): number {
  let rate = st.rate;
  if (st.ageSlope) rate *= Math.pow(st.ageSlope, (age - st.ages[0]) / 10);
  if (st.winter) rate *= care.winterSeasonality[monthOfYear];
  if (st.maleRatio) rate *= sex === 1 ? (2 * st.maleRatio) / (1 + st.maleRatio) : 2 / (1 + st.maleRatio);
  return 1 - Math.exp(-rate / 12);
}

/** Ages whose probabilities are kept (older ones are computed each time). */
const TABLE_AGES = 128;

/** monthProbability by (reason, age, month of year, sex), computed on first use (NaN until then), for the last care model asked. */
let tableOf: Care | null = null;
let table = new Float64Array(0);
function monthProbabilities(care: Care): Float64Array {
  if (tableOf !== care) {
    tableOf = care;
    table = new Float64Array(care.stays.length * TABLE_AGES * 12 * 2).fill(NaN);
  }
  return table;
}
