import type { QueryTiming } from '../result.js';
import type { Target } from '../target.js';
import { drawBinding, renderSql, type Workload } from '../workload.js';

/**
 * Power: one stream over every template, each with a binding drawn from the run key: once cold
 * (after a restart when the target can restart) and twice hot. A failed query is recorded, never
 * retried.
 */
export async function runPower(target: Target, workload: Workload, runKey: number, log: (line: string) => void): Promise<QueryTiming[]> {
  const out: QueryTiming[] = [];
  for (const t of workload.templates) {
    const binding = drawBinding(t, runKey, 0, 0);
    const sql = renderSql(t, binding);
    const timing: QueryTiming = { template: t.id, binding, cold: null, hot: [], engine_seconds: null, rows: null };
    try {
      if (target.capabilities.restartable) await target.restart();
      const cold = await target.query(sql);
      timing.cold = cold.seconds;
      timing.rows = cold.rows.length;
      for (let i = 0; i < 2; i++) {
        const hot = await target.query(sql, { engineTiming: i === 1 });
        timing.hot.push(hot.seconds);
        if (i === 1) timing.engine_seconds = hot.engineSeconds ?? null;
      }
    } catch (e) {
      timing.error = (e as Error).message;
      while (timing.hot.length < 2) timing.hot.push(null);
    }
    log(`power: ${t.id} cold ${fmt(timing.cold)} hot ${timing.hot.map(fmt).join(' ')}${timing.error ? ` ERROR ${timing.error}` : ''}`);
    out.push(timing);
  }
  return out;
}

const fmt = (s: number | null) => (s === null ? 'fail' : `${(s * 1000).toFixed(1)} ms`);

/** Geometric mean of every successful power run (cold and hot), in seconds. */
export function geomean(values: number[]): number {
  if (values.length === 0) return NaN;
  return Math.exp(values.reduce((a, v) => a + Math.log(Math.max(v, 1e-6)), 0) / values.length);
}
