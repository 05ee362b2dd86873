import type { ScriptRunInfo } from './target.js';
import type { Signature } from './signing.js';
import type { ThroughputAnswerCheck } from './phases/throughput-answers.js';

/** The result file (bench/result.schema.json describes it; keep both in step). */
export interface QueryTiming {
  template: string;
  binding: Record<string, string | number>;
  /** Seconds of the cold run and the two hot runs; null for a failed run. */
  cold: number | null;
  hot: (number | null)[];
  /** The engine's own time for the last hot run, when the target reports it. */
  engine_seconds: number | null;
  rows: number | null;
  error?: string;
  /** Whether every run's answer (cold and hot) agrees with the reference engine on the same dataset; absent when the query failed. */
  answer_ok?: boolean;
  /** The first difference found, when answer_ok is false. */
  answer_mismatch?: unknown;
}

export interface SutDeclaration {
  bidder: string;
  product: string;
  version: string;
  nodes: number;
  vcpu_per_node?: number;
  ram_gb_per_node?: number;
  region: string;
  certifications: string[];
  price_eur_per_hour: number | null;
  /** What was changed from the engine's defaults: indexes, partitioning, settings (all disclosed). */
  tuning: Record<string, unknown>;
  notes?: string;
}

export interface BenchmarkResult {
  result_version: 1;
  benchmark: { name: string; version: string; workload: string; workload_version: string };
  run: { id: string; started_at: string; ended_at: string; challenge: string | null; run_key: number };
  dataset: { seed: number; scale: number; parts: number; format: string; generator_version: string; schema_version: string; dataset_sha256: string; beneficiaries: number };
  sut: SutDeclaration;
  target: { product: string; version: string; endpoint: string; capabilities: Record<string, unknown>; tuning: unknown; script?: ScriptRunInfo };
  environment: { cpu: string; cpus: number; memory_bytes: number; os: string; node: string; driver_version: string; rtt_ms: number };
  phases: {
    load: { seconds: number; rows: number; bytes: number; rows_per_second: number; mb_per_second: number; size_on_disk_bytes: number; source?: string; steps: { name: string; seconds: number }[] };
    data_validation: { ok: boolean; seconds?: number; tables: { table: string; ok: boolean; reason?: string }[] };
    answer_validation: { ok: boolean; qualification_dataset_sha256: string; seconds?: number; templates: { template: string; ok: boolean; seconds: number | null; mismatches: unknown[] }[] };
    power: { queries: QueryTiming[]; geomean_seconds: number; seconds?: number; reference_answers_seconds?: number };
    throughput: { streams: number; window_seconds: number; completed: number; errors: number; qps: number; latency_ms: { p50: number; p90: number; p95: number; p99: number; p999: number; max: number }; histogram: string; first_error?: string; answers: ThroughputAnswerCheck };
    refresh: { flux_month: string; rows: number; seconds: number; revalidation_ok: boolean; revalidation_seconds?: number; tables: { table: string; ok: boolean; reason?: string }[] };
  };
  metrics: { power_at_sf: number; throughput_at_sf: number; composite: number; eur_per_composite: number | null; driver_overhead_ms_median: number | null };
  validity: { valid: boolean; reasons: string[] };
  signature?: Signature;
}
