import { AsciiColumn, BoolColumn, DictColumn, F64Column, I32Column, NULL_BOOL, NULL_INT, NULL_LEN, StrColumn, type Column } from './column.js';
import type { TableBuffer } from './table-buffer.js';

/** Writes one cell; `null` writes a null. Strings and numbers are converted to the column's stored type. */
export type Setter = (row: number, value: string | number | boolean | null) => void;

function setterFor(column: Column, where: string): Setter {
  if (column instanceof I32Column) {
    const isDate = column.kind === 'date';
    return (row, v) => {
      if (v === null) column.data[row] = NULL_INT;
      else {
        const n = typeof v === 'number' ? v : Number(v);
        if (!Number.isInteger(n)) throw new Error(`${where}: ${isDate ? 'day number' : 'integer'} expected, got ${String(v)}`);
        column.data[row] = n;
      }
    };
  }
  if (column instanceof F64Column) return (row, v) => (column.data[row] = v === null ? NaN : Number(v));
  if (column instanceof BoolColumn) return (row, v) => (column.data[row] = v === null ? NULL_BOOL : v === true || v === 1 || v === '1' ? 1 : 0);
  if (column instanceof DictColumn) return (row, v) => (column.data[row] = v === null ? -1 : column.code(String(v)));
  if (column instanceof AsciiColumn) {
    return (row, v) => {
      if (v === null) {
        column.lengths[row] = NULL_LEN;
        return;
      }
      const s = String(v);
      if (s.length > column.width) throw new Error(`${where}: "${s}" is longer than the column's ${column.width} characters`);
      column.set(row, s);
    };
  }
  if (column instanceof StrColumn) return (row, v) => (column.data[row] = v === null ? null : String(v));
  throw new Error(`${where} is declared always-null in its schema but the model writes it`);
}

/** Setters for the columns the model drives, checked against the schema's `by: model` marks. */
export function modelSetters<K extends string>(buffer: TableBuffer, names: readonly K[]): Record<K, Setter> {
  const table = buffer.table;
  const marked = table.fields.filter((f) => f.gen && 'by' in f.gen).map((f) => f.name);
  const missing = marked.filter((n) => !(names as readonly string[]).includes(n));
  const extra = names.filter((n) => !marked.includes(n));
  if (missing.length || extra.length) {
    throw new Error(
      `${table.name}: the model and schemas/tables/${table.name}.json disagree on model-driven columns.` +
        (missing.length ? ` Marked "by": "model" but not written by the model: ${missing.join(', ')}.` : '') +
        (extra.length ? ` Written by the model but not marked "by": "model": ${extra.join(', ')}.` : ''),
    );
  }
  const out = {} as Record<K, Setter>;
  for (const n of names) out[n] = setterFor(buffer.byName.get(n) as Column, `${table.name}.${n}`);
  return out;
}
