#!/usr/bin/env node
// Imports from a schema-snds checkout at the commit pinned in schemas/sources/schema-snds.json:
//   node scripts/import-schema-snds.mjs --upstream <schema-snds checkout> [--write]
// (git clone https://github.com/indsante/schema-snds && git -C schema-snds checkout <commit>).
//
// - Every upstream file used must have the pinned git blob sha1: any other content is refused.
// - schemas/tables/<TABLE>.json: the upstream fields, in the upstream order, with their upstream
//   description, snds_type and snds_length; everything hdsbench adds (type normalisation, length,
//   decimals, gen rule, table description) is kept as edited here. A column new upstream is added
//   as a nullable column (gen null) with a type mapped from the upstream type, and reported for review.
//   A table pinned but not yet in schemas/tables/ is created the same way (every column gen null, the
//   types mapped by schemas/sources/snds-types.json), then edited by hand: its description, kind and rules.
// - Code lists copied whole: re-encoded from `;` to `,` (RFC 4180), otherwise verbatim.
// - Code-list subsets (IR_BIO_R, IR_CCAM_V63, IR_CIM_V, MS_CIM_V, IR_NAT_V): the shipped CSV is the
//   selection (its codes); every shipped code must exist upstream.
// Without --write, reports what would change and exits 1 if anything would; with --write, writes.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { sndsColumnType } from './snds-type.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const upstreamAt = args.indexOf('--upstream');
if (upstreamAt < 0 || !args[upstreamAt + 1]) {
  console.error('usage: node scripts/import-schema-snds.mjs --upstream <schema-snds checkout> [--write]');
  process.exit(2);
}
const upstream = args[upstreamAt + 1];
const write = args.includes('--write');
const pin = JSON.parse(readFileSync(join(root, 'schemas/sources/schema-snds.json'), 'utf8'));

const blobSha1 = (bytes) => createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
function readPinned({ path, blob }) {
  const file = join(upstream, path);
  if (!existsSync(file)) throw new Error(`${path} is missing from ${upstream}: check out schema-snds at ${pin.commit}`);
  const bytes = readFileSync(file);
  if (blobSha1(bytes) !== blob) throw new Error(`${path} differs from schema-snds ${pin.commit}: check out that commit (or pin a new one in schemas/sources/schema-snds.json)`);
  return bytes.toString('utf8');
}

/** RFC 4180 CSV with `\n` line ends, fields quoted only when needed (as the shipped files are). */
function toCsv(rows) {
  const field = (v) => (/[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  return rows.map((r) => r.map(field).join(',')).join('\n') + '\n';
}

const changes = [];
const review = [];

// Tables
for (const [name, source] of Object.entries(pin.tables)) {
  const up = JSON.parse(readPinned(source));
  const path = join(root, 'schemas/tables', `${name}.json`);
  const isNew = !existsSync(path);
  if (isNew) review.push(`${name}: new table, created with every column gen null: write its description, kind and rules`);
  const ours = isNew ? newTable(name, source, up) : JSON.parse(readFileSync(path, 'utf8'));
  const byName = new Map(ours.fields.map((f) => [f.name, f]));
  const fields = up.fields.map((u) => {
    const f = byName.get(u.name);
    const upstreamKeys = { description: String(u.description ?? '').split(/\s+/).filter(Boolean).join(' '), snds_type: u.type, ...(u.length !== undefined && u.length !== null ? { snds_length: String(u.length) } : {}) };
    if (!f) {
      const type = normalisedType(u);
      if (!isNew) review.push(`${name}.${u.name}: new upstream column, added as ${type.type} with gen null: check its type and rule`);
      const { description, ...sndsKeys } = upstreamKeys;
      return { name: u.name, description, ...type, ...sndsKeys, gen: { null: true } };
    }
    const { description, snds_type, snds_length, ...rest } = f;
    return { name: f.name, description: upstreamKeys.description, ...Object.fromEntries(Object.entries(rest).filter(([k]) => k !== 'name')), snds_type: upstreamKeys.snds_type, ...(upstreamKeys.snds_length !== undefined ? { snds_length: upstreamKeys.snds_length } : {}) };
  });
  for (const f of ours.fields) if (!up.fields.some((u) => u.name === f.name)) review.push(`${name}.${f.name}: no longer upstream, removed`);
  const next = { ...ours, title: up.title, fields: fields.map((f) => reorder(f, byName.get(f.name))) };
  const text = JSON.stringify(next, null, 2) + '\n';
  if (isNew || text !== readFileSync(path, 'utf8')) changes.push({ path, text });
}

/** The skeleton of a table new to hdsbench: upstream keys, a fact table until edited. */
function newTable(name, source, up) {
  const product = source.path.split('/').slice(-2, -1)[0];
  const keys = (k) => (Array.isArray(k) ? k : String(k).split(/\s*,\s*/));
  return {
    name, title: up.title, produit: up.produit ?? product, description: '', kind: 'fact', source: `schema-snds (Health Data Hub, MPL-2.0): ${source.path}`,
    ...(up.primaryKey ? { primaryKey: keys(up.primaryKey) } : {}),
    ...(up.foreignKeys ? { foreignKeys: up.foreignKeys.map((fk) => ({ ...fk, fields: keys(fk.fields), reference: { ...fk.reference, fields: keys(fk.reference.fields) } })) } : {}),
    fields: [],
  };
}

/**
 * The type of a new upstream column: the one schemas/sources/snds-types.json maps it to
 * (scripts/snds-type.mjs; schemas/README.md, "Types"). Text keeps its declared length; a number of
 * undeclared scale starts as the first choice (integer) and is reviewed with the column's rule.
 */
function normalisedType(u) {
  const { types } = sndsColumnType(u);
  const type = types[0];
  const len = u.length === undefined || u.length === null ? null : String(u.length);
  const width = len && /^\d+$/.test(len) ? Number(len) : null;
  return type === 'string' && width ? { type, length: width } : { type };
}

/** Keep a field's keys in the order the file already has them (stable diffs). */
function reorder(f, previous) {
  if (!previous) return f;
  const keys = [...Object.keys(previous).filter((k) => k in f), ...Object.keys(f).filter((k) => !(k in previous))];
  return Object.fromEntries(keys.map((k) => [k, f[k]]));
}

// Code lists copied whole
for (const [name, source] of Object.entries(pin.wholeCodeLists)) {
  const rows = parse(readPinned(source), { delimiter: ';', bom: true, relax_quotes: true });
  const path = join(root, 'schemas/nomenclatures', `${name}.csv`);
  const text = toCsv(rows);
  if (!existsSync(path) || text !== readFileSync(path, 'utf8')) changes.push({ path, text });
}

// Code-list subsets: every shipped code exists upstream
for (const [name, source] of Object.entries(pin.codeListSubsets)) {
  const [header, ...rows] = parse(readPinned(source), { delimiter: ';', bom: true, relax_quotes: true });
  const codes = new Set(rows.map((r) => String(r[header.indexOf(source.key)]).replace(/^0+(?=\d)/, '')));
  const [ourHeader, ...ours] = parse(readFileSync(join(root, 'schemas/nomenclatures', `${name}.csv`), 'utf8'), { bom: true });
  const missing = ours.map((r) => r[ourHeader.indexOf(source.key)]).filter((c) => !codes.has(String(c).replace(/^0+(?=\d)/, '')));
  if (missing.length) review.push(`${name}: ${missing.length} shipped code(s) not in ${source.path}: ${missing.slice(0, 10).join(', ')}`);
}

// Code-list subsets with a pinned schema (IR_BIO_R): the shipped Table Schema's columns are upstream columns, in the
// upstream order (their types are checked by test/schemas/snds-types.test.ts against the copy in test/fixtures).
for (const [name, source] of Object.entries(pin.codeListSubsets)) {
  if (!source.schema) continue;
  const up = JSON.parse(readPinned(source.schema)).fields.map((f) => f.name);
  const at = JSON.parse(readFileSync(join(root, 'schemas/nomenclatures', `${name}.json`), 'utf8')).fields.map((f) => up.indexOf(f.name));
  if (at.some((p, i) => p < 0 || (i > 0 && p <= at[i - 1]))) review.push(`${name}.json: its fields are not upstream columns of ${source.schema.path}, in order`);
}

// Code-list schemas: the shipped Table Schema has every upstream column, in the upstream order, first
// (its rows come from elsewhere: IR_PHA_R from scripts/import-bdpm.mjs).
for (const [name, source] of Object.entries(pin.codeListSchemas ?? {})) {
  const up = JSON.parse(readPinned(source)).fields.map((f) => f.name);
  const ours = JSON.parse(readFileSync(join(root, 'schemas/nomenclatures', `${name}.json`), 'utf8')).fields.map((f) => f.name);
  if (up.some((n, i) => ours[i] !== n)) review.push(`${name}.json: its first ${up.length} fields are not the upstream columns of ${source.path}, in order`);
}

for (const line of review) console.log(`review: ${line}`);
if (write) for (const c of changes) writeFileSync(c.path, c.text);
for (const c of changes) console.log(`${write ? 'wrote' : 'would change'}: ${c.path.slice(root.length + 1)}`);
console.log(`schema-snds ${pin.commit.slice(0, 12)}: ${Object.keys(pin.tables).length} tables, ${Object.keys(pin.wholeCodeLists).length} whole code lists, ${Object.keys(pin.codeListSubsets).length} subsets; ${changes.length} file(s) ${write ? 'written' : 'to change'}`);
process.exit(!write && changes.length ? 1 : 0);
