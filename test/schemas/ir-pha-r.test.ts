import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';

/**
 * The drug referential IR_PHA_R: built by scripts/import-bdpm.mjs from the BDPM subset kept in
 * schemas/sources/bdpm, with every schema-snds column (pinned copy in test/fixtures/schema-snds), and
 * the drugs of the care model are the presentations of the substances their ATC codes name.
 */

const ROOT = join(import.meta.dirname, '..', '..');
const BDPM = join(ROOT, 'schemas', 'sources', 'bdpm');

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(ROOT, 'scripts', 'import-bdpm.mjs'), ...args], (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

const rows = parse(readFileSync(join(ROOT, 'schemas', 'nomenclatures', 'IR_PHA_R.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'nomenclatures', 'IR_PHA_R.json'), 'utf8')) as { fields: { name: string; type: string; snds_type: string }[] };
const upstream = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'schema-snds', 'nomenclatures', 'DREES', 'IR_PHA_R.json'), 'utf8')) as { fields: { name: string; type: string }[] };
/** CIP13 → [rate, price without fee] of every presentation line of the shipped BDPM subset. */
const bdpm = new Map(
  readFileSync(join(BDPM, 'CIS_CIP_bdpm.txt'), 'utf8').split('\n').filter(Boolean).map((l) => {
    const f = l.split('\t');
    return [f[6], { rate: f[8], price: f[9] }];
  }),
);
/** BDPM prices have a decimal comma and commas between thousands ("6,015,13"). */
const price = (text: string) => {
  const t = text.replace(/\s/g, '');
  const i = t.lastIndexOf(',');
  return Number(`${t.slice(0, i).replace(/,/g, '')}.${t.slice(i + 1)}`);
};
const byAtc = (atc: string) => rows.filter((r) => r.PHA_ATC_C07 === atc);

describe('scripts/import-bdpm.mjs', () => {
  it('rebuilds exactly the committed IR_PHA_R.csv from schemas/sources/bdpm (deterministic, twice)', async () => {
    const first = await run([]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/IR_PHA_R\.csv: \d+ presentations, \d+ ATC codes, up to date/);
    const second = await run([]);
    expect(second.stdout).toBe(first.stdout);
  });

  it('refuses an unknown option and a missing --extract directory (status 2)', async () => {
    const bad = await run(['--frobnicate']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown option --frobnicate/);
    const missing = await run(['--extract', join(ROOT, 'no-such-bdpm-folder')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read it/);
  });
});

describe('schemas/sources/bdpm', () => {
  it('selection.json has the shape of selection.schema.json, one entry per ATC code', () => {
    const read = (f: string) => JSON.parse(readFileSync(join(BDPM, f), 'utf8'));
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    const validate = ajv.compile(read('selection.schema.json'));
    const selection = read('selection.json') as { atc: { atc: string }[] };
    expect(validate(selection), ajv.errorsText(validate.errors)).toBe(true);
    const codes = selection.atc.map((e) => e.atc);
    expect(new Set(codes).size).toBe(codes.length);
    expect([...new Set(rows.map((r) => r.PHA_ATC_C07))].sort()).toEqual([...codes].sort());
  });
});

describe('IR_PHA_R', () => {
  it('has every schema-snds column in the upstream order, then the hdsbench extensions', () => {
    const names = schema.fields.map((f) => f.name);
    expect(names.slice(0, upstream.fields.length)).toEqual(upstream.fields.map((f) => f.name));
    expect(names.slice(upstream.fields.length)).toEqual(['PHA_ATC_C05', 'PHA_ATC_L05', 'PHA_PRX_PUB', 'PHA_TAU_REM', 'PHA_VOL_POI']);
    expect(Object.keys(rows[0])).toEqual(names);
  });

  it('types every column as schema-snds does (numbers stay numbers; CIP13 a 64-bit integer: test/schemas/snds-types.test.ts), and its numeric cells are numbers', () => {
    for (const [i, u] of upstream.fields.entries()) {
      const f = schema.fields[i];
      expect(f.snds_type, f.name).toBe(u.type);
      expect(f.type, f.name).toBe(f.name === 'PHA_CIP_C13' ? 'bigint' : u.type);
    }
    for (const f of schema.fields.filter((x) => x.type === 'integer' || x.type === 'bigint' || x.type === 'number')) {
      for (const r of rows) if (r[f.name] !== '') expect(Number.isFinite(Number(r[f.name])), `${f.name} ${r[f.name]}`).toBe(true);
    }
  });

  it('holds real BDPM presentations: CIP13, price and reimbursement rate as published', () => {
    expect(rows.length).toBeGreaterThan(1000);
    const wrong = rows.filter((r) => {
      const b = bdpm.get(r.PHA_CIP_C13);
      return !b || price(b.price).toFixed(2) !== r.PHA_PRX_PUB || b.rate.replace(/[\s%]/g, '') !== r.PHA_TAU_REM || r.PHA_TAU_COD !== r.PHA_TAU_REM;
    });
    expect(wrong.map((r) => r.PHA_CIP_C13)).toEqual([]);
  });

  it('fills the classification and packaging columns', () => {
    for (const r of rows) {
      expect(r.PHA_ATC_CLA, r.PHA_CIP_C13).toBe(r.PHA_ATC_C07);
      expect(r.PHA_ATC_C03, r.PHA_CIP_C13).toBe(r.PHA_ATC_C07.slice(0, 3));
      expect(r.PHA_ATC_L03 && r.PHA_ATC_L07 && r.PHA_NOM_PA && r.PHA_MED_NOM && r.PHA_FRM_LIB, r.PHA_CIP_C13).toBeTruthy();
      expect(Number(r.PHA_UPC_NBR), r.PHA_CIP_C13).toBeGreaterThan(0);
      expect(r.PHA_UNT_NBR_DSES).toBe(r.PHA_UPC_NBR);
      expect(['GC', ''], r.PHA_CIP_C13).toContain(r.PHA_CND_TOP);
      expect(r.PHA_DIA_TOP, r.PHA_CIP_C13).toBe(r.PHA_ATC_C07.startsWith('A10') ? '1' : '0');
    }
    // Large packs: three-month boxes of tablets or capsules.
    const large = rows.filter((r) => r.PHA_CND_TOP === 'GC');
    expect(large.length).toBeGreaterThan(100);
    for (const r of large) expect(Number(r.PHA_UPC_NBR)).toBeGreaterThanOrEqual(84);
    expect(byAtc('A10BA02').some((r) => r.PHA_CND_TOP === 'GC')).toBe(true);
  });

  it('has the published presentations of a substance: all 105 marketed single-substance paracetamol boxes of the 2019 BDPM', () => {
    const paracetamol = byAtc('N02BE01');
    expect(paracetamol).toHaveLength(105);
    for (const r of paracetamol) expect(r.PHA_NOM_PA).toBe('PARACÉTAMOL');
    // Two boxes of the published list (500 mg capsules B/16, 500 mg oral lyophilisates B/16).
    const codes = new Set(paracetamol.map((r) => r.PHA_CIP_C13));
    for (const c of ['3400930007990', '3400932902057']) expect(codes.has(c), c).toBe(true);
  });
});

describe('the care model dispenses the substances its conditions call for', () => {
  const conditions = JSON.parse(readFileSync(join(ROOT, 'schemas', 'model', 'conditions.json'), 'utf8')) as { conditions: { id: string; drugs: { atc: string }[] }[] };
  const care = readFileSync(join(ROOT, 'schemas', 'model', 'care.json'), 'utf8');
  /** condition → ATC codes it must use and the substance every presentation of that code must hold. */
  const EXPECTED: Record<string, [string, RegExp][]> = {
    diabetes: [['A10BA02', /^(CHLORHYDRATE DE )?METFORMINE/], ['A10AE04', /^INSULINE GLARGINE$/], ['A10BB09', /^GLICLAZIDE$/]],
    hypertension: [['C08CA01', /AMLODIPINE/], ['C09AA05', /^RAMIPRIL$/], ['C09CA04', /IRBÉSARTAN/]],
    dyslipidaemia: [['C10AA05', /^ATORVASTATINE/], ['C10AA07', /^ROSUVASTATINE/], ['C10AA01', /^SIMVASTATINE$/]],
    atrial_fibrillation: [['B01AF02', /^APIXABAN$/], ['B01AF01', /^RIVAROXABAN$/]],
    coronary: [['B01AC06', /ACÉTYLSALICYL/], ['B01AC04', /CLOPIDOGREL/]],
    hypothyroidism: [['H03AA01', /^(LÉVO)?THYROXINE SODIQUE/]],
    asthma: [['R03AC02', /SALBUTAMOL/]],
    depression: [['N06AB10', /ESCITALOPRAM/], ['N06AB06', /SERTRALINE/]],
    hiv: [['J05AR20', /BICTÉGRAVIR.*EMTRICITABINE.*TÉNOFOVIR/]],
    breast_cancer: [['L02BG04', /^LÉTROZOLE$/], ['L02BA01', /TAMOXIFÈNE/]],
  };
  for (const [id, drugs] of Object.entries(EXPECTED)) {
    it(`${id}: ${drugs.map(([atc]) => atc).join(', ')}`, () => {
      const c = conditions.conditions.find((x) => x.id === id);
      expect(c, id).toBeDefined();
      for (const [atc, substance] of drugs) {
        expect(c?.drugs.map((d) => d.atc), id).toContain(atc);
        const presentations = byAtc(atc);
        expect(presentations.length, atc).toBeGreaterThan(0);
        for (const r of presentations) expect(r.PHA_NOM_PA, `${atc} ${r.PHA_CIP_C13}`).toMatch(substance);
      }
    });
  }

  it('contraception (care.json): levonorgestrel with ethinylestradiol', () => {
    expect(care).toMatch(/"atc": "G03AA07"/);
    const pills = byAtc('G03AA07');
    expect(pills.length).toBeGreaterThan(0);
    for (const r of pills) expect(r.PHA_NOM_PA).toMatch(/^LÉVONORGESTREL, ÉTHINYLESTRADIOL$/);
  });

  it('analgesics and antibiotics: paracetamol, ibuprofen, amoxicillin', () => {
    for (const [atc, substance] of [['N02BE01', /^PARACÉTAMOL$/], ['M01AE01', /^IBUPROFÈNE$/], ['J01CA04', /^AMOXICILLINE/]] as const) {
      expect(care + JSON.stringify(conditions)).toContain(`"${atc}"`);
      for (const r of byAtc(atc)) expect(r.PHA_NOM_PA, r.PHA_CIP_C13).toMatch(substance);
    }
  });

  it('low-dose aspirin (B01AC06) holds no analgesic dose', () => {
    for (const r of byAtc('B01AC06')) expect(Number(r.PHA_DOS_PRA_DSES.replace(',', '.')), r.PHA_MED_NOM).toBeLessThanOrEqual(325);
  });
});
