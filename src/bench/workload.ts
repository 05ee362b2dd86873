import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashString, Rng } from '../core/rng.js';
import { packageRoot } from './package-root.js';

/** The standard workload (bench/workload): query templates and how their parameters are drawn. */

export type ParamValue = string | number;

export interface Template {
  id: string;
  file: string;
  title: string;
  /** Candidate values per parameter, curated so that every binding costs about the same. */
  params: Record<string, ParamValue[]>;
  /** The fixed binding of answer validation. */
  qualification: Record<string, ParamValue>;
  /** Result columns holding money (compared to the cent per row). */
  money?: string[];
  sql: string;
}

export interface Workload {
  name: string;
  version: string;
  qualification: { seed: number; scale: number; parts: number; format: 'parquet' };
  templates: Template[];
}

export function workloadDir(): string {
  return join(packageRoot(), 'bench', 'workload');
}

export function loadWorkload(dir = workloadDir()): Workload {
  const w = JSON.parse(readFileSync(join(dir, 'workload.json'), 'utf8')) as Omit<Workload, 'templates'> & { templates: Omit<Template, 'sql'>[] };
  const templates = w.templates.map((t) => {
    const sql = readFileSync(join(dir, 'queries', t.file), 'utf8');
    const used = new Set([...sql.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]));
    const declared = new Set(Object.keys(t.params));
    const missing = [...used].filter((p) => !declared.has(p));
    if (missing.length) throw new Error(`bench/workload: ${t.id} uses undeclared parameter(s) ${missing.join(', ')}`);
    for (const p of declared) if (!(p in t.qualification)) throw new Error(`bench/workload: ${t.id} has no qualification value for ${p}`);
    return { ...t, sql };
  });
  return { ...w, templates };
}

/** The binding of a template for (run key, stream, iteration): a pure function, like TPC's qgen. */
export function drawBinding(t: Template, runKey: number, stream: number, iteration: number): Record<string, ParamValue> {
  const rng = Rng.of(runKey, hashString(`template.${t.id}`), stream, iteration);
  return Object.fromEntries(Object.entries(t.params).map(([name, values]) => [name, rng.pick(values)]));
}

export function renderSql(t: Template, binding: Record<string, ParamValue>): string {
  return t.sql.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    if (!(name in binding)) throw new Error(`${t.id}: no value for parameter ${name}`);
    return String(binding[name]);
  });
}

/** A seeded permutation of the templates (throughput streams), Fisher–Yates on a counter-based stream. */
export function permutation<T>(items: readonly T[], runKey: number, stream: number, round: number): T[] {
  const out = [...items];
  const rng = Rng.of(runKey, hashString('stream.permutation'), stream, round);
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** The run key of a challenge (hex released by the evaluator) or of a plain seed. */
export function runKeyOf(challenge: string | undefined, seed: number): number {
  return challenge ? hashString(`challenge:${challenge.toLowerCase()}`) : hashString(`seed:${seed}`);
}
