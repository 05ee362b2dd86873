/** Dates as whole days since 1970-01-01 (Arrow date32), computed with integer arithmetic only. */

const MS_PER_DAY = 86_400_000;

/** Days since epoch of a calendar date (month 1..12). */
export function dayOf(year: number, month: number, day: number): number {
  return Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

/** Days since epoch of an ISO date 'YYYY-MM-DD'. */
export function dayOfIso(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`not an ISO date (YYYY-MM-DD): ${iso}`);
  return dayOf(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** [year, month 1..12, day] of a day number. */
export function ymdOf(day: number): [number, number, number] {
  const d = new Date(day * MS_PER_DAY);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}

/** First day of the month containing `day`. */
export function monthStart(day: number): number {
  const [y, m] = ymdOf(day);
  return dayOf(y, m, 1);
}

/** First day of the month `n` months after the month containing `day`. */
export function addMonths(day: number, n: number): number {
  const [y, m] = ymdOf(day);
  const k = y * 12 + (m - 1) + n;
  return dayOf(Math.floor(k / 12), (k % 12) + 1, 1);
}

export function isoOf(day: number): string {
  const [y, m, d] = ymdOf(day);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
