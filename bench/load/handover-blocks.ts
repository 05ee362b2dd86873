/**
 * How long does the Worker's generation keep the thread between two handovers? workerd has no
 * threads: other requests (/v1/health) wait for the next handover (GenerateRequest.between and
 * .pause, src/app/generation-runner.ts). This runs the same generation as a file request of
 * `npm run bench:serve` (a new seed each time, SF 0.01 in 4 parts, Parquet) in Node, with hooks
 * that hand over the way the Worker's do (no sleep: only the stretches between them matter) and
 * records each stretch: wall and CPU time of the process, and which hook ended it. The first
 * stretch of a generation includes building the seed's model context.
 *   node dist/bench/load/handover-blocks.js [--table ER_PRS_F] [--files 6] [--format parquet] [--longest 5]
 *     [--every 2] [--after-ms 4|none]
 * Figures depend on the machine's load: compare rows measured in the same run.
 */
import { defaultCatalog } from '../../src/core/catalog/catalog.js';
import { FORMATS, type Format } from '../../src/core/encode/encoder.js';
import { generateFiles } from '../../src/core/pipeline/generate.js';
import { textTable } from '../../src/format/text.js';
import { initParquetForNode } from '../../src/node/parquet-node.js';
import { scriptArgs } from '../script-args.js';
import { BENEFICIARIES_PER_YIELD, HANDOVER_AFTER_MS } from '../../src/app/generation-runner.js';

const args = scriptArgs({
  usage: 'usage: node dist/bench/load/handover-blocks.js [--table ER_PRS_F] [--files 6] [--format parquet|arrow|csv] [--longest 5]\n    [--every 2] [--after-ms 4|none]',
  strings: { table: 'ER_PRS_F', files: '6', every: String(BENEFICIARIES_PER_YIELD), 'after-ms': String(HANDOVER_AFTER_MS), format: 'parquet', longest: '5' },
});
const table = args.string('table');
const files = args.number('files', { min: 2, integer: true });
/** Beneficiaries between two handovers (the Worker's BENEFICIARIES_PER_YIELD by default). */
const every = args.number('every', { min: 1, integer: true });
/** Or sooner, once this much wall time has passed since the last handover (the Worker's HANDOVER_AFTER_MS; 'none': the count only). */
const afterMs = args.string('after-ms') === 'none' ? Infinity : args.number('after-ms', { min: 0 });
const format: Format = args.choice('format', FORMATS);
const longestCount = args.number('longest', { min: 1, integer: true });
const SCALE = 0.01;
const PARTS = 4;

type Hook = 'between' | 'pause: fills' | 'pause: arrow conversion' | 'pause: parquet slice' | 'pause: other' | 'end';
const HOOKS: Hook[] = ['between', 'pause: fills', 'pause: arrow conversion', 'pause: parquet slice', 'pause: other', 'end'];

interface Stretch {
  wall: number;
  cpu: number;
  endedBy: Hook;
  /** The hook that ended the stretch before (where this one began); 'start' for a file's first. */
  startedBy: Hook | 'start';
  first: boolean;
  /** Which generated file (0-based) and which stretch of it. */
  file: number;
  index: number;
}

/** Which step called the pause hook, from the caller's frame in the stack. */
function pauseSite(): Hook {
  const stack = new Error().stack ?? '';
  if (/applyFillsPausing/.test(stack)) return 'pause: fills';
  if (/batchBodiesPausing|toRecordBatchPausing/.test(stack)) return 'pause: arrow conversion';
  if (/ParquetEncoder\.write/.test(stack)) return 'pause: parquet slice';
  return 'pause: other';
}

/** CPU time of the process (this thread, plus V8's helper threads: a little above the thread's own). */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function measureFile(seed: number, part: number, fileIndex: number): Promise<Stretch[]> {
  const catalog = defaultCatalog();
  const stretches: Stretch[] = [];
  let wall = performance.now();
  let cpu = cpuMs();
  let n = 0;
  const handOver = (endedBy: Stretch['endedBy']) =>
    // Hand over as the Worker does (a macrotask). The stretch ends when the macrotask runs, not when
    // the hook is called: the work left in the microtask queue (the Parquet writer's wasm encoding of
    // the slice just handed to it, a promise chain in wasm-bindgen-futures) runs before any other
    // request could. Then restart the clocks: the wait is not the generation's.
    new Promise<void>((resolve) =>
      setImmediate(() => {
        n = 0;
        const w = performance.now();
        const c = cpuMs();
        stretches.push({ wall: w - wall, cpu: c - cpu, endedBy, startedBy: stretches.at(-1)?.endedBy ?? 'start', first: stretches.length === 0, file: fileIndex, index: stretches.length });
        resolve();
      }),
    ).then(() => {
      wall = performance.now();
      cpu = cpuMs();
    });
  await generateFiles({
    spec: { seed, scale: SCALE, parts: PARTS },
    format,
    files: [{ table, kind: 'fact', part, parts: PARTS }],
    catalog,
    sinkFor: () => ({ write: async () => undefined }),
    between: () => {
      if (++n < every && performance.now() - wall < afterMs) return undefined;
      return handOver('between');
    },
    pause: () => handOver(pauseSite()),
  });
  await handOver('end');
  return stretches;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

initParquetForNode();
const all: Stretch[] = [];
for (let i = 0; i < files; i++) all.push(...(await measureFile(5000 + i, (i % PARTS) + 1, i)));
const rows = HOOKS.map((kind) => {
  const s = all.filter((x) => x.endedBy === kind && !x.first);
  const cpu = s.map((x) => x.cpu).sort((a, b) => a - b);
  const wall = s.map((x) => x.wall).sort((a, b) => a - b);
  return [kind, String(s.length), cpu.length ? `${percentile(cpu, 50).toFixed(1)} / ${percentile(cpu, 99).toFixed(1)} / ${cpu[cpu.length - 1].toFixed(1)}` : '—', wall.length ? `${percentile(wall, 50).toFixed(1)} / ${percentile(wall, 99).toFixed(1)} / ${wall[wall.length - 1].toFixed(1)}` : '—'];
});
const first = all.filter((x) => x.first);
rows.push(['first (model context)', String(first.length), first.map((x) => x.cpu.toFixed(0)).join(', '), first.map((x) => x.wall.toFixed(0)).join(', ')]);
console.log(`${table} ${format}, ${files} files of SF ${SCALE} in ${PARTS} parts, a new seed each (ms between two handovers)`);
console.log(textTable(['stretch ended by', 'count', 'CPU p50 / p99 / max', 'wall p50 / p99 / max'], rows));
// A health request arriving at a random moment waits for the rest of the stretch it falls in: what
// matters is the share of the time spent in long stretches (the first file warms the process up: left out).
const warm = all.filter((x) => x.file > 0);
const total = warm.reduce((a, x) => a + x.cpu, 0);
const share = (ms: number) => `${((100 * warm.filter((x) => x.cpu > ms).reduce((a, x) => a + x.cpu, 0)) / total).toFixed(0)} %`;
console.log(`\nshare of the CPU time of files 2-${files} in stretches longer than 5 / 10 / 20 / 40 ms CPU: ${[5, 10, 20, 40].map(share).join(' / ')}`);
const longest = [...all].sort((a, b) => b.cpu - a.cpu).slice(0, longestCount);
console.log(`\nlongest ${longestCount} stretches (CPU ms, where it began -> the hook that ended it, file and stretch number):`);
for (const x of longest) console.log(`  ${x.cpu.toFixed(1)} ms CPU, ${x.wall.toFixed(1)} ms wall: ${x.startedBy} -> ${x.endedBy}${x.first ? ' (first: model context)' : ''}, file ${x.file} #${x.index}`);
