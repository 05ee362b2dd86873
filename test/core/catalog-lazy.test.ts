import { describe, expect, it } from 'vitest';
import { CATALOG_DATA } from '../../src/core/catalog/catalog-data.generated.js';
import { unpackCatalog } from '../../src/core/catalog/catalog-lazy.js';
import { Catalog, defaultCatalog, isBundledCatalog } from '../../src/core/catalog/catalog.js';

/** The bundled catalog is parsed piece by piece, when each piece is first read. */

const packed = () => ({
  tables: JSON.stringify({ T: { name: 'T', kind: 'fact', fields: [{ name: 'A', type: 'string' }] } }),
  model: { care: JSON.stringify({ period: { firstCareDay: '2020-01-01' } }) },
  nomenclatures: {
    N: { columns: ['CODE', 'LABEL'], rows: 3, values: [JSON.stringify(['a', 'b', 'c']), JSON.stringify(['A', 'B', 'É'])], schema: JSON.stringify({ name: 'N', kind: 'nomenclature', fields: [] }) },
    BAD: { columns: ['CODE'], rows: 2, values: [JSON.stringify(['x'])] },
  },
});

describe('the packed catalog', () => {
  it('reads one column of a nomenclature without building its rows, and builds the rows when asked', () => {
    const data = unpackCatalog(packed());
    const catalog = new Catalog(data, 'test');
    expect(catalog.column('N', 'LABEL')).toEqual(['A', 'B', 'É']);
    expect(Object.getOwnPropertyDescriptor(data.nomenclatures.N, 'rows')?.get).toBeDefined();
    expect(data.nomenclatures.N.rows).toEqual([['a', 'A'], ['b', 'B'], ['c', 'É']]);
    expect(catalog.records('N')).toEqual([{ CODE: 'a', LABEL: 'A' }, { CODE: 'b', LABEL: 'B' }, { CODE: 'c', LABEL: 'É' }]);
    expect(catalog.table('N').kind).toBe('nomenclature');
    expect(catalog.model<{ period: unknown }>('care').period).toEqual({ firstCareDay: '2020-01-01' });
  });

  it('refuses a column whose length is not the row count, naming it', () => {
    const catalog = new Catalog(unpackCatalog(packed()), 'test');
    expect(() => catalog.column('BAD', 'CODE')).toThrow(/BAD\.CODE holds 1 values, not 2/);
  });

  it('copies and clones as plain data (the rows, not the column reader)', () => {
    const { BAD: _, ...nomenclatures } = packed().nomenclatures;
    const data = unpackCatalog({ ...packed(), nomenclatures });
    const clone = structuredClone(data);
    expect(clone.nomenclatures.N).toEqual({ name: 'N', columns: ['CODE', 'LABEL'], rows: [['a', 'A'], ['b', 'B'], ['c', 'É']], schema: { name: 'N', kind: 'nomenclature', fields: [] } });
    expect(Object.keys({ ...data })).toEqual(['tables', 'nomenclatures', 'model']);
  });

  it('holds the bundled nomenclatures row for row', () => {
    const n = CATALOG_DATA.nomenclatures.IR_NAT_V;
    const i = n.columns.indexOf('PRS_NAT');
    expect(defaultCatalog().column('IR_NAT_V', 'PRS_NAT')).toEqual(n.rows.map((r) => r[i]));
    expect(n.rows.every((r) => r.length === n.columns.length)).toBe(true);
  });
});

describe('the bundled catalog', () => {
  it('is the default catalog object itself, not one derived from it', () => {
    const catalog = defaultCatalog();
    expect(isBundledCatalog(catalog)).toBe(true);
    expect(isBundledCatalog(Object.create(catalog) as Catalog)).toBe(false);
    expect(isBundledCatalog(new Catalog())).toBe(false);
  });
});
