import type { BenchmarkResult } from '../bench/result.js';
import { runMetrics } from '../bench/metrics.js';
import { loadWorkload } from '../bench/workload.js';
import { GENERATOR_NAME } from '../core/version.js';
import type { DatasetDigests } from './dataset-digests.js';
import { latencyDistribution } from './latency.js';
import type { Candidate } from './read-candidates.js';
import { METRIC_TOLERANCE } from './rules.js';

/**
 * Whether a verified file may be ranked: every check adds a reason naming the problem; a file
 * with any reason is listed with them and left out of the ranking.
 */
export interface AdmissionOptions {
  digests: DatasetDigests;
  /** The evaluator's challenge every run must have used (hex), if one was issued. */
  challenge?: string;
  /** Registered signing keys: bidder → key fingerprint (sha256 hex). */
  keys?: ReadonlyMap<string, string>;
}

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= METRIC_TOLERANCE * Math.max(Math.abs(a), Math.abs(b), 1e-12);
}

function validityReasons(r: BenchmarkResult): string[] {
  if (!r.validity.valid) return r.validity.reasons.length ? r.validity.reasons.map((x) => `run invalid: ${x}`) : ['run invalid (no reason recorded)'];
  const p = r.phases;
  const contradictions = [
    [!p.data_validation.ok, 'data validation failed'],
    [!p.answer_validation.ok, 'answer validation failed'],
    [!p.refresh.revalidation_ok, 'refresh re-validation failed'],
    [p.throughput.errors > 0, `${p.throughput.errors} throughput error(s)`],
    [p.power.queries.some((q) => q.error), 'a power query failed'],
    [p.power.queries.some((q) => q.answer_ok === false), 'a power answer differs from the reference engine'],
    [p.throughput.answers.wrong > 0, `${p.throughput.answers.wrong} throughput answer(s) differ from the reference engine`],
  ] as const;
  return contradictions.filter(([bad]) => bad).map(([, what]) => `marked valid although ${what}`);
}

/** Every template of the workload must have been measured in the power phase, and every throughput answer checked. */
function completenessReasons(r: BenchmarkResult): string[] {
  const reasons: string[] = [];
  const workload = loadWorkload();
  const expected = r.benchmark.workload_version === workload.version ? workload.templates.map((t) => t.id) : r.phases.answer_validation.templates.map((t) => t.template);
  const measured = r.phases.power.queries.map((q) => q.template);
  const missing = expected.filter((t) => !measured.includes(t));
  const extra = measured.filter((t, i) => !expected.includes(t) || measured.indexOf(t) !== i);
  if (expected.length === 0) reasons.push('the result names no workload template');
  if (missing.length) reasons.push(`the power phase lacks template(s) ${missing.join(', ')} of workload ${r.benchmark.workload_version}`);
  if (extra.length) reasons.push(`the power phase has unexpected or repeated template(s) ${[...new Set(extra)].join(', ')}`);
  const a = r.phases.throughput.answers;
  if (a.checked !== r.phases.throughput.completed) reasons.push(`${a.checked} throughput answers were checked against the reference engine, not all ${r.phases.throughput.completed} completed queries`);
  if (a.distinct_queries > a.checked || (a.checked > 0 && a.distinct_queries === 0)) reasons.push(`${a.distinct_queries} distinct throughput queries cannot cover ${a.checked} checked answers`);
  return reasons;
}

function versionReasons(r: BenchmarkResult): string[] {
  const reasons: string[] = [];
  if (r.benchmark.name !== GENERATOR_NAME) reasons.push(`benchmark "${r.benchmark.name}" is not ${GENERATOR_NAME}`);
  if (r.benchmark.version !== r.dataset.generator_version) reasons.push(`benchmark version ${r.benchmark.version} differs from the dataset's generator version ${r.dataset.generator_version}`);
  if (r.environment.driver_version !== r.benchmark.version) reasons.push(`driver version ${r.environment.driver_version} differs from the benchmark version ${r.benchmark.version}`);
  return reasons;
}

/** The figures a file states must follow from its own raw measurements. */
function consistencyReasons(r: BenchmarkResult): string[] {
  const reasons: string[] = [];
  const p = r.phases;
  const m = r.metrics;
  const times = p.power.queries.flatMap((q) => [q.cold, ...q.hot]).filter((t): t is number => t !== null);
  const expected = runMetrics({ scale: r.dataset.scale, powerSeconds: times, completed: p.throughput.completed, windowSeconds: p.throughput.window_seconds, priceEurPerHour: r.sut.price_eur_per_hour });
  const { power_geomean_seconds: g, power_at_sf: power, throughput_at_sf: throughput, composite } = expected;
  if (!close(g, p.power.geomean_seconds)) reasons.push(`power geometric mean ${p.power.geomean_seconds} s does not follow from its query times (${g} s)`);
  if (!close(m.power_at_sf, power)) reasons.push(`Power@SF ${m.power_at_sf} does not follow from the query times (${power})`);
  if (!close(m.throughput_at_sf, throughput)) reasons.push(`Throughput@SF ${m.throughput_at_sf} does not follow from ${p.throughput.completed} queries in ${p.throughput.window_seconds} s (${throughput})`);
  if (!close(m.composite, composite)) reasons.push(`composite ${m.composite} is not √(Power × Throughput) (${composite})`);
  if (!close(p.throughput.qps, p.throughput.completed / p.throughput.window_seconds)) reasons.push(`QPS ${p.throughput.qps} is not completed ÷ window (${p.throughput.completed / p.throughput.window_seconds})`);
  const price = r.sut.price_eur_per_hour;
  if ((expected.eur_per_composite === null) !== (m.eur_per_composite === null) || (expected.eur_per_composite !== null && m.eur_per_composite !== null && !close(m.eur_per_composite, expected.eur_per_composite)))
    reasons.push(`€ per composite ${m.eur_per_composite} does not follow from the declared price ${price} €/h`);
  try {
    const count = latencyDistribution(p.throughput.histogram).count;
    if (count !== p.throughput.completed) reasons.push(`the latency histogram holds ${count} queries, not the ${p.throughput.completed} completed`);
  } catch (e) {
    reasons.push(`the latency histogram cannot be decoded: ${(e as Error).message}`);
  }
  return reasons;
}

async function datasetReasons(r: BenchmarkResult, digests: DatasetDigests): Promise<string[]> {
  const expected = await digests.expected(r.dataset);
  if (expected.digest === null) return [`dataset digest ${r.dataset.dataset_sha256.slice(0, 16)}… cannot be checked: ${expected.why}`];
  if (expected.digest !== r.dataset.dataset_sha256)
    return [`dataset digest ${r.dataset.dataset_sha256.slice(0, 16)}… is not the standard dataset's for seed ${r.dataset.seed}, scale ${r.dataset.scale}, ${r.dataset.parts} part(s), ${r.dataset.format} (${expected.digest.slice(0, 16)}…, ${expected.source})`];
  return [];
}

function registryReasons(r: BenchmarkResult, o: AdmissionOptions): string[] {
  const reasons: string[] = [];
  if (o.challenge !== undefined && (r.run.challenge ?? '').toLowerCase() !== o.challenge.toLowerCase())
    reasons.push(r.run.challenge ? `run used challenge ${r.run.challenge}, not the evaluator's ${o.challenge}` : `run used no challenge; the evaluator's is ${o.challenge}`);
  if (o.keys) {
    const registered = o.keys.get(r.sut.bidder);
    const actual = r.signature?.key_fingerprint;
    if (!registered) reasons.push(`bidder "${r.sut.bidder}" has no registered signing key`);
    else if (registered.toLowerCase() !== actual) reasons.push(`signed by key ${actual?.slice(0, 16)}…, not the one registered for "${r.sut.bidder}" (${registered.slice(0, 16)}…)`);
  }
  return reasons;
}

/** Reasons each candidate is not admitted (same order as `candidates`). */
export async function admissionReasons(candidates: readonly Candidate[], o: AdmissionOptions): Promise<string[][]> {
  const firstOfRun = new Map<string, string>();
  const firstOfFile = new Map<string, string>();
  const all: string[][] = [];
  for (const c of candidates) {
    const reasons = c.readable ? c.verificationProblems.map((x) => `verification: ${x}`) : [...c.verificationProblems];
    const r = c.result;
    if (r && c.verificationProblems.length === 0) {
      reasons.push(...validityReasons(r), ...completenessReasons(r), ...versionReasons(r), ...registryReasons(r, o), ...consistencyReasons(r), ...(await datasetReasons(r, o.digests)));
      const sameFile = firstOfFile.get(c.provenance.file_sha256);
      const sameRun = firstOfRun.get(r.run.id);
      if (sameFile) reasons.push(`same file as ${sameFile}`);
      else if (sameRun) reasons.push(`same run (id ${r.run.id}) as ${sameRun}`);
      if (!sameFile) firstOfFile.set(c.provenance.file_sha256, c.provenance.id);
      if (!sameRun) firstOfRun.set(r.run.id, c.provenance.id);
    } else if (!r && c.readable) reasons.push('no result could be read from the file');
    all.push(reasons);
  }
  return all;
}
