import { describe, expect, it } from 'vitest';
import { Catalog } from '../../src/core/catalog/catalog.js';
import type { TableSchema } from '../../src/core/catalog/catalog-types.js';
import { I32Column, StrColumn } from '../../src/core/columns/column.js';
import { TableBuffer } from '../../src/core/columns/table-buffer.js';

/**
 * A table buffer holds one batch of rows and the overshoot of the beneficiary that fills it, not
 * twice a batch (which a large part used to reach for every table); taking the first rows of a
 * batch keeps the others, in order, with their fill keys.
 */
const table: TableSchema = {
  name: 'T',
  kind: 'fact',
  fields: [
    { name: 'I', type: 'integer', gen: { by: 'model' } },
    { name: 'S', type: 'string', gen: { by: 'model' } },
    { name: 'R', type: 'integer', gen: { int: [0, 1_000_000] } },
  ],
};
const catalog = new Catalog({ tables: { T: table }, nomenclatures: {}, model: {} }, 'test');

function fill(buffer: TableBuffer, rows: number, ben: (r: number) => number) {
  const i = buffer.col('I', I32Column);
  const s = buffer.col('S', StrColumn);
  for (let r = 0; r < rows; r++) {
    const row = buffer.addRow(ben(r));
    i.data[row] = r;
    s.data[row] = `s${r}`;
  }
}

describe('TableBuffer memory', () => {
  it('grows past a batch by small steps, not to twice a batch', () => {
    const buffer = new TableBuffer(table, catalog, 1);
    buffer.setBatchRows(8192);
    fill(buffer, 8192 + 37, () => 0); // one beneficiary straddles the end of the batch
    expect(buffer.length).toBe(8192 + 37);
    expect(buffer.col('I', I32Column).data.length).toBe(8192 + 1024);
  });

  it('takes the first rows of a batch and keeps the rest, with the same rule-driven values', () => {
    const whole = new TableBuffer(table, catalog, 1);
    fill(whole, 3000, (r) => r >> 4);
    const all = whole.takeBatch();
    const expected = Array.from({ length: 3000 }, (_, r) => (all.columns[2] as I32Column).data[r]);

    const split = new TableBuffer(table, catalog, 1);
    fill(split, 3000, (r) => r >> 4);
    const first = split.takeBatch(1024);
    expect(first.length).toBe(1024);
    expect(Array.from((first.columns[2] as I32Column).data.subarray(0, 1024))).toEqual(expected.slice(0, 1024));
    split.clear(1024);
    expect(split.length).toBe(3000 - 1024);
    const rest = split.takeBatch();
    expect(rest.length).toBe(3000 - 1024);
    expect((rest.columns[0] as I32Column).data[0]).toBe(1024);
    expect((rest.columns[1] as StrColumn).data[3000 - 1025]).toBe('s2999');
    expect(Array.from((rest.columns[2] as I32Column).data.subarray(0, 3000 - 1024))).toEqual(expected.slice(1024));
    split.clear();
    expect(split.length).toBe(0);
  });
});
