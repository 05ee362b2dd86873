/**
 * Memory, CPU and wall time of one part-writing request (POST …/parts/{k}/write: every table of the
 * largest part a Worker may be asked for, generated in one pass and uploaded to an S3 bucket), through
 * the app's own request path. Local workerd does not enforce 128 MB: run it in Node with that heap:
 *   HDSBENCH_S3_BUCKET=… HDSBENCH_S3_ENDPOINT=… AWS_ACCESS_KEY_ID=… AWS_SECRET_ACCESS_KEY=… \
 *   node --max-old-space-size=128 dist/bench/load/part-write-budget.js [scale] [format] [prefix] [beneficiaries per part]
 * Peak = max over the request of heapUsed + external (external holds ArrayBuffers and wasm memory).
 */
import { createApp } from '../../src/app/app.js';
import { MemoryEntryCache } from '../../src/app/entry-cache.js';
import { DEFAULT_LIMITS, partsThatFit } from '../../src/app/limits.js';
import { writeTargetFromEnv } from '../../src/app/write-target.js';
import { FORMATS } from '../../src/core/encode/encoder.js';
import type { ManifestFile } from '../../src/core/pipeline/manifest.js';
import { beneficiaryCount } from '../../src/core/partition.js';
import { initParquetForNode } from '../../src/node/parquet-node.js';
import { scriptArgs } from '../script-args.js';
import { benchDatasetPath, requestBudget } from './request-budget.js';

const args = scriptArgs({
  usage: 'usage: node --max-old-space-size=128 dist/bench/load/part-write-budget.js [scale=1] [format=parquet|arrow|csv] [prefix] [beneficiaries per part]\n  (S3 bucket, endpoint and credentials from HDSBENCH_S3_BUCKET, HDSBENCH_S3_ENDPOINT, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)',
  positionals: [
    { name: 'scale', default: '1' },
    { name: 'format', default: 'parquet' },
    { name: 'prefix', default: '' },
    { name: 'beneficiaries per part', default: String(DEFAULT_LIMITS.maxBeneficiariesPerWrite) },
  ],
});
const scale = args.number('scale', { min: 0.00001 });
const format = args.choice('format', FORMATS);
const prefix = args.string('prefix') || `part-write-budget/sf-${scale}`;
const perPart = args.number('beneficiaries per part', { min: 1, integer: true });
const token = 'part-write-budget';
const target = writeTargetFromEnv({ ...process.env, HDSBENCH_WRITE_TOKEN: token });
if (!target.store) throw new Error('set HDSBENCH_S3_BUCKET, HDSBENCH_S3_ENDPOINT, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY');

initParquetForNode();
const app = createApp({ entryCache: new MemoryEntryCache(), runtime: 'node', writeTarget: () => target });
const n = beneficiaryCount(scale);
const parts = partsThatFit(n, perPart);
const path = benchDatasetPath(scale, parts, format);

const budget = requestBudget();
// The last part is the largest (it takes the remainder).
const res = await app.fetch(new Request(`http://bench.local${path}/parts/${parts}/write`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: JSON.stringify({ prefix }) }));
const body = (await res.json()) as { files: ManifestFile[] };
if (res.status !== 200) throw new Error(`${res.status}: ${JSON.stringify(body)}`);
const figures = budget.finish();
console.log(JSON.stringify({
  part: `${parts} of ${parts}`,
  beneficiaries_in_part: n - (parts - 1) * Math.floor(n / parts),
  files: body.files.length,
  bytes: body.files.reduce((a, f) => a + f.bytes, 0),
  ...figures,
}));
