import { poissonLimit } from '../rng.js';

/**
 * Means of monthly Poisson draws that repeat (a visit's rate by age, an episode's by age and month)
 * kept with their exponential (Rng.poissonWithLimit): computed on first use, by the very expression the
 * kind of care writes, so the draws are those of Rng.poisson(mean).
 */
export class PoissonMeans {
  /** Mean and limit of each slot, NaN until computed. */
  private readonly means: Float64Array;
  private readonly limits: Float64Array;
  constructor(slots: number) {
    this.means = new Float64Array(slots).fill(NaN);
    this.limits = new Float64Array(slots);
  }

  /** Whether slot `i` holds its mean (a mean is never NaN once computed from finite data). */
  has(i: number): boolean {
    const m = this.means[i];
    return m === m;
  }

  set(i: number, mean: number): void {
    this.means[i] = mean;
    this.limits[i] = poissonLimit(mean);
  }

  mean(i: number): number {
    return this.means[i];
  }

  limit(i: number): number {
    return this.limits[i];
  }
}

/** Ages whose means are kept (older ones are computed at each draw). */
export const KEPT_AGES = 128;
