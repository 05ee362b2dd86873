#!/usr/bin/env node
// Builds the drug referential schemas/nomenclatures/IR_PHA_R.csv from the public BDPM extract kept in
// schemas/sources/bdpm/ (ANSM, Licence Ouverte; see its README.md) and the ATC selection
// schemas/sources/bdpm/selection.json:
//   node scripts/import-bdpm.mjs                     # checks IR_PHA_R.csv is what the sources give (exit 1 if not)
//   node scripts/import-bdpm.mjs --write             # writes it
//   node scripts/import-bdpm.mjs --extract <dir>     # re-cuts the shipped subset from a full BDPM download
//                                                     # (CIS_CIP_bdpm.txt, CIS_COMPO_bdpm.txt), then builds
//
// One row per reimbursed, marketed presentation (CIP13) of a product whose active moieties are exactly
// the substances of one ATC entry of the selection. Every column of the schema-snds definition of
// IR_PHA_R is written, in its order (schemas/nomenclatures/IR_PHA_R.json), then the hdsbench extensions;
// schemas/README.md says where each value comes from, and which columns stay empty because the
// BDPM files say nothing about them. Deterministic: rows sorted by ATC code then CIP13.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sourceDir = join(root, 'schemas', 'sources', 'bdpm');
const target = join(root, 'schemas', 'nomenclatures', 'IR_PHA_R.csv');
const FILES = ['CIS_CIP_bdpm.txt', 'CIS_COMPO_bdpm.txt'];

function usage(message) {
  console.error(`${message}\nusage: node scripts/import-bdpm.mjs [--write] [--extract <full BDPM download directory>]`);
  process.exit(2);
}
const args = process.argv.slice(2);
for (const a of args) if (a.startsWith('--') && a !== '--write' && a !== '--extract') usage(`unknown option ${a}`);
const extractAt = args.indexOf('--extract');
const extractFrom = extractAt >= 0 ? args[extractAt + 1] : undefined;
if (extractAt >= 0 && !extractFrom) usage('--extract needs a directory');
const write = args.includes('--write') || extractFrom !== undefined;

const selection = JSON.parse(readFileSync(join(sourceDir, 'selection.json'), 'utf8'));
const schema = JSON.parse(readFileSync(join(root, 'schemas', 'nomenclatures', 'IR_PHA_R.json'), 'utf8'));
const SNAPSHOT = JSON.parse(readFileSync(join(sourceDir, 'snapshot.json'), 'utf8'));

/** Tab-separated lines of a BDPM file (UTF-8, no header); the trailing empty field kept. */
const lines = (text) => text.split('\n').filter((l) => l.trim() !== '').map((l) => l.replace(/\r$/, ''));
const fields = (line) => line.split('\t');

function readSource(dir) {
  return Object.fromEntries(FILES.map((f) => {
    try {
      return [f, readFileSync(join(dir, f), 'utf8')];
    } catch {
      console.error(`${join(dir, f)}: cannot read it (the BDPM files ${FILES.join(', ')} are expected there)`);
      process.exit(2);
    }
  }));
}

// ---- Products: the active moieties of every CIS (CIS_COMPO_bdpm.txt) ----
// Per (element, link number), the therapeutic fractions (FT) when given, else the substances (SA).
function moietiesByCis(compoText) {
  const groups = new Map();
  for (const line of lines(compoText)) {
    const [cis, element, , name, dose, , nature, link] = fields(line);
    const key = `${cis}\t${element}\t${link}`;
    const g = groups.get(key) ?? { cis, element: element.trim(), sa: [], ft: [] };
    (nature === 'FT' ? g.ft : g.sa).push({ name: name.trim(), dose: dose.trim() });
    groups.set(key, g);
  }
  // A moiety is named by its fractions (FT) when given, else its substance (SA); it matches a
  // selection substance by its own name or the name of its substance.
  const byCis = new Map();
  for (const g of groups.values()) {
    const list = byCis.get(g.cis) ?? [];
    const sa = g.sa.map((m) => m.name);
    for (const m of g.ft.length ? g.ft : g.sa) list.push({ ...m, element: g.element, names: [m.name, ...sa] });
    byCis.set(g.cis, list);
  }
  return byCis;
}

/** Dose in mg of a BDPM dosage ("75 mg", "1 g", "100 microgrammes"), or NaN. */
function doseMg(dose) {
  const m = /^([\d\s]+(?:,\d+)?)\s*(mg|g|microgrammes?|µg)\b/i.exec(dose.replace(/\u00a0/g, ' '));
  if (!m) return NaN;
  const v = Number(m[1].replace(/\s/g, '').replace(',', '.'));
  const unit = m[2].toLowerCase();
  return unit === 'g' ? v * 1000 : unit === 'mg' ? v : v / 1000;
}

/** The selection entry a product belongs to (its moieties are exactly the entry's substances), or null. */
function matchProduct(moieties, entries) {
  const hits = [];
  for (const e of entries) {
    if (e.elements && !moieties.every((m) => e.elements.includes(m.element))) continue;
    const matches = (m, names) => m.names.some((n) => names.includes(n));
    if (!e.substances.every((names) => moieties.some((m) => matches(m, names)))) continue;
    if (!moieties.every((m) => e.substances.some((names) => matches(m, names)))) continue;
    if (e.maxDoseMg !== undefined && !moieties.every((m) => doseMg(m.dose) <= e.maxDoseMg)) continue;
    hits.push(e);
  }
  if (hits.length > 1) throw new Error(`a product matches several ATC entries (${hits.map((e) => e.atc).join(', ')}): make selection.json unambiguous`);
  return hits[0] ?? null;
}

// ---- Presentations (CIS_CIP_bdpm.txt) ----
// CIS, CIP7, packaging label, status, marketing state, marketing date, CIP13, approved for
// collectivities, reimbursement rate, price without fee, price with fee, fee, indications.
/** A BDPM price: decimal comma, thousands also separated by commas ("6,015,13" is 6015.13). */
function euros(text) {
  const t = text.replace(/\s/g, '');
  const i = t.lastIndexOf(',');
  const v = Number(i < 0 ? t : `${t.slice(0, i).replace(/[,.]/g, '')}.${t.slice(i + 1)}`);
  if (!Number.isFinite(v)) throw new Error(`"${text}" is not a BDPM price`);
  return v;
}
function isShipped(p) {
  return p[3] === 'Présentation active' && p[4] === 'Déclaration de commercialisation' && p[8].trim() !== '' && p[9].trim() !== '';
}

const COUNTABLE = /(comprimé|gélule|capsule|suppositoire|sachet|lyophilisat|ovule|dispositif transdermique|patch|pastille|stylo|seringue|cartouche|ampoule|flacon|récipient|dose|unidose|film|implant|inhalateur)/i;
/** Units in the box: "3 plaquette(s) … de 28 comprimé(s)" → 84; "30 sachet(s) … de 2 g" → 30; "1 flacon(s) … de 100 ml" → 1. */
function unitsPerBox(label) {
  const text = label.replace(/\u00a0/g, ' ');
  const lead = /^\s*(\d+)\s+\S/.exec(text);
  const containers = lead ? Number(lead[1]) : 1;
  const inner = [...text.matchAll(/\bde\s+(\d+)\s+([^\s,()]+)/gi)].find((m) => COUNTABLE.test(m[2]));
  return inner ? containers * Number(inner[1]) : containers;
}
const SOLID_ORAL = /^(comprimé|gélule|capsule)/i;
/** Large (three-month) packaging: 84 or more tablets or capsules in the box. */
const largePack = (element, units) => SOLID_ORAL.test(element) && units >= 84;

/** dd/mm/yyyy → yyyymmdd as a number. */
function ymd(date) {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(date.trim());
  return m ? Number(`${m[3]}${m[2]}${m[1]}`) : null;
}
/** "1000 mg" → ["1000", "mg"]; "2,5 mg" → ["2,5", "mg"]. */
function splitDose(dose) {
  const m = /^([\d\s]+(?:,\d+)?)\s*(.*)$/.exec(dose.replace(/\u00a0/g, ' ').trim());
  return m ? [m[1].replace(/\s/g, ''), m[2].trim()] : [dose.trim(), ''];
}
const unique = (xs) => [...new Set(xs)];

function build(source) {
  const byCis = moietiesByCis(source['CIS_COMPO_bdpm.txt']);
  const levels = selection.levels;
  const rows = [];
  const usedCis = new Set();
  for (const line of lines(source['CIS_CIP_bdpm.txt'])) {
    const p = fields(line);
    if (!isShipped(p)) continue;
    const moieties = byCis.get(p[0]);
    if (!moieties) continue;
    const e = matchProduct(moieties, selection.atc);
    if (!e) continue;
    usedCis.add(p[0]);
    const slot = (m) => e.substances.findIndex((names) => m.names.some((n) => names.includes(n)));
    rows.push({ p, e, moieties: [...moieties].sort((a, b) => slot(a) - slot(b)) });
  }
  // Within an ATC code, the yearly volume is split evenly over its presentations, a large pack
  // counting a third (one large box replaces three monthly boxes).
  const shares = new Map();
  for (const r of rows) {
    r.units = unitsPerBox(r.p[2]);
    r.large = largePack(r.moieties[0].element, r.units);
    shares.set(r.e.atc, (shares.get(r.e.atc) ?? 0) + (r.large ? 1 / 3 : 1));
  }
  const missing = selection.atc.filter((e) => !shares.has(e.atc)).map((e) => e.atc);
  if (missing.length) throw new Error(`selection.json: no reimbursed, marketed presentation in the BDPM files for ${missing.join(', ')}`);

  const out = rows.map(({ p, e, moieties, units, large }) => {
    const names = unique(moieties.map((m) => m.name));
    const doses = unique(moieties.map((m) => splitDose(m.dose)[0]));
    const doseUnits = unique(moieties.map((m) => splitDose(m.dose)[1]));
    const strength = unique(moieties.map((m) => m.dose)).join(' / ');
    const element = moieties[0].element;
    const rate = Number(p[8].replace(/[\s%]/g, ''));
    const atc = e.atc;
    const l4 = atc.slice(0, 5);
    const l2 = atc.slice(0, 3);
    const top = (yes) => (yes ? 1 : 0);
    const v = {
      PHA_CIP_C13: p[6].trim(),
      PHA_PRS_IDE: Number(p[1]),
      PHA_MED_NOM: `${names.join(' + ')} ${strength}, ${element}, ${p[2].trim()}`,
      PHA_INS_DTD: ymd(p[5]),
      PHA_FRM_LIB: element,
      PHA_PRD_LIB1: `${names.join(' + ')} ${strength}`,
      PHA_PRD_LIB2: p[2].trim(),
      PHA_DER_MAJ: SNAPSHOT.dateNumber,
      PHA_TAR_DAT: String(SNAPSHOT.dateNumber),
      PHA_TAU_COD: String(rate),
      PHA_NOM_PA: names.join(', '),
      PHA_NOM_COURT: names.join(' + '),
      PHA_HTA_TOP: String(top(/^C0[2-9]/.test(atc))),
      PHA_CND_TOP: large ? 'GC' : null,
      PHA_DOS_PRA_DSES: doses.join('/'),
      PHA_DOS_UNT_DSES: doseUnits.join('/'),
      PHA_UNT_NBR_DSES: String(units),
      PHA_ATC_C07: atc,
      PHA_ATC_L07: e.label,
      PHA_ATC_C03: l2,
      PHA_ATC_L03: levels[l2],
      PHA_AST_TOP: top(atc.startsWith('R03')),
      PHA_CAR_TOP: top(atc.startsWith('C')),
      PHA_DIA_TOP: top(atc.startsWith('A10')),
      PHA_GRD_CND: large ? 'GC' : null,
      PHA_ATC_CLA: atc,
      PHA_ATC_LIB: e.label,
      PHA_DOS_UNI: doseUnits.join('/'),
      PHA_SUB_DOS: doses.join('/'),
      PHA_UPC_NBR: String(units),
      PHA_ATC_C05: l4,
      PHA_ATC_L05: levels[l4],
      PHA_PRX_PUB: euros(p[9]).toFixed(2),
      PHA_TAU_REM: rate,
      PHA_VOL_POI: ((e.volume * (large ? 1 / 3 : 1)) / shares.get(atc)).toFixed(6),
    };
    for (const k of ['PHA_ATC_L03', 'PHA_ATC_L05']) if (!v[k]) throw new Error(`selection.json levels: no label for ${k === 'PHA_ATC_L03' ? l2 : l4}`);
    return v;
  });
  out.sort((a, b) => (a.PHA_ATC_C07 < b.PHA_ATC_C07 ? -1 : a.PHA_ATC_C07 > b.PHA_ATC_C07 ? 1 : a.PHA_CIP_C13 < b.PHA_CIP_C13 ? -1 : a.PHA_CIP_C13 > b.PHA_CIP_C13 ? 1 : 0));
  for (let i = 1; i < out.length; i++) if (out[i].PHA_CIP_C13 === out[i - 1].PHA_CIP_C13) throw new Error(`CIP13 ${out[i].PHA_CIP_C13} twice in the BDPM files`);
  return { rows: out, usedCis };
}

function toCsv(rows) {
  const names = schema.fields.map((f) => f.name);
  const field = (v) => {
    if (v === null || v === undefined) return '';
    const s = String(v);
    return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return [names.join(','), ...rows.map((r) => names.map((n) => field(r[n])).join(','))].join('\n') + '\n';
}

if (extractFrom) {
  // Keep, verbatim, the lines of the products the selection ships (all their presentations and substances).
  const full = readSource(extractFrom);
  const { usedCis } = build(full);
  for (const f of FILES) {
    const kept = lines(full[f]).filter((l) => usedCis.has(fields(l)[0]));
    writeFileSync(join(sourceDir, f), kept.join('\n') + '\n');
    console.log(`${f}: ${kept.length} of ${lines(full[f]).length} lines kept`);
  }
}

const { rows } = build(readSource(sourceDir));
const csv = toCsv(rows);
let current = '';
try {
  current = readFileSync(target, 'utf8');
} catch {
  // absent: written below, or reported as different
}
if (csv === current) {
  console.log(`IR_PHA_R.csv: ${rows.length} presentations, ${new Set(rows.map((r) => r.PHA_ATC_C07)).size} ATC codes, up to date`);
} else if (write) {
  writeFileSync(target, csv);
  console.log(`IR_PHA_R.csv: ${rows.length} presentations, ${new Set(rows.map((r) => r.PHA_ATC_C07)).size} ATC codes, written`);
} else {
  console.error('schemas/nomenclatures/IR_PHA_R.csv differs from what schemas/sources/bdpm gives: run node scripts/import-bdpm.mjs --write');
  process.exit(1);
}
