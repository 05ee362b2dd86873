/**
 * Civil date from a day number with integer arithmetic only (H. Hinnant's days_from_civil inverse):
 * the hot path of date-derived columns, where building Date objects would dominate.
 */
export function civilFromDays(z: number): [number, number, number] {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return [y, m, d];
}

export function civilYear(day: number): number {
  const i = monthIndex(day);
  return i >= 0 ? FIRST_YEAR + Math.floor(i / 12) : civilFromDays(day)[0];
}

/**
 * The months of FIRST_YEAR to LAST_YEAR (every date of a dataset: births, care, flux) as a table: the
 * month of each day and the first day of each month, built from the arithmetic below on first use.
 * A day's month, first of month and 'YYYYMM' are then two loads, not a conversion (the care model
 * asks them for every care line); days outside fall back to the arithmetic.
 */
const FIRST_YEAR = 1850;
const LAST_YEAR = 2149;
let tableFirstDay = 0;
/** Month of each day from tableFirstDay (0 = January of FIRST_YEAR); its first day and that of the month after. */
let monthOfDay: Uint16Array | null = null;
let monthStarts = new Int32Array(0);

function buildMonthTable(): Uint16Array {
  const months = (LAST_YEAR - FIRST_YEAR + 1) * 12;
  monthStarts = new Int32Array(months + 1);
  for (let i = 0; i <= months; i++) monthStarts[i] = daysFromCivil(FIRST_YEAR + Math.floor(i / 12), (i % 12) + 1, 1);
  tableFirstDay = monthStarts[0];
  const table = new Uint16Array(monthStarts[months] - tableFirstDay);
  for (let i = 0; i < months; i++) table.fill(i, monthStarts[i] - tableFirstDay, monthStarts[i + 1] - tableFirstDay);
  return table;
}

/** Index of the month of `day` in the table, or -1 when the day is outside it. */
function monthIndex(day: number): number {
  const table = monthOfDay ?? (monthOfDay = buildMonthTable());
  const at = day - tableFirstDay;
  return at >= 0 && at < table.length ? table[at] : -1;
}

const TWO_DIGITS = Array.from({ length: 13 }, (_, i) => String(i).padStart(2, '0'));

/** 'YYYYMM' of each month of the table, made when first asked. */
const monthTexts: (string | undefined)[] = [];

/** 'YYYYMM' of a day number (one string per month of the table, kept). */
export function civilYearMonth(day: number): string {
  const i = monthIndex(day);
  if (i < 0) {
    const [y, m] = civilFromDays(day);
    return `${y}${TWO_DIGITS[m]}`;
  }
  return monthTexts[i] ?? (monthTexts[i] = `${FIRST_YEAR + Math.floor(i / 12)}${TWO_DIGITS[(i % 12) + 1]}`);
}

/** Day number of a civil date (month 1..12, may overflow into the next years), integer arithmetic only. */
export function daysFromCivil(y: number, m: number, d: number): number {
  y += Math.floor((m - 1) / 12);
  m = ((((m - 1) % 12) + 12) % 12) + 1;
  if (m <= 2) y--;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** First day of the month after the month of `day`. */
export function firstOfNextMonth(day: number): number {
  const i = monthIndex(day);
  if (i >= 0) return monthStarts[i + 1];
  const [y, m] = civilFromDays(day);
  return daysFromCivil(y, m + 1, 1);
}

const dayTexts = new Map<number, string>();

/** 'DDMMYYYY' of a day number: the SNDS's text form of a date (PMSI ENT_DAT, SOR_DAT: format %d%m%Y). */
export function civilDayText(day: number): string {
  let s = dayTexts.get(day);
  if (s === undefined) {
    const [y, m, d] = civilFromDays(day);
    s = `${String(d).padStart(2, '0')}${TWO_DIGITS[m]}${y}`;
    if (dayTexts.size < 100_000) dayTexts.set(day, s);
  }
  return s;
}

/** Day number of the first day of the month of a day number. */
export function firstOfMonth(day: number): number {
  const i = monthIndex(day);
  if (i >= 0) return monthStarts[i];
  const [y, m] = civilFromDays(day);
  return daysFromCivil(y, m, 1);
}
