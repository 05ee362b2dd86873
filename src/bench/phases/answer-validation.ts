import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { compareAnswers, type Answer, type Mismatch } from '../answers.js';
import type { Target } from '../target.js';
import { renderSql, workloadDir, type Workload } from '../workload.js';

/**
 * Answer validation: every template at its fixed qualification binding on the qualification
 * dataset, compared with the reference answers kept in bench/workload/answers.json. Those answers
 * change only through `hdsbench answers --update`, never during a run.
 */
export interface ReferenceAnswers {
  workload_version: string;
  /** The qualification dataset the answers were computed on: generator and schema versions fix its rows whatever the format. */
  qualification: { generator_version: string; schema_version: string };
  /** Its digest in Parquet (the reference engine's format). */
  qualification_dataset_sha256: string;
  answers: Record<string, Answer & { binding: Record<string, string | number> }>;
}

export function answersPath(): string {
  return join(workloadDir(), 'answers.json');
}

export function readReferenceAnswers(path = answersPath()): ReferenceAnswers | null {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as ReferenceAnswers) : null;
}

export async function computeAnswers(target: Target, workload: Workload): Promise<ReferenceAnswers['answers']> {
  const out: ReferenceAnswers['answers'] = {};
  for (const t of workload.templates) {
    const r = await target.query(renderSql(t, t.qualification));
    out[t.id] = { binding: t.qualification, columns: r.columns, rows: r.rows };
  }
  return out;
}

export async function writeReferenceAnswers(answers: ReferenceAnswers, path = answersPath()) {
  await writeFile(path, JSON.stringify(answers, null, 1) + '\n');
}

export interface AnswerCheck {
  template: string;
  ok: boolean;
  seconds: number | null;
  mismatches: (Mismatch | { error: string })[];
}

export async function validateAnswers(target: Target, workload: Workload, reference: ReferenceAnswers): Promise<AnswerCheck[]> {
  const checks: AnswerCheck[] = [];
  for (const t of workload.templates) {
    const expected = reference.answers[t.id];
    if (!expected) {
      checks.push({ template: t.id, ok: false, seconds: null, mismatches: [{ error: 'no reference answer for this template' }] });
      continue;
    }
    try {
      const r = await target.query(renderSql(t, t.qualification));
      const mismatches = compareAnswers(expected, { columns: r.columns, rows: r.rows }, t.money);
      checks.push({ template: t.id, ok: mismatches.length === 0, seconds: r.seconds, mismatches });
    } catch (e) {
      checks.push({ template: t.id, ok: false, seconds: null, mismatches: [{ error: (e as Error).message }] });
    }
  }
  return checks;
}
