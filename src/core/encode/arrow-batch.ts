import {
  Bool, DateDay, Dictionary, Field, Float64, Int32, Int64, RecordBatch, Schema, Struct, Utf8, makeData, makeVector,
  type Data, type DataType, type Vector,
} from 'apache-arrow';
import type { TableSchema } from '../catalog/catalog-types.js';
import { NULL_BIGINT, NULL_BOOL, NULL_INT, NULL_LEN, type Column } from '../columns/column.js';
import type { ColumnBatch } from '../columns/table-buffer.js';
import { asciiBuffers, utf8Buffers } from './utf8-buffers.js';

/**
 * The Arrow schema of a table's columns, and ColumnBatch → Arrow RecordBatch, as Apache Arrow's
 * objects: the reference the direct IPC writer (arrow-ipc-batch.ts) is tested against, and a way
 * to hand a batch to Apache Arrow. The encoders do not use it (nor load Apache Arrow). Built with
 * makeData only (zero-copy where possible, no builders: they are slow and need code generation,
 * which workerd forbids).
 */


function utf8Data(values: readonly (string | null)[]): Data<Utf8> {
  const { nulls, bitmap, offsets, bytes } = utf8Buffers(values, 0, values.length);
  return makeData({ type: new Utf8(), length: values.length, nullCount: nulls, nullBitmap: nulls ? bitmap : null, valueOffsets: offsets, data: bytes });
}

function arrowType(column: Column, field: { type: string }, dictId: number): DataType {
  switch (column.kind) {
    case 'i32':
      return new Int32();
    case 'i64':
      return new Int64();
    case 'date':
      return new DateDay();
    case 'f64':
      return new Float64();
    case 'bool':
      return new Bool();
    case 'dict':
      return new Dictionary(new Utf8(), new Int32(), dictId);
    case 'ascii':
    case 'str':
      return new Utf8();
    case 'null':
      switch (field.type) {
        case 'integer':
          return new Int32();
        case 'bigint':
          return new Int64();
        case 'date':
          return new DateDay();
        case 'number':
          return new Float64();
        case 'boolean':
          return new Bool();
        default:
          return new Utf8();
      }
  }
}

const dictionaryVectors = new WeakMap<readonly string[], Vector<Utf8>>();

function dictionaryVector(values: readonly string[]): Vector<Utf8> {
  let v = dictionaryVectors.get(values);
  if (!v) {
    v = makeVector(utf8Data(values));
    dictionaryVectors.set(values, v);
  }
  return v;
}

/** The Arrow schema of a table as the generator writes it (static per table). */
export function arrowSchema(table: TableSchema, columns: readonly Column[]): Schema {
  return new Schema(table.fields.map((f, i) => new Field(f.name, arrowType(columns[i], f, i), true)));
}

function allNull(type: DataType, length: number): Data {
  const nullBitmap = new Uint8Array((length + 7) >> 3);
  if (type instanceof Utf8) return makeData({ type, length, nullCount: length, nullBitmap, valueOffsets: new Int32Array(length + 1), data: new Uint8Array(0) });
  if (type instanceof Bool) return makeData({ type, length, nullCount: length, nullBitmap, data: new Uint8Array((length + 7) >> 3) });
  if (type instanceof Float64) return makeData({ type, length, nullCount: length, nullBitmap, data: new Float64Array(length) });
  if (type instanceof Int64) return makeData({ type, length, nullCount: length, nullBitmap, data: new BigInt64Array(length) });
  return makeData({ type: type as Int32, length, nullCount: length, nullBitmap, data: new Int32Array(length) });
}

/** Validity bitmap of rows [0, n) of a typed store where `sentinel` marks a null (NaN for NaN); null when every row is valid. */
function validityOf(data: Int32Array | Float64Array | Uint8Array, n: number, sentinel: number): { bitmap: Uint8Array | null; nulls: number } {
  let nulls = 0;
  const bitmap = new Uint8Array((n + 7) >> 3);
  if (sentinel !== sentinel) {
    for (let i = 0; i < n; i++) {
      const v = data[i];
      if (v !== v) nulls++;
      else bitmap[i >> 3] |= 1 << (i & 7);
    }
  } else {
    for (let i = 0; i < n; i++) {
      if (data[i] === sentinel) nulls++;
      else bitmap[i >> 3] |= 1 << (i & 7);
    }
  }
  return { bitmap: nulls ? bitmap : null, nulls };
}

/** Arrow data of the first `n` rows of a column, copied (the buffer is reused for the next batch). */
function columnData(column: Column, type: DataType, n: number): Data {
  return column.accept<Data>({
    i32(c) {
      const data = c.data.slice(0, n);
      const { bitmap, nulls } = validityOf(data, n, NULL_INT);
      if (nulls) for (let i = 0; i < n; i++) if (data[i] === NULL_INT) data[i] = 0;
      return makeData({ type: type as Int32, length: n, nullCount: nulls, nullBitmap: bitmap, data });
    },
    i64(c) {
      const data = c.data.slice(0, n);
      let nulls = 0;
      const bitmap = new Uint8Array((n + 7) >> 3);
      for (let i = 0; i < n; i++) {
        if (data[i] === NULL_BIGINT) {
          nulls++;
          data[i] = 0n;
        } else bitmap[i >> 3] |= 1 << (i & 7);
      }
      return makeData({ type: type as Int64, length: n, nullCount: nulls, nullBitmap: nulls ? bitmap : null, data });
    },
    f64(c) {
      const data = c.data.slice(0, n);
      const { bitmap, nulls } = validityOf(data, n, NaN);
      if (nulls) for (let i = 0; i < n; i++) if (Number.isNaN(data[i])) data[i] = 0;
      return makeData({ type: type as Float64, length: n, nullCount: nulls, nullBitmap: bitmap, data });
    },
    bool(c) {
      const packed = new Uint8Array((n + 7) >> 3);
      const values = c.data;
      for (let i = 0; i < n; i++) if (values[i] === 1) packed[i >> 3] |= 1 << (i & 7);
      const { bitmap, nulls } = validityOf(values, n, NULL_BOOL);
      return makeData({ type: type as Bool, length: n, nullCount: nulls, nullBitmap: bitmap, data: packed });
    },
    dict(c) {
      const data = c.data.slice(0, n);
      const { bitmap, nulls } = validityOf(data, n, -1);
      if (nulls) for (let i = 0; i < n; i++) if (data[i] < 0) data[i] = 0;
      return makeData({ type: type as Dictionary<Utf8, Int32>, length: n, nullCount: nulls, nullBitmap: bitmap, data, dictionary: dictionaryVector(c.dictionary) });
    },
    ascii(c) {
      const lengths = c.lengths;
      const { offsets, bytes } = asciiBuffers(c.bytes, lengths, c.width, NULL_LEN, 0, n);
      const { bitmap, nulls } = validityOf(lengths, n, NULL_LEN);
      return makeData({ type: type as Utf8, length: n, nullCount: nulls, nullBitmap: bitmap, valueOffsets: offsets, data: bytes });
    },
    str: (c) => utf8Data(c.data.slice(0, n)),
    null: () => allNull(type, n),
  });
}

/** Copy a batch into an Arrow RecordBatch that no longer shares memory with the table buffer. */
export function toRecordBatch(batch: ColumnBatch, schema: Schema): RecordBatch {
  return recordBatchOf(schema, batch.length, batch.columns.map((c, i) => columnData(c, schema.fields[i].type, batch.length)));
}

/** The record batch of a schema's columns, converted. */
function recordBatchOf(schema: Schema, length: number, children: Data[]): RecordBatch {
  return new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length, nullCount: 0, children }));
}

