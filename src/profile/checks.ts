import { defaultCatalog, type Catalog } from '../core/catalog/catalog.js';

/** How a realism value is compared to its target. */
export type Compare = 'within' | 'atLeast' | 'atMost';
export type CheckKind = 'realism' | 'coherence';

/** One check of schemas/model/realism-checks.json. */
export interface CheckSpec {
  id: string;
  label: string;
  /** realism: target ± tolerance; coherence: `value` counts violating rows, which must be 0. */
  kind: CheckKind;
  /** DuckDB SQL returning one row: `value` (number), optionally `checked` (rows examined) and `note`. Lines are joined with newlines. */
  sql: string | string[];
  target: number;
  /** Absolute, in the unit of the value. */
  tolerance: number;
  unit: string;
  /** within (default): |value - target| <= tolerance; atLeast: value >= target - tolerance; atMost: value <= target + tolerance. */
  compare?: Compare;
  /** What the target is, from which figure, with its [V]/[E] marker. */
  source: string;
  /** Ids of the public sources of docs/sources.md the target comes from. */
  sources: string[];
  note?: string;
  /**
   * `share`: the value is a share (%) of the `checked` rows, which the query must report, one per
   * person and care year; the tolerance then widens by the sampling error of that share, z standard
   * errors of a binomial proportion at the target with each person counted once (ChecksFile.sampling).
   * `tolerance` is then the published figure's own uncertainty, the same at every scale.
   */
  sampling?: 'share';
  /**
   * A known calibration gap: why the model does not meet this target yet. The check still runs
   * and is reported as OPEN (never as passed); it does not fail the profile, and the test suite
   * pins the list of open gaps so that none appears or disappears unnoticed.
   */
  openGap?: string;
}

/** A helper view created before the checks run (in order, so a view may use the previous ones). */
export interface ViewSpec {
  name: string;
  description?: string;
  sql: string | string[];
}

/** How wide the sampling band of the checks with `sampling` is: z standard errors. */
export interface SamplingSpec {
  description?: string;
  z: number;
}

export interface ChecksFile {
  description?: string;
  sampling?: SamplingSpec;
  views: ViewSpec[];
  checks: CheckSpec[];
}

export const sqlText = (sql: string | string[]): string => (Array.isArray(sql) ? sql.join('\n') : sql);

const KINDS: readonly string[] = ['realism', 'coherence'];
const COMPARES: readonly string[] = ['within', 'atLeast', 'atMost'];

/** Validate a parsed checks file; throws with every problem listed. */
export function validateChecks(data: unknown): ChecksFile {
  const problems: string[] = [];
  const f = data as Partial<ChecksFile> | null;
  if (!f || typeof f !== 'object' || !Array.isArray(f.checks)) throw new Error('realism checks: expected an object with a "checks" array');
  const views = Array.isArray(f.views) ? f.views : [];
  for (const v of views) if (!v || typeof v.name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(v.name) || !v.sql) problems.push(`view ${JSON.stringify(v?.name)}: needs a plain name and sql`);
  const ids = new Set<string>();
  for (const c of f.checks) {
    const where = `check ${JSON.stringify(c?.id)}`;
    if (!c || typeof c.id !== 'string' || !c.id) {
      problems.push(`${where}: missing id`);
      continue;
    }
    if (ids.has(c.id)) problems.push(`${where}: duplicate id`);
    ids.add(c.id);
    if (typeof c.label !== 'string') problems.push(`${where}: missing label`);
    if (!KINDS.includes(c.kind)) problems.push(`${where}: kind must be realism or coherence`);
    if (!c.sql || (Array.isArray(c.sql) ? c.sql.some((l) => typeof l !== 'string') : typeof c.sql !== 'string')) problems.push(`${where}: sql must be a string or an array of lines`);
    if (typeof c.target !== 'number' || !Number.isFinite(c.target)) problems.push(`${where}: target must be a number`);
    if (typeof c.tolerance !== 'number' || !(c.tolerance >= 0)) problems.push(`${where}: tolerance must be a number >= 0`);
    if (typeof c.unit !== 'string') problems.push(`${where}: missing unit`);
    if (typeof c.source !== 'string' || !c.source) problems.push(`${where}: missing source`);
    if (!Array.isArray(c.sources) || c.sources.length === 0 || c.sources.some((s) => typeof s !== 'string' || !/^[a-z0-9-]+$/.test(s))) problems.push(`${where}: sources must be a non-empty list of source ids (docs/sources.md)`);
    if (c.openGap !== undefined && (c.kind !== 'realism' || typeof c.openGap !== 'string' || !c.openGap)) problems.push(`${where}: openGap must be a non-empty explanation, on realism checks only`);
    if (c.compare !== undefined && !COMPARES.includes(c.compare)) problems.push(`${where}: compare must be within, atLeast or atMost`);
    if (c.kind === 'coherence' && (c.target !== 0 || c.tolerance !== 0)) problems.push(`${where}: a coherence check counts violations: target 0, tolerance 0`);
    if (c.sampling !== undefined) {
      if (c.sampling !== 'share') problems.push(`${where}: sampling must be "share"`);
      else if (c.kind !== 'realism' || (c.compare ?? 'within') !== 'within' || c.unit !== '%' || !(c.target > 0 && c.target < 100)) problems.push(`${where}: a sampling band needs a realism check of a share in % (within, target between 0 and 100)`);
      else if (!(typeof f.sampling?.z === 'number' && f.sampling.z > 0)) problems.push(`${where}: sampling needs the file's sampling.z, a number > 0`);
    }
  }
  if (f.sampling !== undefined && !(f.sampling && typeof f.sampling.z === 'number' && f.sampling.z > 0)) problems.push('sampling: expected { "z": a number > 0 }');
  if (problems.length) throw new Error(`realism checks:\n  ${problems.join('\n  ')}`);
  return { description: f.description, ...(f.sampling ? { sampling: f.sampling } : {}), views, checks: f.checks };
}

/** The checks bundled in the catalog (schemas/model/realism-checks.json). */
export function loadChecks(catalog: Catalog = defaultCatalog()): ChecksFile {
  return validateChecks(catalog.model<unknown>('realism-checks'));
}

/**
 * The sampling error of a share check (`sampling: share`) in points: z standard errors of a binomial
 * proportion at the target, over n = checked / careYears persons (a person is a row of each care year
 * they are counted in, and mostly the same persons are counted in every year, so n is about the
 * number of distinct persons; fewer rows for one person would only make the band wider than needed).
 */
export function samplingError(targetPercent: number, checked: number, careYears: number, z: number): number {
  const p = targetPercent / 100;
  const n = checked / Math.max(1, careYears);
  return n > 0 ? 100 * z * Math.sqrt((p * (1 - p)) / n) : 0;
}

/** Does `value` meet the check's target? */
export function meets(c: Pick<CheckSpec, 'target' | 'tolerance' | 'compare'>, value: number): boolean {
  // A small epsilon so that a value printed equal to the bound is not failed by float noise.
  const eps = 1e-9 * Math.max(1, Math.abs(c.target));
  switch (c.compare ?? 'within') {
    case 'atLeast':
      return value >= c.target - c.tolerance - eps;
    case 'atMost':
      return value <= c.target + c.tolerance + eps;
    default:
      return Math.abs(value - c.target) <= c.tolerance + eps;
  }
}
