import hdr from 'hdr-histogram-js';
import type { LatencyDistribution } from './model.js';

/** Percentiles sampled for the latency distribution charts (denser in the tail). */
const PERCENTILES = [0, 5, 10, 20, 30, 40, 50, 60, 70, 75, 80, 85, 90, 92.5, 95, 97.5, 99, 99.5, 99.9, 99.99, 100];

/**
 * Decode a result's throughput histogram (hdr-histogram-js compressed base64, values in µs) into
 * (latency ms, percentile) points. Throws when the text is not such a histogram.
 */
export function latencyDistribution(histogramBase64: string): LatencyDistribution {
  const h = hdr.decodeFromCompressedBase64(histogramBase64, 32, false);
  try {
    const count = h.totalCount;
    const points: [number, number][] = count === 0 ? [] : PERCENTILES.map((p) => [h.getValueAtPercentile(p) / 1000, p]);
    return { count, points };
  } finally {
    h.destroy();
  }
}
