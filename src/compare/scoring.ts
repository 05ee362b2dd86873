import { geometricMean } from '../bench/metrics.js';
import type { BenchmarkResult, QueryTiming } from '../bench/result.js';
import type { EntryScore, LatencyDistribution, QueryScore, RankedGroup, ViewTiming } from './model.js';
import { groupTitle, type Group } from './grouping.js';
import { COMBINED_WEIGHTS, CONSTANT_TIME_ADD_SECONDS, MISSING_RESULT_FLOOR_SECONDS, MISSING_RESULT_PENALTY, SIZE_CONSTANT_BYTES } from './rules.js';

/** An admitted result, ready to be scored against the others of its group. */
export interface ScoringInput {
  id: string;
  result: BenchmarkResult;
  latency: LatencyDistribution;
}

type View = 'cold' | 'hot';

/** Cold = first run; hot = the faster of the hot runs, null if any of them failed (ClickBench). */
export function viewSeconds(q: QueryTiming | undefined, view: View): number | null {
  if (!q) return null;
  if (view === 'cold') return q.cold;
  if (q.hot.length === 0 || q.hot.some((t) => t === null)) return null;
  return Math.min(...(q.hot as number[]));
}

function relative(value: number, best: number, add: number): number {
  return (value + add) / (best + add);
}

/** Templates in the union of the group's power phases, in the order first seen. */
function templatesOf(inputs: readonly ScoringInput[]): string[] {
  const seen = new Set<string>();
  for (const i of inputs) for (const q of i.result.phases.power.queries) seen.add(q.template);
  return [...seen];
}

/** Penalty for a failed or missing query: 2 × max(300 s, slowest successful time of that query and view). */
export function penaltySeconds(measured: readonly (number | null)[]): number {
  const ok = measured.filter((t): t is number => t !== null);
  return MISSING_RESULT_PENALTY * Math.max(MISSING_RESULT_FLOOR_SECONDS, ...ok);
}

function scoreView(measured: (number | null)[]): ViewTiming[] {
  const penalty = penaltySeconds(measured);
  const scored = measured.map((t) => t ?? penalty);
  const best = Math.min(...scored);
  return measured.map((t, i) => ({ seconds: t, scored_seconds: scored[i], penalised: t === null, ratio: relative(scored[i], best, CONSTANT_TIME_ADD_SECONDS) }));
}

function labelOf(input: ScoringInput, inputs: readonly ScoringInput[]): string {
  const bidder = input.result.sut.bidder;
  return inputs.filter((i) => i.result.sut.bidder === bidder).length > 1 ? `${bidder} (${input.id})` : bidder;
}

/** Score and rank one group (all inputs share a scale factor, seed and workload). */
export function scoreGroup(group: Group<ScoringInput>): RankedGroup {
  const inputs = group.items;
  const templates = templatesOf(inputs);
  const byTemplate = inputs.map((i) => new Map(i.result.phases.power.queries.map((q) => [q.template, q])));
  const queryScores: QueryScore[][] = inputs.map(() => []);
  const penalties: RankedGroup['penalties'] = [];
  for (const template of templates) {
    const cold = byTemplate.map((m) => viewSeconds(m.get(template), 'cold'));
    const hot = byTemplate.map((m) => viewSeconds(m.get(template), 'hot'));
    const coldScores = scoreView(cold);
    const hotScores = scoreView(hot);
    penalties.push({ template, cold_seconds: penaltySeconds(cold), hot_seconds: penaltySeconds(hot) });
    inputs.forEach((_, i) => queryScores[i].push({ template, cold: coldScores[i], hot: hotScores[i] }));
  }
  const bestLoad = Math.min(...inputs.map((i) => i.result.phases.load.seconds));
  const bestSize = Math.min(...inputs.map((i) => i.result.phases.load.size_on_disk_bytes));
  const entries: EntryScore[] = inputs.map((input, i) => {
    const r = input.result;
    const t = r.phases.throughput;
    const queries = queryScores[i];
    const cold = geometricMean(queries.map((q) => q.cold.ratio));
    const hot = geometricMean(queries.map((q) => q.hot.ratio));
    const loadRatio = relative(r.phases.load.seconds, bestLoad, CONSTANT_TIME_ADD_SECONDS);
    const sizeRatio = relative(r.phases.load.size_on_disk_bytes, bestSize, SIZE_CONSTANT_BYTES);
    const w = COMBINED_WEIGHTS;
    const combined = geometricMean([loadRatio, sizeRatio, cold, hot], [w.load, w.size, w.cold, w.hot]);
    const price = r.sut.price_eur_per_hour;
    return {
      id: input.id,
      label: labelOf(input, inputs),
      bidder: r.sut.bidder,
      product: r.sut.product,
      rank: 0,
      combined,
      cold,
      hot,
      load_ratio: loadRatio,
      size_ratio: sizeRatio,
      load_seconds: r.phases.load.seconds,
      size_on_disk_bytes: r.phases.load.size_on_disk_bytes,
      refresh_seconds: r.phases.refresh.seconds,
      qps: t.qps,
      error_ratio: t.completed + t.errors === 0 ? 0 : t.errors / (t.completed + t.errors),
      streams: t.streams,
      latency_ms: t.latency_ms,
      latency_distribution: input.latency,
      power_at_sf: r.metrics.power_at_sf,
      throughput_at_sf: r.metrics.throughput_at_sf,
      composite: r.metrics.composite,
      price_eur_per_hour: price,
      eur_per_composite: price === null ? null : price / r.metrics.composite,
      eur_per_million_queries: price === null || t.qps === 0 ? null : (price / (t.qps * 3600)) * 1e6,
      penalised_queries: queries.filter((q) => q.cold.penalised || q.hot.penalised).map((q) => q.template),
      queries,
    };
  });
  // Lower combined is better; ties broken by hot, then cold, then the order the files were given.
  const order = entries.map((e, i) => ({ e, i })).sort((a, b) => a.e.combined - b.e.combined || a.e.hot - b.e.hot || a.e.cold - b.e.cold || a.i - b.i);
  const ranked = order.map(({ e }, k) => ({ ...e, rank: k + 1 }));
  return { key: group.key, title: groupTitle(group.key), penalties, entries: ranked };
}
