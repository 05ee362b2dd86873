import { Table, tableFromIPC, tableToIPC } from 'apache-arrow';
import { Message } from 'apache-arrow/ipc/metadata/message';
import { describe, expect, it } from 'vitest';
import { Catalog, defaultCatalog } from '../../src/core/catalog/catalog.js';
import type { TableSchema } from '../../src/core/catalog/catalog-types.js';
import { modelSetters } from '../../src/core/columns/setters.js';
import { TableBuffer, type ColumnBatch } from '../../src/core/columns/table-buffer.js';
import { arrowSchema, toRecordBatch } from '../../src/core/encode/arrow-batch.js';
import { batchBodies, batchMessage, ipcTypes, streamFrame, streamOfBatch } from '../../src/core/encode/arrow-ipc-batch.js';
import { MemorySink } from '../../src/core/encode/byte-sink.js';
import { ArrowIpcEncoder } from '../../src/core/encode/arrow-ipc-encoder.js';
import { ParquetEncoder } from '../../src/core/encode/parquet-encoder.js';
import { initParquetForNode } from '../../src/node/parquet-node.js';

/**
 * The Arrow IPC record batches written straight from the typed stores are byte for byte those of
 * Apache Arrow's stream writer, for every kind of column, with and without nulls; a range of rows
 * reads back as those rows; the Parquet encoder writes the same bytes whether it pauses (and so
 * hands the writer slices of a batch) or not.
 */
const table: TableSchema = {
  name: 'T',
  kind: 'fact',
  fields: [
    { name: 'I', type: 'integer', gen: { by: 'model' } },
    { name: 'D', type: 'date', gen: { by: 'model' } },
    { name: 'N', type: 'number', gen: { by: 'model' } },
    { name: 'B', type: 'boolean', gen: { by: 'model' } },
    { name: 'K', type: 'string', gen: { by: 'model' }, length: 6 },
    { name: 'S', type: 'string', gen: { by: 'model' } },
    { name: 'C', type: 'string', gen: { values: ['A', 'BB', 'é'], nullRate: 0.2 } },
    { name: 'F', type: 'integer', gen: { int: [1, 9] } },
    { name: 'ZS', type: 'string', gen: { null: true } },
    { name: 'ZI', type: 'integer', gen: { null: true } },
    { name: 'ZN', type: 'number', gen: { null: true } },
    { name: 'ZB', type: 'boolean', gen: { null: true } },
    { name: 'ZD', type: 'date', gen: { null: true } },
  ],
};
const catalog = new Catalog({ tables: { T: table }, nomenclatures: {}, model: {} }, 'test');
const driven = ['I', 'D', 'N', 'B', 'K', 'S'] as const;

/** Row r's model values; `nulls` puts nulls on some rows. */
function row(r: number, nulls: boolean): (string | number | boolean | null)[] {
  const z = (k: number) => nulls && r % k === 0;
  return [
    z(7) ? null : r * 37 - 500,
    z(5) ? null : 19000 + r,
    z(3) ? null : (r * 13) / 4,
    z(4) ? null : r % 2 === 0,
    z(6) ? null : r % 10 === 0 ? 'ABCDEF' : `C${r % 1000}`,
    z(11) ? null : `é "${r}"`,
  ];
}

function batchOf(rows: number, nulls: boolean): ColumnBatch {
  const buffer = new TableBuffer(table, catalog, 1);
  const set = modelSetters(buffer, driven);
  for (let i = 0; i < rows; i++) {
    const r = buffer.addRow(i);
    row(i, nulls).forEach((v, c) => set[driven[c]](r, v));
  }
  return buffer.takeBatch();
}

describe('Arrow IPC record batches from the typed stores', () => {
  for (const [rows, nulls] of [[0, false], [1, true], [3000, true], [3000, false], [13, false]] as const) {
    it(`writes Apache Arrow's bytes (${rows} rows, ${nulls ? 'with' : 'without'} nulls)`, () => {
      const batch = batchOf(rows, nulls);
      const schema = arrowSchema(table, batch.columns);
      const direct = streamOfBatch(streamFrame(table, batch.columns), batchMessage(rows, batchBodies(batch, ipcTypes(table, batch.columns), 0, rows)));
      const reference = tableToIPC(new Table(schema, [toRecordBatch(batch, schema)]), 'stream');
      expect(Buffer.from(direct).equals(Buffer.from(reference))).toBe(true);
    });
  }

  it('writes a range of rows as those rows', () => {
    const batch = batchOf(3000, true);
    const schema = arrowSchema(table, batch.columns);
    const whole = tableFromIPC(tableToIPC(new Table(schema, [toRecordBatch(batch, schema)]), 'stream'));
    const range = tableFromIPC(streamOfBatch(streamFrame(table, batch.columns), batchMessage(1500, batchBodies(batch, ipcTypes(table, batch.columns), 1001, 2501))));
    expect(range.numRows).toBe(1500);
    for (const f of schema.fields) expect([...(range.getChild(f.name)?.toArray() ?? [])], f.name).toEqual([...(whole.getChild(f.name)?.toArray() ?? [])].slice(1001, 2501));
  });

  for (const sizes of [[], [0], [40], [3000, 0, 17], [5000]]) {
    it(`writes an Arrow IPC stream of Apache Arrow's bytes (batches of ${sizes.join(', ') || 'no'} rows)`, async () => {
      // As the generator does: one buffer, each batch taken, written and cleared in turn.
      const buffer = new TableBuffer(table, catalog, 1);
      const set = modelSetters(buffer, driven);
      const schema = arrowSchema(table, buffer.columns);
      const sinks = [new MemorySink(), new MemorySink()];
      const encoders = [undefined, () => undefined].map((pause, i) => new ArrowIpcEncoder({ table, columns: buffer.columns, sink: sinks[i], rowGroupRows: 1 << 16, pause }));
      const reference = [];
      let next = 0;
      for (const size of sizes) {
        for (let i = 0; i < size; i++, next++) {
          const r = buffer.addRow(next);
          row(next, next % 3 === 0).forEach((v, c) => set[driven[c]](r, v));
        }
        const batch = buffer.takeBatch();
        reference.push(toRecordBatch(batch, schema));
        for (const e of encoders) await e.write(batch);
        buffer.clear();
      }
      for (const e of encoders) await e.finish();
      const expected = Buffer.from(tableToIPC(new Table(schema, reference), 'stream'));
      for (const sink of sinks) expect(Buffer.from(sink.bytes()).equals(expected)).toBe(true);
    });
  }

  it("writes the schema and dictionary messages of every table of the catalog as Apache Arrow does, without it", () => {
    const catalog = defaultCatalog();
    for (const t of catalog.outputTables()) {
      const columns = new TableBuffer(t, catalog, 1).columns;
      const schema = arrowSchema(t, columns);
      // Apache Arrow's stream of no row: schema, dictionaries, an empty record batch, end of stream.
      const reference = tableToIPC(new Table(schema, [toRecordBatch({ table: t, columns, length: 0 }, schema)]), 'stream');
      const frame = streamFrame(t, columns);
      expect(Buffer.from(reference.subarray(0, frame.head.length)).equals(Buffer.from(frame.head)), t.name).toBe(true);
      const batch = Message.decode(reference.subarray(frame.head.length + 8));
      expect(batch.isRecordBatch(), t.name).toBe(true);
      expect(Buffer.from(reference.subarray(reference.length - 8)).equals(Buffer.from(frame.end)), t.name).toBe(true);
      expect(Message.decode(frame.head.subarray(8, frame.schemaLength)).isSchema(), t.name).toBe(true);
    }
  });

  it('gives the Parquet encoder the same bytes whether it pauses or not', async () => {
    initParquetForNode();
    const parquet = async (pause?: () => void) => {
      const batch = batchOf(5000, true);
      const sink = new MemorySink();
      const encoder = new ParquetEncoder({ table, columns: batch.columns, sink, rowGroupRows: 1 << 16, pause });
      await encoder.write(batch);
      await encoder.finish();
      return Buffer.from(sink.bytes());
    };
    let pauses = 0;
    const paused = await parquet(() => void pauses++);
    expect(pauses).toBeGreaterThan(5);
    expect(paused.equals(await parquet())).toBe(true);
  });
});
