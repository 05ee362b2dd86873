import { compareAnswers, type Answer, type Mismatch } from '../answers.js';
import type { Template } from '../workload.js';

/**
 * Every answer of the throughput phase, kept for checking against the reference engine once the
 * window has closed (a target must not be right in the power phase only, then answer fast and
 * wrong). Answers are kept once per distinct (query, answer text): the curated parameter lists
 * bound the distinct queries (a few hundred), and an engine answers a query the same way each
 * time, so memory stays small while no single answer escapes the check.
 */
export interface ThroughputAnswerCheck {
  /** Answers compared with the reference engine's: every completed throughput query. */
  checked: number;
  /** Distinct queries (template and binding) among them: each was run through the reference engine. */
  distinct_queries: number;
  /** Answers that differ from the reference engine's. */
  wrong: number;
  seconds: number;
  /** The first wrong answer: its template, its binding's SQL-free description and the first difference. */
  first_wrong?: { template: string; binding: Record<string, string | number>; mismatch: Mismatch };
}

interface QueryAnswers {
  template: Template;
  binding: Record<string, string | number>;
  /** Distinct answers (canonical text) → how many times the target gave it. */
  answers: Map<string, number>;
}

export class ThroughputAnswerLog {
  private readonly queries = new Map<string, QueryAnswers>();
  private count = 0;

  record(template: Template, binding: Record<string, string | number>, sql: string, answer: Answer): void {
    let q = this.queries.get(sql);
    if (!q) this.queries.set(sql, (q = { template, binding, answers: new Map() }));
    const text = JSON.stringify([answer.columns, answer.rows]);
    q.answers.set(text, (q.answers.get(text) ?? 0) + 1);
    this.count++;
  }

  get recorded(): number {
    return this.count;
  }

  get sqls(): string[] {
    return [...this.queries.keys()];
  }

  /** Compare every recorded answer with the reference engine's answers to the same queries (`reference[i]` answers `sqls[i]`). */
  check(reference: readonly Answer[], seconds: number): ThroughputAnswerCheck {
    let wrong = 0;
    let first: ThroughputAnswerCheck['first_wrong'];
    [...this.queries.values()].forEach((q, i) => {
      for (const [text, times] of q.answers) {
        const [columns, rows] = JSON.parse(text) as [Answer['columns'], Answer['rows']];
        const mismatch = compareAnswers(reference[i], { columns, rows }, q.template.money)[0];
        if (mismatch === undefined) continue;
        wrong += times;
        first ??= { template: q.template.id, binding: q.binding, mismatch };
      }
    });
    return { checked: this.count, distinct_queries: this.queries.size, wrong, seconds, ...(first ? { first_wrong: first } : {}) };
  }
}
