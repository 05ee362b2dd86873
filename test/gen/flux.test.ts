import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/core/catalog/catalog.js';
import { MemorySink } from '../../src/core/encode/byte-sink.js';
import { datasetFiles, filePath } from '../../src/core/pipeline/dataset.js';
import { FLUX_TABLES } from '../../src/core/pipeline/flux.js';
import { generateFiles } from '../../src/core/pipeline/generate.js';
import type { Manifest } from '../../src/core/pipeline/manifest.js';
import { dayOfIso } from '../../src/core/calendar.js';
import { initParquetForNode } from '../../src/node/parquet-node.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { openDataset, scalar } from '../helpers/duckdb.js';

/**
 * A monthly flux on its own (gen --flux) holds exactly the rows of that month in the dataset one
 * month longer: same bytes in CSV (row by row), same rows in Parquet, whatever the parts.
 */
const SCALE = 0.005;
const SEED = 5;
const MONTH = '2025-07';
const tables = [...FLUX_TABLES];
const catalog = defaultCatalog();

async function generate(parts: number, options: { flux?: string; lastFluxDay?: number }, format: 'csv' | 'parquet'): Promise<Map<string, Uint8Array[]>> {
  const spec = { seed: SEED, scale: SCALE, parts };
  const out = new Map<string, Uint8Array[]>(tables.map((t) => [t, []]));
  for (let k = 1; k <= parts; k++) {
    const sinks = new Map<string, MemorySink>();
    await generateFiles({ spec, format, files: datasetFiles(catalog, spec, tables, k), ...options, sinkFor: (f) => sinks.set(f.table, new MemorySink()).get(f.table) as MemorySink });
    for (const t of tables) (out.get(t) as Uint8Array[]).push((sinks.get(t) as MemorySink).bytes());
  }
  return out;
}

/** Header and the raw lines of a CSV file whose FLX_DIS_DTD is `day`, in order. */
function fluxLines(csv: Uint8Array, day?: string): { header: string; lines: string[] } {
  const text = new TextDecoder().decode(csv);
  const records = parse(text, { raw: true, relax_quotes: false }) as unknown as { record: string[]; raw: string }[];
  const col = records[0].record.indexOf('FLX_DIS_DTD');
  const lines = records.slice(1).filter((r) => day === undefined || r.record[col] === day).map((r) => r.raw);
  return { header: records[0].raw, lines };
}

let longer: Map<string, Uint8Array[]>;
let flux1: Map<string, Uint8Array[]>;
let flux3: Map<string, Uint8Array[]>;

beforeAll(async () => {
  initParquetForNode();
  longer = await generate(1, { lastFluxDay: dayOfIso(`${MONTH}-01`) }, 'csv');
  flux1 = await generate(1, { flux: MONTH }, 'csv');
  flux3 = await generate(3, { flux: MONTH }, 'csv');
});

describe('monthly flux on its own', () => {
  it('is byte for byte the rows of that month in the one-month-longer dataset (CSV), in one part or three', () => {
    for (const t of tables) {
      const reference = fluxLines((longer.get(t) as Uint8Array[])[0], `${MONTH}-01`);
      const alone = fluxLines((flux1.get(t) as Uint8Array[])[0]);
      expect(alone.header, t).toBe(reference.header);
      expect(alone.lines.length, t).toBe(reference.lines.length);
      expect(alone.lines.join(''), t).toBe(reference.lines.join(''));
      // The CSV file is its header then exactly those lines: nothing else is encoded.
      expect(new TextDecoder().decode((flux1.get(t) as Uint8Array[])[0]), t).toBe(reference.header + reference.lines.join(''));
      const parts = (flux3.get(t) as Uint8Array[]).map((b) => fluxLines(b).lines.join('')).join('');
      expect(parts, t).toBe(reference.lines.join(''));
    }
    // New care, late lines and regularisations are all there: the flux is not empty.
    expect(fluxLines((flux1.get('ER_PRS_F') as Uint8Array[])[0]).lines.length).toBeGreaterThan(100);
  });

  it('gen --flux writes only the flux tables, in Parquet the same rows as the longer dataset filtered, with a manifest naming the flux', async () => {
    const dir = tempDir('flux');
    const r = await runCli(['gen', '--scale', String(SCALE), '--seed', String(SEED), '--parts', '2', '--flux', MONTH, '--out', dir, '--no-progress']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
    expect(m.flux).toBe(MONTH);
    expect(m.complete).toBe(true);
    expect(m.period.last_flux_day).toBe(`${MONTH}-01`);
    expect([...new Set(m.files.map((f) => f.table))].sort()).toEqual([...tables].sort());
    expect(existsSync(join(dir, 'IR_BEN_R'))).toBe(false);
    // Reference: the longer dataset in Parquet, filtered by DuckDB.
    const longDir = tempDir('flux-longer');
    const spec = { seed: SEED, scale: SCALE, parts: 1 };
    const longParquet = await generate(1, { lastFluxDay: dayOfIso(`${MONTH}-01`) }, 'parquet');
    const { mkdirSync, writeFileSync } = await import('node:fs');
    for (const t of tables) {
      mkdirSync(join(longDir, t), { recursive: true });
      writeFileSync(join(longDir, filePath(datasetFiles(catalog, spec, [t])[0], 'parquet')), (longParquet.get(t) as Uint8Array[])[0]);
    }
    const c = await openDataset(dir, tables);
    for (const t of tables) {
      const expected = await scalar(c, `select count(*) from read_parquet('${longDir}/${t}/*.parquet') where FLX_DIS_DTD = date '${MONTH}-01'`);
      expect(await scalar(c, `select count(*) from "${t}"`), t).toBe(expected);
      expect(m.files.filter((f) => f.table === t).reduce((n, f) => n + f.rows, 0), t).toBe(expected);
      const diff = `(select * from "${t}" except all select * from read_parquet('${longDir}/${t}/*.parquet') where FLX_DIS_DTD = date '${MONTH}-01') union all (select * from read_parquet('${longDir}/${t}/*.parquet') where FLX_DIS_DTD = date '${MONTH}-01' except all select * from "${t}")`;
      expect(await scalar(c, `select count(*) from (${diff})`), t).toBe(0);
    }
    c.closeSync();
  });

  it('refuses tables outside the flux, a malformed month and a month outside the period, with status 2', async () => {
    const dir = tempDir('flux-bad');
    const other = await runCli(['gen', '--scale', '0.001', '--flux', MONTH, '--tables', 'IR_BEN_R', '--out', dir, '--no-progress']);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('flux tables');
    const malformed = await runCli(['gen', '--scale', '0.001', '--flux', '2025-7', '--out', dir, '--no-progress']);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('YYYY-MM');
    const far = await runCli(['gen', '--scale', '0.001', '--flux', '2031-01', '--out', dir, '--no-progress']);
    expect(far.code).toBe(2);
    expect(far.stderr).toContain('outside');
    expect(existsSync(join(dir, 'manifest.json'))).toBe(false);
  });

  it('a flux folder and a dataset folder are never mixed', async () => {
    const dir = tempDir('flux-mix');
    expect((await runCli(['gen', '--scale', '0.001', '--flux', MONTH, '--out', dir, '--no-progress'])).code).toBe(0);
    const whole = await runCli(['gen', '--scale', '0.001', '--out', dir, '--no-progress']);
    expect(whole.code).toBe(2);
    expect(whole.stderr).toContain(`flux ${MONTH}`);
  });
});
