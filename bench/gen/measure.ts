/**
 * Child process of bench/gen/throughput.ts and vs-tpch.ts: generates one part of a dataset in memory
 * (bytes counted, not stored) and prints one JSON line with rows, bytes and cells per table, seconds
 * and peak RSS. With --parts K it is part 1 of K, with the scale-only tables (as `hdsbench gen --part 1`
 * writes them); by default the whole dataset is one part.
 * Usage: node dist/bench/gen/measure.js <scale> <format> [TABLE,TABLE] [--parts K]
 */
import { defaultCatalog } from '../../src/core/catalog/catalog.js';
import { datasetFiles, selectTables } from '../../src/core/pipeline/dataset.js';
import { generateFiles } from '../../src/core/pipeline/generate.js';
import { scriptArgs } from '../script-args.js';

const loaded = performance.now();
const args = scriptArgs({
  usage: 'usage: node dist/bench/gen/measure.js <scale> <csv|parquet|arrow> [TABLE,TABLE] [--parts K]',
  strings: { parts: '1' },
  positionals: [
    { name: 'scale', default: '' },
    { name: 'format', default: '' },
    { name: 'tables', default: '' },
  ],
});
const format = args.choice('format', ['csv', 'parquet', 'arrow'] as const);
const tablesArg = args.string('tables');
// As the CLI does: the wasm Parquet writer is loaded only for Parquet, its module compiled in the
// background while the catalog and the files are prepared (start-up is part of what is measured).
const parquet = format === 'parquet' ? import('../../src/node/parquet-node.js').then((m) => m.compileParquetWasm().then(() => m)) : undefined;
const catalog = defaultCatalog();
const spec = { seed: 42, scale: args.number('scale', { min: 0.00001, max: 1000 }), parts: args.number('parts', { min: 1, integer: true }) };
const tables = selectTables(catalog, tablesArg ? tablesArg.split(',') : undefined).filter((t) => catalog.table(t).kind !== 'nomenclature');
const files = datasetFiles(catalog, spec, tables, 1);
const bytes = new Map<string, number>();
await (await parquet)?.initParquetForNodeAsync();
const started = performance.now();
const results = [
  ...(await generateFiles({
    spec,
    format,
    files: files.filter((f) => f.kind === 'fact'),
    sinkFor: (f) => ({ write: (c: Uint8Array) => void bytes.set(f.table, (bytes.get(f.table) ?? 0) + c.length) }),
  })),
  ...(await generateFiles({
    spec,
    format,
    files: files.filter((f) => f.kind !== 'fact'),
    sinkFor: (f) => ({ write: (c: Uint8Array) => void bytes.set(f.table, (bytes.get(f.table) ?? 0) + c.length) }),
  })),
];
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage();
console.log(
  JSON.stringify({
    scale: spec.scale,
    /** Part 1 of this many. */
    parts: spec.parts,
    format,
    seconds,
    /** CPU time of the whole process (user + system, every thread), start-up included. */
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    /** From process start to the end of generation (module loading, catalog, model context, generation). */
    sinceStartSeconds: performance.now() / 1000,
    importSeconds: loaded / 1000,
    /** From process start to the first file opened: modules, catalog tables and, for Parquet, the wasm module ready. */
    readySeconds: started / 1000,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
    tables: results.map((r) => ({ table: r.file.table, rows: r.rows, bytes: bytes.get(r.file.table) ?? 0, cells: r.rows * catalog.table(r.file.table).fields.length })),
  }),
);
