import { ProfileInputError } from './dataset.js';
import type { Catalog } from '../core/catalog/catalog.js';
import { loadChecks, meets, samplingError, sqlText, type CheckKind, type ChecksFile, type Compare } from './checks.js';
import { openDataset } from './dataset.js';

/** The outcome of one check on one dataset. */
export interface CheckResult {
  id: string;
  label: string;
  kind: CheckKind;
  /** Measured value; null when the query failed or returned nothing. */
  value: number | null;
  target: number;
  /** The tolerance applied: the check's own, plus the sampling error of a share check (band). */
  tolerance: number;
  /** For a share check (sampling: share): the check's own tolerance and the sampling error added to it, in points. */
  band?: { stated: number; sampling: number; z: number; persons: number };
  compare: Compare;
  unit: string;
  pass: boolean;
  /** A known calibration gap (see CheckSpec.openGap): reported, not counted as a failure. */
  open?: string;
  source: string;
  /** Source ids of docs/sources.md. */
  sources: string[];
  /** Rows examined (coherence checks), when the query reports it. */
  checked?: number;
  /** What the query reported besides the value, the check's own note, or the error. */
  note?: string;
}

export interface ProfileReport {
  dataset: { dir: string; seed: number; scale: number; digest: string | null; format: string; beneficiaries: number; care_years: number[] };
  checks: CheckResult[];
  passed: number;
  /** Checks that fail and are not open gaps. */
  failed: number;
  /** Checks that fail and are known open calibration gaps. */
  open: number;
}

export interface ProfileOptions {
  /** Checks to run (default: the catalog's realism-checks model). */
  checks?: ChecksFile;
  /** Only the checks whose id is listed. */
  only?: string[];
  catalog?: Catalog;
}

function toNumber(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  const n = typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : Number(String(v));
  return Number.isFinite(n) ? n : null;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0];

/** Run every check on the dataset in `dir` and compare each value with its target. */
export async function profileDataset(dir: string, options: ProfileOptions = {}): Promise<ProfileReport> {
  const spec = options.checks ?? loadChecks(options.catalog);
  const unknown = (options.only ?? []).filter((id) => !spec.checks.some((c) => c.id === id));
  if (unknown.length) throw new ProfileInputError(`--only: no check is named ${unknown.join(', ')} (the ids are in schemas/model/realism-checks.json, e.g. ${spec.checks.slice(0, 3).map((c) => c.id).join(', ')})`);
  const ds = await openDataset(dir, options.catalog);
  try {
    const c = ds.connection;
    const viewErrors = new Map<string, string>();
    for (const v of spec.views) {
      try {
        await c.run(`create or replace temp view "${v.name}" as ${sqlText(v.sql)}`);
      } catch (e) {
        viewErrors.set(v.name, message(e));
      }
    }
    const results: CheckResult[] = [];
    for (const check of spec.checks) {
      if (options.only && !options.only.includes(check.id)) continue;
      const base: Omit<CheckResult, 'value' | 'pass'> = { id: check.id, label: check.label, kind: check.kind, target: check.target, tolerance: check.tolerance, compare: check.compare ?? (check.kind === 'coherence' ? 'atMost' : 'within'), unit: check.unit, source: check.source, sources: check.sources };
      let value: number | null = null;
      let checked: number | undefined;
      const notes: string[] = [];
      try {
        const reader = await c.runAndReadAll(sqlText(check.sql));
        const row = reader.getRowObjectsJS()[0] as Record<string, unknown> | undefined;
        if (row) {
          value = toNumber(row.value);
          const n = toNumber(row.checked);
          if (n !== null) checked = n;
          if (row.note !== null && row.note !== undefined && String(row.note)) notes.push(String(row.note));
        }
        if (value === null) notes.push('no value (no rows to measure?)');
      } catch (e) {
        const broken = [...viewErrors.entries()].filter(([name]) => sqlText(check.sql).includes(name));
        notes.push(`query failed: ${message(e)}${broken.length ? ` (view ${broken.map(([n, m]) => `${n}: ${m}`).join('; ')})` : ''}`);
      }
      if (check.note) notes.push(check.note);
      if (check.sampling === 'share' && spec.sampling) {
        const years = ds.manifest.period.care_years.length;
        if (checked === undefined || checked <= 0) notes.push('no sampling band: the query reports no checked rows');
        else {
          const sampling = samplingError(check.target, checked, years, spec.sampling.z);
          base.tolerance = check.tolerance + sampling;
          base.band = { stated: check.tolerance, sampling, z: spec.sampling.z, persons: checked / Math.max(1, years) };
        }
      }
      const result: CheckResult = { ...base, value, pass: value !== null && meets(base, value) };
      if (check.openGap && !result.pass) result.open = check.openGap;
      if (checked !== undefined) result.checked = checked;
      if (notes.length) result.note = notes.join(' | ');
      results.push(result);
    }
    const m = ds.manifest;
    const passed = results.filter((r) => r.pass).length;
    const open = results.filter((r) => !r.pass && r.open).length;
    return {
      dataset: { dir: ds.dir, seed: m.seed, scale: m.scale, digest: m.dataset_sha256 ?? null, format: m.format, beneficiaries: m.beneficiaries, care_years: m.period.care_years },
      checks: results,
      passed,
      failed: results.length - passed - open,
      open,
    };
  } finally {
    ds.close();
  }
}
