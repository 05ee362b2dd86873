import { AsciiColumn, DictColumn, F64Column, I32Column, NULL_INT, NULL_LEN, type Column } from './column.js';
import type { TableBuffer } from './table-buffer.js';

/**
 * Direct writes into a table's typed stores, for the model's hottest writers (the DCIR care lines):
 * each column is looked up and its kind checked once, when the writer is built, and a cell is then
 * one store (or one short byte copy) instead of a call through a checked setter. The values are
 * stored exactly as the setters store them.
 */

/** A column of codes: fixed ASCII slots, or a dictionary. */
export type CodeColumn = AsciiColumn | DictColumn;

function column(buffer: TableBuffer, name: string): Column {
  const c = buffer.byName.get(name);
  if (!c) throw new Error(`${buffer.table.name} has no column ${name}`);
  return c;
}

/** A string column the model writes codes into (ASCII slots or a dictionary). */
export function codeColumn(buffer: TableBuffer, name: string): CodeColumn {
  const c = column(buffer, name);
  if (c instanceof AsciiColumn || c instanceof DictColumn) return c;
  throw new Error(`${buffer.table.name}.${name} is stored as ${c.kind}; the model writes codes (text) into it`);
}

/** An integer or date column. */
export function intColumn(buffer: TableBuffer, name: string): I32Column {
  const c = column(buffer, name);
  if (c instanceof I32Column) return c;
  throw new Error(`${buffer.table.name}.${name} is stored as ${c.kind}; the model writes integers into it`);
}

/** A decimal column. */
export function numberColumn(buffer: TableBuffer, name: string): F64Column {
  const c = column(buffer, name);
  if (c instanceof F64Column) return c;
  throw new Error(`${buffer.table.name}.${name} is stored as ${c.kind}; the model writes numbers into it`);
}

/** Store a code (or null), with the checks of the column's setter: width, ASCII, dictionary membership. */
export function putCode(c: CodeColumn, row: number, value: string | null): void {
  if (c.kind === 'ascii') {
    if (value === null) {
      c.lengths[row] = NULL_LEN;
      return;
    }
    const n = value.length;
    const width = c.width;
    if (n > width) throw new Error(`${c.name}: "${value}" is longer than the column's ${width} characters`);
    const bytes = c.bytes;
    const o = row * width;
    for (let i = 0; i < n; i++) {
      const ch = value.charCodeAt(i);
      if (ch > 127) throw new Error(`${c.name}: "${value}" is not ASCII; give the field no length to store it as text`);
      bytes[o + i] = ch;
    }
    c.lengths[row] = n;
  } else c.data[row] = value === null ? -1 : c.code(value);
}

/** Store an integer (or day number) the model computed; null stores a null. */
export function putInt(c: I32Column, row: number, value: number | null): void {
  c.data[row] = value === null ? NULL_INT : value;
}

/** Store a decimal; null stores a null. */
export function putNumber(c: F64Column, row: number, value: number | null): void {
  c.data[row] = value === null ? NaN : value;
}
