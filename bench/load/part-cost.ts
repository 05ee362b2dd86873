/**
 * The fixed cost of a part, in beneficiaries: CPU time to generate a whole dataset (every table,
 * the scale-only ones once) in 1 part and in K parts, in this thread, into hashing-free sinks.
 * The difference divided by K - 1 is what one more part costs whatever its size (encoders opened
 * and closed for every fact table, a row group per table and part, file footers), which
 * src/app/limits.ts charges as PART_OVERHEAD_BENEFICIARIES.
 *   npm run build && node dist/bench/load/part-cost.js [scale=0.01] [parts=1000] [format=parquet] [repeats=3]
 */
import { cpus } from 'node:os';
import { defaultCatalog } from '../../src/core/catalog/catalog.js';
import { FORMATS } from '../../src/core/encode/encoder.js';
import { datasetFiles } from '../../src/core/pipeline/dataset.js';
import { generateFiles } from '../../src/core/pipeline/generate.js';
import { beneficiaryCount } from '../../src/core/partition.js';
import { GENERATOR_VERSION } from '../../src/core/version.js';
import { initParquetForNode } from '../../src/node/parquet-node.js';
import { scriptArgs } from '../script-args.js';

const args = scriptArgs({
  usage: 'usage: node dist/bench/load/part-cost.js [scale=0.01] [parts=1000] [format=parquet|arrow|csv] [repeats=3]',
  positionals: [{ name: 'scale', default: '0.01' }, { name: 'parts', default: '1000' }, { name: 'format', default: 'parquet' }, { name: 'repeats', default: '3' }],
});
const scale = args.number('scale', { min: 0.00001 });
const parts = args.number('parts', { min: 2, integer: true });
const format = args.choice('format', FORMATS);
const repeats = args.number('repeats', { min: 1, integer: true });
initParquetForNode();
const catalog = defaultCatalog();
const tables = catalog.outputTables().map((t) => t.name);
const sink = { write() {} };

/** CPU milliseconds to generate every part of the dataset split into `k` parts. */
async function cpuMs(k: number): Promise<number> {
  const spec = { seed: 42, scale, parts: k };
  const files = datasetFiles(catalog, spec, tables);
  const start = process.cpuUsage();
  const shared = files.filter((f) => f.kind !== 'fact');
  await generateFiles({ spec, format, files: shared, catalog, sinkFor: () => sink });
  for (let p = 1; p <= k; p++) {
    const facts = files.filter((f) => f.kind === 'fact' && f.part === p);
    await generateFiles({ spec, format, files: facts, catalog, sinkFor: () => sink });
  }
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

const n = beneficiaryCount(scale);
await cpuMs(1); // warm-up: model context, wasm, JIT
const one: number[] = [];
const many: number[] = [];
for (let r = 0; r < repeats; r++) {
  one.push(await cpuMs(1));
  many.push(await cpuMs(parts));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const a = median(one);
const b = median(many);
const perBeneficiary = a / n;
const perPart = (b - a) / (parts - 1);
console.log(`hdsbench ${GENERATOR_VERSION}, node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} CPUs), ${format}, scale ${scale} (${n} beneficiaries), median of ${repeats}`);
console.log(`1 part: ${a.toFixed(0)} ms CPU; ${parts} parts: ${b.toFixed(0)} ms CPU (${(b / a).toFixed(1)}x)`);
console.log(`per beneficiary ${perBeneficiary.toFixed(2)} ms; per extra part ${perPart.toFixed(2)} ms = ${(perPart / perBeneficiary).toFixed(1)} beneficiaries`);
