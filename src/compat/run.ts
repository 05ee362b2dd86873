import type { Catalog } from '../core/catalog/catalog.js';
import { openDataset } from '../profile/dataset.js';
import { isGap, loadRules, type CompatSuite, type Expectation, type LoadedRule } from './rules.js';

/**
 * Run every rule of the compatibility suite on a generated dataset, in embedded DuckDB over the same
 * views `hdsbench profile` reads (one per table of the manifest, plus HDS_PERIOD), and judge each
 * answer against its plausible range and against what rules.json expects of it today.
 */

/** How a rule's outcome compares with rules.json. */
export type Verdict =
  /** As listed: runs and is plausible, or fails for its listed gap. */
  | 'as-expected'
  /** A listed gap no longer stands: the rule runs and is plausible. Mark it "plausible". */
  | 'gap-closed'
  /** Anything else: a plausible rule broke, or a gap changed its nature. */
  | 'unexpected';

export interface RuleResult {
  id: string;
  title: string;
  unit: string;
  plausible: { min: number; max: number };
  /** The query ran and returned a value. */
  ran: boolean;
  value: number | null;
  /** The engine's error (first line) when the query failed. */
  error?: string;
  /** The value lies within the plausible range. */
  isPlausible: boolean;
  expect: Expectation;
  verdict: Verdict;
  /** Why the verdict, in words, when it is not as expected. */
  explanation?: string;
  ms: number;
}

export interface CompatReport {
  dataset: { dir: string; seed: number; scale: number; digest: string | null; generator: string; care_years: number[] };
  results: RuleResult[];
  summary: { rules: number; ran: number; plausible: number; failed: number; gaps: number; asExpected: number; gapsClosed: number; unexpected: number };
}

export interface CompatOptions {
  suite?: CompatSuite;
  /** Only the rules whose id is listed. */
  only?: string[];
  catalog?: Catalog;
}

function toNumber(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  const n = typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : Number(String(v));
  return Number.isFinite(n) ? n : null;
}

const firstLine = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0];

/** Does the failure match the gap listed for the rule? */
function failsAsListed(expect: Expectation, error: string): boolean {
  if (!isGap(expect)) return false;
  const text = error.toLowerCase();
  if (expect.gap === 'missing-table' || expect.gap === 'missing-column') return (expect.missing ?? []).some((name) => text.includes(name.toLowerCase()));
  if (expect.gap === 'type') return text.includes((expect.error ?? '').toLowerCase());
  return false;
}

/** Compare what happened with what rules.json says. */
export function judge(rule: Pick<LoadedRule, 'expect' | 'plausible' | 'unit'>, ran: boolean, value: number | null, error?: string): { verdict: Verdict; explanation?: string } {
  const inRange = value !== null && value >= rule.plausible.min && value <= rule.plausible.max;
  const range = `[${rule.plausible.min}, ${rule.plausible.max}] ${rule.unit}`;
  const e = rule.expect;
  if (!isGap(e)) {
    if (inRange) return { verdict: 'as-expected' };
    return { verdict: 'unexpected', explanation: ran ? `expected a plausible answer, got ${value} outside ${range}` : `expected to run, failed: ${error}` };
  }
  if (ran && inRange) return { verdict: 'gap-closed', explanation: `listed as a ${e.gap} gap but now runs with a plausible answer (${value}): mark it "plausible" in rules.json` };
  if (e.gap === 'data') {
    if (ran) return { verdict: 'as-expected' };
    return { verdict: 'unexpected', explanation: `listed as a data gap (runs, implausible) but fails: ${error}` };
  }
  if (!ran && error !== undefined && failsAsListed(e, error)) return { verdict: 'as-expected' };
  if (ran) return { verdict: 'unexpected', explanation: `listed as a ${e.gap} gap but now runs; its answer ${value} is outside ${range}: make it a "data" gap` };
  return { verdict: 'unexpected', explanation: `listed as a ${e.gap} gap (${(e.missing ?? [e.error]).join(', ')}) but fails for another reason: ${error}` };
}

/** Run the suite on the dataset in `dir`. */
export async function runCompat(dir: string, options: CompatOptions = {}): Promise<CompatReport> {
  const suite = options.suite ?? loadRules();
  const ds = await openDataset(dir, options.catalog);
  try {
    const results: RuleResult[] = [];
    for (const rule of suite.rules) {
      if (options.only && !options.only.includes(rule.id)) continue;
      const t0 = performance.now();
      let value: number | null = null;
      let error: string | undefined;
      try {
        const reader = await ds.connection.runAndReadAll(rule.sql);
        const row = reader.getRowObjectsJS()[0] as Record<string, unknown> | undefined;
        if (!row || !('value' in row)) error = 'the query returned no row with a "value" column';
        else value = toNumber(row.value);
      } catch (e) {
        error = firstLine(e);
      }
      const ran = error === undefined;
      const { verdict, explanation } = judge(rule, ran, value, error);
      const result: RuleResult = {
        id: rule.id,
        title: rule.title,
        unit: rule.unit,
        plausible: rule.plausible,
        ran,
        value,
        isPlausible: value !== null && value >= rule.plausible.min && value <= rule.plausible.max,
        expect: rule.expect,
        verdict,
        ms: Math.round(performance.now() - t0),
      };
      if (error !== undefined) result.error = error;
      if (explanation) result.explanation = explanation;
      results.push(result);
    }
    const m = ds.manifest;
    const count = (f: (r: RuleResult) => boolean) => results.filter(f).length;
    return {
      dataset: { dir: ds.dir, seed: m.seed, scale: m.scale, digest: m.dataset_sha256 ?? null, generator: `${m.generator?.name ?? 'hdsbench'} ${m.generator?.version ?? '?'}`, care_years: m.period.care_years },
      results,
      summary: {
        rules: results.length,
        ran: count((r) => r.ran),
        plausible: count((r) => r.isPlausible),
        failed: count((r) => !r.ran),
        gaps: count((r) => isGap(r.expect)),
        asExpected: count((r) => r.verdict === 'as-expected'),
        gapsClosed: count((r) => r.verdict === 'gap-closed'),
        unexpected: count((r) => r.verdict === 'unexpected'),
      },
    };
  } finally {
    ds.close();
  }
}
