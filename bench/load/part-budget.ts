/**
 * Per-request memory and time of the largest part a Worker may be asked for, through the app's
 * own request path (app.fetch, streamed body read to the end). Local workerd does not enforce
 * 128 MB, so run it in Node with the same limit on the JS heap:
 *   npm run build && node --max-old-space-size=128 dist/bench/load/part-budget.js [scale] [table] [format]
 * Peak = max over the request of heapUsed + external (external holds ArrayBuffers and wasm memory).
 */
import { createApp } from '../../src/app/app.js';
import { MemoryEntryCache } from '../../src/app/entry-cache.js';
import { DEFAULT_LIMITS, partsThatFit } from '../../src/app/limits.js';
import { FORMAT_EXTENSIONS, FORMATS } from '../../src/core/encode/encoder.js';
import { beneficiaryCount } from '../../src/core/partition.js';
import { initParquetForNode } from '../../src/node/parquet-node.js';
import { scriptArgs } from '../script-args.js';
import { benchDatasetPath, requestBudget } from './request-budget.js';

const args = scriptArgs({
  usage: 'usage: node --max-old-space-size=128 dist/bench/load/part-budget.js [scale=1] [table=ER_PRS_F] [format=parquet|arrow|csv]',
  positionals: [{ name: 'scale', default: '1' }, { name: 'table', default: 'ER_PRS_F' }, { name: 'format', default: 'parquet' }],
});
const scale = args.number('scale', { min: 0.00001 });
const table = args.string('table');
const format = args.choice('format', FORMATS);

initParquetForNode();
const app = createApp({ entryCache: new MemoryEntryCache(), runtime: 'node' });
const n = beneficiaryCount(scale);
const parts = partsThatFit(n, DEFAULT_LIMITS.maxBeneficiariesPerRequest);
// The last part is the largest (it takes the remainder).
const path = benchDatasetPath(scale, parts, format);
const url = `http://bench.local${path}/${table}/part-${parts}-of-${parts}.${FORMAT_EXTENSIONS[format]}`;

const budget = requestBudget();
const res = await app.fetch(new Request(url));
if (res.status !== 200) throw new Error(`${res.status}: ${await res.text()}`);
let bytes = 0;
let firstByteMs = 0;
for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
  if (bytes === 0) firstByteMs = performance.now() - budget.t0;
  bytes += chunk.length;
  budget.sample();
}
const figures = budget.finish();
console.log(JSON.stringify({
  url: url.replace('http://bench.local', ''),
  beneficiaries_in_part: n - (parts - 1) * Math.floor(n / parts),
  bytes,
  first_byte_ms: Math.round(firstByteMs),
  ...figures,
}));
