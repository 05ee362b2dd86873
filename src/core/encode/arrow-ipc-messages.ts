import { Builder } from 'flatbuffers';
import type { TableSchema } from '../catalog/catalog-types.js';
import type { Column } from '../columns/column.js';

/**
 * The metadata of the Arrow IPC messages the generator writes (schema, dictionary batch, record
 * batch), encoded with the flatbuffers builder in the order Apache Arrow's JavaScript writer uses
 * (apache-arrow/ipc/metadata/message.mjs and visitor/typeassembler.mjs), so the bytes are its bytes
 * (test/gen/arrow-ipc-batch.test.ts compares them), without loading Apache Arrow: a fifth of a
 * second of a Parquet or Arrow run's start-up. Only the types the generator writes are known here.
 */

/** The Arrow type of a column: Int32, Int64, Float64, Date (days), Bool, Utf8, or a dictionary of Utf8 with Int32 indices. */
export type IpcType = 'int32' | 'int64' | 'float64' | 'date' | 'bool' | 'utf8' | 'dict';

/** The Arrow type of each column of a table (an always-null column keeps its declared type). */
export function ipcTypes(table: TableSchema, columns: readonly Column[]): IpcType[] {
  return columns.map((c, i): IpcType => {
    switch (c.kind) {
      case 'i32':
        return 'int32';
      case 'i64':
        return 'int64';
      case 'date':
        return 'date';
      case 'f64':
        return 'float64';
      case 'bool':
        return 'bool';
      case 'dict':
        return 'dict';
      case 'ascii':
      case 'str':
        return 'utf8';
      case 'null':
        switch (table.fields[i].type) {
          case 'integer':
            return 'int32';
          case 'bigint':
            return 'int64';
          case 'date':
            return 'date';
          case 'number':
            return 'float64';
          case 'boolean':
            return 'bool';
          default:
            return 'utf8';
        }
    }
  });
}

// Enum values of the Arrow format (Schema.fbs, Message.fbs).
const METADATA_V5 = 4;
const HEADER_SCHEMA = 1;
const HEADER_DICTIONARY_BATCH = 2;
const HEADER_RECORD_BATCH = 3;
const TYPE_INT = 2;
const TYPE_FLOATING_POINT = 3;
const TYPE_UTF8 = 5;
const TYPE_BOOL = 6;
const TYPE_DATE = 8;
const PRECISION_DOUBLE = 2;
const PRECISION_HALF = 0;
const DATE_DAY = 0;
const DATE_MILLISECOND = 1;

function intType(b: Builder, bitWidth: number): number {
  b.startObject(2);
  b.addFieldInt32(0, bitWidth, 0);
  b.addFieldInt8(1, 1, 0);
  return b.endObject();
}

function emptyType(b: Builder): number {
  b.startObject(0);
  return b.endObject();
}

/** The type table of a (value) type, and its Type union tag. */
function valueType(b: Builder, type: Exclude<IpcType, 'dict'>): [offset: number, typeId: number] {
  switch (type) {
    case 'int32':
      return [intType(b, 32), TYPE_INT];
    case 'int64':
      return [intType(b, 64), TYPE_INT];
    case 'float64':
      b.startObject(1);
      b.addFieldInt16(0, PRECISION_DOUBLE, PRECISION_HALF);
      return [b.endObject(), TYPE_FLOATING_POINT];
    case 'date':
      b.startObject(1);
      b.addFieldInt16(0, DATE_DAY, DATE_MILLISECOND);
      return [b.endObject(), TYPE_DATE];
    case 'bool':
      return [emptyType(b), TYPE_BOOL];
    case 'utf8':
      return [emptyType(b), TYPE_UTF8];
  }
}

function field(b: Builder, name: string, type: IpcType, dictId: number): number {
  let typeOffset: number;
  let typeId: number;
  let dictionaryOffset = -1;
  if (type === 'dict') {
    const indexType = intType(b, 32);
    b.startObject(4);
    b.addFieldInt64(0, BigInt(dictId), 0n);
    b.addFieldInt8(2, 0, 0); // isOrdered: false
    b.addFieldOffset(1, indexType, 0);
    dictionaryOffset = b.endObject();
    [typeOffset, typeId] = valueType(b, 'utf8');
  } else [typeOffset, typeId] = valueType(b, type);
  b.startVector(4, 0, 4);
  const children = b.endVector();
  const nameOffset = name ? b.createString(name) : -1;
  b.startObject(7);
  b.addFieldOffset(3, typeOffset, 0);
  b.addFieldInt8(2, typeId, 0);
  b.addFieldOffset(5, children, 0);
  b.addFieldInt8(1, 1, 0); // nullable
  if (nameOffset !== -1) b.addFieldOffset(0, nameOffset, 0);
  if (dictionaryOffset !== -1) b.addFieldOffset(4, dictionaryOffset, 0);
  return b.endObject();
}

function message(b: Builder, headerType: number, header: number, bodyLength: number): Uint8Array {
  b.startObject(5);
  b.addFieldInt16(0, METADATA_V5, 0);
  b.addFieldOffset(2, header, 0);
  b.addFieldInt8(1, headerType, 0);
  b.addFieldInt64(3, BigInt(bodyLength), 0n);
  b.finish(b.endObject());
  return b.asUint8Array();
}

/** The schema message of a table's columns (names, types; dictionary ids are the columns' indices). */
export function schemaMetadata(names: readonly string[], types: readonly IpcType[]): Uint8Array {
  const b = new Builder();
  const fields = names.map((name, i) => field(b, name, types[i], i));
  // Apache Arrow starts the fields vector twice (startFieldsVector, then createFieldsVector): the same here.
  b.startVector(4, fields.length, 4);
  b.startVector(4, fields.length, 4);
  for (let i = fields.length - 1; i >= 0; i--) b.addOffset(fields[i]);
  const fieldsVector = b.endVector();
  b.startObject(4);
  b.addFieldOffset(1, fieldsVector, 0);
  b.addFieldInt16(0, 0, 0); // endianness: little
  return message(b, HEADER_SCHEMA, b.endObject(), 0);
}

/** A record batch's layout: per column its row count and null count; per buffer its offset and (padded) length in the body. */
export interface BatchLayout {
  length: number;
  /** Pairs (length, null count), one per column. */
  nodes: number[];
  /** Pairs (offset, length), one per buffer. */
  buffers: number[];
  bodyLength: number;
}

/** A vector of structs of two int64 fields (FieldNode, Buffer), from pairs laid end to end. */
function pairsVector(b: Builder, pairs: readonly number[]): number {
  b.startVector(16, pairs.length / 2, 8);
  for (let i = pairs.length - 2; i >= 0; i -= 2) {
    b.prep(8, 16);
    b.writeInt64(BigInt(pairs[i + 1]));
    b.writeInt64(BigInt(pairs[i]));
  }
  return b.endVector();
}

function recordBatch(b: Builder, layout: BatchLayout): number {
  const nodesVector = pairsVector(b, layout.nodes);
  const buffersVector = pairsVector(b, layout.buffers);
  b.startObject(5);
  b.addFieldInt64(0, BigInt(layout.length), 0n);
  b.addFieldOffset(1, nodesVector, 0);
  b.addFieldOffset(2, buffersVector, 0);
  return b.endObject();
}

const batchBuilder = new Builder(4096);

/** The metadata of a record batch message. */
export function recordBatchMetadata(layout: BatchLayout): Uint8Array {
  const b = batchBuilder;
  b.clear();
  return message(b, HEADER_RECORD_BATCH, recordBatch(b, layout), layout.bodyLength).slice();
}

/** The metadata of a dictionary batch message (not a delta) of dictionary `id`. */
export function dictionaryBatchMetadata(id: number, layout: BatchLayout): Uint8Array {
  const b = new Builder();
  const data = recordBatch(b, layout);
  b.startObject(3);
  b.addFieldInt64(0, BigInt(id), 0n);
  b.addFieldInt8(2, 0, 0); // isDelta: false
  b.addFieldOffset(1, data, 0);
  return message(b, HEADER_DICTIONARY_BATCH, b.endObject(), layout.bodyLength);
}
