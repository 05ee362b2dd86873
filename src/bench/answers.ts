import type { Row } from './target.js';

/**
 * Answer comparison, TPC-style: counts and other integers exact, averages and ratios within 1 %,
 * money within a cent per row, text and dates exact. Row order is part of the answer (every
 * template orders its output).
 */
export interface Answer {
  columns: string[];
  rows: Row[];
}

export interface Mismatch {
  row: number;
  column: string;
  expected: Row[number];
  actual: Row[number];
}

const RATIO_TOLERANCE = 0.01;
const CENT = 0.01;

function sameValue(expected: Row[number], actual: Row[number], money: boolean): boolean {
  if (expected === null || actual === null) return expected === actual;
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (money) return Math.abs(expected - actual) <= CENT;
    if (Number.isInteger(expected) && Number.isInteger(actual)) return expected === actual;
    const scale = Math.max(Math.abs(expected), Math.abs(actual));
    return scale === 0 || Math.abs(expected - actual) <= RATIO_TOLERANCE * scale;
  }
  return String(expected) === String(actual);
}

/** Differences between a reference answer and an actual one (empty when they agree). */
export function compareAnswers(expected: Answer, actual: Answer, moneyColumns: readonly string[] = []): Mismatch[] {
  const out: Mismatch[] = [];
  if (expected.columns.length !== actual.columns.length) {
    return [{ row: -1, column: '(columns)', expected: expected.columns.join(','), actual: actual.columns.join(',') }];
  }
  if (expected.rows.length !== actual.rows.length) {
    return [{ row: -1, column: '(row count)', expected: expected.rows.length, actual: actual.rows.length }];
  }
  for (let r = 0; r < expected.rows.length; r++) {
    for (let c = 0; c < expected.columns.length; c++) {
      const money = moneyColumns.includes(expected.columns[c]);
      if (!sameValue(expected.rows[r][c], actual.rows[r][c], money)) {
        out.push({ row: r, column: expected.columns[c], expected: expected.rows[r][c], actual: actual.rows[r][c] });
        if (out.length >= 5) return out;
      }
    }
  }
  return out;
}
