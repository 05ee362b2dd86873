import { scalar } from '../../rows.js';
import type { Row } from '../../target.js';

/**
 * HiveServer2 result sets (TRowSet, column-oriented) as rows of JSON-safe scalars: integers and
 * decimals as numbers, dates as 'YYYY-MM-DD', NULLs from each column's bitmap.
 */
interface Int64Like {
  toNumber(): number;
}
interface TypedColumn {
  values: unknown[];
  nulls: Buffer | Uint8Array;
}
export interface ThriftColumn {
  boolVal?: TypedColumn | null;
  byteVal?: TypedColumn | null;
  i16Val?: TypedColumn | null;
  i32Val?: TypedColumn | null;
  i64Val?: TypedColumn | null;
  doubleVal?: TypedColumn | null;
  stringVal?: TypedColumn | null;
  binaryVal?: TypedColumn | null;
}
export interface ThriftColumnDesc {
  columnName: string;
  position: number;
  typeDesc?: { types?: { primitiveEntry?: { type?: number } | null }[] };
}

function isNull(nulls: Buffer | Uint8Array | undefined, i: number): boolean {
  if (!nulls || nulls.length === 0) return false;
  const byte = nulls[Math.floor(i / 8)] ?? 0;
  return (byte & (1 << i % 8)) !== 0;
}

/** TTypeId of HiveServer2's TCLIService.thrift: decimals travel as text. */
const DECIMAL_TYPE = 15;

function value(v: unknown, typeId: number | undefined): Row[number] {
  if (v !== null && typeof v === 'object' && 'toNumber' in v) return (v as Int64Like).toNumber();
  if (Buffer.isBuffer(v)) return v.toString('utf8');
  if (typeId === DECIMAL_TYPE && typeof v === 'string') return Number(v);
  // Strings stay strings (codes such as '01'); numbers, booleans and nulls through the usual rules.
  return typeof v === 'string' ? v : scalar(v);
}

/** Column names in position order. */
export function columnNames(columns: ThriftColumnDesc[]): string[] {
  return [...columns].sort((a, b) => a.position - b.position).map((c) => c.columnName.split('.').pop() ?? c.columnName);
}

/** One fetched row set's rows, given the result's column descriptions (for their types). */
export function rowSetRows(columns: ThriftColumn[], descs: ThriftColumnDesc[]): Row[] {
  const width = descs.length;
  const types = [...descs].sort((a, b) => a.position - b.position).map((d) => d.typeDesc?.types?.[0]?.primitiveEntry?.type);
  const typed = columns.slice(0, width).map((c) => c.boolVal ?? c.byteVal ?? c.i16Val ?? c.i32Val ?? c.i64Val ?? c.doubleVal ?? c.stringVal ?? c.binaryVal ?? { values: [], nulls: Buffer.alloc(0) });
  const n = typed.length ? typed[0].values.length : 0;
  const rows: Row[] = [];
  for (let i = 0; i < n; i++) rows.push(typed.map((c, j) => (isNull(c.nulls, i) ? null : value(c.values[i], types[j]))));
  return rows;
}
