/**
 * What the refresh phase costs before it is timed: the preparation of the next monthly flux of a
 * dataset, in one run, the way it was (one part, one thread) and the way prepareRefresh does it
 * now (the dataset's parts, one worker thread per core). Prints one JSON line per preparation
 * (wall and CPU seconds of the process and its threads, rows per table, which must agree) and
 * the ratio.
 * Usage: node dist/bench/load/refresh-prep.js [--scale 1] [--parts 10] [--threads N] [--rounds 1]
 */
import { cpuUsage } from 'node:process';
import { parseArgs } from 'node:util';
import { prepareRefresh, refreshThreads } from '../../src/bench/phases/refresh.js';
import { addMonths, dayOfIso, isoOf } from '../../src/core/calendar.js';
import { defaultCatalog } from '../../src/core/catalog/catalog.js';
import { FLUX_TABLES } from '../../src/core/pipeline/flux.js';
import { emptyManifest, type Manifest } from '../../src/core/pipeline/manifest.js';
import { writeDataset } from '../../src/node/dataset-writer.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const { values } = parseArgs({ options: { scale: { type: 'string', default: '1' }, parts: { type: 'string', default: '10' }, threads: { type: 'string' }, rounds: { type: 'string', default: '1' }, seed: { type: 'string', default: '42' } } });
const scale = Number(values.scale);
const parts = Number(values.parts);
const threads = values.threads ? Number(values.threads) : refreshThreads();
const catalog = defaultCatalog();
// What prepareRefresh reads of a dataset is its manifest: seed, scale, parts, period and tables.
const dataset = emptyManifest({ seed: Number(values.seed), scale, parts }, 'parquet', catalog.outputTables().map((t) => t.name), catalog);
const work = mkdtempSync(join(tmpdir(), 'hdsbench-refresh-prep-'));

async function measure(label: string, prepare: () => Promise<Manifest>) {
  const cpu0 = cpuUsage();
  const t0 = performance.now();
  const flux = await prepare();
  const wall = (performance.now() - t0) / 1000;
  const cpu = cpuUsage(cpu0);
  const rows = Object.fromEntries(flux.tables.map((t) => [t, flux.files.filter((f) => f.table === t).reduce((n, f) => n + f.rows, 0)]));
  const line = { label, scale, parts: flux.parts, files: flux.files.length, wall_s: round(wall), cpu_s: round((cpu.user + cpu.system) / 1e6), rows };
  console.log(JSON.stringify(line));
  return line;
}

const round = (x: number) => Math.round(x * 10) / 10;
const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;

try {
  for (let r = 0; r < Number(values.rounds); r++) {
    // Before: the whole flux as one part, in this thread (what prepareRefresh did).
    const fluxMonth = isoOf(addMonths(dayOfIso(dataset.period.last_flux_day), 1)).slice(0, 7);
    const before = await measure('before: 1 part, 1 thread', async () => {
      const out = join(work, 'before');
      rmSync(out, { recursive: true, force: true });
      const tables = FLUX_TABLES.filter((t) => dataset.tables.includes(t));
      return (await writeDataset({ out, spec: { seed: dataset.seed, scale, parts: 1 }, format: 'parquet', tables, flux: fluxMonth, threads: 1 })).manifest;
    });
    const after = await measure(`after: ${parts} parts, ${threads} threads`, async () => (await prepareRefresh(dataset, join(work, 'after'), { threads })).manifest);
    if (JSON.stringify(before.rows) !== JSON.stringify(after.rows)) throw new Error(`the two preparations disagree on the rows: ${JSON.stringify(before.rows)} against ${JSON.stringify(after.rows)}`);
    console.log(JSON.stringify({ round: r + 1, wall_ratio_before_over_after: ratio(before.wall_s, after.wall_s), cpu_ratio_before_over_after: ratio(before.cpu_s, after.cpu_s) }));
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
