import type { Column, Setter } from './column.js';

export type { Setter };
import type { TableBuffer } from './table-buffer.js';

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
  for (const n of names) out[n] = (buffer.byName.get(n) as Column).setter(`${table.name}.${n}`);
  return out;
}
