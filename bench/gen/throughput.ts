/**
 * npm run bench:gen — generator throughput, end to end (model → encoding), bytes counted in memory.
 * For each format, one whole-dataset run; for Parquet, also each generated table alone. Every run
 * is a fresh process (its own peak RSS), repeated and reported as the median. Speeds are per CPU
 * second of the process (every thread counted), so a busy machine changes them less than wall time.
 * Options: --scales 0.1,1  --runs 3  --formats parquet,arrow,csv  --alone (per-table runs)
 */
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatBytes, formatCount, textTable } from '../../src/format/text.js';
import { defaultCatalog } from '../../src/core/catalog/catalog.js';
import { GENERATOR_VERSION } from '../../src/core/version.js';

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

const { values } = parseArgs({
  options: { scales: { type: 'string', default: '0.1' }, runs: { type: 'string', default: '3' }, formats: { type: 'string', default: 'parquet,arrow,csv' }, alone: { type: 'boolean', default: false } },
});
const runs = Number(values.runs);
const child = join(import.meta.dirname, 'measure.js');

function measure(scale: string, format: string, tables?: string): Measure {
  const samples: Measure[] = [];
  for (let i = 0; i < runs; i++) samples.push(JSON.parse(execFileSync(process.execPath, [child, scale, format, ...(tables ? [tables] : [])], { encoding: 'utf8', maxBuffer: 1 << 24 })) as Measure);
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
/** Peak RSS of each (scale, format) run: memory of one part should not grow with its size. */
const peaks = new Map<string, Map<string, number>>();
for (const scale of values.scales.split(',')) {
  const rows: (string | number)[][] = [];
  for (const format of values.formats.split(',')) {
    const m = measure(scale, format);
    if (!peaks.has(format)) peaks.set(format, new Map());
    peaks.get(format)?.set(scale, m.maxRssMiB);
    rows.push(row(format, m, sum(m, 'rows'), sum(m, 'bytes'), sum(m, 'cells')));
  }
  console.log(`\nscale ${scale}: whole dataset (all generated tables together)`);
  console.log(textTable(HEAD.map((h, i) => (i === 0 ? 'format' : h)), rows));

  if (values.alone) {
    const catalog = defaultCatalog();
    const tables = catalog.outputTables().filter((t) => t.kind !== 'nomenclature').map((t) => t.name);
    const perTable: (string | number)[][] = [];
    for (const t of tables) {
      const m = measure(scale, 'parquet', t);
      const r = m.tables[0];
      perTable.push(row(t, m, r.rows, r.bytes, r.cells));
    }
    console.log(`\nscale ${scale}: each table generated alone (the care model still runs for every beneficiary), Parquet`);
    console.log(textTable(HEAD.map((h, i) => (i === 0 ? 'table' : h)), perTable));
  }
}

const scales = values.scales.split(',');
if (scales.length > 1) {
  console.log(`\npeak RSS of one part (1 thread) by scale, against scale ${scales[0]} (flat in part size is the goal: within 10 %)`);
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
