import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/core/catalog/catalog.js';
import type { FieldSchema } from '../../src/core/catalog/catalog-types.js';
import { columnDictionary } from '../../src/core/encode/parquet-encoder.js';
import { generateFiles } from '../../src/core/pipeline/generate.js';
import { initParquetForNode } from '../../src/node/parquet-node.js';
import { tempDir } from '../helpers/cli.js';
import { openDataset, rows } from '../helpers/duckdb.js';

/**
 * The Parquet layout chosen per column: dictionary encoding for codes, amounts and months, plain
 * values for day dates and record identifiers (schemas/README.md, "Parquet layout"), ZSTD and
 * min/max statistics on every column, as DuckDB reads them from the files the generator writes.
 */
const catalog = defaultCatalog();
const field = (table: string, name: string): FieldSchema => {
  const f = catalog.table(table).fields.find((x) => x.name === name);
  if (!f) throw new Error(`${table}.${name}: no such column`);
  return f;
};

describe('which columns are dictionary-encoded', () => {
  it('day dates and identifiers are plain; codes, amounts, months and the flux month are dictionary-encoded', () => {
    expect(columnDictionary(field('ER_PRS_F', 'EXE_SOI_DTD'))).toBe(false);
    expect(columnDictionary(field('ER_PRS_F', 'FLX_TRT_DTD'))).toBe(false);
    expect(columnDictionary(field('ER_PRS_F', 'DCT_ORD_NUM'))).toBe(false);
    expect(columnDictionary(field('IR_BEN_R', 'BEN_NIR_PSA'))).toBe(false);
    expect(columnDictionary(field('IR_BEN_R_ARC', 'BEN_NIR_PSA'))).toBe(false);
    expect(columnDictionary(field('T_MCOaaB', 'RSA_NUM'))).toBe(false);
    // The person's pseudonym repeats on each of their care lines: a dictionary reads faster.
    expect(columnDictionary(field('ER_PRS_F', 'BEN_NIR_PSA'))).toBe(true);
    expect(columnDictionary(field('ER_PRS_F', 'FLX_DIS_DTD'))).toBe(true);
    expect(columnDictionary(field('ER_PRS_F', 'PSE_SPE_COD'))).toBe(true);
    expect(columnDictionary(field('ER_PRS_F', 'PRS_PAI_MNT'))).toBe(true);
    expect(columnDictionary(field('ER_PRS_F', 'ORG_CLE_NUM'))).toBe(true);
    expect(columnDictionary({ name: 'X', type: 'date', gen: { yearmonth: 'Y' } })).toBe(true);
    expect(columnDictionary({ name: 'X', type: 'date', gen: { by: 'model' }, parquet: { dictionary: true } })).toBe(true);
    expect(columnDictionary({ name: 'X', type: 'string', gen: { by: 'model' }, parquet: { dictionary: false } })).toBe(false);
  });

  it('every hint names a column that has data', () => {
    for (const t of catalog.outputTables())
      for (const f of t.fields) if (f.parquet) expect(f.gen && 'null' in f.gen, `${t.name}.${f.name}`).toBe(false);
  });
});

describe('the files as DuckDB reads them', () => {
  const dir = tempDir('pq-layout');
  beforeAll(async () => {
    initParquetForNode();
    const chunks = new Map<string, Uint8Array[]>();
    await generateFiles({
      spec: { seed: 3, scale: 0.002, parts: 1 },
      format: 'parquet',
      catalog,
      files: [{ table: 'ER_PRS_F', kind: 'fact', part: 1, parts: 1 }, { table: 'IR_BEN_R', kind: 'fact', part: 1, parts: 1 }],
      sinkFor: (f) => ({ write: (c: Uint8Array) => void (chunks.get(f.table) ?? chunks.set(f.table, []).get(f.table))?.push(c.slice()) }),
    });
    for (const [t, cs] of chunks) writeFileSync(join(dir, `${t}.parquet`), Buffer.concat(cs));
  });

  async function chunkMeta(table: string): Promise<Map<string, { encodings: string; compression: string; min: unknown; max: unknown }>> {
    const c = await openDataset(dir, []);
    const r = await rows(c, `select path_in_schema as col, any_value(encodings) as encodings, any_value(compression) as compression, min(stats_min_value) as min, max(stats_max_value) as max from parquet_metadata('${join(dir, `${table}.parquet`)}') group by 1`);
    return new Map(r.map((x) => [String(x.col), x as { encodings: string; compression: string; min: unknown; max: unknown }]));
  }

  it('ER_PRS_F: plain day dates and document numbers, dictionary codes, ZSTD and min/max everywhere data is', async () => {
    const m = await chunkMeta('ER_PRS_F');
    for (const col of ['EXE_SOI_DTD', 'EXE_SOI_DTF', 'FLX_TRT_DTD', 'PRE_PRE_DTD', 'DCT_ORD_NUM']) expect(m.get(col)?.encodings, col).not.toMatch(/DICTIONARY/);
    for (const col of ['FLX_DIS_DTD', 'PSE_SPE_COD', 'PRS_NAT_REF', 'BEN_NIR_PSA', 'PRS_PAI_MNT', 'ORG_CLE_NUM']) expect(m.get(col)?.encodings, col).toMatch(/RLE_DICTIONARY/);
    for (const [col, x] of m) expect(x.compression, col).toBe('ZSTD');
    for (const col of ['EXE_SOI_DTD', 'FLX_DIS_DTD', 'DCT_ORD_NUM', 'PSE_SPE_COD', 'PRS_PAI_MNT']) {
      expect(m.get(col)?.min, col).not.toBeNull();
      expect(m.get(col)?.max, col).not.toBeNull();
    }
  });

  it('IR_BEN_R: plain pseudonyms (one per row), dictionary codes', async () => {
    const m = await chunkMeta('IR_BEN_R');
    for (const col of ['BEN_NIR_PSA', 'BEN_NIR_ANO', 'BEN_IDT_ANO', 'ASS_NIR_ANO']) expect(m.get(col)?.encodings, col).not.toMatch(/DICTIONARY/);
    expect(m.get('BEN_RES_DPT')?.encodings).toMatch(/RLE_DICTIONARY/);
    expect(m.get('BEN_NIR_PSA')?.min).not.toBeNull();
  });
});
