import {
  Compression, EnabledStatistics, Table as WasmTable, WriterPropertiesBuilder, WriterVersion, transformParquetStream,
  type RecordBatch as WasmRecordBatch, type WriterProperties,
} from 'parquet-wasm/esm';
import type { FieldSchema } from '../catalog/catalog-types.js';
import type { ColumnBatch } from '../columns/table-buffer.js';
import { CELLS_PER_PAUSE, batchBodies, batchBodiesPausing, batchMessage, ipcTypes, streamFrame, streamOfBatches, type IpcType, type StreamFrame } from './arrow-ipc-batch.js';
import type { EncoderOptions, TableEncoder } from './encoder.js';
import { parquetWasmReady } from './parquet-wasm.js';

export { initParquetWasm, parquetWasmReady } from './parquet-wasm.js';

/**
 * Parquet through parquet-wasm (the Rust `parquet` crate compiled to WebAssembly), streamed: each
 * batch becomes one row group and leaves wasm memory as soon as it is written, so memory stays
 * bounded by the row-group size whatever the part size.
 *
 * Settings, chosen for readers: ZSTD compression (smaller than Snappy at the same speed here, read
 * by DuckDB, Spark, PostgreSQL FDWs, pyarrow), Parquet format v1 data pages (the most widely read),
 * dictionary encoding for codes, amounts and months but plain values for day dates and record
 * identifiers (columnDictionary), column chunk statistics on every column (min/max let engines skip
 * row groups on dates, keys and codes), row groups of `rowGroupRows` rows.
 */

/** The `created_by` written in every file: part of the bytes, so pinned rather than left to the library. */
export const PARQUET_CREATED_BY = 'hdsbench (parquet-wasm 0.8.0)';

/**
 * Whether a column is dictionary-encoded. Dictionary encoding suits codes, amounts and months (a few
 * values repeated); it does not suit identifiers (a new value on almost every row) nor day dates
 * (rows come person by person, each date close to the one before: ZSTD compresses the plain values
 * better than the dictionary indices that number them in order of appearance). Day dates are plain
 * by default; a field's `parquet.dictionary` says otherwise (schemas/README.md, "Parquet layout").
 */
export function columnDictionary(field: FieldSchema): boolean {
  if (field.parquet?.dictionary !== undefined) return field.parquet.dictionary;
  if (field.type === 'date') return field.gen !== undefined && 'yearmonth' in field.gen;
  return true;
}

function writerProperties(rowGroupRows: number, fields: readonly FieldSchema[]): WriterProperties {
  let builder = new WriterPropertiesBuilder()
    .setCompression(Compression.ZSTD)
    .setWriterVersion(WriterVersion.V1)
    .setDictionaryEnabled(true)
    .setStatisticsEnabled(EnabledStatistics.Chunk)
    .setMaxRowGroupSize(rowGroupRows)
    .setWriteBatchSize(WRITE_BATCH_ROWS)
    .setCreatedBy(PARQUET_CREATED_BY);
  for (const f of fields) if (!columnDictionary(f)) builder = builder.setColumnDictionaryEnabled(f.name, false);
  return builder.build();
}

/**
 * Rows the Rust writer encodes at a time (its write batch size) and rows of the record batches it
 * is handed (writerSlices), so that each record batch is one of its mini-batches.
 */
export const WRITE_BATCH_ROWS = 1000;

/**
 * The record batches [from, to) the writer is handed for a batch of `length` rows, with or without
 * pauses (EncoderOptions.pause: the Worker pauses between them): the same sequence either way, so
 * the same bytes whatever the writer does with it. Where its pages, dictionary fallbacks and row
 * groups end depends on the sizes of the record batches it gets: generator 0.8.0 handed it whole
 * batches without pauses and 1,000-row slices with them, and the two differed in row groups of more
 * than 20,000 rows (IR_BEN_R, ER_PHA_F, ER_CAM_F, T_MCOaaUM at scale 0.3, seed 5). The batch is split
 * where a row group ends (`rowGroupRows` rows; `rowsInGroup` of the current one already written)
 * and each part cut into WRITE_BATCH_ROWS rows from its first row. At least one slice: an empty
 * batch still gives the writer its schema.
 */
export function writerSlices(length: number, rowsInGroup: number, rowGroupRows: number): [number, number][] {
  const slices: [number, number][] = [];
  let partStart = 0;
  let groupEnd = rowGroupRows - rowsInGroup;
  while (partStart < length || slices.length === 0) {
    const partEnd = Math.min(length, groupEnd);
    for (let from = partStart; from < partEnd || slices.length === 0; from += WRITE_BATCH_ROWS) slices.push([from, Math.min(partEnd, from + WRITE_BATCH_ROWS)]);
    partStart = partEnd;
    groupEnd += rowGroupRows;
  }
  return slices;
}

const END = Symbol('end');
type Item = WasmRecordBatch | typeof END;

export class ParquetEncoder implements TableEncoder {
  private readonly queue: Item[] = [];
  private wake: (() => void) | undefined;
  private taken: (() => void) | undefined;
  private pump: Promise<void> | undefined;
  private wroteAny = false;
  /** Rows of the row group in progress already handed to the writer (it closes one every rowGroupRows rows). */
  private rowsInGroup = 0;
  private readonly types: IpcType[];
  /** The schema and dictionaries that begin each Arrow stream handed to the writer. */
  private readonly frame: StreamFrame;

  constructor(private readonly options: EncoderOptions) {
    this.types = ipcTypes(options.table, options.columns);
    this.frame = streamFrame(options.table, options.columns, this.types);
    if (!parquetWasmReady()) throw new Error('parquet-wasm is not initialised: call initParquetWasm() from the runtime entry point');
  }

  private start() {
    const input = new ReadableStream<WasmRecordBatch>(
      {
        pull: async (controller) => {
          while (this.queue.length === 0) await new Promise<void>((r) => (this.wake = r));
          const item = this.queue.shift() as Item;
          this.taken?.();
          if (item === END) controller.close();
          else controller.enqueue(item);
        },
      },
      { highWaterMark: 0 },
    );
    this.pump = (async () => {
      const output: ReadableStream<Uint8Array> = await transformParquetStream(input, writerProperties(this.options.rowGroupRows, this.options.table.fields));
      const reader = output.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        await this.options.sink.write(value);
      }
    })();
    // Surface encoder failures to whoever awaits next, not as unhandled rejections.
    this.pump.catch(() => undefined);
  }

  private async push(item: Item) {
    if (!this.pump) this.start();
    const accepted = new Promise<void>((r) => (this.taken = r));
    this.queue.push(item);
    this.wake?.();
    this.wake = undefined;
    await Promise.race([accepted, this.pump]);
  }

  async write(batch: ColumnBatch) {
    const pause = this.options.pause;
    const slices = writerSlices(batch.length, this.rowsInGroup, this.options.rowGroupRows);
    if (!pause || batch.length * batch.columns.length < CELLS_PER_PAUSE) {
      // One Arrow stream, but the writer gets the same record batches as when pausing.
      await this.writeIpc(streamOfBatches(this.frame, slices.map(([from, to]) => batchMessage(to - from, batchBodies(batch, this.types, from, to)))));
    } else {
      // Slice by slice, pausing between them.
      await pause();
      const cells = { sincePause: 0 };
      for (const [from, to] of slices) {
        const bodies = await batchBodiesPausing(batch, this.types, from, to, pause, cells);
        await this.writeIpc(streamOfBatches(this.frame, [batchMessage(to - from, bodies)]));
        await pause();
      }
    }
    this.rowsInGroup = (this.rowsInGroup + batch.length) % this.options.rowGroupRows;
    this.wroteAny = true;
  }

  /** Hand one Arrow IPC stream (one record batch) to the Parquet writer. */
  private async writeIpc(ipc: Uint8Array) {
    const table = WasmTable.fromIPCStream(ipc);
    const batches = table.recordBatches();
    table.free();
    for (const b of batches) await this.push(b);
  }

  async finish() {
    if (!this.wroteAny) throw new Error(`${this.options.table.name}: finish() before any batch (write an empty batch for an empty table)`);
    await this.push(END);
    await this.pump;
  }
}
