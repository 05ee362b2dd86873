/**
 * Does the reference engine gain by loading the benchmark dataset into DuckDB tables once, instead
 * of answering every query over views of the Parquet files? In one run on one dataset: the same
 * queries (the power phase's 15 and `--sets` more sets of 15 with throughput-like bindings)
 * answered (a) over views, as src/bench/reference-engine.ts does, and (b) after a
 * CREATE TABLE … AS SELECT of every table into a DuckDB file; the answers are compared exactly
 * (views twice, and views against tables).
 * Usage: node dist/bench/load/reference-engine-cost.js --dataset DIR [--sets 3] [--memory 2GB]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { toRow } from '../../src/bench/rows.js';
import { drawBinding, loadWorkload, renderSql, runKeyOf } from '../../src/bench/workload.js';
import { defaultCatalog } from '../../src/core/catalog/catalog.js';
import { readManifest } from '../../src/node/dataset-writer.js';
import { scanFilesSql } from '../../src/node/duckdb-scan.js';

const { values } = parseArgs({ options: { dataset: { type: 'string' }, sets: { type: 'string', default: '3' }, memory: { type: 'string', default: '2GB' } } });
if (!values.dataset) throw new Error('--dataset DIR is required');
const dir = values.dataset;
const manifest = await readManifest(dir);
if (!manifest?.complete) throw new Error(`${dir} holds no complete dataset`);
const catalog = defaultCatalog();
const workload = loadWorkload();
const runKey = runKeyOf(undefined, manifest.seed);
const sqls: string[] = [];
for (let set = 0; set <= Number(values.sets); set++) for (const t of workload.templates) sqls.push(renderSql(t, drawBinding(t, runKey, set, set === 0 ? 0 : 1)));
const work = mkdtempSync(join(tmpdir(), 'hdsbench-reference-cost-'));

async function answer(c: DuckDBConnection): Promise<{ seconds: number; answers: string[]; perTemplate: number[] }> {
  const t0 = performance.now();
  const answers: string[] = [];
  const perTemplate = new Array<number>(workload.templates.length).fill(0);
  for (let i = 0; i < sqls.length; i++) {
    const q0 = performance.now();
    const reader = await c.runAndReadAll(sqls[i]);
    perTemplate[i % workload.templates.length] += (performance.now() - q0) / 1000;
    answers.push(JSON.stringify(reader.getRows().map(toRow)));
  }
  return { seconds: (performance.now() - t0) / 1000, answers, perTemplate };
}

let engines = 0;
async function engine(kind: 'VIEW' | 'TABLE') {
  const file = join(work, `${kind}-${++engines}.duckdb`);
  const db = await DuckDBInstance.create(file);
  const c = await db.connect();
  await c.run(`SET memory_limit = '${values.memory}'`);
  const t0 = performance.now();
  for (const table of manifest!.tables) {
    const paths = manifest!.files.filter((f) => f.table === table).map((f) => join(dir, f.path));
    await c.run(`CREATE ${kind} ${table} AS SELECT * FROM ${scanFilesSql(catalog.table(table), paths, manifest!.format)}`);
  }
  if (kind === 'TABLE') await c.run('CHECKPOINT');
  const prepare = (performance.now() - t0) / 1000;
  const r = await answer(c);
  c.closeSync();
  db.closeSync();
  return { prepare, ...r };
}

const round = (x: number) => Math.round(x * 100) / 100;
try {
  const views = await engine('VIEW');
  const again = await engine('VIEW');
  const tables = await engine('TABLE');
  const differ = (x: string[], y: string[]) => x.filter((a, i) => a !== y[i]).length;
  // Exact comparison of the printed rows: floating-point sums may differ in their last digits between runs of the same engine.
  console.log(JSON.stringify({ scale: manifest.scale, queries: sqls.length, views: { prepare_s: round(views.prepare), queries_s: round(views.seconds), again_s: round(again.seconds) }, tables: { load_s: round(tables.prepare), queries_s: round(tables.seconds) }, answers_differ_views_twice: differ(views.answers, again.answers), answers_differ_views_tables: differ(views.answers, tables.answers) }));
  const first = views.answers.findIndex((a, i) => a !== tables.answers[i]);
  if (first >= 0) console.log(JSON.stringify({ first_difference: sqls[first].slice(0, 80), views: views.answers[first].slice(0, 300), tables: tables.answers[first].slice(0, 300) }));
  console.log(JSON.stringify({ per_template_views_over_tables: Object.fromEntries(workload.templates.map((t, i) => [t.id, round(views.perTemplate[i] / tables.perTemplate[i])])) }));
  const saved = views.seconds - tables.seconds;
  console.log(JSON.stringify({ seconds_saved_per_query: round(saved / sqls.length), queries_to_repay_the_load: saved > 0 ? Math.ceil(tables.prepare / (saved / sqls.length)) : null }));
} finally {
  rmSync(work, { recursive: true, force: true });
}
