import hdr from 'hdr-histogram-js';
import type { Target } from '../target.js';
import { ThroughputAnswerLog } from './throughput-answers.js';
import { drawBinding, permutation, renderSql, type Workload } from '../workload.js';

/**
 * Throughput: S concurrent closed-loop streams for a fixed window; each stream runs the templates
 * in its own seeded permutation, round after round, with fresh bindings. Latencies go into an HDR
 * histogram (1 µs to 1 hour, 3 significant digits); errors are counted, not retried. Every answer
 * is recorded (outside the timed call) for the reference engine's check after the window.
 */
export interface ThroughputResult {
  streams: number;
  window_seconds: number;
  completed: number;
  errors: number;
  qps: number;
  latency_ms: { p50: number; p90: number; p95: number; p99: number; p999: number; max: number };
  histogram: string;
  /** The message of the first failed query, when any failed. */
  first_error?: string;
}

export async function runThroughput(target: Target, workload: Workload, runKey: number, streams: number, windowSeconds: number, answers = new ThroughputAnswerLog()): Promise<ThroughputResult> {
  const histogram = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: 3, useWebAssembly: false });
  let completed = 0;
  let errors = 0;
  let firstError: string | undefined;
  const deadline = performance.now() + windowSeconds * 1000;
  const n = target.capabilities.concurrent ? streams : 1;
  await Promise.all(
    Array.from({ length: n }, async (_, stream) => {
      for (let round = 0; performance.now() < deadline; round++) {
        for (const t of permutation(workload.templates, runKey, stream + 1, round)) {
          if (performance.now() >= deadline) break;
          const binding = drawBinding(t, runKey, stream + 1, round);
          const sql = renderSql(t, binding);
          const t0 = performance.now();
          try {
            const answer = await target.query(sql);
            completed++;
            histogram.recordValue(Math.max(1, Math.round((performance.now() - t0) * 1000)));
            answers.record(t, binding, sql, answer);
          } catch (e) {
            errors++;
            firstError ??= `${t.id}: ${(e as Error).message}`;
          }
        }
      }
    }),
  );
  const ms = (p: number) => Math.round(histogram.getValueAtPercentile(p)) / 1000;
  const result: ThroughputResult = {
    streams: n,
    window_seconds: windowSeconds,
    completed,
    errors,
    qps: completed / windowSeconds,
    latency_ms: { p50: ms(50), p90: ms(90), p95: ms(95), p99: ms(99), p999: ms(99.9), max: Math.round(histogram.maxValue) / 1000 },
    histogram: hdr.encodeIntoCompressedBase64(histogram),
    ...(firstError === undefined ? {} : { first_error: firstError }),
  };
  histogram.destroy();
  return result;
}
