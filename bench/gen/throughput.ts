/**
 * npm run bench:gen — generator throughput, end to end (model → encoding), bytes counted in memory.
 * For each scale and format, one part of 10,000 beneficiaries (part 1 of scale × 10, with the
 * scale-only tables; below SF 0.1 the whole dataset: what one `hdsbench gen --part 1` or one Worker request of that size produces);
 * for Parquet, also each generated table alone. Every run is a fresh process (its own peak RSS),
 * repeated and reported as the median. Speeds are per CPU second of the process (every thread
 * counted), so a busy machine changes them less than wall time. Across scales, the peak RSS of that
 * one part should stay flat (issue 12: SF 0.1 and SF 1 within 10 %).
 */
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { formatBytes, formatCount, textTable } from '../../src/format/text.js';
import { defaultCatalog } from '../../src/core/catalog/catalog.js';
import { GENERATOR_VERSION } from '../../src/core/version.js';
import { scriptArgs, usageError } from '../script-args.js';

interface Measure {
  scale: number;
  format: string;
  seconds: number;
  cpuSeconds: number;
  sinceStartSeconds: number;
  importSeconds: number;
  maxRssMiB: number;
  tables: { table: string; rows: number; bytes: number; cells: number }[];
}

const USAGE = 'usage: npm run bench:gen -- [--scales 0.1,1] [--runs 3] [--formats parquet,arrow,csv] [--alone]';
const args = scriptArgs({ usage: USAGE, strings: { scales: '0.1', runs: '3', formats: 'parquet,arrow,csv' }, flags: ['alone'] });
const runs = args.number('runs', { min: 1, integer: true });
const scales = args.string('scales').split(',');
for (const s of scales) if (!(Number(s) > 0 && Number(s) <= 1000)) usageError(USAGE, `--scales: each scale must be a number above 0 and at most 1000, got '${s}'`);
const formats = args.string('formats').split(',');
for (const f of formats) if (!['csv', 'parquet', 'arrow'].includes(f)) usageError(USAGE, `--formats: each must be csv, parquet or arrow, got '${f}'`);
/** One part of 10,000 beneficiaries (or the whole dataset when smaller): part 1 of this many at a scale (1 = 100,000 beneficiaries). */
const partsAt = (scale: string) => Math.max(1, Math.round(Number(scale) * 10));
const partLabel = (scale: string) => `part 1 of ${partsAt(scale)}, ${formatCount(Math.round((Number(scale) * 100_000) / partsAt(scale)))} beneficiaries`;
const child = join(import.meta.dirname, 'measure.js');

function measure(scale: string, format: string, tables?: string): Measure {
  const samples: Measure[] = [];
  const argv = [child, scale, format, ...(tables ? [tables] : []), '--parts', String(partsAt(scale))];
  for (let i = 0; i < runs; i++) samples.push(JSON.parse(execFileSync(process.execPath, argv, { encoding: 'utf8', maxBuffer: 1 << 24 })) as Measure);
  samples.sort((a, b) => a.cpuSeconds - b.cpuSeconds);
  return samples[Math.floor(samples.length / 2)];
}

const sum = (m: Measure, k: 'rows' | 'bytes' | 'cells') => m.tables.reduce((a, t) => a + t[k], 0);
const row = (label: string, m: Measure, rows: number, bytes: number, cells: number) => [
  label, formatCount(rows), formatBytes(bytes), m.cpuSeconds.toFixed(2), formatCount(Math.round(rows / m.cpuSeconds)), (cells / m.cpuSeconds / 1e6).toFixed(2),
  (bytes / m.cpuSeconds / 2 ** 20).toFixed(1), m.seconds.toFixed(2), m.maxRssMiB.toFixed(0),
];
const HEAD = ['', 'rows', 'bytes', 'CPU s', 'rows/CPU s', 'Mcells/CPU s', 'MiB/CPU s', 'wall s', 'peak RSS MiB'];

console.log(`generator ${GENERATOR_VERSION} throughput — ${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}, ${formatBytes(totalmem())} RAM, Node ${process.version}; one thread; median of ${runs} run(s)`);
console.log('');
for (const format of ['csv', 'parquet']) {
  const start = measure('0.001', format);
  console.log(
    `start-up: 100 beneficiaries, every generated table as ${format === 'csv' ? 'CSV' : 'Parquet'}, done ${start.sinceStartSeconds.toFixed(2)} s after the process started ` +
      `(${start.importSeconds.toFixed(2)} s loading modules, ${start.cpuSeconds.toFixed(2)} s CPU in all)`,
  );
}
/** Peak RSS of each (scale, format) run: the memory of one part should not grow with the scale. */
const peaks = new Map<string, Map<string, number>>();
for (const scale of scales) {
  const rows: (string | number)[][] = [];
  for (const format of formats) {
    const m = measure(scale, format);
    if (!peaks.has(format)) peaks.set(format, new Map());
    peaks.get(format)?.set(scale, m.maxRssMiB);
    rows.push(row(format, m, sum(m, 'rows'), sum(m, 'bytes'), sum(m, 'cells')));
  }
  console.log(`\nscale ${scale}: ${partLabel(scale)} (all generated tables together, the scale-only ones included)`);
  console.log(textTable(HEAD.map((h, i) => (i === 0 ? 'format' : h)), rows));

  if (args.flag('alone')) {
    const catalog = defaultCatalog();
    const tables = catalog.outputTables().filter((t) => t.kind !== 'nomenclature').map((t) => t.name);
    const perTable: (string | number)[][] = [];
    for (const t of tables) {
      const m = measure(scale, 'parquet', t);
      const r = m.tables[0];
      perTable.push(row(t, m, r.rows, r.bytes, r.cells));
    }
    console.log(`\nscale ${scale}, ${partLabel(scale)}: each table generated alone (the care model still runs for every beneficiary), Parquet`);
    console.log(textTable(HEAD.map((h, i) => (i === 0 ? 'table' : h)), perTable));
  }
}

if (scales.length > 1) {
  console.log(`\npeak RSS of one part (1 thread) by scale, against scale ${scales[0]} (flat in scale is the goal: within 10 %)`);
  console.log(
    textTable(
      ['format', ...scales.map((s) => `SF ${s} MiB`), `SF ${scales[scales.length - 1]} ÷ SF ${scales[0]}`],
      [...peaks].map(([format, byScale]) => {
        const first = byScale.get(scales[0]) ?? NaN;
        const last = byScale.get(scales[scales.length - 1]) ?? NaN;
        return [format, ...scales.map((s) => (byScale.get(s) ?? NaN).toFixed(0)), (last / first).toFixed(2)];
      }),
    ),
  );
}
