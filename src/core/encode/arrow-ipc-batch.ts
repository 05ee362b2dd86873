import type { TableSchema } from '../catalog/catalog-types.js';
import { NULL_BIGINT, NULL_BOOL, NULL_INT, NULL_LEN, type Column, type DictColumn } from '../columns/column.js';
import type { ColumnBatch } from '../columns/table-buffer.js';
import { dictionaryBatchMetadata, ipcTypes, recordBatchMetadata, schemaMetadata, type BatchLayout, type IpcType } from './arrow-ipc-messages.js';
import { asciiBuffers, utf8Buffers } from './utf8-buffers.js';

export { ipcTypes, type IpcType } from './arrow-ipc-messages.js';

/**
 * Cells (rows x columns) converted between two pauses when the encoding pauses (EncoderOptions.pause):
 * 4 columns of a full batch of the widest table. A smaller batch is converted in one go.
 */
export const CELLS_PER_PAUSE = 32_768;

/**
 * Arrow IPC record batches written straight from the table buffer's typed stores: each column kind
 * gives its Arrow buffers (validity, offsets, values) for a range of rows, views of its store when
 * it has no null, and the record batch message is encoded around them, without Apache Arrow's
 * Data, Vector and RecordBatch objects or its writer, and without loading it (the message metadata
 * is in arrow-ipc-messages.ts). The bytes are those Apache Arrow's stream writer writes for the same
 * batch (same message metadata, buffer order and 8-byte padding), the schema and dictionary
 * messages that begin a stream included.
 */

/** One column's share of a record batch: its null count and its buffers, in Arrow IPC order. */
export interface ColumnBody {
  nullCount: number;
  buffers: Uint8Array[];
}

const EMPTY = new Uint8Array(0);

let zeroBytes = new Uint8Array(1 << 16);

/** `n` zero bytes, shared: every buffer of a body is only read (copied into the message). */
function zeros(n: number): Uint8Array {
  if (zeroBytes.length < n) zeroBytes = new Uint8Array(Math.max(n, zeroBytes.length * 2));
  return zeroBytes.subarray(0, n);
}

const bytesOf = (a: Int32Array | Float64Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** Validity bitmap of rows [from, to) of a typed store where `sentinel` marks a null (NaN for NaN); empty when no row is null. */
function validity(data: Int32Array | Float64Array | Uint8Array, from: number, to: number, sentinel: number): { bitmap: Uint8Array; nulls: number } {
  let nulls = 0;
  if (sentinel !== sentinel) {
    for (let i = from; i < to; i++) if (data[i] !== data[i]) nulls++;
  } else {
    for (let i = from; i < to; i++) if (data[i] === sentinel) nulls++;
  }
  if (nulls === 0) return { bitmap: EMPTY, nulls };
  const bitmap = new Uint8Array((to - from + 7) >> 3);
  if (sentinel !== sentinel) {
    for (let i = from; i < to; i++) if (data[i] === data[i]) bitmap[(i - from) >> 3] |= 1 << ((i - from) & 7);
  } else {
    for (let i = from; i < to; i++) if (data[i] !== sentinel) bitmap[(i - from) >> 3] |= 1 << ((i - from) & 7);
  }
  return { bitmap, nulls };
}

/** Values of a store with nulls read as 0 (what Arrow's value buffer holds under a null), a view when there is none. */
function zeroedValues<T extends Int32Array | Float64Array>(data: T, from: number, to: number, nulls: number, isNull: (v: number) => boolean): Uint8Array {
  if (nulls === 0) return bytesOf(data.subarray(from, to));
  const out = data.slice(from, to) as T;
  for (let i = 0; i < out.length; i++) if (isNull(out[i])) out[i] = 0;
  return bytesOf(out);
}

const isNullInt = (v: number) => v === NULL_INT;
const isNaN_ = (v: number) => v !== v;
const isNullIndex = (v: number) => v < 0;

function utf8Body(values: readonly (string | null)[], from: number, to: number): ColumnBody {
  const { nulls, bitmap, offsets, bytes } = utf8Buffers(values, from, to);
  return { nullCount: nulls, buffers: [nulls ? bitmap : EMPTY, bytesOf(offsets), bytes] };
}

/** The buffers of rows [from, to) of a column whose Arrow type is `type` (that of ipcTypes). */
export function columnBody(column: Column, type: IpcType, from: number, to: number): ColumnBody {
  const n = to - from;
  return column.accept<ColumnBody>({
    i32(c) {
      const { bitmap, nulls } = validity(c.data, from, to, NULL_INT);
      return { nullCount: nulls, buffers: [bitmap, zeroedValues(c.data, from, to, nulls, isNullInt)] };
    },
    i64(c) {
      const values = c.data.slice(from, to);
      let nulls = 0;
      for (let i = 0; i < n; i++) if (values[i] === NULL_BIGINT) nulls++;
      let bitmap = EMPTY;
      if (nulls) {
        bitmap = new Uint8Array((n + 7) >> 3);
        for (let i = 0; i < n; i++) {
          if (values[i] === NULL_BIGINT) values[i] = 0n;
          else bitmap[i >> 3] |= 1 << (i & 7);
        }
      }
      return { nullCount: nulls, buffers: [bitmap, new Uint8Array(values.buffer, values.byteOffset, values.byteLength)] };
    },
    f64(c) {
      const { bitmap, nulls } = validity(c.data, from, to, NaN);
      return { nullCount: nulls, buffers: [bitmap, zeroedValues(c.data, from, to, nulls, isNaN_)] };
    },
    bool(c) {
      const values = c.data;
      const packed = new Uint8Array((n + 7) >> 3);
      for (let i = from; i < to; i++) if (values[i] === 1) packed[(i - from) >> 3] |= 1 << ((i - from) & 7);
      const { bitmap, nulls } = validity(values, from, to, NULL_BOOL);
      return { nullCount: nulls, buffers: [bitmap, packed] };
    },
    dict(c) {
      const { bitmap, nulls } = validity(c.data, from, to, -1);
      return { nullCount: nulls, buffers: [bitmap, zeroedValues(c.data, from, to, nulls, isNullIndex)] };
    },
    ascii(c) {
      const lengths = c.lengths;
      const { offsets, bytes } = asciiBuffers(c.bytes, lengths, c.width, NULL_LEN, from, n);
      const { bitmap, nulls } = validity(lengths, from, to, NULL_LEN);
      return { nullCount: nulls, buffers: [bitmap, bytesOf(offsets), bytes] };
    },
    str: (c) => utf8Body(c.data, from, to),
    null() {
      // Every cell null: a zeroed validity bitmap and zeroed values of the column's declared type.
      const bitmap = n > 0 ? zeros((n + 7) >> 3) : EMPTY;
      if (type === 'utf8') return { nullCount: n, buffers: [bitmap, zeros((n + 1) * 4), EMPTY] };
      if (type === 'bool') return { nullCount: n, buffers: [bitmap, zeros((n + 7) >> 3)] };
      if (type === 'float64' || type === 'int64') return { nullCount: n, buffers: [bitmap, zeros(n * 8)] };
      return { nullCount: n, buffers: [bitmap, zeros(n * 4)] };
    },
  });
}

const pad8 = (n: number) => (n + 7) & ~7;

/** A message's flatbuffer with its stream framing: continuation marker, padded length, padding. */
function framed(metadata: Uint8Array): Uint8Array {
  const aligned = pad8(metadata.length + 8);
  const out = new Uint8Array(aligned);
  const view = new DataView(out.buffer);
  view.setInt32(0, -1, true);
  view.setInt32(4, aligned - 8, true);
  out.set(metadata, 8);
  return out;
}

/** A record batch message of `length` rows: its framed metadata, then its body as buffers (each padded to 8 bytes by the writer). */
export interface BatchMessage {
  metadata: Uint8Array;
  buffers: Uint8Array[];
  /** Bytes of metadata and body together. */
  byteLength: number;
}

/** The layout of a record batch of `length` rows and its buffers, in body order. */
function layoutOf(length: number, bodies: readonly ColumnBody[]): { layout: BatchLayout; buffers: Uint8Array[] } {
  const nodes: number[] = [];
  const regions: number[] = [];
  const buffers: Uint8Array[] = [];
  let bodyLength = 0;
  for (const b of bodies) {
    nodes.push(length, b.nullCount);
    for (const buf of b.buffers) {
      const padded = pad8(buf.byteLength);
      regions.push(bodyLength, padded);
      buffers.push(buf);
      bodyLength += padded;
    }
  }
  return { layout: { length, nodes, buffers: regions, bodyLength }, buffers };
}

export function batchMessage(length: number, bodies: readonly ColumnBody[]): BatchMessage {
  const { layout, buffers } = layoutOf(length, bodies);
  const metadata = framed(recordBatchMetadata(layout));
  return { metadata, buffers, byteLength: metadata.length + layout.bodyLength };
}

/** Write a batch message into `out` at `at` (padding bytes left as they are: `out` must be zeroed); returns the offset after it. */
export function writeBatchMessage(m: BatchMessage, out: Uint8Array, at: number): number {
  out.set(m.metadata, at);
  let o = at + m.metadata.length;
  for (const b of m.buffers) {
    out.set(b, o);
    o += pad8(b.byteLength);
  }
  return o;
}

/** The parts of a table's Arrow IPC stream that do not depend on its rows. */
export interface StreamFrame {
  /** The schema message and the dictionary batches (every dictionary column's values). */
  head: Uint8Array;
  /** Bytes of the schema message, at the start of `head` (a stream of no batch is the schema and the end). */
  schemaLength: number;
  /** The end-of-stream marker. */
  end: Uint8Array;
}

/** The end-of-stream marker: a continuation marker and a length of 0. */
const END_OF_STREAM = new Uint8Array([255, 255, 255, 255, 0, 0, 0, 0]);

/**
 * The head and end of a table's stream, as Apache Arrow's stream writer writes them: the schema
 * message, then a dictionary batch for each dictionary column (its id is the column's index), in
 * column order; the end-of-stream marker.
 */
export function streamFrame(table: TableSchema, columns: readonly Column[], types: readonly IpcType[] = ipcTypes(table, columns)): StreamFrame {
  const schema = framed(schemaMetadata(table.fields.map((f) => f.name), types));
  const parts: Uint8Array[] = [schema];
  for (let i = 0; i < columns.length; i++) {
    if (types[i] !== 'dict') continue;
    const values = (columns[i] as DictColumn).dictionary;
    const { layout, buffers } = layoutOf(values.length, [utf8Body(values, 0, values.length)]);
    const metadata = framed(dictionaryBatchMetadata(i, layout));
    const message = new Uint8Array(metadata.length + layout.bodyLength);
    writeBatchMessage({ metadata, buffers, byteLength: message.length }, message, 0);
    parts.push(message);
  }
  const head = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    head.set(p, at);
    at += p.length;
  }
  return { head, schemaLength: schema.length, end: END_OF_STREAM };
}

/** The bodies of rows [from, to) of a batch's columns. */
export function batchBodies(batch: ColumnBatch, types: readonly IpcType[], from: number, to: number): ColumnBody[] {
  return batch.columns.map((c, i) => columnBody(c, types[i], from, to));
}

/**
 * The bodies of rows [from, to) of a batch's columns, calling `pause` every CELLS_PER_PAUSE cells;
 * `cells` counts the cells converted since the last pause (carried from slice to slice).
 */
export async function batchBodiesPausing(batch: ColumnBatch, types: readonly IpcType[], from: number, to: number, pause: () => Promise<void> | void, cells: { sincePause: number }): Promise<ColumnBody[]> {
  const bodies: ColumnBody[] = [];
  for (let i = 0; i < batch.columns.length; i++) {
    bodies.push(columnBody(batch.columns[i], types[i], from, to));
    cells.sincePause += to - from;
    if (cells.sincePause >= CELLS_PER_PAUSE) {
      cells.sincePause = 0;
      await pause();
    }
  }
  return bodies;
}

/** One whole stream (head, the batch message, end) in one buffer: what parquet-wasm reads. */
export function streamOfBatch(frame: StreamFrame, m: BatchMessage): Uint8Array {
  return streamOfBatches(frame, [m]);
}

/** An Arrow IPC stream of several record batches after one schema and its dictionaries. */
export function streamOfBatches(frame: StreamFrame, ms: readonly BatchMessage[]): Uint8Array {
  const out = new Uint8Array(frame.head.length + ms.reduce((a, m) => a + m.byteLength, 0) + frame.end.length);
  out.set(frame.head, 0);
  let o = frame.head.length;
  for (const m of ms) o = writeBatchMessage(m, out, o);
  out.set(frame.end, o);
  return out;
}
