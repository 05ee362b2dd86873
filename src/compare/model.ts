import type { BenchmarkResult } from '../bench/result.js';

/** What `hdsbench compare` produces: the JSON output (--json) and the input of both reports. */

/** Where every number of an entry comes from. */
export interface Provenance {
  /** Short id used across the reports (E1, E2, … in the order the files were given). */
  id: string;
  file: string;
  path: string;
  file_sha256: string;
  run_id: string | null;
  started_at: string | null;
  challenge: string | null;
  key_fingerprint: string | null;
  bidder: string | null;
  product: string | null;
  target: string | null;
  dataset: BenchmarkResult['dataset'] | null;
  environment: BenchmarkResult['environment'] | null;
}

export interface FileVerdict {
  provenance: Provenance;
  /** Whether the file takes part in a ranking. */
  admitted: boolean;
  /** Every reason it does not (empty when admitted). */
  reasons: string[];
  /** False when the file could not be read as a JSON object at all (missing, too large, not JSON, nested too deep). */
  readable: boolean;
}

export interface ViewTiming {
  /** Measured seconds, null when the query failed or is missing from the file. */
  seconds: number | null;
  /** Seconds used for the score: the measured time or the penalty. */
  scored_seconds: number;
  penalised: boolean;
  ratio: number;
}

export interface QueryScore {
  template: string;
  cold: ViewTiming;
  hot: ViewTiming;
}

export interface LatencyDistribution {
  count: number;
  /** [latency in ms, cumulative percentile] points, from the result's HDR histogram. */
  points: [number, number][];
}

export interface EntryScore {
  id: string;
  label: string;
  bidder: string;
  product: string;
  rank: number;
  combined: number;
  cold: number;
  hot: number;
  load_ratio: number;
  size_ratio: number;
  load_seconds: number;
  size_on_disk_bytes: number;
  /** Monthly-flux refresh: seconds until the appended month was queryable. */
  refresh_seconds: number;
  qps: number;
  error_ratio: number;
  streams: number;
  latency_ms: BenchmarkResult['phases']['throughput']['latency_ms'];
  latency_distribution: LatencyDistribution;
  power_at_sf: number;
  throughput_at_sf: number;
  composite: number;
  price_eur_per_hour: number | null;
  eur_per_composite: number | null;
  eur_per_million_queries: number | null;
  penalised_queries: string[];
  queries: QueryScore[];
}

export interface GroupKey {
  scale: number;
  seed: number;
  workload: string;
  workload_version: string;
}

export interface RankedGroup {
  key: GroupKey;
  title: string;
  /** Penalty seconds per template and view, as applied to failed or missing queries. */
  penalties: { template: string; cold_seconds: number; hot_seconds: number }[];
  /** Best first. */
  entries: EntryScore[];
}

export interface ScalingPoint {
  id: string;
  scale: number;
  cold_geomean_seconds: number;
  hot_geomean_seconds: number;
  power_at_sf: number;
  throughput_at_sf: number;
  composite: number;
  qps: number;
}

/** One bidder's admitted results at several scale factors (shown, never ranked across scales). */
export interface ScalingCurve {
  bidder: string;
  product: string;
  points: ScalingPoint[];
}

export interface Comparison {
  comparison_version: 1;
  generated_at: string;
  hdsbench_version: string;
  rules: string[];
  files: FileVerdict[];
  groups: RankedGroup[];
  scaling: ScalingCurve[];
}
