/**
 * The scoring rules of `hdsbench compare`, in one place so the report can print them verbatim.
 * They follow ClickBench's summary (docs/sources.md: clickbench), adapted to hdsbench (docs/evaluator.md):
 *
 * - per query and view (cold, hot), ratio = (t + 10 ms) / (best + 10 ms), best being the fastest
 *   admitted entry of the same group, so a 0 ms answer is "only" 2× better than a 10 ms one;
 * - a failed or missing query takes a penalty time of 2 × max(300 s, slowest successful time of
 *   that query and view among the group's admitted entries): deterministic, independent of file
 *   order, and always worse than any measured time;
 * - cold and hot scores are geometric means of the ratios (1.0 = fastest everywhere; lower is better);
 * - load ratio = (load + 10 ms) / (best + 10 ms); size ratio = (bytes + 1 MB) / (best + 1 MB);
 * - combined = weighted geometric mean: load 10 %, size 10 %, cold 20 %, hot 60 %.
 */
export const CONSTANT_TIME_ADD_SECONDS = 0.01;
export const MISSING_RESULT_PENALTY = 2;
export const MISSING_RESULT_FLOOR_SECONDS = 300;
export const SIZE_CONSTANT_BYTES = 1_000_000;
export const COMBINED_WEIGHTS = { load: 0.1, size: 0.1, cold: 0.2, hot: 0.6 } as const;
/** Relative tolerance when recomputing a file's own metrics from its raw figures. */
export const METRIC_TOLERANCE = 1e-6;
/** Datasets up to this scale have their digest recomputed by generating them (a few seconds each). */
export const MAX_GENERATED_SCALE = 0.1;

export const RULES_TEXT = [
  'Per query: ratio = (t + 10 ms) / (best + 10 ms), best = fastest admitted entry of the group.',
  'Cold = first run; hot = the faster of the two hot runs (null if either failed).',
  'Failed or missing query: penalty time = 2 × max(300 s, slowest successful time of that query among the group).',
  'Cold and hot scores: geometric mean of the ratios (1.00 = fastest everywhere; lower is better).',
  'Load ratio = (s + 10 ms)/(best + 10 ms); size ratio = (bytes + 1 MB)/(best + 1 MB).',
  'Combined = weighted geometric mean: load 10 %, size 10 %, cold 20 %, hot 60 %. Ranking by combined.',
  'Results of different scale factors (or seeds, or workload versions) are never ranked together.',
  '€ per composite = declared €/hour ÷ composite (QphSNDS@SF); € per million queries = €/hour ÷ (QPS × 3600) × 10⁶.',
];
