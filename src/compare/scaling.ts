import type { RankedGroup, ScalingCurve } from './model.js';
import { geometricMean } from '../bench/metrics.js';
import { type ScoringInput, viewSeconds } from './scoring.js';

/**
 * Where one bidder (same declared product) has admitted results at several scale factors, its
 * scaling curve: per scale, the best-ranked of its entries. Shown beside the rankings, never
 * used to rank across scales.
 */
export function scalingCurves(groups: readonly RankedGroup[], inputs: readonly ScoringInput[]): ScalingCurve[] {
  const byId = new Map(inputs.map((i) => [i.id, i]));
  const curves = new Map<string, ScalingCurve>();
  for (const g of groups) {
    const seen = new Set<string>();
    for (const e of g.entries) {
      const who = JSON.stringify([e.bidder, e.product]);
      if (seen.has(who)) continue; // a better-ranked entry of the same bidder already stands for this scale
      seen.add(who);
      const r = byId.get(e.id)?.result;
      if (!r) continue;
      const measured = (view: 'cold' | 'hot') => r.phases.power.queries.map((q) => viewSeconds(q, view)).filter((t): t is number => t !== null);
      const curve = curves.get(who) ?? { bidder: e.bidder, product: e.product, points: [] };
      if (curve.points.some((p) => p.scale === g.key.scale)) continue; // another seed or workload at this scale: the first group stands
      curve.points.push({
        id: e.id,
        scale: g.key.scale,
        cold_geomean_seconds: geometricMean(measured('cold')),
        hot_geomean_seconds: geometricMean(measured('hot')),
        power_at_sf: e.power_at_sf,
        throughput_at_sf: e.throughput_at_sf,
        composite: e.composite,
        qps: e.qps,
      });
      curves.set(who, curve);
    }
  }
  return [...curves.values()]
    .map((c) => ({ ...c, points: [...c.points].sort((a, b) => a.scale - b.scale) }))
    .filter((c) => new Set(c.points.map((p) => p.scale)).size > 1);
}
