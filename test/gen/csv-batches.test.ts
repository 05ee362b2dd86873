import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { Catalog } from '../../src/core/catalog/catalog.js';
import type { TableSchema } from '../../src/core/catalog/catalog-types.js';
import { modelSetters } from '../../src/core/columns/setters.js';
import { TableBuffer } from '../../src/core/columns/table-buffer.js';
import { MemorySink } from '../../src/core/encode/byte-sink.js';
import { CsvEncoder } from '../../src/core/encode/csv-encoder.js';

/**
 * The CSV encoder keeps staging buffers from batch to batch: whatever the sizes of the batches
 * (growing, shrinking), a table's bytes are those of its rows written in one batch, and every
 * cell reads back as written.
 */
const table: TableSchema = {
  name: 'T',
  kind: 'fact',
  fields: [
    { name: 'I', type: 'integer', gen: { by: 'model' } },
    { name: 'D', type: 'date', gen: { by: 'model' } },
    { name: 'N', type: 'number', gen: { by: 'model' } },
    { name: 'B', type: 'boolean', gen: { by: 'model' } },
    { name: 'K', type: 'string', gen: { by: 'model' }, length: 6 },
    { name: 'Q', type: 'string', gen: { by: 'model' }, length: 8 },
    { name: 'S', type: 'string', gen: { by: 'model' } },
    { name: 'Z', type: 'string', gen: { null: true } },
  ],
};
const catalog = new Catalog({ tables: { T: table }, nomenclatures: {}, model: {} }, 'test');

/** Row r's values (nulls on some rows, a code with a comma on some, text with quotes and accents). */
const EDGE_INTEGERS = [2147483647, -2147483647, 0, 9, 10, -10, 99, 100, 999_999_999, 1_000_000_000, -1];

function row(r: number): (string | number | boolean | null)[] {
  return [
    r % 7 === 0 ? null : r % 13 === 1 ? EDGE_INTEGERS[r % EDGE_INTEGERS.length] : r * 37 - 500,
    r % 5 === 0 ? null : 19000 + r,
    r % 3 === 0 ? null : (r * 13) / 4,
    r % 4 === 0 ? null : r % 2 === 0,
    r % 6 === 0 ? null : `C${r % 1000}`,
    r % 9 === 0 ? `a,${r % 100}` : `Q${r}`.slice(0, 8),
    r % 11 === 0 ? null : `é "${r}"`,
  ];
}

async function encode(batchSizes: number[]): Promise<string> {
  const buffer = new TableBuffer(table, catalog, 1);
  const set = modelSetters(buffer, ['I', 'D', 'N', 'B', 'K', 'Q', 'S']);
  const names = ['I', 'D', 'N', 'B', 'K', 'Q', 'S'] as const;
  const sink = new MemorySink();
  const encoder = new CsvEncoder({ table, columns: buffer.columns, sink, rowGroupRows: 1 << 16 });
  let next = 0;
  for (const size of batchSizes) {
    for (let i = 0; i < size; i++, next++) {
      const r = buffer.addRow(next);
      row(next).forEach((v, c) => set[names[c]](r, v));
    }
    await encoder.write(buffer.takeBatch());
    buffer.clear();
  }
  await encoder.finish();
  return new TextDecoder().decode(sink.bytes());
}

describe('CSV encoder across batches', () => {
  it('writes the same bytes in one batch or in batches of changing sizes', async () => {
    const whole = await encode([3000]);
    for (const sizes of [[10, 2000, 990], [1500, 1, 1499], [1, 2, 3, 2994]]) expect(await encode(sizes), sizes.join('+')).toBe(whole);
  });

  it('writes every cell as it was set', async () => {
    const records = parse(await encode([5, 2995]), { columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(3000);
    for (const r of [0, 1, 9, 11, 1234, 2999]) {
      const [i, d, n, b, k, q, s] = row(r);
      const rec = records[r];
      expect(rec.I).toBe(i === null ? '' : String(i));
      expect(rec.D).toBe(d === null ? '' : new Date((d as number) * 86400000).toISOString().slice(0, 10));
      expect(rec.N).toBe(n === null ? '' : String(n));
      expect(rec.B).toBe(b === null ? '' : String(b));
      expect(rec.K).toBe(k ?? '');
      expect(rec.Q).toBe(q);
      expect(rec.S).toBe(s ?? '');
      expect(rec.Z).toBe('');
    }
  });

  it('writes every row as a plain renderer of the values would', async () => {
    const cell = (v: string | number | boolean | null, date: boolean) =>
      v === null ? '' : date ? new Date((v as number) * 86400000).toISOString().slice(0, 10) : /[",\r\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v);
    const expected = ['I,D,N,B,K,Q,S,Z', ...Array.from({ length: 3000 }, (_, r) => [...row(r).map((v, c) => cell(v, c === 1)), ''].join(','))].join('\n') + '\n';
    expect(await encode([700, 2300])).toBe(expected);
  });
});
