import { describe, expect, it } from 'vitest';
import { GEOMEAN_FLOOR, geometricMean, runMetrics } from '../../src/bench/metrics.js';

describe('metrics (one definition for the driver and compare)', () => {
  it('geometric mean: plain, weighted, floored, empty', () => {
    expect(geometricMean([1, 4, 16])).toBeCloseTo(4, 12);
    expect(geometricMean([2, 8], [3, 1])).toBeCloseTo(Math.exp((3 * Math.log(2) + Math.log(8)) / 4), 12);
    expect(geometricMean([0, 1])).toBeCloseTo(Math.sqrt(GEOMEAN_FLOOR), 12);
    expect(geometricMean([])).toBeNaN();
    expect(() => geometricMean([1, 2], [1])).toThrow(/2 values but 1 weights/);
  });

  it('Power@SF, Throughput@SF, composite and € per composite follow docs/benchmark.md', () => {
    const m = runMetrics({ scale: 2, powerSeconds: [0.5, 2], completed: 30, windowSeconds: 10, priceEurPerHour: 6 });
    expect(m.power_geomean_seconds).toBeCloseTo(1, 12);
    expect(m.power_at_sf).toBeCloseTo(7200, 9);
    expect(m.throughput_at_sf).toBeCloseTo(21600, 9);
    expect(m.composite).toBeCloseTo(Math.sqrt(7200 * 21600), 9);
    expect(m.eur_per_composite).toBeCloseTo(6 / Math.sqrt(7200 * 21600), 15);
  });

  it('a run without a successful power query has zero metrics, never NaN, and no price per composite', () => {
    const m = runMetrics({ scale: 1, powerSeconds: [], completed: 5, windowSeconds: 10, priceEurPerHour: 3 });
    expect(m).toEqual({ power_geomean_seconds: 0, power_at_sf: 0, throughput_at_sf: 1800, composite: 0, eur_per_composite: null });
  });
});
