import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { parse } from 'csv-parse/sync';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/core/pipeline/manifest.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { openDataset } from '../helpers/duckdb.js';

/**
 * Every file is read back by two independent readers (DuckDB and hyparquet) with identical
 * content, and the Arrow IPC and CSV outputs hold the same values as the Parquet output.
 */
const dirs = { parquet: tempDir('rb-parquet'), arrow: tempDir('rb-arrow'), csv: tempDir('rb-csv') };
const common = ['gen', '--scale', '0.002', '--seed', '5', '--no-progress'];
let manifest: Manifest;

beforeAll(async () => {
  const rs = await Promise.all((Object.keys(dirs) as (keyof typeof dirs)[]).map((f) => runCli([...common, '--format', f, '--out', dirs[f]])));
  for (const r of rs) expect(r.stderr).toBe('');
  manifest = JSON.parse(readFileSync(join(dirs.parquet, 'manifest.json'), 'utf8')) as Manifest;
});

const DAY_MS = 86_400_000;

/** One textual form per value, whatever the reader's JS types. */
function norm(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'bigint') return String(v);
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return String(v);
}

async function parquetRows(path: string): Promise<Record<string, unknown>[]> {
  return parquetReadObjects({ file: await asyncBufferFromFile(path), compressors });
}

describe('read back', () => {
  it('DuckDB and hyparquet read identical content from every Parquet file', async () => {
    const c = await openDataset(dirs.parquet, []);
    for (const f of manifest.files) {
      const path = join(dirs.parquet, f.path);
      const hy = await parquetRows(path);
      expect(hy.length, f.path).toBe(f.rows);
      const duck = (await c.runAndReadAll(`select * exclude (file_row_number) from read_parquet('${path}', file_row_number = true) order by file_row_number`)).getRowObjects();
      expect(duck.length, f.path).toBe(f.rows);
      for (let r = 0; r < hy.length; r++) {
        for (const [k, v] of Object.entries(hy[r])) {
          const d = duck[r][k];
          const dv = d !== null && typeof d === 'object' && 'days' in d ? new Date(Number((d as { days: number }).days) * DAY_MS) : d;
          if (norm(v) !== norm(dv)) expect(`${f.path} row ${r} ${k}: ${norm(dv)}`).toBe(`${f.path} row ${r} ${k}: ${norm(v)}`);
        }
      }
    }
  });

  it('Arrow IPC and CSV files hold the same values as the Parquet files', async () => {
    for (const f of manifest.files) {
      const reference = await parquetRows(join(dirs.parquet, f.path));
      const arrow = tableFromIPC(readFileSync(join(dirs.arrow, f.path.replace(/\.parquet$/, '.arrows'))));
      expect(arrow.numRows, f.path).toBe(reference.length);
      const csv = parse(readFileSync(join(dirs.csv, f.path.replace(/\.parquet$/, '.csv'))), { columns: true }) as Record<string, string>[];
      expect(csv.length, f.path).toBe(reference.length);
      const fields = arrow.schema.fields.map((x) => x.name);
      expect(Object.keys(csv[0] ?? Object.fromEntries(fields.map((x) => [x, ''])))).toEqual(fields);
      for (let r = 0; r < reference.length; r++) {
        const row = arrow.get(r)?.toJSON() as Record<string, unknown>;
        for (const k of fields) {
          const expected = norm(reference[r][k]);
          const a = row[k];
          const av = typeof a === 'number' && arrow.schema.fields.find((x) => x.name === k)?.type.toString().startsWith('Date') ? new Date(a) : a;
          if (norm(av) !== expected) expect(`${f.path} arrow row ${r} ${k}: ${norm(av)}`).toBe(`${f.path} arrow row ${r} ${k}: ${expected}`);
          if (csv[r][k] !== expected) expect(`${f.path} csv row ${r} ${k}: ${csv[r][k]}`).toBe(`${f.path} csv row ${r} ${k}: ${expected}`);
        }
      }
    }
  });
});
