/**
 * The benchmark's metrics, in one place: the driver computes them for the result file, and
 * `hdsbench compare` recomputes them from the file's raw measurements to check what it states.
 * Definitions: docs/benchmark.md ("Metrics").
 */

/** Values below this count as this (a microsecond for timings), so one zero cannot zero a geometric mean. */
export const GEOMEAN_FLOOR = 1e-6;

/**
 * Geometric mean, weighted when `weights` are given (same length; they need not sum to 1); values
 * below GEOMEAN_FLOOR count as GEOMEAN_FLOOR; NaN for no value.
 */
export function geometricMean(values: readonly number[], weights?: readonly number[]): number {
  if (values.length === 0) return NaN;
  if (weights && weights.length !== values.length) throw new Error(`geometricMean: ${values.length} values but ${weights.length} weights`);
  let sum = 0;
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const w = weights ? weights[i] : 1;
    sum += w * Math.log(Math.max(values[i], GEOMEAN_FLOOR));
    total += w;
  }
  return Math.exp(sum / total);
}

export interface RunMeasurements {
  /** Scale factor of the benchmark dataset. */
  scale: number;
  /** Seconds of every successful power run (cold and hot). */
  powerSeconds: readonly number[];
  /** Queries completed in the throughput window. */
  completed: number;
  windowSeconds: number;
  /** Declared price of the system under test, € per hour (null: not declared). */
  priceEurPerHour: number | null;
}

export interface RunMetrics {
  /** Geometric mean of the power runs, seconds (0 when no power query succeeded). */
  power_geomean_seconds: number;
  /** 3600 × SF ÷ power geometric mean (0 when no power query succeeded). */
  power_at_sf: number;
  /** Queries per hour in the throughput window × SF. */
  throughput_at_sf: number;
  /** √(Power@SF × Throughput@SF). */
  composite: number;
  /** Price ÷ composite (null without a price or with a zero composite). */
  eur_per_composite: number | null;
}

export function runMetrics(m: RunMeasurements): RunMetrics {
  const g = m.powerSeconds.length ? geometricMean(m.powerSeconds) : 0;
  const power = g > 0 ? (3600 * m.scale) / g : 0;
  const throughput = ((3600 * m.completed) / m.windowSeconds) * m.scale;
  const composite = Math.sqrt(power * throughput);
  return {
    power_geomean_seconds: g,
    power_at_sf: power,
    throughput_at_sf: throughput,
    composite,
    eur_per_composite: m.priceEurPerHour === null || composite === 0 ? null : m.priceEurPerHour / composite,
  };
}
