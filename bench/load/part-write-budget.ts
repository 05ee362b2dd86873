/**
 * Memory, CPU and wall time of one part-writing request (POST …/parts/{k}/write: every table of the
 * largest part a Worker may be asked for, generated in one pass and uploaded to an S3 bucket), through
 * the app's own request path. Local workerd does not enforce 128 MB: run it in Node with that heap:
 *   HDSBENCH_S3_BUCKET=… HDSBENCH_S3_ENDPOINT=… AWS_ACCESS_KEY_ID=… AWS_SECRET_ACCESS_KEY=… \
 *   node --max-old-space-size=128 dist/bench/load/part-write-budget.js [scale] [format] [prefix] [beneficiaries per part]
 * Peak = max over the request of heapUsed + external (external holds ArrayBuffers and wasm memory).
 */
import { createApp } from '../../src/app/app.js';
import { DATASET_ROUTE } from '../../src/app/dataset-path.js';
import { MemoryEntryCache } from '../../src/app/entry-cache.js';
import { DEFAULT_LIMITS, partsThatFit } from '../../src/app/limits.js';
import { writeTargetFromEnv } from '../../src/app/write-target.js';
import { isFormat } from '../../src/core/encode/encoder.js';
import type { ManifestFile } from '../../src/core/pipeline/manifest.js';
import { beneficiaryCount } from '../../src/core/partition.js';
import { GENERATOR_NAME, GENERATOR_VERSION } from '../../src/core/version.js';
import { initParquetForNode } from '../../src/node/parquet-node.js';

const scale = Number(process.argv[2] ?? 1);
const format = process.argv[3] ?? 'parquet';
const prefix = process.argv[4] ?? `part-write-budget/sf-${scale}`;
if (!isFormat(format)) throw new Error(`format must be parquet, arrow or csv, got ${format}`);
const token = 'part-write-budget';
const target = writeTargetFromEnv({ ...process.env, HDSBENCH_WRITE_TOKEN: token });
if (!target.store) throw new Error('set HDSBENCH_S3_BUCKET, HDSBENCH_S3_ENDPOINT, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY');

initParquetForNode();
const app = createApp({ entryCache: new MemoryEntryCache(), runtime: 'node', writeTarget: () => target });
const n = beneficiaryCount(scale);
const parts = partsThatFit(n, Number(process.argv[5] ?? DEFAULT_LIMITS.maxBeneficiariesPerWrite));
const path = DATASET_ROUTE.replace(':generator', `${GENERATOR_NAME}-${GENERATOR_VERSION}`).replace(':seed', 'seed-42').replace(':scale', `sf-${scale}`).replace(':parts', `parts-${parts}`).replace(':format', format);

let peak = 0;
const sample = () => {
  const m = process.memoryUsage();
  peak = Math.max(peak, m.heapUsed + m.external);
};
const timer = setInterval(sample, 10);
const before = process.memoryUsage();
const cpu0 = process.cpuUsage();
const t0 = performance.now();
// The last part is the largest (it takes the remainder).
const res = await app.fetch(new Request(`http://bench.local${path}/parts/${parts}/write`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: JSON.stringify({ prefix }) }));
const body = (await res.json()) as { files: ManifestFile[] };
if (res.status !== 200) throw new Error(`${res.status}: ${JSON.stringify(body)}`);
const wallMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
clearInterval(timer);
const mb = (x: number) => Math.round((x / 2 ** 20) * 10) / 10;
console.log(JSON.stringify({
  part: `${parts} of ${parts}`,
  beneficiaries_in_part: n - (parts - 1) * Math.floor(n / parts),
  files: body.files.length,
  bytes: body.files.reduce((a, f) => a + f.bytes, 0),
  wall_ms: Math.round(wallMs),
  cpu_ms: Math.round((cpu.user + cpu.system) / 1000),
  baseline_mb: mb(before.heapUsed + before.external),
  peak_mb: mb(peak),
  max_rss_mb: mb(process.resourceUsage().maxRSS * 1024),
}));
