import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { SNDS_TYPES, sndsColumnType, type UpstreamField } from '../../scripts/snds-type.mjs';
import { defaultCatalog } from '../../src/core/catalog/catalog.js';
import type { Manifest } from '../../src/core/pipeline/manifest.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { openDataset, rows } from '../helpers/duckdb.js';

/**
 * Every column's type is the one schema-snds declares, under the mapping of
 * schemas/sources/snds-types.json (numbers where the SNDS stores numbers, text where it stores text):
 * in the table definitions, and in the Parquet files the generator writes.
 */

const ROOT = join(import.meta.dirname, '..', '..');
const read = (path: string) => JSON.parse(readFileSync(join(ROOT, path), 'utf8'));

interface Field { name: string; type: string; length?: number }
interface Table { name: string; fields: Field[] }

const pin = read('schemas/sources/schema-snds.json') as {
  tables: Record<string, { path: string }>;
  codeListSchemas?: Record<string, { path: string }>;
  codeListSubsets?: Record<string, { schema?: { path: string } }>;
};
/** Every generated table, as the catalog resolves it (a table declared `columnsOf` another has its columns). */
const tables = defaultCatalog().outputTables().filter((t) => t.kind !== 'nomenclature') as unknown as (Table & { source?: string })[];
const nomenclatures = readdirSync(join(ROOT, 'schemas', 'nomenclatures')).filter((f) => f.endsWith('.json')).map((f) => read(`schemas/nomenclatures/${f}`) as Table);
/**
 * The pinned schema-snds file of a definition: its own pin (a table, a code-list schema, or the schema of a code list
 * shipped as a subset: IR_BIO_R), else the one its `source` names (IR_BEN_R_ARC has IR_BEN_R's).
 */
const upstreamPath = (name: string) =>
  pin.tables[name]?.path ?? pin.codeListSchemas?.[name]?.path ?? pin.codeListSubsets?.[name]?.schema?.path ?? /^schema-snds \(.*\): (.+\.json)$/.exec(tables.find((t) => t.name === name)?.source ?? '')?.[1];
const upstreamOf = (name: string) => (read(join('test', 'fixtures', 'schema-snds', upstreamPath(name) as string)) as { fields: UpstreamField[] }).fields;

/** The hdsbench extensions of IR_PHA_R (schemas/README.md): columns schema-snds does not declare. */
const EXTENSIONS: Record<string, string[]> = { IR_PHA_R: ['PHA_ATC_C05', 'PHA_ATC_L05', 'PHA_PRX_PUB', 'PHA_TAU_REM', 'PHA_VOL_POI'] };

/** Every column of a definition with an upstream file, against its mapped type. */
function mismatches(t: Table): string[] {
  const up = new Map(upstreamOf(t.name).map((u) => [u.name, u]));
  return t.fields.flatMap((f) => {
    const u = up.get(f.name);
    if (!u) return EXTENSIONS[t.name]?.includes(f.name) ? [] : [`${t.name}.${f.name}: not declared by schema-snds`];
    const { types, why } = sndsColumnType(u, f.length);
    return types.includes(f.type) ? [] : [`${t.name}.${f.name}: ${f.type}, schema-snds says ${types.join(' or ')} (${why})`];
  });
}

describe('schemas/sources/snds-types.json', () => {
  it('has the shape of snds-types.schema.json and maps every schema-snds type met in the pinned files', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    const validate = ajv.compile(read('schemas/sources/snds-types.schema.json'));
    expect(validate(SNDS_TYPES), ajv.errorsText(validate.errors)).toBe(true);
    for (const name of [...Object.keys(pin.tables), ...Object.keys(pin.codeListSchemas ?? {})]) {
      for (const u of upstreamOf(name)) {
        if (u.type_oracle) expect(SNDS_TYPES.physical[u.type_oracle], `${name}.${u.name}: Oracle ${u.type_oracle}`).toBeDefined();
        else expect(SNDS_TYPES.physicalOfLogical[u.type], `${name}.${u.name}: ${u.type}`).toBeDefined();
      }
    }
  });

  it('maps by the physical type: Oracle numbers to numbers (wide ones to 64 bits), Oracle text to text, Oracle dates to dates', () => {
    const t = (u: Partial<UpstreamField>, ours?: number) => sndsColumnType({ name: 'X', type: 'integer', ...u }, ours).types;
    expect(t({ type: 'integer', type_oracle: 'number', length: '2' })).toEqual(['integer']);
    expect(t({ type: 'integer', type_oracle: 'number', length: '13' })).toEqual(['bigint']);
    expect(t({ type: 'integer', type_oracle: 'integer', length: '10' })).toEqual(['bigint']);
    expect(t({ type: 'integer' }, 13)).toEqual(['bigint']);
    expect(t({ type: 'number', type_oracle: 'number', length: '7,2' })).toEqual(['number']);
    expect(t({ type: 'number', type_oracle: 'number', length: '4,0' })).toEqual(['integer']);
    expect(t({ type: 'number', type_oracle: 'number' })).toEqual(['integer', 'number']);
    expect(t({ type: 'boolean', type_oracle: 'number', length: '1' })).toEqual(['integer']);
    expect(t({ type: 'year', type_oracle: 'string', length: '4' })).toEqual(['string']);
    expect(t({ type: 'boolean', type_oracle: 'string', length: '1' })).toEqual(['string']);
    expect(t({ type: 'date', type_oracle: 'string', length: '8' })).toEqual(['string']);
    expect(t({ type: 'yearmonth', type_oracle: 'date', length: '6' })).toEqual(['date']);
    expect(t({ type: 'datetime', type_oracle: 'datetime' })).toEqual(['date']);
    expect(() => t({ type: 'integer', type_oracle: 'clob' })).toThrow(/no mapping for schema-snds type clob/);
  });
});

describe('every column has the type schema-snds declares', () => {
  it('covers every generated table and every nomenclature that has a schema-snds file', () => {
    for (const t of tables) expect(upstreamPath(t.name), `${t.name}: no pinned schema-snds file`).toBeDefined();
    for (const n of nomenclatures) if (upstreamPath(n.name)) expect(existsSync(join(ROOT, 'test', 'fixtures', 'schema-snds', upstreamPath(n.name) as string)), n.name).toBe(true);
    expect(nomenclatures.filter((n) => upstreamPath(n.name)).map((n) => n.name)).toEqual(['IR_BIO_R', 'IR_PHA_R']);
  });

  for (const t of tables) it(`${t.name}`, () => expect(mismatches(t)).toEqual([]));
  for (const n of nomenclatures.filter((x) => upstreamPath(x.name))) it(`${n.name} (nomenclature)`, () => expect(mismatches(n)).toEqual([]));

  it('a coded column has the type of the nomenclature column it joins (the same-named column, else the code column)', () => {
    const written = new Map(nomenclatures.map((n) => [n.name, n]));
    const wrong: string[] = [];
    let checked = 0;
    for (const t of tables) {
      for (const f of t.fields as (Field & { nomenclature?: string })[]) {
        const n = f.nomenclature ? written.get(f.nomenclature) : undefined;
        if (!n) continue;
        const target = n.fields.find((x) => x.name === f.name) ?? (n.fields as (Field & { role?: string })[]).find((x) => x.role === 'code');
        if (!target) continue;
        checked++;
        if (target.type !== f.type) wrong.push(`${t.name}.${f.name} (${f.type}) joins ${n.name}.${target.name} (${target.type})`);
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(10);
  });

  it('CIP13 is a 64-bit integer on both sides of the ER_PHA_F → IR_PHA_R join', () => {
    const cip = (t: Table[], name: string, col: string) => t.find((x) => x.name === name)?.fields.find((f) => f.name === col)?.type;
    expect(cip(tables, 'ER_PHA_F', 'PHA_PRS_C13')).toBe('bigint');
    expect(cip(nomenclatures, 'IR_PHA_R', 'PHA_CIP_C13')).toBe('bigint');
  });
});

describe('the generated files carry the declared types', () => {
  const dir = tempDir('snds-types');
  let manifest: Manifest;
  beforeAll(async () => {
    const r = await runCli(['gen', '--scale', '0.002', '--seed', '5', '--no-progress', '--format', 'parquet', '--out', dir]);
    expect(r.stderr).toBe('');
    manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  });

  /** DuckDB's type of a Parquet column of each declared type. */
  const ENGINE: Record<string, string> = { string: 'VARCHAR', integer: 'INTEGER', bigint: 'BIGINT', number: 'DOUBLE', date: 'DATE', boolean: 'BOOLEAN' };

  it('every column of every Parquet file has the DuckDB type of its declared type', async () => {
    const c = await openDataset(dir, []);
    const defs = new Map([...tables, ...nomenclatures].map((t) => [t.name, t]));
    const wrong: string[] = [];
    const seen = new Set<string>();
    for (const f of manifest.files) {
      if (seen.has(f.table)) continue;
      seen.add(f.table);
      const def = defs.get(f.table) as Table;
      const got = await rows(c, `describe select * from read_parquet('${join(dir, f.path)}')`);
      expect(got.map((r) => r.column_name), f.table).toEqual(def.fields.map((x) => x.name));
      for (const [i, x] of def.fields.entries()) if (got[i].column_type !== ENGINE[x.type]) wrong.push(`${f.table}.${x.name}: ${String(got[i].column_type)}, declared ${x.type}`);
    }
    expect(wrong).toEqual([]);
    for (const t of tables) expect(seen.has(t.name), t.name).toBe(true);
  });

  it('CIP13 codes of the claims are the referential\'s, as 64-bit integers', async () => {
    const c = await openDataset(dir, ['ER_PHA_F', 'IR_PHA_R']);
    const [r] = await rows(c, 'select count(*) as n, count(r.PHA_CIP_C13) as matched, min(p.PHA_PRS_C13) as lo from ER_PHA_F p left join IR_PHA_R r on r.PHA_CIP_C13 = p.PHA_PRS_C13');
    expect(Number(r.n)).toBeGreaterThan(0);
    expect(Number(r.matched)).toBe(Number(r.n));
    expect(BigInt(String(r.lo))).toBeGreaterThan(3400000000000n);
  });
});
