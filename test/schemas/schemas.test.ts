import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';

/**
 * Consistency of schemas/ as data: the table definitions and their `gen` rules, the nomenclature
 * CSVs and their Table Schemas (the checks schemas/README.md promises; run by `npm test`).
 */
const schemas = join(import.meta.dirname, '..', '..', 'schemas');
const TYPES = new Set(['string', 'integer', 'bigint', 'number', 'date', 'boolean']);
const RULES: Record<string, string[]> = {
  by: [], null: [], const: [], values: ['weights', 'nullRate'], nomenclature: ['column', 'nullRate'], int: ['nullRate'],
  number: ['decimals', 'nullRate'], date: ['nullRate'], copy: [], yearmonth: [], year: [],
};
const DETAIL = ['ER_PHA_F', 'ER_BIO_F', 'ER_CAM_F', 'ER_ETE_F'];
const KEY9 = ['FLX_DIS_DTD', 'FLX_TRT_DTD', 'FLX_EMT_TYP', 'FLX_EMT_NUM', 'FLX_EMT_ORD', 'ORG_CLE_NUM', 'DCT_ORD_NUM', 'PRS_ORD_NUM', 'REM_TYP_AFF'];
const UNIQUE: Record<string, string> = { IR_PHA_R: 'PHA_CIP_C13', IR_BIO_R: 'BIO_PRS_IDE', IR_CCAM_V63: 'CAM_PRS_IDE_COD', MS_CIM_V: 'CIM_COD', IR_CIM_V: 'CIM_COD', IR_NAT_V: 'PRS_NAT' };

interface Field { name: string; type: string; length?: unknown; gen?: Record<string, unknown> }
interface Table { name: string; kind: string; primaryKey?: unknown; fields: Field[]; [k: string]: unknown }

const files = readdirSync(join(schemas, 'tables')).filter((f) => f.endsWith('.json')).sort().map((f) => JSON.parse(readFileSync(join(schemas, 'tables', f), 'utf8')) as Table);
// A table with `columnsOf` (IR_BEN_R_ARC) has no fields of its own: the catalog gives it those of the table it names.
const tables = files.map((t) => (typeof t.columnsOf === 'string' ? { ...t, fields: (files.find((o) => o.name === t.columnsOf) as Table).fields } : t));
const byTable = new Map(tables.map((t) => [t.name, t]));
const csv = (name: string): string[][] => parse(readFileSync(join(schemas, 'nomenclatures', `${name}.csv`), 'utf8'), { bom: true, relax_column_count: true }) as string[][];
const nomenclatures = readdirSync(join(schemas, 'nomenclatures')).filter((f) => f.endsWith('.csv')).map((f) => f.replace(/\.csv$/, '')).sort();

function typed(v: unknown, type: string): boolean {
  if (type === 'string') return typeof v === 'string';
  if (type === 'integer' || type === 'bigint') return Number.isInteger(v);
  if (type === 'number') return typeof v === 'number';
  if (type === 'boolean') return typeof v === 'boolean';
  if (type === 'date') return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
  return false;
}

/** Problems of one field's `gen` rule, empty when it is well-formed. */
function genProblems(t: Table, f: Field): string[] {
  const g = f.gen;
  const where = `${t.name}.${f.name}`;
  if (!g || typeof g !== 'object') return [`${where}: no gen rule`];
  const kinds = Object.keys(g).filter((k) => k in RULES && !(k === 'number' && 'int' in g));
  if (kinds.length !== 1) return [`${where}: gen must have exactly one rule, got ${Object.keys(g).join(', ')}`];
  const k = kinds[0];
  const out: string[] = [];
  const extra = Object.keys(g).filter((x) => x !== k && !RULES[k].includes(x));
  if (extra.length) out.push(`${where}: unexpected gen keys ${extra.join(', ')}`);
  const nr = g.nullRate;
  if (nr !== undefined && !(typeof nr === 'number' && nr >= 0 && nr <= 1)) out.push(`${where}: nullRate must be within 0..1`);
  const v = g[k];
  const source = typeof v === 'string' ? t.fields.find((x) => x.name === v) : undefined;
  switch (k) {
    case 'by': if (v !== 'model') out.push(`${where}: by must be "model"`); break;
    case 'null': if (v !== true) out.push(`${where}: null must be true`); break;
    case 'const': if (!typed(v, f.type)) out.push(`${where}: const ${JSON.stringify(v)} is not of type ${f.type}`); break;
    case 'values': {
      const w = g.weights as number[] | undefined;
      if (!Array.isArray(v) || v.length === 0) out.push(`${where}: values must be a non-empty list`);
      else if (!v.every((x) => typed(x, f.type))) out.push(`${where}: values not all of type ${f.type}`);
      if (w && (!Array.isArray(v) || w.length !== v.length || w.some((x) => !(x >= 0)))) out.push(`${where}: weights must be as many as the values, non-negative`);
      break;
    }
    case 'nomenclature': {
      if (f.type !== 'string') out.push(`${where}: nomenclature rule on a ${f.type} column`);
      if (!nomenclatures.includes(String(v))) out.push(`${where}: nomenclature ${String(v)} is not shipped in schemas/nomenclatures/`);
      else if (!csv(String(v))[0].includes(String(g.column))) out.push(`${where}: column ${String(g.column)} is not in ${String(v)}.csv`);
      break;
    }
    case 'int': { const r = v as number[]; if (!['integer', 'bigint'].includes(f.type) || r.length !== 2 || r[0] > r[1]) out.push(`${where}: bad int rule`); break; }
    case 'number': if (f.type !== 'number' || (v as number[]).length !== 2) out.push(`${where}: bad number rule`); break;
    case 'date': if (f.type !== 'date' || (v as string[]).length !== 2) out.push(`${where}: bad date rule`); break;
    default: // copy, yearmonth, year
      if (!source) out.push(`${where}: ${k} source ${String(v)} is not a column of ${t.name}`);
      else if (k === 'copy' && source.type !== f.type) out.push(`${where}: copy source ${source.name} is ${source.type}, not ${f.type}`);
      else if (k !== 'copy' && source.type !== 'date') out.push(`${where}: ${k} source ${source.name} is not a date`);
      else if (k === 'yearmonth' && !(f.type === 'string' && f.length === 6)) out.push(`${where}: a yearmonth column is a string of length 6`);
      else if (k === 'year' && f.type !== 'integer') out.push(`${where}: a year column is an integer`);
  }
  return out;
}

describe('schemas/tables: definitions and gen rules', () => {
  it('has the 28 generated tables, each with the documented top-level keys', () => {
    expect(tables.map((t) => t.name)).toHaveLength(28);
    for (const t of tables) {
      for (const k of ['name', 'title', 'produit', 'description', 'kind', 'source', 'fields']) expect(t, `${t.name}.${k}`).toHaveProperty(k);
      expect(['fact', 'referential'], t.name).toContain(t.kind);
      if ('primaryKey' in t) expect(Array.isArray(t.primaryKey), `${t.name}.primaryKey is a list`).toBe(true);
    }
    for (const t of files.filter((f) => 'columnsOf' in f)) {
      expect(t.fields, `${t.name}: a table with columnsOf has no fields of its own`).toBeUndefined();
      expect(files.find((o) => o.name === t.columnsOf)?.fields, `${t.name}: columnsOf names a table with fields`).toBeDefined();
    }
  });

  it('every field has a known type, an integer length if any (none on numbers) and exactly one well-formed gen rule', () => {
    const problems: string[] = [];
    for (const t of tables) {
      for (const f of t.fields) {
        if (!TYPES.has(f.type)) problems.push(`${t.name}.${f.name}: unknown type ${f.type}`);
        if (f.length !== undefined && !Number.isInteger(f.length)) problems.push(`${t.name}.${f.name}: length is not an integer`);
        if (f.type === 'number' && f.length !== undefined) problems.push(`${t.name}.${f.name}: a number has decimals, not a length`);
        problems.push(...genProblems(t, f));
      }
    }
    expect(problems).toEqual([]);
  });

  it('the nine DCIR keys have the same types in ER_PRS_F and every detail table; PMSI ETA_NUM and RSA_NUM are strings', () => {
    const prs = byTable.get('ER_PRS_F') as Table;
    for (const d of DETAIL) for (const k of KEY9) expect(byTable.get(d)?.fields.find((f) => f.name === k)?.type, `${d}.${k}`).toBe(prs.fields.find((f) => f.name === k)?.type);
    for (const t of ['T_MCOaaB', 'T_MCOaaC', 'T_MCOaaD', 'T_MCOaaA', 'T_MCOaaE', 'T_MCOaaUM', 'T_MCOaaCSTC', 'T_MCOaaFBSTC', 'T_MCOaaFMSTC'])
      for (const f of (byTable.get(t) as Table).fields.filter((x) => x.name === 'ETA_NUM' || x.name === 'RSA_NUM')) expect(f.type, `${t}.${f.name}`).toBe('string');
  });
});

describe('schemas/nomenclatures: code lists', () => {
  it('every CSV row has as many fields as its header', () => {
    const bad = nomenclatures.flatMap((n) => {
      const [header, ...rows] = csv(n);
      const wrong = rows.filter((r) => r.length !== header.length).length;
      return wrong ? [`${n}: ${wrong} rows with another column count than the header`] : [];
    });
    expect(bad).toEqual([]);
  });

  it('the lists written as dataset tables have unique codes and a Table Schema whose fields are the CSV header', () => {
    const written = nomenclatures.filter((n) => existsSync(join(schemas, 'nomenclatures', `${n}.json`)));
    expect(written).toEqual(expect.arrayContaining(Object.keys(UNIQUE)));
    for (const n of written) {
      const [header, ...rows] = csv(n);
      const schema = JSON.parse(readFileSync(join(schemas, 'nomenclatures', `${n}.json`), 'utf8')) as { kind: string; fields: Field[] };
      expect(schema.kind, n).toBe('nomenclature');
      expect(schema.fields.map((f) => f.name), n).toEqual(header);
      for (const f of schema.fields) expect(TYPES.has(f.type), `${n}.${f.name}: ${f.type}`).toBe(true);
      if (UNIQUE[n]) {
        const codes = rows.map((r) => r[header.indexOf(UNIQUE[n])]);
        expect(codes.length - new Set(codes).size, `${n}: duplicated ${UNIQUE[n]}`).toBe(0);
      }
    }
  });

  it('IR_PHA_R: every CIP13 is 13 digits with a valid EAN-13 check digit, and its CIP7 is PHA_PRS_IDE', () => {
    const [header, ...rows] = csv('IR_PHA_R');
    const c13 = header.indexOf('PHA_CIP_C13');
    const c7 = header.indexOf('PHA_PRS_IDE');
    const bad = rows.filter((r) => {
      const c = r[c13];
      if (!/^\d{13}$/.test(c)) return true;
      const sum = [...c.slice(0, 12)].reduce((a, d, i) => a + Number(d) * (i % 2 ? 3 : 1), 0);
      return (10 - (sum % 10)) % 10 !== Number(c[12]) || c.slice(5, 12) !== r[c7];
    });
    expect(bad.map((r) => r[c13])).toEqual([]);
  });

  it('departments-population.csv: 101 departments with a population', () => {
    const [header, ...rows] = csv('departments-population');
    expect(header).toEqual(['BEN_RES_DPT', 'population']);
    expect(rows).toHaveLength(101);
    for (const [dpt, pop] of rows) expect(Number(pop), dpt).toBeGreaterThan(0);
  });
});
