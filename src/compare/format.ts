/** Number formats shared by the terminal and HTML reports (fixed, locale-independent). */

export function ratio(x: number): string {
  return x >= 100 ? x.toFixed(0) : x.toFixed(2);
}

export function seconds(x: number): string {
  return x < 10 ? x.toFixed(3) : x < 100 ? x.toFixed(2) : x.toFixed(1);
}

export function milliseconds(x: number): string {
  return x < 10 ? x.toFixed(2) : x < 1000 ? x.toFixed(1) : x.toFixed(0);
}

export { formatBytes as bytes } from '../format/text.js';

/** Three significant digits, without exponent for the usual magnitudes. */
export function significant(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return '—';
  if (x === 0) return '0';
  const digits = Math.max(0, 2 - Math.floor(Math.log10(Math.abs(x))));
  return digits > 8 ? x.toExponential(2) : x.toFixed(digits);
}

export function euros(x: number | null): string {
  return x === null ? '—' : significant(x);
}

export function percent(x: number): string {
  return `${(x * 100).toFixed(x < 0.01 ? 2 : 1)} %`;
}

export function shortHash(h: string | null, n = 12): string {
  return h ? h.slice(0, n) : '—';
}
