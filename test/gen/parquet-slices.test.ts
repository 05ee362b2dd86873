import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/core/catalog/catalog.js';
import type { Column } from '../../src/core/columns/column.js';
import type { ColumnBatch } from '../../src/core/columns/table-buffer.js';
import type { EncoderOptions } from '../../src/core/encode/encoder.js';
import { ParquetEncoder, WRITE_BATCH_ROWS, writerSlices } from '../../src/core/encode/parquet-encoder.js';
import { generateFiles } from '../../src/core/pipeline/generate.js';
import { initParquetForNode } from '../../src/node/parquet-node.js';

/**
 * The Parquet writer gets the same record batches whether the encoding pauses (the Worker) or not
 * (Node), so the files are the same. Generator 0.8.0 handed it whole batches without pauses and
 * 1,000-row slices with them: the files differed once a row group of more than 20,000 rows began
 * more than 1,000 rows into a batch (batches are a little longer than a row group when rows are
 * written ahead), as ER_PHA_F's at scale 0.3 do.
 */
describe('writerSlices', () => {
  it('cuts a batch into writer mini-batches from its first row, and again where a row group ends', () => {
    expect(WRITE_BATCH_ROWS).toBe(1000);
    expect(writerSlices(0, 0, 8192)).toEqual([[0, 0]]);
    expect(writerSlices(2500, 0, 8192)).toEqual([[0, 1000], [1000, 2000], [2000, 2500]]);
    expect(writerSlices(8300, 0, 8192).slice(-3)).toEqual([[7000, 8000], [8000, 8192], [8192, 8300]]);
    // 7,000 rows of the row group already written: it ends 1,192 rows into this batch.
    expect(writerSlices(3000, 7000, 8192)).toEqual([[0, 1000], [1000, 1192], [1192, 2192], [2192, 3000]]);
    expect(writerSlices(3000, 6192, 8192)).toEqual([[0, 1000], [1000, 2000], [2000, 3000]]);
    // Two row-group ends in one batch.
    const s = writerSlices(9000, 4000, 4096);
    expect(s.filter(([, to]) => to === 96 || to === 4192)).toHaveLength(2);
    expect(s.flatMap(([from, to]) => [to - from]).reduce((a, b) => a + b, 0)).toBe(9000);
  });
});

describe('Parquet bytes with and without pauses, batches longer than a row group', () => {
  const catalog = defaultCatalog();
  let sample: ColumnBatch[] = [];
  let options: Omit<EncoderOptions, 'sink' | 'rowGroupRows' | 'pause'>;

  beforeAll(async () => {
    initParquetForNode();
    // Real ER_PHA_F rows (a small part), kept out of the table buffer.
    await generateFiles({
      spec: { seed: 9, scale: 0.002, parts: 1 },
      format: 'parquet',
      catalog,
      files: [{ table: 'ER_PHA_F', kind: 'fact', part: 1, parts: 1 }],
      sinkFor: () => ({ write() {} }),
      async createEncoder(_format, o) {
        options = { table: o.table, columns: o.columns };
        return {
          async write(batch) {
            const columns = batch.columns.map((c) => {
              const copy = c.blank(Math.max(1, batch.length));
              for (let r = 0; r < batch.length; r++) copy.copyCell(c, r);
              return copy;
            }) as Column[];
            sample.push({ table: batch.table, length: batch.length, columns });
          },
          async finish() {},
        };
      },
    });
    sample = sample.filter((b) => b.length > 0);
  });

  /** A batch of `rows` rows, the sample's rows over and over. */
  function batchOf(rows: number): ColumnBatch {
    const source = sample[0];
    const columns = source.columns.map((c) => {
      const copy = c.blank(rows);
      for (let r = 0; r < rows; r++) copy.copyCell(c, r % source.length, r);
      return copy;
    }) as Column[];
    return { table: source.table, length: rows, columns };
  }

  async function digest(batches: ColumnBatch[], pause: EncoderOptions['pause']): Promise<string> {
    const h = sha256.create();
    const encoder = new ParquetEncoder({ ...options, rowGroupRows: 32768, pause, sink: { write: (c: Uint8Array) => void h.update(c) } });
    for (const b of batches) await encoder.write(b);
    await encoder.finish();
    return bytesToHex(h.digest());
  }

  it('the same file: row groups of 32,768 rows from batches of 34,500 (the second begins 1,732 rows into a batch)', async () => {
    const batches = [batchOf(34_500), batchOf(34_500), batchOf(5_000)];
    const plain = await digest(batches, undefined);
    const paused = await digest(batches, () => new Promise<void>((r) => setImmediate(r)));
    expect(paused).toBe(plain);
  }, 60_000);
});
