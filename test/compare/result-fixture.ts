import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import hdr from 'hdr-histogram-js';
import { runMetrics } from '../../src/bench/metrics.js';
import type { BenchmarkResult, QueryTiming } from '../../src/bench/result.js';
import { loadOrCreateKey, sign } from '../../src/bench/signing.js';
import { DatasetDigests, digestKey } from '../../src/compare/dataset-digests.js';
import { GENERATOR_VERSION } from '../../src/core/version.js';

/**
 * Hand-built result files, schema-valid, internally consistent and signed for real, so that the
 * compare tests control every number (times, load, size, price, throughput).
 */
export const TEMPLATES = ['q01', 'q02', 'q03'];

export interface FixtureOptions {
  bidder: string;
  product?: string;
  scale?: number;
  seed?: number;
  /** Per template: [cold, hot1, hot2] seconds, null for a failed run; a template left out is missing. */
  times: Record<string, [number | null, number | null, number | null]>;
  loadSeconds?: number;
  sizeBytes?: number;
  price?: number | null;
  completed?: number;
  windowSeconds?: number;
  challenge?: string | null;
  invalidReasons?: string[];
}

/** The made-up digest the fixtures' datasets carry (an evaluator would give it with --digests). */
export function fixtureDigest(scale: number, seed = 42): string {
  return Buffer.from(`${scale}/${seed}`.padEnd(32, '.')).toString('hex').slice(0, 64);
}

/** Known digests for every fixture dataset at these scales and seeds. */
export function fixtureDigests(scales: number[], seeds = [42]): DatasetDigests {
  const known = scales.flatMap((scale) => seeds.map((seed): [string, string] => [digestKey({ generator_version: GENERATOR_VERSION, seed, scale, parts: 1, format: 'parquet' }), fixtureDigest(scale, seed)]));
  return new DatasetDigests(new Map(known));
}

function histogram(count: number): string {
  const h = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: 3, useWebAssembly: false });
  for (let i = 0; i < count; i++) h.recordValue(2000 + ((i * 7919) % 5000) * (i % 10 === 0 ? 8 : 1));
  const text = hdr.encodeIntoCompressedBase64(h);
  h.destroy();
  return text;
}

export function buildResult(o: FixtureOptions): BenchmarkResult {
  const scale = o.scale ?? 1;
  const seed = o.seed ?? 42;
  const completed = o.completed ?? 100;
  const windowSeconds = o.windowSeconds ?? 10;
  const price = o.price === undefined ? 2 : o.price;
  const queries: QueryTiming[] = Object.entries(o.times).map(([template, [cold, hot1, hot2]]) => ({ template, binding: { year: 2024 }, cold, hot: [hot1, hot2], engine_seconds: hot2, rows: 1 }));
  const metrics = runMetrics({ scale, powerSeconds: queries.flatMap((q) => [q.cold, ...q.hot]).filter((t): t is number => t !== null), completed, windowSeconds, priceEurPerHour: price });
  const { power_geomean_seconds: powerGeomean, power_at_sf: power, throughput_at_sf: throughput, composite } = metrics;
  const loadSeconds = o.loadSeconds ?? 10;
  const reasons = o.invalidReasons ?? [];
  return {
    result_version: 1,
    benchmark: { name: 'hdsbench', version: GENERATOR_VERSION, workload: 'hdsbench SNDS workload', workload_version: '1.0.0' },
    run: { id: crypto.randomUUID(), started_at: '2026-11-28T10:00:00.000Z', ended_at: '2026-11-28T10:05:00.000Z', challenge: o.challenge === undefined ? 'c0ffee00' : o.challenge, run_key: 12345 },
    dataset: { seed, scale, parts: 1, format: 'parquet', generator_version: GENERATOR_VERSION, schema_version: 'test', dataset_sha256: fixtureDigest(scale, seed), beneficiaries: Math.round(scale * 100_000) },
    sut: { bidder: o.bidder, product: o.product ?? 'Engine X', version: '1', nodes: 1, region: 'FR (Paris)', certifications: ['HDS'], price_eur_per_hour: price, tuning: {} },
    target: { product: 'Engine X', version: '1', endpoint: 'embedded', capabilities: { restartable: true, durable: true, concurrent: true, format: 'parquet' }, tuning: null },
    environment: { cpu: 'Test CPU', cpus: 2, memory_bytes: 8 << 30, os: 'Linux', node: 'v20', driver_version: GENERATOR_VERSION, rtt_ms: 0.1 },
    phases: {
      load: { seconds: loadSeconds, rows: 1000, bytes: 1_000_000, rows_per_second: 1000 / loadSeconds, mb_per_second: 1 / loadSeconds, size_on_disk_bytes: o.sizeBytes ?? 100_000_000, steps: [{ name: 'load', seconds: loadSeconds }] },
      data_validation: { ok: true, tables: [{ table: 'ER_PRS_F', ok: true }] },
      answer_validation: { ok: true, qualification_dataset_sha256: 'ab'.repeat(32), templates: TEMPLATES.map((template) => ({ template, ok: true, seconds: 0.01, mismatches: [] })) },
      power: { queries, geomean_seconds: powerGeomean },
      throughput: { streams: 2, window_seconds: windowSeconds, completed, errors: 0, qps: completed / windowSeconds, latency_ms: { p50: 4, p90: 9, p95: 12, p99: 30, p999: 40, max: 40 }, histogram: histogram(completed), answers: { checked: completed, distinct_queries: Math.min(completed, 282), wrong: 0, seconds: 0.5 } },
      refresh: { flux_month: '2025-07', rows: 10, seconds: 1, revalidation_ok: true, tables: [{ table: 'ER_PRS_F', ok: true }] },
    },
    metrics: { power_at_sf: power, throughput_at_sf: throughput, composite, eur_per_composite: metrics.eur_per_composite, driver_overhead_ms_median: 0.5 },
    validity: { valid: reasons.length === 0, reasons },
  };
}

/** Sign `result` with the key at `keyPath` (created on first use) and write it to dir/name. */
export async function writeSigned(dir: string, name: string, result: BenchmarkResult, keyPath = join(dir, `${name}.key.jwk`)): Promise<string> {
  const { signature: _, ...body } = result;
  const signed: BenchmarkResult = { ...body, signature: await sign(body, await loadOrCreateKey(keyPath)) };
  const path = join(dir, name);
  await writeFile(path, JSON.stringify(signed, null, 2) + '\n');
  return path;
}

/** Same times for every template. */
export function uniform(cold: number | null, hot: number | null): FixtureOptions['times'] {
  return Object.fromEntries(TEMPLATES.map((t) => [t, [cold, hot, hot]]));
}
