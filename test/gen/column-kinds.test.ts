import { tableFromIPC, RecordBatchStreamWriter, Int64, Int32, Utf8, DateDay } from 'apache-arrow';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { Catalog } from '../../src/core/catalog/catalog.js';
import type { TableSchema } from '../../src/core/catalog/catalog-types.js';
import { AsciiColumn, I32Column, I64Column, NULL_BIGINT, StrColumn } from '../../src/core/columns/column.js';
import { codeColumn, putCode, putValue, valueColumn } from '../../src/core/columns/direct.js';
import { modelSetters } from '../../src/core/columns/setters.js';
import { TableBuffer } from '../../src/core/columns/table-buffer.js';
import { dayOfIso } from '../../src/core/calendar.js';
import { arrowSchema, toRecordBatch } from '../../src/core/encode/arrow-batch.js';
import { MemorySink } from '../../src/core/encode/byte-sink.js';
import { CsvEncoder } from '../../src/core/encode/csv-encoder.js';

/**
 * The column kinds convert what the model and the rules give them into the SNDS's types
 * (schemas/README.md, "Types"): numeric columns parse codes, text columns take numbers and dates as
 * their SNDS text, and the 64-bit integer kind carries CIP13 codes into Arrow, Parquet and CSV.
 */

const table: TableSchema = {
  name: 'T',
  kind: 'fact',
  fields: [
    { name: 'CIP13', type: 'bigint', gen: { by: 'model' } },
    { name: 'NAT', type: 'integer', gen: { by: 'model' } },
    { name: 'YEAR', type: 'string', length: 4, gen: { by: 'model' } },
    { name: 'DTD', type: 'date', gen: { by: 'model' } },
    { name: 'ENT_DAT', type: 'string', length: 8, gen: { copy: 'DTD' } },
    { name: 'ENT_AM', type: 'date', gen: { yearmonth: 'DTD' } },
    { name: 'SOR_ANN', type: 'string', length: 4, gen: { year: 'DTD' } },
    { name: 'GHS', type: 'string', length: 4, gen: { by: 'model' } },
    { name: 'ETE_GHS', type: 'integer', gen: { copy: 'GHS' } },
    { name: 'SPE', type: 'integer', gen: { values: [1, 22, 23] } },
    { name: 'NONE', type: 'bigint', gen: { null: true } },
  ],
};
const catalog = new Catalog({ tables: { T: table }, nomenclatures: {}, model: {} }, 'test');
const MODEL = ['CIP13', 'NAT', 'YEAR', 'DTD', 'GHS'] as const;

/** Three rows: CIP13 and codes as text (the model's form), a computed year, a date, a null row. */
function filled(): TableBuffer {
  const buffer = new TableBuffer(table, catalog, 7);
  const set = modelSetters(buffer, MODEL);
  const cip = codeColumn(buffer, 'CIP13');
  const nat = codeColumn(buffer, 'NAT');
  const year = valueColumn(buffer, 'YEAR');
  const rows: [string | null, string | null, number | null, string | null, string | null][] = [
    ['3400930007990', '1110', 1980, '2024-09-08', '5796'],
    ['9223372036854775807', '0042', 2005, '2023-01-31', '0123'],
    [null, null, null, null, null],
  ];
  rows.forEach(([c, n, y, d, g], i) => {
    const r = buffer.addRow(i);
    putCode(cip, r, c);
    putCode(nat, r, n);
    putValue(year, r, y);
    set.DTD(r, d === null ? null : dayOfIso(d));
    set.GHS(r, g);
  });
  return buffer;
}

describe('column kinds', () => {
  it('a 64-bit integer column holds CIP13 codes exactly, from text or from safe numbers, and refuses the rest', () => {
    const c = new I64Column('C', 2);
    c.putCode(0, '3400930007990');
    expect(c.data[0]).toBe(3400930007990n);
    c.setter('T.C')(1, 3400932902057);
    expect(c.data[1]).toBe(3400932902057n);
    c.grow(4);
    expect(c.data[3]).toBe(NULL_BIGINT);
    c.shift(1, 1);
    expect(c.data[0]).toBe(3400932902057n);
    expect(c.data[1]).toBe(NULL_BIGINT);
    expect(() => c.putCode(0, '34009A')).toThrow(/C: code "34009A" is not an integer/);
    expect(() => c.setter('T.C')(0, 2 ** 60)).toThrow(/not an integer below 2\^53; give wide codes as text/);
    expect(() => c.putCode(0, '9223372036854775808')).toThrow(/does not fit a 64-bit integer/);
  });

  it('a 32-bit integer column parses codes once and refuses empty, non-digit and too wide codes', () => {
    const c = new I32Column('PSE_SPE_COD', 'i32', 2);
    c.putCode(0, '01');
    c.setter('T.PSE_SPE_COD')(1, '22');
    expect([...c.data]).toEqual([1, 22]);
    expect(c.encode('023')).toBe(23);
    for (const bad of ['', ' ', 'A1', '1.5']) expect(() => c.putCode(0, bad), JSON.stringify(bad)).toThrow(/is not an integer/);
    expect(() => c.putCode(0, '3400930007990')).toThrow(/does not fit a 32-bit integer \(declare the column bigint\)/);
    expect(() => new I32Column('D', 'date', 1).putCode(0, '1')).toThrow(/a date column does not take codes/);
  });

  it('text columns take numbers as digits and days as the SNDS text forms', () => {
    const a = new AsciiColumn('ENT_DAT', 8, 3);
    a.putDay(0, dayOfIso('2024-09-08'), 'day');
    a.putDay(1, dayOfIso('2024-09-08'), 'month');
    a.putDay(2, dayOfIso('2024-09-08'), 'year');
    expect([a.get(0), a.get(1), a.get(2)]).toEqual(['08092024', '202409', '2024']);
    a.putNumber(0, 1980);
    expect(a.get(0)).toBe('1980');
    expect(() => new AsciiColumn('Y', 4, 1).putCode(0, '123456')).toThrow(/longer than the column's 4 characters/);
    const s = new StrColumn('S', 1);
    s.putDay(0, dayOfIso('2023-01-31'), 'day');
    expect(s.data[0]).toBe('31012023');
    const d = new I32Column('ENT_AM', 'date', 2);
    d.putDay(0, dayOfIso('2024-09-08'), 'month');
    d.putDay(1, dayOfIso('2024-09-08'), 'year');
    expect([...d.data]).toEqual([dayOfIso('2024-09-01'), dayOfIso('2024-01-01')]);
    expect(() => new I32Column('N', 'i32', 1).putDay(0, 1, 'day')).toThrow(/N: integer columns do not hold dates/);
  });

  it('rules convert between kinds: a date copied as DDMMYYYY, a month as its first day, a year as text, a text code into a number', () => {
    const batch = filled().takeBatch();
    const col = (n: string) => batch.columns[table.fields.findIndex((f) => f.name === n)];
    expect([0, 1, 2].map((r) => (col('ENT_DAT') as AsciiColumn).get(r))).toEqual(['08092024', '31012023', null]);
    expect([...(col('ENT_AM') as I32Column).data.slice(0, 2)]).toEqual([dayOfIso('2024-09-01'), dayOfIso('2023-01-01')]);
    expect([0, 1, 2].map((r) => (col('SOR_ANN') as AsciiColumn).get(r))).toEqual(['2024', '2023', null]);
    expect([...(col('ETE_GHS') as I32Column).data.slice(0, 3)]).toEqual([5796, 123, -2147483648]);
    expect([...(col('NAT') as I32Column).data.slice(0, 2)]).toEqual([1110, 42]);
    expect([0, 1, 2].map((r) => (col('YEAR') as AsciiColumn).get(r))).toEqual(['1980', '2005', null]);
    for (let r = 0; r < 3; r++) expect([1, 22, 23]).toContain((col('SPE') as I32Column).data[r]);
  });

  it("a run of rows (a care sheet's) stores what row-by-row writes store: putCodes as putCode, fillHeld as putHeld, addRows as addRow", () => {
    const codes = ['0042', '0042', null, '7', '-3', '0042'];
    const kinds = () => [new I32Column('N', 'i32', 8), new AsciiColumn('A', 4, 8), new StrColumn('S', 8), new I64Column('B', 8)];
    const [byRow, byRun] = [kinds(), kinds()];
    for (let k = 0; k < byRow.length; k++) {
      byRow[k].hold(3, '0123');
      byRun[k].hold(3, '0123');
      codes.forEach((c, i) => byRow[k].putCode(1 + i, c));
      byRun[k].putCodes(1, codes, codes.length);
      byRow[k].putHeld(0, 3);
      byRow[k].putHeld(7, 3);
      byRun[k].fillHeld(0, 1, 3);
      byRun[k].fillHeld(7, 1, 3);
      const cells = (c: (typeof byRow)[number]) => Array.from({ length: 8 }, (_, r) => (c instanceof AsciiColumn ? c.get(r) : c.data[r]));
      expect(cells(byRun[k]), byRun[k].name).toEqual(cells(byRow[k]));
    }
    expect(() => new I32Column('N', 'i32', 2).putCodes(0, ['1', 'A1'], 2)).toThrow(/is not an integer/);
    expect(() => new I32Column('D', 'date', 2).putCodes(0, ['1'], 1)).toThrow(/a date column does not take codes/);
    // Rows keyed as one by one: the rule-driven columns draw the same values.
    const oneByOne = new TableBuffer(table, catalog, 7);
    const together = new TableBuffer(table, catalog, 7);
    const keys = Int32Array.of(64, 128, 129);
    oneByOne.addRow(5);
    together.addRow(5);
    for (const key of keys) oneByOne.addRow(5, key);
    expect(together.addRows(5, keys, 3)).toBe(1);
    const spe = (b: TableBuffer) => [...(b.takeBatch().columns[table.fields.findIndex((f) => f.name === 'SPE')] as I32Column).data.slice(0, 4)];
    expect(spe(together)).toEqual(spe(oneByOne));
  });
});

describe('encoding the 64-bit integer kind', () => {
  it('Arrow: Int64 values and nulls, beside the other kinds', () => {
    const buffer = filled();
    const schema = arrowSchema(table, buffer.columns);
    const types = Object.fromEntries(schema.fields.map((f) => [f.name, f.type]));
    expect(types.CIP13).toBeInstanceOf(Int64);
    expect(types.NONE).toBeInstanceOf(Int64);
    expect(types.NAT).toBeInstanceOf(Int32);
    expect(types.ENT_DAT).toBeInstanceOf(Utf8);
    expect(types.ENT_AM).toBeInstanceOf(DateDay);
    const batch = toRecordBatch(buffer.takeBatch(), schema);
    const read = tableFromIPC(RecordBatchStreamWriter.writeAll([batch]).toUint8Array(true));
    expect(read.getChild('CIP13')?.toArray()).toEqual(new BigInt64Array([3400930007990n, 9223372036854775807n, 0n]));
    expect(read.getChild('CIP13')?.get(2)).toBeNull();
    expect(read.getChild('NONE')?.nullCount).toBe(3);
  });

  it('CSV: the digits, an empty field for null', async () => {
    const buffer = filled();
    const sink = new MemorySink();
    const encoder = new CsvEncoder({ table, columns: buffer.columns, sink, rowGroupRows: 1 << 16 });
    await encoder.write(buffer.takeBatch());
    await encoder.finish();
    const records = parse(new TextDecoder().decode(sink.bytes()), { columns: true }) as Record<string, string>[];
    expect(records.map((r) => r.CIP13)).toEqual(['3400930007990', '9223372036854775807', '']);
    expect(records.map((r) => r.NONE)).toEqual(['', '', '']);
    expect(records.map((r) => r.ENT_DAT)).toEqual(['08092024', '31012023', '']);
    expect(records.map((r) => r.ENT_AM)).toEqual(['2024-09-01', '2023-01-01', '']);
  });

  it('CSV: every 64-bit value as its digits, on both sides of 2^53 and of zero', async () => {
    const wide: TableSchema = { name: 'W', kind: 'fact', fields: [{ name: 'V', type: 'bigint', gen: { by: 'model' } }] };
    const values = [0n, 7n, -1n, -7n, 4294967295n, 4294967296n, -4294967296n, -4294967297n, 9007199254740991n, -9007199254740991n,
      9007199254740992n, -9007199254740993n, 9223372036854775807n, -9223372036854775807n, 3400930007990n, NULL_BIGINT];
    const column = new I64Column('V', values.length);
    values.forEach((v, r) => (column.data[r] = v));
    const sink = new MemorySink();
    const encoder = new CsvEncoder({ table: wide, columns: [column], sink, rowGroupRows: 1 << 16 });
    await encoder.write({ table: wide, length: values.length, columns: [column] });
    await encoder.finish();
    const expected = values.map((v) => (v === NULL_BIGINT ? '' : String(v)));
    expect(new TextDecoder().decode(sink.bytes())).toBe(`V\n${expected.join('\n')}\n`);
  });
});
