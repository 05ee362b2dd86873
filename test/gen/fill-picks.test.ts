import { describe, expect, it } from 'vitest';
import { pickThresholds } from '../../src/core/columns/fill.js';
import { cumulate, fmix32, indexInCumulative } from '../../src/core/rng.js';

const TWO_POW_32 = 4294967296;

/** The pick the thresholds give for the draw h: the first value whose threshold is above h. */
function byThresholds(thresholds: Float64Array, h: number): number {
  let i = 0;
  while (h >= thresholds[i]) i++;
  return i;
}

describe('weighted picks of the rule-driven fills', () => {
  const weightLists = [
    [0.985, 0.015],
    [0.55, 0.15, 0.08, 0.02, 0.17, 0.03],
    [1, 1, 1],
    [0.25, 0.45, 0.3],
    [0.1, 0, 0.2, 0, 0.7],
    [1e-9, 3, 1e-9],
    [1],
  ];

  it('by thresholds on the 32-bit draw, the same index as the bisection of the cumulative weights', () => {
    for (const weights of weightLists) {
      const cumulative = cumulate(weights);
      const thresholds = pickThresholds(cumulative) as Float64Array;
      expect(thresholds).toBeDefined();
      const draws: number[] = [0, 1, TWO_POW_32 - 1, TWO_POW_32 - 2];
      // Each bound and its neighbours (where rounding of the product decides), then pseudo-random draws.
      for (const t of thresholds) for (let d = -2; d <= 1; d++) if (t + d >= 0 && t + d < TWO_POW_32) draws.push(t + d);
      for (let i = 0; i < 20_000; i++) draws.push(fmix32(i));
      for (const h of draws) expect(byThresholds(thresholds, h), `weights ${weights}, draw ${h}`).toBe(indexInCumulative(cumulative, h / TWO_POW_32));
    }
  });

  it('are not made from weights the bisection does not order (negative, not finite, zero total)', () => {
    expect(pickThresholds(cumulate([0.5, -0.2, 1]))).toBeUndefined();
    expect(pickThresholds(cumulate([0, 0]))).toBeUndefined();
    expect(pickThresholds(cumulate([1, Infinity]))).toBeUndefined();
    expect(pickThresholds(cumulate([1, NaN]))).toBeUndefined();
  });
});
