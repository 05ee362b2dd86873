import type { Row } from './target.js';

/** Convert a driver's value to a JSON-safe scalar: numbers (bigint and decimals too), ISO dates, strings. */
export function scalar(v: unknown): number | string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && v !== null && 'days' in v) return new Date(Number((v as { days: number }).days) * 86_400_000).toISOString().slice(0, 10);
  const text = String(v);
  const n = Number(text);
  return text.trim() !== '' && Number.isFinite(n) && /^-?[\d.]+(e[-+]?\d+)?$/i.test(text) ? n : text;
}

export function toRow(values: readonly unknown[]): Row {
  return values.map(scalar);
}
