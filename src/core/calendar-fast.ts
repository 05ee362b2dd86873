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

/** 'YYYYMM' of a day number. */
export function civilYearMonth(day: number): string {
  const [y, m] = civilFromDays(day);
  return `${y}${TWO_DIGITS[m]}`;
}
