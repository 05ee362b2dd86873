import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../bench/package-root.js';

/**
 * The compatibility suite as data: bench/compat/rules.json describes each extraction rule of a
 * public SNDS programme (where it comes from, the tables it reads, the plausible range of its
 * answer and the published figure that range derives from); bench/compat/rules/<id>.sql is our own
 * DuckDB translation of it, returning one row with `value`.
 */

/** Why a rule cannot give a plausible answer on today's data. */
export type GapKind = 'missing-table' | 'missing-column' | 'type' | 'data';
export const GAP_KINDS: readonly GapKind[] = ['missing-table', 'missing-column', 'type', 'data'];

export interface Gap {
  gap: GapKind;
  /** missing-table / missing-column: the names the engine's error must mention. */
  missing?: string[];
  /** type: a fragment of the engine's error message. */
  error?: string;
  /** What is missing or wrong in the data, for whoever closes the gap. */
  reason: string;
}

/** A rule expected to run and give a plausible answer, or a known gap. */
export type Expectation = 'plausible' | Gap;

export interface SourceRef {
  /** Programme id (see `programmes`). */
  programme: string;
  /** File, page or section the rule is read from. */
  where: string;
  url: string;
}

export interface Published {
  /** The published figure, in words and numbers. */
  figure: string;
  /** Organisation, publication and date. */
  source: string;
  url?: string;
}

export interface Rule {
  id: string;
  title: string;
  /** The extraction rule, in words. */
  rule: string;
  sources: SourceRef[];
  tables: string[];
  unit: string;
  /** Plausible answer on an SF 0.1 dataset (10,000 beneficiaries, two care years), inclusive. */
  plausible: { min: number; max: number };
  /** The published figure the range derives from; null when the rule checks a structure, not a rate. */
  published: Published | null;
  /** How the range follows from the published figure (scale, sampling noise, definitions). */
  derivation: string;
  expect: Expectation;
}

export interface Programme {
  id: string;
  name: string;
  organisation: string;
  url: string;
  licence: string;
  what: string;
}

export interface RulesFile {
  description: string;
  programmes: Programme[];
  rules: Rule[];
}

export interface LoadedRule extends Rule {
  sql: string;
}

export interface CompatSuite {
  description: string;
  programmes: Programme[];
  rules: LoadedRule[];
}

export class CompatRulesError extends Error {
  override name = 'CompatRulesError';
}

const isGap = (e: Expectation): e is Gap => typeof e === 'object' && e !== null;
export { isGap };

/** Validate a parsed rules file; throws with every problem listed. */
export function validateRules(data: unknown): RulesFile {
  const problems: string[] = [];
  const f = data as Partial<RulesFile> | null;
  if (!f || typeof f !== 'object' || !Array.isArray(f.rules) || !Array.isArray(f.programmes)) throw new CompatRulesError('compat rules: expected an object with "programmes" and "rules" arrays');
  const programmes = new Set<string>();
  for (const p of f.programmes) {
    if (!p || typeof p.id !== 'string' || !p.id || typeof p.name !== 'string' || typeof p.url !== 'string' || !/^https?:\/\//.test(p.url) || typeof p.licence !== 'string') {
      problems.push(`programme ${JSON.stringify(p?.id)}: needs id, name, an http(s) url and a licence`);
      continue;
    }
    programmes.add(p.id);
  }
  const ids = new Set<string>();
  for (const r of f.rules) {
    const where = `rule ${JSON.stringify(r?.id)}`;
    if (!r || typeof r.id !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(r.id)) {
      problems.push(`${where}: id must be lower-case words joined by hyphens`);
      continue;
    }
    if (ids.has(r.id)) problems.push(`${where}: duplicate id`);
    ids.add(r.id);
    for (const k of ['title', 'rule', 'unit', 'derivation'] as const) if (typeof r[k] !== 'string' || !r[k]) problems.push(`${where}: missing ${k}`);
    if (!Array.isArray(r.sources) || r.sources.length === 0) problems.push(`${where}: needs at least one source`);
    else
      for (const s of r.sources) {
        if (!s || !programmes.has(s.programme)) problems.push(`${where}: source programme ${JSON.stringify(s?.programme)} is not listed in "programmes"`);
        if (!s || typeof s.where !== 'string' || !s.where || typeof s.url !== 'string' || !/^https?:\/\//.test(s.url)) problems.push(`${where}: each source needs "where" and an http(s) url`);
      }
    if (!Array.isArray(r.tables) || r.tables.length === 0 || r.tables.some((t) => typeof t !== 'string')) problems.push(`${where}: tables must list the tables it reads`);
    const p = r.plausible;
    if (!p || typeof p.min !== 'number' || typeof p.max !== 'number' || !(p.min <= p.max)) problems.push(`${where}: plausible needs numbers min <= max`);
    if (r.published !== null && (!r.published || typeof r.published.figure !== 'string' || typeof r.published.source !== 'string')) problems.push(`${where}: published needs figure and source (or null)`);
    const e = r.expect as unknown;
    if (e !== 'plausible') {
      const g = e as Partial<Gap> | null;
      if (!g || typeof g !== 'object' || !GAP_KINDS.includes(g.gap as GapKind)) problems.push(`${where}: expect must be "plausible" or {gap: ${GAP_KINDS.join('|')}, reason}`);
      else {
        if (typeof g.reason !== 'string' || !g.reason) problems.push(`${where}: a gap needs its reason`);
        if ((g.gap === 'missing-table' || g.gap === 'missing-column') && (!Array.isArray(g.missing) || g.missing.length === 0)) problems.push(`${where}: a ${g.gap} gap lists what is missing`);
        if (g.gap === 'type' && (typeof g.error !== 'string' || !g.error)) problems.push(`${where}: a type gap quotes the engine error it expects`);
      }
    }
  }
  if (problems.length) throw new CompatRulesError(`compat rules:\n  ${problems.join('\n  ')}`);
  return { description: String(f.description ?? ''), programmes: f.programmes, rules: f.rules };
}

/** The folder holding rules.json and rules/<id>.sql (bench/compat of the package). */
export function defaultRulesDir(): string {
  return join(packageRoot(), 'bench', 'compat');
}

/** Read and validate rules.json and every rule's SQL file. */
export function loadRules(dir: string = defaultRulesDir()): CompatSuite {
  const path = join(dir, 'rules.json');
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new CompatRulesError(`${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const file = validateRules(data);
  const rules = file.rules.map((r) => {
    const sqlPath = join(dir, 'rules', `${r.id}.sql`);
    if (!existsSync(sqlPath)) throw new CompatRulesError(`rule ${r.id}: no SQL file ${sqlPath}`);
    return { ...r, sql: readFileSync(sqlPath, 'utf8') };
  });
  return { description: file.description, programmes: file.programmes, rules };
}
