import { compareAnswers, type Answer, type Mismatch } from '../answers.js';
import type { QueryTiming } from '../result.js';
import type { Target } from '../target.js';
import { drawBinding, renderSql, type ParamValue, type Workload } from '../workload.js';

/** The power phase's query of each template: its binding for stream 0, iteration 0 of the run key. */
export function powerQueries(workload: Workload, runKey: number): { template: string; binding: Record<string, ParamValue>; sql: string }[] {
  return workload.templates.map((t) => {
    const binding = drawBinding(t, runKey, 0, 0);
    return { template: t.id, binding, sql: renderSql(t, binding) };
  });
}

/**
 * Power: one stream over every template, each with a binding drawn from the run key: once cold
 * (after a restart when the target can restart) and twice hot. A failed query is recorded, never
 * retried. Every answer (cold and hot) is compared with the reference engine's answer on the same
 * dataset, with the tolerances of answer validation.
 */
export async function runPower(target: Target, workload: Workload, runKey: number, reference: ReadonlyMap<string, Answer>, log: (line: string) => void): Promise<QueryTiming[]> {
  const out: QueryTiming[] = [];
  const queries = powerQueries(workload, runKey);
  for (const [i, t] of workload.templates.entries()) {
    const { binding, sql } = queries[i];
    const timing: QueryTiming = { template: t.id, binding, cold: null, hot: [], engine_seconds: null, rows: null };
    const answers: Answer[] = [];
    try {
      if (target.capabilities.restartable) await target.restart();
      const cold = await target.query(sql);
      answers.push(cold);
      timing.cold = cold.seconds;
      timing.rows = cold.rows.length;
      for (let run = 0; run < 2; run++) {
        const hot = await target.query(sql, { engineTiming: run === 1 });
        answers.push(hot);
        timing.hot.push(hot.seconds);
        if (run === 1) timing.engine_seconds = hot.engineSeconds ?? null;
      }
      const expected = reference.get(t.id);
      const mismatch: Mismatch | { error: string } | undefined = expected
        ? answers.map((a) => compareAnswers(expected, a, t.money)[0]).find((m) => m !== undefined)
        : { error: 'the reference engine has no answer for this query' };
      timing.answer_ok = mismatch === undefined;
      if (mismatch) timing.answer_mismatch = mismatch;
    } catch (e) {
      timing.error = (e as Error).message;
      while (timing.hot.length < 2) timing.hot.push(null);
    }
    log(`power: ${t.id} cold ${fmt(timing.cold)} hot ${timing.hot.map(fmt).join(' ')}${timing.error ? ` ERROR ${timing.error}` : ''}${timing.answer_ok === false ? ' WRONG ANSWER' : ''}`);
    out.push(timing);
  }
  return out;
}

const fmt = (s: number | null) => (s === null ? 'fail' : `${(s * 1000).toFixed(1)} ms`);
