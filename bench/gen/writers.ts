/**
 * npm run bench:writers — Parquet writer candidates on our own tables (tinybench): parquet-wasm
 * (ZSTD and Snappy, the generator's writer) against hyparquet-writer (pure JS, Snappy), writing the
 * same rows of ER_PRS_F (wide, sparse) and ER_PHA_F (narrow).
 */
import { Table, tableFromIPC, tableToIPC } from 'apache-arrow';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { Compression, Table as WasmTable, WriterPropertiesBuilder, writeParquet } from 'parquet-wasm/esm';
import { Bench } from 'tinybench';
import { formatCount, textTable } from '../../src/format/text.js';
import { defaultCatalog } from '../../src/core/catalog/catalog.js';
import { MemorySink } from '../../src/core/encode/byte-sink.js';
import { datasetFiles } from '../../src/core/pipeline/dataset.js';
import { generateFiles } from '../../src/core/pipeline/generate.js';
import { initParquetForNode } from '../../src/node/parquet-node.js';

initParquetForNode();
const catalog = defaultCatalog();
const spec = { seed: 42, scale: 0.01, parts: 1 };
const sinks = new Map<string, MemorySink>();
await generateFiles({
  spec,
  format: 'arrow',
  files: datasetFiles(catalog, spec, ['ER_PRS_F', 'ER_PHA_F']),
  sinkFor: (f) => {
    const s = new MemorySink();
    sinks.set(f.table, s);
    return s;
  },
});

function hyparquetColumns(t: Table) {
  return t.schema.fields.map((f, i) => {
    const v = t.getChildAt(i);
    const type = f.type.toString();
    const data = Array.from({ length: t.numRows }, (_, r) => {
      const x = v?.get(r);
      // Dates as INT32 day numbers: the same physical column as a DATE (hyparquet-writer needs a schema element for the logical type).
      return x === undefined ? null : type.startsWith('Date') && x !== null ? Math.round((x as number) / 86_400_000) : x;
    });
    const basic = type.startsWith('Date') ? 'INT32' : type === 'Float64' ? 'DOUBLE' : type === 'Int32' ? 'INT32' : type === 'Bool' ? 'BOOLEAN' : 'STRING';
    return { name: f.name, data, type: basic as 'STRING' };
  });
}

const rows: (string | number)[][] = [];
for (const table of ['ER_PRS_F', 'ER_PHA_F']) {
  const arrow = tableFromIPC((sinks.get(table) as MemorySink).bytes());
  const ipc = tableToIPC(arrow, 'stream');
  const columns = hyparquetColumns(arrow);
  const sizes: Record<string, number> = {};
  const props = (c: Compression) => new WriterPropertiesBuilder().setCompression(c).setMaxRowGroupSize(1 << 20).build();
  const bench = new Bench({ name: table, time: 2000, warmupTime: 300 });
  bench
    .add('parquet-wasm ZSTD', () => void (sizes['parquet-wasm ZSTD'] = writeParquet(WasmTable.fromIPCStream(ipc), props(Compression.ZSTD)).length))
    .add('parquet-wasm SNAPPY', () => void (sizes['parquet-wasm SNAPPY'] = writeParquet(WasmTable.fromIPCStream(ipc), props(Compression.SNAPPY)).length))
    .add('hyparquet-writer SNAPPY', () => void (sizes['hyparquet-writer SNAPPY'] = parquetWriteBuffer({ columnData: columns, rowGroupSize: 1 << 20 }).byteLength));
  await bench.run();
  for (const t of bench.tasks) if (!(t.result as { latency?: unknown })?.latency) throw new Error(`${table} / ${t.name} failed: ${String((t.result as { error?: unknown })?.error)}`);
  for (const t of bench.tasks) {
    const r = t.result as unknown as { latency: { p50: number; rme: number } };
    rows.push([table, t.name, formatCount(arrow.numRows), r.latency.p50.toFixed(1), `±${r.latency.rme.toFixed(1)}%`, formatCount(Math.round((arrow.numRows / r.latency.p50) * 1000)), formatCount(sizes[t.name])]);
  }
}
console.log('Parquet writers on hdsbench tables (one row group, in memory; tinybench p50)');
console.log(textTable(['table', 'writer', 'rows', 'p50 ms', 'rme', 'rows/s', 'bytes'], rows));
