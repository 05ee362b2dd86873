/**
 * The encoders alone: one part's batches are generated once per format and kept (copied out of
 * the table buffers), then encoded again and again, formats interleaved, into a counting sink. The
 * care model is out of the timing, so a change of an encoder shows on a busy machine as it would
 * not in a whole run. Prints, per format, the median and least CPU seconds of a round, the bytes,
 * MiB per CPU second and the sha256 of the output (the same digest before and after a change: the same bytes).
 * Usage: node dist/bench/gen/encode.js [--scale 0.02] [--formats csv,parquet,arrow] [--rounds 5]
 */
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { Column } from '../../src/core/columns/column.js';
import type { ColumnBatch } from '../../src/core/columns/table-buffer.js';
import { defaultCatalog } from '../../src/core/catalog/catalog.js';
import { createEncoder } from '../../src/core/encode/create-encoder.js';
import { isFormat, type EncoderOptions, type Format, type TableEncoder } from '../../src/core/encode/encoder.js';
import { formatBytes, textTable } from '../../src/format/text.js';
import { datasetFiles } from '../../src/core/pipeline/dataset.js';
import { generateFiles } from '../../src/core/pipeline/generate.js';
import { GENERATOR_VERSION } from '../../src/core/version.js';
import { initParquetForNode } from '../../src/node/parquet-node.js';

const { values } = parseArgs({
  options: { scale: { type: 'string', default: '0.02' }, formats: { type: 'string', default: 'csv,parquet,arrow' }, rounds: { type: 'string', default: '5' } },
});
const formats = values.formats.split(',');
for (const f of formats) if (!isFormat(f)) throw new Error(`unknown format ${f}`);
const rounds = Number(values.rounds);
if (formats.includes('parquet')) initParquetForNode();

interface Kept {
  options: Omit<EncoderOptions, 'sink'>;
  batches: ColumnBatch[];
}

/** A copy of a batch's rows that the table buffer no longer writes into. */
function keep(batch: ColumnBatch): ColumnBatch {
  const columns = batch.columns.map((c) => {
    const copy = c.blank(Math.max(1, batch.length));
    for (let r = 0; r < batch.length; r++) copy.copyCell(c, r);
    return copy;
  }) as Column[];
  return { table: batch.table, length: batch.length, columns };
}

/** Every file's batches of one part in `format`, cut as the format's encoder cuts them. */
async function capture(format: Format): Promise<Kept[]> {
  const catalog = defaultCatalog();
  const spec = { seed: 42, scale: Number(values.scale), parts: 1 };
  const tables = catalog.outputTables().filter((t) => t.kind !== 'nomenclature').map((t) => t.name);
  const kept: Kept[] = [];
  const files = datasetFiles(catalog, spec, tables);
  for (const group of [files.filter((f) => f.kind === 'fact'), files.filter((f) => f.kind !== 'fact')]) {
    await generateFiles({
      spec,
      format,
      files: group,
      sinkFor: () => ({ write() {} }),
      async createEncoder(fmt, options) {
        const real = await createEncoder(fmt, options);
        const k: Kept = { options: { table: options.table, columns: options.columns, rowGroupRows: options.rowGroupRows }, batches: [] };
        kept.push(k);
        return {
          writableAhead: real.writableAhead?.bind(real),
          async write(batch) {
            k.batches.push(keep(batch));
          },
          async finish() {},
        } satisfies TableEncoder;
      },
    });
  }
  return kept;
}

/** Encode every kept batch; the bytes are counted, and hashed when asked. */
async function encode(format: Format, kept: Kept[], hash?: ReturnType<typeof createHash>): Promise<number> {
  let bytes = 0;
  const sink = { write: (c: Uint8Array) => void ((bytes += c.length), hash?.update(c)) };
  for (const k of kept) {
    const encoder = await createEncoder(format, { ...k.options, sink });
    for (const b of k.batches) await encoder.write(b);
    await encoder.finish();
  }
  return bytes;
}

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

const data = new Map<string, Kept[]>();
const digests = new Map<string, { bytes: number; sha256: string }>();
for (const f of formats) {
  data.set(f, await capture(f as Format));
  const h = createHash('sha256');
  const bytes = await encode(f as Format, data.get(f) as Kept[], h);
  digests.set(f, { bytes, sha256: h.digest('hex') });
}
const samples = new Map<string, number[]>(formats.map((f) => [f, []]));
for (let r = 0; r < rounds; r++) {
  for (const f of formats) {
    const start = cpu();
    await encode(f as Format, data.get(f) as Kept[]);
    samples.get(f)?.push(cpu() - start);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`generator ${GENERATOR_VERSION}: encoders alone, scale ${values.scale} (one part), median of ${rounds} round(s), formats interleaved`);
console.log(
  textTable(
    ['format', 'bytes', 'CPU s', 'min CPU s', 'MiB/CPU s', 'sha256'],
    formats.map((f) => {
      const d = digests.get(f) as { bytes: number; sha256: string };
      const s = median(samples.get(f) as number[]);
      return [f, formatBytes(d.bytes), s.toFixed(3), Math.min(...(samples.get(f) as number[])).toFixed(3), (d.bytes / s / 2 ** 20).toFixed(1), d.sha256.slice(0, 16)];
    }),
  ),
);
