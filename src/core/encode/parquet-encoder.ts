import {
  Compression, EnabledStatistics, Table as WasmTable, WriterPropertiesBuilder, WriterVersion, transformParquetStream,
  type RecordBatch as WasmRecordBatch, type WriterProperties,
} from 'parquet-wasm/esm';
import type { FieldSchema } from '../catalog/catalog-types.js';
import type { ColumnBatch } from '../columns/table-buffer.js';
import { CELLS_PER_PAUSE, batchBodies, batchBodiesPausing, batchMessage, ipcTypes, streamFrame, streamOfBatch, type IpcType, type StreamFrame } from './arrow-ipc-batch.js';
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
    .setCreatedBy(PARQUET_CREATED_BY);
  for (const f of fields) if (!columnDictionary(f)) builder = builder.setColumnDictionaryEnabled(f.name, false);
  return builder.build();
}

/**
 * Rows per slice when the encoding pauses (EncoderOptions.pause): a divisor of the Rust writer's
 * data page row count limit (20,000), so its pages and row groups fall where they do without
 * slicing. Slices of 1,024 rows moved the page break of a batch of more than 20,000 rows (an
 * ER_PHA_F batch: test/gen/pausing-bytes.test.ts); 1,000-row slices gave the unsliced bytes on
 * every batch tried, across several row groups. The plain columns (columnDictionary: dates,
 * integers, identifiers of at most 18 characters) reach that row limit before the writer's 1 MiB
 * page size limit, so the row limit still places every page break.
 */
const PAUSE_SLICE_ROWS = 1000;

const END = Symbol('end');
type Item = WasmRecordBatch | typeof END;

export class ParquetEncoder implements TableEncoder {
  private readonly queue: Item[] = [];
  private wake: (() => void) | undefined;
  private taken: (() => void) | undefined;
  private pump: Promise<void> | undefined;
  private wroteAny = false;
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
    if (!pause || batch.length * batch.columns.length < CELLS_PER_PAUSE) {
      await this.writeIpc(streamOfBatch(this.frame, batchMessage(batch.length, batchBodies(batch, this.types, 0, batch.length))));
    } else {
      // In slices, pausing between them: the same bytes (the writer encodes in mini-batches of
      // 1,024 rows and closes a row group every rowGroupRows rows, whatever the batches it gets).
      await pause();
      const cells = { sincePause: 0 };
      // At least one slice: an empty batch still gives the writer its schema.
      for (let from = 0; from === 0 || from < batch.length; from += PAUSE_SLICE_ROWS) {
        const to = Math.min(batch.length, from + PAUSE_SLICE_ROWS);
        const bodies = await batchBodiesPausing(batch, this.types, from, to, pause, cells);
        await this.writeIpc(streamOfBatch(this.frame, batchMessage(to - from, bodies)));
        await pause();
      }
    }
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
