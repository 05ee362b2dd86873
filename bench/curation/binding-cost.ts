/**
 * Parameter curation check (LDBC style): every binding of every template, run on embedded DuckDB
 * over a generated dataset, with the engine's own figures — rows processed by all operators
 * (cumulative_cardinality, deterministic) and latency (median of 3). Prints, per template, how far
 * apart its bindings are (max/min); a wide spread means the curated values should be revised.
 *   npm run build && node dist/bench/curation/binding-cost.js [--scale 0.1] [--seed 42] [--data data] [--verbose]
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { defaultCatalog } from '../../src/core/catalog/catalog.js';
import { scanFilesSql } from '../../src/node/duckdb-scan.js';
import { defaultDatasetDir, ensureDataset } from '../../src/bench/datasets.js';
import { renderSql, loadWorkload, type ParamValue, type Template } from '../../src/bench/workload.js';
import { textTable } from '../../src/format/text.js';
import { scriptArgs } from '../script-args.js';

/** Every binding of a template: the cartesian product of its parameters' curated values. */
function allBindings(t: Template): Record<string, ParamValue>[] {
  return Object.entries(t.params).reduce<Record<string, ParamValue>[]>((acc, [name, values]) => acc.flatMap((b) => values.map((v) => ({ ...b, [name]: v }))), [{}]);
}

const spread = (xs: number[]) => Math.max(...xs) / Math.max(1e-12, Math.min(...xs));

const args = scriptArgs({
  usage: 'usage: node dist/bench/curation/binding-cost.js [--scale 0.1] [--seed 42] [--data data] [--verbose]',
  strings: { seed: '42', scale: '0.1', data: 'data' },
  flags: ['verbose'],
});
const spec = { seed: args.number('seed', { min: 0, integer: true }), scale: args.number('scale', { min: 0.00001 }), parts: 1 };
const verbose = args.flag('verbose');
const dir = defaultDatasetDir(args.string('data'), spec, 'parquet');
const manifest = await ensureDataset(dir, spec, 'parquet', (l) => process.stderr.write(`${l}\n`));
const work = await mkdtemp(join(tmpdir(), 'hdsbench-curation-'));
const profile = join(work, 'profile.json');
const db = await DuckDBInstance.create(':memory:');
const c = await db.connect();
try {
  const catalog = defaultCatalog();
  for (const table of manifest.tables) {
    const paths = manifest.files.filter((f) => f.table === table).map((f) => join(dir, f.path));
    await c.run(`CREATE TABLE ${table} AS SELECT * FROM ${scanFilesSql(catalog.table(table), paths, manifest.format)}`);
  }
  await c.run(`PRAGMA enable_profiling = 'json'`);
  await c.run(`PRAGMA profiling_output = '${profile}'`);
  const rows: (string | number)[][] = [];
  for (const t of loadWorkload().templates) {
    const measured: { binding: string; rowsProcessed: number; ms: number; rowsOut: number }[] = [];
    for (const b of allBindings(t)) {
      const sql = renderSql(t, b);
      const runs: { ms: number; card: number; out: number }[] = [];
      for (let i = 0; i < 3; i++) {
        const out = (await c.runAndReadAll(sql)).getRows().length;
        const p = JSON.parse(await readFile(profile, 'utf8')) as { latency: number; cumulative_cardinality: number };
        runs.push({ ms: p.latency * 1000, card: p.cumulative_cardinality, out });
      }
      runs.sort((a, z) => a.ms - z.ms);
      measured.push({ binding: Object.values(b).join(' | '), rowsProcessed: runs[1].card, ms: runs[1].ms, rowsOut: runs[1].out });
    }
    const cards = measured.map((m) => m.rowsProcessed);
    const times = measured.map((m) => m.ms);
    rows.push([t.id, measured.length, Math.min(...cards), Math.max(...cards), spread(cards).toFixed(2), spread(times).toFixed(2), `${Math.min(...measured.map((m) => m.rowsOut))}–${Math.max(...measured.map((m) => m.rowsOut))}`]);
    if (verbose) for (const m of measured) process.stderr.write(`  ${t.id} ${m.binding}: ${m.rowsProcessed} rows processed, ${m.ms.toFixed(2)} ms, ${m.rowsOut} rows out\n`);
  }
  console.log(`binding cost on DuckDB, seed ${spec.seed}, scale ${spec.scale} (dataset ${manifest.dataset_sha256?.slice(0, 16)}…)\n`);
  console.log(textTable(['template', 'bindings', 'rows processed min', 'max', 'spread', 'time spread', 'rows out'], rows));
} finally {
  c.closeSync();
  db.closeSync();
  await rm(work, { recursive: true, force: true });
}
