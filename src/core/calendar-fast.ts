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
  return civilFromDays(day)[0];
}

const TWO_DIGITS = Array.from({ length: 13 }, (_, i) => String(i).padStart(2, '0'));

const yearMonths = new Map<number, string>();

/** 'YYYYMM' of a day number (strings kept for the days seen, a few thousand at most in a dataset). */
export function civilYearMonth(day: number): string {
  let s = yearMonths.get(day);
  if (s === undefined) {
    const [y, m] = civilFromDays(day);
    s = `${y}${TWO_DIGITS[m]}`;
    if (yearMonths.size < 100_000) yearMonths.set(day, s);
  }
  return s;
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
  const [y, m] = civilFromDays(day);
  return daysFromCivil(y, m, 1);
}
