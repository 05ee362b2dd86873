import { NULL_INT, type Column, type F64Column, type I32Column, type I64Column } from './column.js';
import type { TableBuffer } from './table-buffer.js';

/**
 * Direct writes into a table's typed stores, for the model's hottest writers (the DCIR care lines):
 * each column is looked up and its kind checked once, when the writer is built, and a cell is then
 * one store (or one short byte copy) instead of a call through a checked setter. The values are
 * stored exactly as the setters store them.
 */

/**
 * A column the model writes codes into: text (ASCII slots, a dictionary, free text) or numeric (the
 * SNDS stores many codes as numbers: the column parses each distinct code once).
 */
export type CodeColumn = Column;

/** A column the model writes computed integers into (a year, a flag): numeric, or text holding their digits. */
export type ValueColumn = Column;

const TAKES_CODES = new Set<Column['kind']>(['ascii', 'dict', 'str', 'i32', 'i64', 'f64']);
const TAKES_NUMBERS = new Set<Column['kind']>(['ascii', 'dict', 'str', 'i32', 'i64', 'f64', 'bool']);

function column(buffer: TableBuffer, name: string): Column {
  const c = buffer.byName.get(name);
  if (!c) throw new Error(`${buffer.table.name} has no column ${name}`);
  return c;
}

/** A column the model writes codes into. */
export function codeColumn(buffer: TableBuffer, name: string): CodeColumn {
  const c = column(buffer, name);
  if (TAKES_CODES.has(c.kind)) return c;
  throw new Error(`${buffer.table.name}.${name} is stored as ${c.kind}; the model writes codes into it`);
}

/** A column the model writes computed integers into. */
export function valueColumn(buffer: TableBuffer, name: string): ValueColumn {
  const c = column(buffer, name);
  if (TAKES_NUMBERS.has(c.kind)) return c;
  throw new Error(`${buffer.table.name}.${name} is stored as ${c.kind}; the model writes integers into it`);
}

/** An integer or date column. */
export function intColumn(buffer: TableBuffer, name: string): I32Column {
  const c = column(buffer, name);
  if (c.kind === 'i32' || c.kind === 'date') return c;
  throw new Error(`${buffer.table.name}.${name} is stored as ${c.kind}; the model writes integers into it`);
}

/** A 64-bit integer column (codes wider than 32 bits, such as a CIP13). */
export function bigintColumn(buffer: TableBuffer, name: string): I64Column {
  const c = column(buffer, name);
  if (c.kind === 'i64') return c;
  throw new Error(`${buffer.table.name}.${name} is stored as ${c.kind}; the model writes 64-bit integers into it`);
}

/** A decimal column. */
export function numberColumn(buffer: TableBuffer, name: string): F64Column {
  const c = column(buffer, name);
  if (c.kind === 'f64') return c;
  throw new Error(`${buffer.table.name}.${name} is stored as ${c.kind}; the model writes numbers into it`);
}

/** Store a code (or null), with the checks of the column's kind: width, ASCII, dictionary membership, digits. */
export function putCode(c: CodeColumn, row: number, value: string | null): void {
  c.putCode(row, value);
}

/** Store a computed integer (or null) into a column of any kind that takes numbers. */
export function putValue(c: ValueColumn, row: number, value: number | null): void {
  c.putNumber(row, value);
}

/** Store an integer (or day number) the model computed; null stores a null. */
export function putInt(c: I32Column, row: number, value: number | null): void {
  c.data[row] = value === null ? NULL_INT : value;
}

/** Store a 64-bit integer the model converted once (a CIP13): what putCode stores for its digits. */
export function putBigInt(c: I64Column, row: number, value: bigint): void {
  c.data[row] = value;
}

/** Store a decimal; null stores a null. */
export function putNumber(c: F64Column, row: number, value: number | null): void {
  c.data[row] = value === null ? NaN : value;
}
