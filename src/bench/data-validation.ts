import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { defaultCatalog } from '../core/catalog/catalog.js';
import type { TableSchema } from '../core/catalog/catalog-types.js';
import type { Manifest } from '../core/pipeline/manifest.js';
import { scanFilesSql } from '../node/duckdb-scan.js';
import { toRow } from './rows.js';
import type { Target } from './target.js';

/**
 * Data validation: engine-neutral checksums of every loaded table — row count, exact sums of
 * integer columns, sums of decimal columns (to a relative 1e-9), first and last date — computed on
 * the target and on the dataset files themselves (embedded DuckDB reading the files), and row
 * counts checked against the manifest. A partial or altered load is caught here.
 */
export interface TableCheck {
  table: string;
  expected: (number | string | null)[];
  actual: (number | string | null)[] | null;
  ok: boolean;
  reason?: string;
}

const LABELS = (t: TableSchema) => checksumColumns(t).map((c) => c.label);

function checksumColumns(t: TableSchema): { label: string; expr: string }[] {
  const ints = t.fields.filter((f) => f.type === 'integer').slice(0, 3);
  const nums = t.fields.filter((f) => f.type === 'number').slice(0, 2);
  const date = t.fields.find((f) => f.type === 'date' && f.gen && !('null' in f.gen));
  return [
    { label: 'rows', expr: 'COUNT(*)' },
    // COALESCE before CAST: a NULL adds nothing to the sum, and engines that refuse CAST(NULL AS BIGINT) on a nullable column (ClickHouse) need not.
    ...ints.map((f) => ({ label: `sum ${f.name}`, expr: `SUM(CAST(COALESCE(${f.name}, 0) AS BIGINT))` })),
    ...nums.map((f) => ({ label: `sum ${f.name}`, expr: `SUM(${f.name})` })),
    ...(date ? [{ label: `min ${date.name}`, expr: `MIN(${date.name})` }, { label: `max ${date.name}`, expr: `MAX(${date.name})` }] : []),
  ];
}

export function checksumSql(t: TableSchema, from: string): string {
  return `SELECT ${checksumColumns(t).map((c) => c.expr).join(', ')} FROM ${from}`;
}

function sameChecksum(a: (number | string | null)[], b: (number | string | null)[]): boolean {
  return a.length === b.length && a.every((x, i) => {
    const y = b[i];
    if (typeof x === 'number' && typeof y === 'number') return Number.isInteger(x) && Number.isInteger(y) ? x === y : Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x));
    return x === y;
  });
}

/** Checksums of the dataset's own files (the reference the loaded data must match). */
export async function fileChecksums(dir: string, manifest: Manifest, extraFiles: Map<string, string[]> = new Map()): Promise<Map<string, (number | string | null)[]>> {
  const catalog = defaultCatalog();
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const out = new Map<string, (number | string | null)[]>();
  try {
    for (const table of manifest.tables) {
      const files = [...manifest.files.filter((f) => f.table === table).map((f) => join(dir, f.path)), ...(extraFiles.get(table) ?? [])];
      const reader = await c.runAndReadAll(checksumSql(catalog.table(table), scanFilesSql(catalog.table(table), files, manifest.format)));
      out.set(table, toRow(reader.getRows()[0]));
    }
  } finally {
    c.closeSync();
    db.closeSync();
  }
  return out;
}

export async function validateData(target: Target, manifest: Manifest, expected: Map<string, (number | string | null)[]>, extraRows: Map<string, number> = new Map()): Promise<TableCheck[]> {
  const catalog = defaultCatalog();
  const checks: TableCheck[] = [];
  for (const table of manifest.tables) {
    const exp = expected.get(table) as (number | string | null)[];
    const manifestRows = manifest.files.filter((f) => f.table === table).reduce((a, f) => a + f.rows, 0) + (extraRows.get(table) ?? 0);
    try {
      const r = await target.query(checksumSql(catalog.table(table), table));
      const actual = r.rows[0];
      const reasons: string[] = [];
      if (actual[0] !== manifestRows) reasons.push(`${actual[0]} rows loaded, the manifest lists ${manifestRows}`);
      if (!sameChecksum(exp, actual)) {
        const labels = LABELS(catalog.table(table));
        const diff = labels.filter((_, i) => !sameChecksum([exp[i]], [actual[i]]));
        reasons.push(`checksums differ from the dataset files (${diff.join(', ')})`);
      }
      checks.push({ table, expected: exp, actual, ok: reasons.length === 0, ...(reasons.length ? { reason: reasons.join('; ') } : {}) });
    } catch (e) {
      checks.push({ table, expected: exp, actual: null, ok: false, reason: `query failed: ${(e as Error).message}` });
    }
  }
  return checks;
}
