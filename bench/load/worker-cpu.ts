/**
 * CPU per beneficiary of the Worker in workerd, the figure the per-request beneficiary limit
 * (src/app/worker-budget.ts) is set from. Starts `wrangler dev` (local workerd), warms it with one small
 * request, then reads the workerd process's CPU time (/proc) before and after each request, its
 * body read to the end. The same requests go through the same app in this Node process
 * (app.fetch, generation in the request's thread as in the Worker): the baseline of this run.
 *   npm run build && node dist/bench/load/worker-cpu.js [--scale 0.04] [--parts 2] [--table ER_PRS_F] [--format parquet]
 * Requests, for the last part of the dataset: the heaviest file (TABLE) and the part's manifest
 * (manifest.json?part=k: every fact table in one pass, the costliest request one part allows).
 */
import { cpus } from 'node:os';
import { createApp } from '../../src/app/app.js';
import { MemoryEntryCache } from '../../src/app/entry-cache.js';
import { DEFAULT_LIMITS } from '../../src/app/limits.js';
import { WORKER_CPU_BUDGET } from '../../src/app/worker-budget.js';
import { FORMAT_EXTENSIONS, FORMATS } from '../../src/core/encode/encoder.js';
import { beneficiaryCount, partRange } from '../../src/core/partition.js';
import { GENERATOR_NAME, GENERATOR_VERSION } from '../../src/core/version.js';
import { DATASET_ROUTE } from '../../src/app/dataset-path.js';
import { textTable } from '../../src/format/text.js';
import { initParquetForNode } from '../../src/node/parquet-node.js';
import { scriptArgs } from '../script-args.js';
import { processCpuMs, processesNamed, startWorkerd, stop } from './local-servers.js';

const { cpuLimitMs: WORKER_CPU_LIMIT_MS, margin: WORKER_CPU_MARGIN } = WORKER_CPU_BUDGET;
const args = scriptArgs({
  usage: 'usage: node dist/bench/load/worker-cpu.js [--scale 0.04] [--parts 2] [--table ER_PRS_F] [--format parquet|arrow|csv]',
  strings: { scale: '0.04', parts: '2', table: 'ER_PRS_F', format: 'parquet' },
});
const scale = args.number('scale', { min: 0.00001 });
const parts = args.number('parts', { min: 1, integer: true });
const table = args.string('table');
const format = args.choice('format', FORMATS);
const n = beneficiaryCount(scale);
const { start, end } = partRange(n, parts, parts);
const inPart = end - start;

const datasetPath = (seed: number, sc: number, k: number) =>
  DATASET_ROUTE.replace(':generator', `${GENERATOR_NAME}-${GENERATOR_VERSION}`).replace(':seed', `seed-${seed}`).replace(':scale', `sf-${sc}`).replace(':parts', `parts-${k}`).replace(':format', format);
const requests = [
  { what: `${table} part ${parts} of ${parts} (${format})`, path: `${datasetPath(77, scale, parts)}/${table}/part-${parts}-of-${parts}.${FORMAT_EXTENSIONS[format]}` },
  { what: `manifest.json?part=${parts}: every fact table`, path: `${datasetPath(78, scale, parts)}/manifest.json?part=${parts}` },
];

async function readAll(res: Response): Promise<number> {
  if (res.status !== 200) throw new Error(`${res.status}: ${await res.text()}`);
  let bytes = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
  return bytes;
}

interface Row {
  what: string;
  runtime: string;
  cpu_ms: number;
  wall_ms: number;
}
const rows: Row[] = [];

// Node, in this process: the same app and in-request generation as the Worker.
initParquetForNode();
const app = createApp({ entryCache: new MemoryEntryCache(), runtime: 'node' });
await readAll(await app.fetch(new Request(`http://bench.local${datasetPath(1, 0.001, 1)}/${table}/part-1-of-1.${FORMAT_EXTENSIONS[format]}`)));
for (const r of requests) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await readAll(await app.fetch(new Request(`http://bench.local${r.path}`)));
  const cpu = process.cpuUsage(cpu0);
  rows.push({ what: r.what, runtime: 'node (same app, in-request)', cpu_ms: Math.round((cpu.user + cpu.system) / 1000), wall_ms: Math.round(performance.now() - t0) });
}

// workerd: the workerd processes wrangler dev started (their CPU, whatever serves the request).
const server = await startWorkerd();
try {
  const group = server.child?.pid as number;
  const workerd = processesNamed(group, 'workerd');
  if (!workerd.length) throw new Error('no workerd process found under wrangler dev');
  const cpuNow = () => workerd.reduce((s, pid) => s + processCpuMs(pid), 0);
  await readAll(await fetch(`${server.url}${datasetPath(1, 0.001, 1)}/${table}/part-1-of-1.${FORMAT_EXTENSIONS[format]}`));
  for (const r of requests) {
    const cpu0 = cpuNow();
    const t0 = performance.now();
    await readAll(await fetch(`${server.url}${r.path}`));
    rows.push({ what: r.what, runtime: 'workerd (wrangler dev)', cpu_ms: cpuNow() - cpu0, wall_ms: Math.round(performance.now() - t0) });
  }
} finally {
  stop(server);
}

const perBen = (cpu: number) => Math.round((cpu / inPart) * 100) / 100;
console.log(`hdsbench ${GENERATOR_VERSION}, node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} CPUs); SF ${scale} in ${parts} parts, last part ${inPart} beneficiaries`);
console.log(textTable(
  ['request', 'runtime', 'CPU ms', 'wall ms', 'CPU ms / beneficiary', `beneficiaries in ${WORKER_CPU_LIMIT_MS / 1000} s / ${WORKER_CPU_MARGIN}`],
  rows.map((r) => [r.what, r.runtime, r.cpu_ms, r.wall_ms, perBen(r.cpu_ms), Math.floor(WORKER_CPU_LIMIT_MS / WORKER_CPU_MARGIN / (r.cpu_ms / inPart))]),
));
const worst = Math.max(...rows.filter((r) => r.runtime.startsWith('workerd')).map((r) => r.cpu_ms / inPart));
console.log(`\nlimit: ${DEFAULT_LIMITS.maxBeneficiariesPerRequest} beneficiaries per request; the costliest request measured here fits ${Math.floor(WORKER_CPU_LIMIT_MS / WORKER_CPU_MARGIN / worst)} in ${WORKER_CPU_LIMIT_MS / 1000} s of CPU with a ${WORKER_CPU_MARGIN}x margin`);
