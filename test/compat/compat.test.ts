import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isGap, judge, loadRules, renderCompat, runCompat, validateRules, type CompatReport, type LoadedRule, type RuleResult } from '../../src/compat/index.js';

/**
 * The compatibility suite on the dataset its plausible ranges are set for (scale 0.1, seed 7),
 * generated once by the built CLI (`npm test` builds first). Every rule must behave as
 * bench/compat/rules.json lists it: rules expected to be plausible run and give an answer in their
 * range; known gaps still fail for their listed reason (missing table or column, type) or still give
 * an implausible answer (data). Whoever closes a gap sees its rule fail here, with the instruction to
 * move it to "plausible".
 */

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'src', 'cli', 'main.js');
const COMPAT = join(ROOT, 'dist', 'bench', 'compat', 'compat-run.js');
const RULES_DIR = join(ROOT, 'bench', 'compat');
const suite = loadRules(RULES_DIR);
const plausibleIds = suite.rules.filter((r) => !isGap(r.expect)).map((r) => r.id);
const gapIds = suite.rules.filter((r) => isGap(r.expect)).map((r) => r.id);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

let dir: string;
let report: CompatReport;
let exitCode: number;
const result = (id: string): RuleResult => {
  const r = report.results.find((x) => x.id === id);
  if (!r) throw new Error(`rule ${id} missing from the report`);
  return r;
};
const explain = (r: RuleResult) =>
  `${r.id}: ${r.ran ? `answer ${r.value} ${r.unit}` : `fails: ${r.error}`}, plausible ${r.plausible.min}..${r.plausible.max}${r.explanation ? ` — ${r.explanation}` : ''}`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hdsbench-compat-'));
  const gen = await run([CLI, 'gen', '--scale', '0.1', '--seed', '7', '--out', dir, '--threads', '2', '--no-progress']);
  if (gen.code !== 0) throw new Error(`gen failed (${gen.code}): ${gen.stderr}`);
  // The whole suite runs once, through the command researchers use; its JSON report feeds every check.
  const out = await run([COMPAT, dir, '--json']);
  if (out.code !== 0 && out.code !== 1) throw new Error(`bench:compat failed (${out.code}): ${out.stderr}`);
  report = JSON.parse(out.stdout) as CompatReport;
  exitCode = out.code;
}, 900_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the rules', () => {
  it('are at least 25, each with its SQL file, and every SQL file has its rule', () => {
    expect(suite.rules.length).toBeGreaterThanOrEqual(25);
    const files = readdirSync(join(RULES_DIR, 'rules')).filter((f) => f.endsWith('.sql')).map((f) => f.replace(/\.sql$/, '')).sort();
    expect(files).toEqual(suite.rules.map((r) => r.id).sort());
  });

  it('cite where they come from, in rules.json and in their SQL', () => {
    for (const r of suite.rules) {
      expect(r.sources.length, r.id).toBeGreaterThan(0);
      expect(r.sql, r.id).toMatch(/^-- /);
      expect(r.sql, `${r.id}: the SQL header names the rule's source`).toMatch(/-- Rule: /);
      expect(r.sql, `${r.id}: our own SQL`).toMatch(/Written for hdsbench, not copied/);
      if (r.published === null) expect(r.derivation, `${r.id}: explains why no published figure`).toMatch(/published|structure|Structure|coding rule|no national|No national/i);
    }
    const programmes = new Set(suite.rules.flatMap((r) => r.sources.map((s) => s.programme)));
    for (const p of ['documentation-snds', 'sndstools', 'scalpel-extraction', 'pysnds']) expect(programmes, p).toContain(p);
  });

  it('cover DCIR, PMSI MCO, SSR, HAD, psychiatry, outpatient hospital visits, referentials, beneficiaries and deaths', () => {
    const tables = new Set(suite.rules.flatMap((r) => r.tables));
    for (const t of ['ER_PRS_F', 'ER_PHA_F', 'ER_BIO_F', 'ER_CAM_F', 'T_MCOaaB', 'T_MCOaaUM', 'T_SSRaaB', 'T_HADaaB', 'T_RIPaaRSA', 'T_MCOaaCSTC', 'IR_PHA_R', 'IR_CIM_V', 'IR_BEN_R', 'IR_IMB_R', 'IR_ORC_R', 'IR_BEN_R_ARC', 'KI_CCI_R', 'KI_ECD_R']) expect(tables, t).toContain(t);
  });

  it('name each table they read in rules.json', () => {
    for (const r of suite.rules) {
      const read = new Set([...r.sql.matchAll(/\b(?:from|join)\s+([A-Z][A-Z0-9_a-z]+)/g)].map((m) => m[1]).filter((t) => t !== 'HDS_PERIOD'));
      for (const t of read) if (/^(?:ER|IR|T|KI)_/.test(t)) expect(r.tables, `${r.id} reads ${t}`).toContain(t);
    }
  });
});

describe('rules listed as plausible run and give a plausible answer', () => {
  it.each(plausibleIds)('%s', (id) => {
    const r = result(id);
    expect(r.ran, explain(r)).toBe(true);
    expect(r.isPlausible, explain(r)).toBe(true);
    expect(r.verdict, explain(r)).toBe('as-expected');
  });
});

describe('known gaps still fail for their listed reason (move a closed gap to "plausible")', () => {
  it.each(gapIds)('%s', (id) => {
    const r = result(id);
    expect(r.verdict, explain(r)).toBe('as-expected');
    const gap = suite.rules.find((x) => x.id === id)!.expect;
    if (!isGap(gap)) throw new Error('not a gap');
    if (gap.gap === 'data') {
      expect(r.ran, explain(r)).toBe(true);
      expect(r.isPlausible, explain(r)).toBe(false);
    } else {
      expect(r.ran, explain(r)).toBe(false);
      if (gap.gap === 'missing-table') expect(r.error, explain(r)).toMatch(/Table with name .* does not exist/);
      if (gap.gap === 'missing-column') expect(r.error, explain(r)).toMatch(/column/i);
    }
  });
});

describe('the summary', () => {
  it('counts rules, runs and plausible answers', () => {
    const s = report.summary;
    expect(s.rules).toBe(suite.rules.length);
    expect(s.ran + s.failed).toBe(s.rules);
    expect(s.plausible).toBe(plausibleIds.length);
    expect(s.asExpected).toBe(s.rules);
    expect(renderCompat(report)).toContain(`${s.rules} rules, ${s.ran} run, ${s.plausible} plausible`);
  });
});

describe('npm run bench:compat', () => {
  it('exits 0 when every rule behaves as listed', () => {
    expect(exitCode).toBe(report.summary.unexpected + report.summary.gapsClosed > 0 ? 1 : 0);
    expect(exitCode).toBe(0);
  });

  it('prints one line per rule (runs or the engine error, answer, plausible or not) and the summary', async () => {
    // Two probe rules show a failing rule and an implausible answer whatever gaps the real suite still has:
    // one reads a table no dataset has, one gives an answer outside its range.
    const boxes = suite.rules.find((r) => r.id === 'dcir-drug-boxes');
    if (!boxes) throw new Error('dcir-drug-boxes missing from rules.json');
    const probe = (id: string, sql: string, expect: LoadedRule['expect']): LoadedRule => ({ ...boxes, id, title: id, sql, expect, plausible: { min: 1000, max: 2000 }, unit: 'probes' });
    const failing = probe('probe-missing-table', 'select count(*) as value from T_NOT_GENERATED', { gap: 'missing-table', missing: ['T_NOT_GENERATED'], reason: 'probe' });
    const implausible = probe('probe-implausible', 'select 1 as value', { gap: 'data', reason: 'probe' });
    const local = await runCompat(dir, { suite: { ...suite, rules: [boxes, implausible, failing] } });
    const text = renderCompat(local);
    expect(text).toMatch(/^dcir-drug-boxes +runs +[\d.]+ +30\.\.52 +boxes\/person-year +plausible +plausible$/m);
    expect(text).toMatch(/^probe-implausible +runs +1 +1000\.\.2000 +probes +IMPLAUSIBLE +gap: data$/m);
    expect(text).toMatch(/^probe-missing-table +fails +- +1000\.\.2000 +probes +FAILS +gap: missing-table$/m);
    expect(text).toMatch(/engine errors:\n- probe-missing-table: Catalog Error: /);
    expect(text).toContain('3 rules, 2 run, 1 plausible');
    // The command prints exactly that rendering, for the real rules (a known gap among them when one is left).
    const gap = suite.rules.find((r) => isGap(r.expect));
    const only = ['dcir-drug-boxes', ...(gap ? [gap.id] : [])];
    const out = await run([COMPAT, dir, '--only', only.join(',')]);
    expect(out.code, out.stderr).toBe(0);
    const real = await runCompat(dir, { suite, only });
    expect(out.stdout).toBe(`${renderCompat(real).replaceAll(real.dataset.dir, dir)}\n`);
  }, 180_000);

  it('--json prints the report of the rules asked for', async () => {
    const gap = suite.rules.find((r) => isGap(r.expect));
    const second = gap ?? suite.rules.find((r) => r.id !== 'dcir-drug-boxes');
    if (!second) throw new Error('rules.json has a single rule');
    const out = await run([COMPAT, dir, '--json', '--only', `dcir-drug-boxes,${second.id}`]);
    expect(out.code, out.stderr).toBe(0);
    const json = JSON.parse(out.stdout) as CompatReport;
    expect(json.results.map((r) => r.id)).toEqual(['dcir-drug-boxes', second.id]);
    expect(json.results[0]).toMatchObject({ ran: true, isPlausible: true, verdict: 'as-expected', value: result('dcir-drug-boxes').value });
    expect(json.results[1]).toMatchObject({ ran: result(second.id).ran, verdict: 'as-expected' });
    expect(json.summary).toMatchObject({ rules: 2, ran: 1 + (result(second.id).ran ? 1 : 0) });
  }, 120_000);

  it('exits 2 with a clear message for a missing dataset, an unknown option or an unknown rule', async () => {
    const missing = await run([COMPAT, join(dir, 'nope')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no such directory/);
    const option = await run([COMPAT, dir, '--fast']);
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(/unknown option --fast/);
    const rule = await run([COMPAT, dir, '--only', 'no-such-rule']);
    expect(rule.code).toBe(2);
    expect(rule.stderr).toMatch(/unknown rule: no-such-rule/);
  });
});

describe('judging an outcome against rules.json', () => {
  const range = { min: 1, max: 2 };
  it('a plausible rule that fails or leaves its range is unexpected', () => {
    expect(judge({ expect: 'plausible', plausible: range, unit: '%' }, true, 1.5).verdict).toBe('as-expected');
    expect(judge({ expect: 'plausible', plausible: range, unit: '%' }, true, 3).verdict).toBe('unexpected');
    expect(judge({ expect: 'plausible', plausible: range, unit: '%' }, false, null, 'Catalog Error: Table with name X does not exist!').verdict).toBe('unexpected');
  });
  it('a gap that closes is reported so that the rule moves to "plausible"', () => {
    const j = judge({ expect: { gap: 'missing-table', missing: ['IR_ORC_R'], reason: 'r' }, plausible: range, unit: '%' }, true, 1.2);
    expect(j.verdict).toBe('gap-closed');
    expect(j.explanation).toMatch(/mark it "plausible"/);
    expect(judge({ expect: { gap: 'data', reason: 'r' }, plausible: range, unit: '%' }, true, 1.2).verdict).toBe('gap-closed');
  });
  it('a gap that fails for another reason, or now runs implausibly, is unexpected', () => {
    const table = { expect: { gap: 'missing-table' as const, missing: ['IR_ORC_R'], reason: 'r' }, plausible: range, unit: '%' };
    expect(judge(table, false, null, 'Catalog Error: Table with name IR_ORC_R does not exist!').verdict).toBe('as-expected');
    expect(judge(table, false, null, 'Binder Error: Referenced column "BEN_CTA_TYP" not found').verdict).toBe('unexpected');
    expect(judge(table, true, 40).explanation).toMatch(/make it a "data" gap/);
    const type = { expect: { gap: 'type' as const, error: 'Cannot compare values', reason: 'r' }, plausible: range, unit: '%' };
    expect(judge(type, false, null, 'Binder Error: Cannot compare values of type INTEGER_LITERAL and type VARCHAR').verdict).toBe('as-expected');
    expect(judge({ expect: { gap: 'data', reason: 'r' }, plausible: range, unit: '%' }, false, null, 'Parser Error').verdict).toBe('unexpected');
  });
  it('rejects rules files with missing sources, bad ranges or gaps without a reason', () => {
    const file = JSON.parse(readFileSync(join(RULES_DIR, 'rules.json'), 'utf8')) as { programmes: unknown[]; rules: Record<string, unknown>[] };
    const one = file.rules[0];
    expect(() => validateRules({ ...file, rules: [one, one] })).toThrow(/duplicate id/);
    expect(() => validateRules({ ...file, rules: [{ ...one, sources: [] }] })).toThrow(/at least one source/);
    expect(() => validateRules({ ...file, rules: [{ ...one, sources: [{ programme: 'elsewhere', where: 'x', url: 'https://x' }] }] })).toThrow(/not listed in "programmes"/);
    expect(() => validateRules({ ...file, rules: [{ ...one, plausible: { min: 5, max: 1 } }] })).toThrow(/min <= max/);
    expect(() => validateRules({ ...file, rules: [{ ...one, expect: { gap: 'missing-table', reason: 'r' } }] })).toThrow(/lists what is missing/);
    expect(() => validateRules({ ...file, rules: [{ ...one, expect: { gap: 'vibes', reason: 'r' } }] })).toThrow(/expect must be/);
  });
});
