/**
 * The generator against TPC-H's generators, single thread against single thread, in one run:
 *   npm run build && node dist/bench/gen/vs-tpch.js --dbgen /path/to/dbgen [--tpchgen /path/to/tpchgen-cli]
 *     [--scale 0.1] [--tpch-scale 0.5] [--runs 3] [--other-build /path/to/other/dist]
 * dbgen (C, from the public TPC-H kit) and tpchgen-cli (Rust, PyPI wheel) are not part of the project:
 * build or install them yourself and pass their paths. Each generator runs in a fresh process under
 * /usr/bin/time; speeds are rows and bytes per CPU second (user + system), which a shared machine
 * disturbs less than wall time. Rows and bytes of TPC-H are those of the .tbl files written (all
 * tables); ours are every generated table of one dataset, as CSV and as Parquet (bytes counted in
 * memory, not written). Ratios > 1 mean hdsbench is faster. --other-build adds the generator of another
 * build (its dist/ folder, e.g. the main branch's) to the same interleaved runs: a before/after
 * comparison against the same baselines.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatBytes, formatCount, textTable } from '../../src/format/text.js';
import { GENERATOR_VERSION } from '../../src/core/version.js';

const { values } = parseArgs({
  options: {
    dbgen: { type: 'string' },
    tpchgen: { type: 'string' },
    scale: { type: 'string', default: '0.1' },
    'tpch-scale': { type: 'string', default: '0.5' },
    runs: { type: 'string', default: '3' },
    'other-build': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
const USAGE = 'usage: node dist/bench/gen/vs-tpch.js --dbgen /path/to/dbgen [--tpchgen /path/to/tpchgen-cli] [--scale 0.1] [--tpch-scale 0.5] [--runs 3] [--other-build /path/to/other/dist]';
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!values.dbgen) {
  console.error(USAGE);
  process.exit(2);
}
const otherMeasure = values['other-build'] ? resolve(values['other-build'], 'bench', 'gen', 'measure.js') : undefined;
for (const p of [values.dbgen, values.tpchgen, otherMeasure]) {
  if (p && !existsSync(p)) {
    console.error(`no such file: ${p}`);
    process.exit(2);
  }
}
if (!existsSync('/usr/bin/time')) {
  console.error('/usr/bin/time is needed to measure the CPU time of each generator');
  process.exit(2);
}

interface Run {
  name: string;
  rows: number;
  bytes: number;
  cpuSeconds: number;
  maxRssMiB: number;
}

/** Run a command under /usr/bin/time; returns its CPU seconds, peak RSS and stdout. */
function timed(cmd: string, args: string[], cwd: string): { cpuSeconds: number; maxRssMiB: number; stdout: string } {
  const report = join(cwd, '.time');
  const stdout = execFileSync('/usr/bin/time', ['-f', '%U %S %M', '-o', report, cmd, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'ignore'] });
  const [user, sys, rssKiB] = readFileSync(report, 'utf8').trim().split(/\s+/).slice(-3).map(Number);
  rmSync(report);
  return { cpuSeconds: user + sys, maxRssMiB: rssKiB / 1024, stdout };
}

/** Rows (lines) and bytes of the files a TPC-H generator wrote in `dir`. */
function tblFiles(dir: string): { rows: number; bytes: number } {
  let rows = 0;
  let bytes = 0;
  for (const f of readdirSync(dir)) {
    if (!f.endsWith('.tbl')) continue;
    const b = readFileSync(join(dir, f));
    bytes += statSync(join(dir, f)).size;
    for (let i = 0; i < b.length; i++) if (b[i] === 10) rows++;
  }
  return { rows, bytes };
}

function dbgen(): Run {
  const dir = mkdtempSync(join(tmpdir(), 'vs-dbgen-'));
  try {
    const t = timed(values.dbgen as string, ['-f', '-q', '-s', values['tpch-scale'] as string, '-b', join(dirname(values.dbgen as string), 'dists.dss')], dir);
    return { name: `dbgen .tbl (SF ${values['tpch-scale']})`, ...tblFiles(dir), cpuSeconds: t.cpuSeconds, maxRssMiB: t.maxRssMiB };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function tpchgen(): Run {
  const dir = mkdtempSync(join(tmpdir(), 'vs-tpchgen-'));
  try {
    const t = timed(values.tpchgen as string, ['tbl', '-s', values['tpch-scale'] as string, '-o', dir, '--num-threads', '1', '--no-progress', '--quiet'], dir);
    return { name: `tpchgen-cli .tbl (SF ${values['tpch-scale']}, 1 thread)`, ...tblFiles(dir), cpuSeconds: t.cpuSeconds, maxRssMiB: t.maxRssMiB };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function hdsbench(format: 'csv' | 'parquet', measure = join(import.meta.dirname, 'measure.js'), build = ''): Run {
  const dir = mkdtempSync(join(tmpdir(), 'vs-hdsbench-'));
  try {
    const t = timed(process.execPath, [measure, values.scale as string, format], dir);
    const m = JSON.parse(t.stdout) as { tables: { rows: number; bytes: number }[] };
    return { name: `hdsbench${build} ${format} (SF ${values.scale})`, rows: m.tables.reduce((a, x) => a + x.rows, 0), bytes: m.tables.reduce((a, x) => a + x.bytes, 0), cpuSeconds: t.cpuSeconds, maxRssMiB: t.maxRssMiB };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const runs = Number(values.runs);
const other = otherMeasure ? [() => hdsbench('csv', otherMeasure, ' (other build)'), () => hdsbench('parquet', otherMeasure, ' (other build)')] : [];
const generators: (() => Run)[] = [dbgen, ...(values.tpchgen ? [tpchgen] : []), ...other, () => hdsbench('csv'), () => hdsbench('parquet')];
const samples: Run[][] = generators.map(() => []);
// Interleaved, so that a change of load on the machine touches every generator alike.
for (let r = 0; r < runs; r++) generators.forEach((g, i) => samples[i].push(g()));
const median = (xs: Run[]) => [...xs].sort((a, b) => a.cpuSeconds - b.cpuSeconds)[Math.floor(xs.length / 2)];
const results = samples.map(median);
const base = results[0];
const anchor = values.tpchgen ? results[1] : undefined;
const rate = (r: Run, k: 'rows' | 'bytes') => r[k] / r.cpuSeconds;
console.log(`hdsbench ${GENERATOR_VERSION} against TPC-H generators — ${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}, Node ${process.version}; single thread; median of ${runs} interleaved run(s)`);
console.log(
  textTable(
    ['generator', 'rows', 'bytes', 'CPU s', 'rows/CPU s', 'MiB/CPU s', 'rows/s ÷ dbgen', 'bytes/s ÷ dbgen', ...(anchor ? ['rows/s ÷ tpchgen', 'bytes/s ÷ tpchgen'] : []), 'peak RSS MiB'],
    results.map((r) => [
      r.name, formatCount(r.rows), formatBytes(r.bytes), r.cpuSeconds.toFixed(2), formatCount(Math.round(rate(r, 'rows'))), (rate(r, 'bytes') / 2 ** 20).toFixed(1),
      (rate(r, 'rows') / rate(base, 'rows')).toFixed(2), (rate(r, 'bytes') / rate(base, 'bytes')).toFixed(2),
      ...(anchor ? [(rate(r, 'rows') / rate(anchor, 'rows')).toFixed(2), (rate(r, 'bytes') / rate(anchor, 'bytes')).toFixed(2)] : []),
      r.maxRssMiB.toFixed(0),
    ]),
  ),
);
