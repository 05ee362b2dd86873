import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Manifest } from '../core/pipeline/manifest.js';
import { InputError } from '../core/errors.js';
import { GENERATOR_NAME, GENERATOR_VERSION } from '../core/version.js';
import { fileChecksums, validateData } from './data-validation.js';
import { readManifest } from '../node/dataset-writer.js';
import { generatorProblems } from './dataset-check.js';
import { datasetFileProblems, defaultDatasetDir, ensureDataset } from './datasets.js';
import { captureEnvironment } from './environment.js';
import { readReferenceAnswers, validateAnswers, type AnswerCheck } from './phases/answer-validation.js';
import { runMetrics } from './metrics.js';
import { powerQueries, runPower } from './phases/power.js';
import { referenceAnswers, referenceAnswersOf } from './reference-engine.js';
import { prepareRefresh } from './phases/refresh.js';
import { runThroughput } from './phases/throughput.js';
import { ThroughputAnswerLog } from './phases/throughput-answers.js';
import { redactDeep } from './redact.js';
import type { BenchmarkResult, SutDeclaration } from './result.js';
import { loadOrCreateKey, sign } from './signing.js';
import type { StoreDataset, TargetFactory, TuningProfile } from './target.js';
import { loadWorkload, runKeyOf } from './workload.js';

export interface RunOptions {
  target: TargetFactory;
  scale: number;
  seed: number;
  parts: number;
  /** Evaluator's challenge (hex): the run's query parameters derive from it. */
  challenge?: string;
  streams: number;
  windowSeconds: number;
  sut: SutDeclaration;
  /** Settings and statements applied to the target, recorded in the result. */
  tuning?: TuningProfile;
  /** Where datasets are generated or reused (default data/). */
  dataDir: string;
  /** Use this dataset folder as is (it must be complete). */
  dataset?: string;
  /** Where that dataset lives in object storage (run --dataset s3://…; `dataset` is its verified local copy): targets that can, load from there. */
  datasetStore?: StoreDataset;
  outDir: string;
  workDir: string;
  keyPath?: string;
  log: (line: string) => void;
}

export interface RunOutcome {
  result: BenchmarkResult;
  path: string;
}

/**
 * The benchmark driver: dataset, load, data validation, answer validation, power, throughput,
 * refresh, then a signed result file. It only talks to the target through the Target contract.
 */
export async function runBenchmark(o: RunOptions): Promise<RunOutcome> {
  const startedAt = new Date();
  const workload = loadWorkload();
  const reasons: string[] = [];

  const make = (namespace: string) => o.target({ namespace, workDir: o.workDir, tuning: o.tuning });
  const probe = make('probe');
  const format = probe.capabilities.format;

  // Dataset (untimed): generated or reused.
  const spec = { seed: o.seed, scale: o.scale, parts: o.parts };
  const datasetDir = o.dataset ?? defaultDatasetDir(o.dataDir, spec, format);
  const manifest = o.dataset ? await existingDataset(o.dataset, format) : await ensureDataset(datasetDir, spec, format, o.log);
  // With --dataset, the dataset's own seed and scale define the run (its parameters and its metrics).
  const runKey = runKeyOf(o.challenge, manifest.seed);
  if (o.dataset) {
    // The bidder's folder must be what the generator writes for its seed, scale and parts: a seeded sample regenerated.
    const problems = await generatorProblems(manifest, runKey, o.log);
    if (problems.length) throw new DatasetError(`the dataset in ${o.dataset} is not the generator's: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? `; and ${problems.length - 5} more` : ''}`);
  }
  const qual = workload.qualification;
  const qualDir = defaultDatasetDir(o.dataDir, qual, format);
  const qualManifest = await ensureDataset(qualDir, qual, format, o.log);

  // Answer validation on the qualification dataset, in its own namespace.
  const reference = readReferenceAnswers();
  const qualTarget = make('qualification');
  await qualTarget.start();
  let answerChecks: AnswerCheck[];
  let answerSeconds = 0;
  try {
    await qualTarget.load(qualDir, qualManifest);
    if (!reference) {
      reasons.push('bench/workload/answers.json is missing: run `hdsbench answers --update` on a trusted build');
      answerChecks = [];
    } else if (
      reference.qualification?.generator_version !== qualManifest.generator.version ||
      reference.qualification?.schema_version !== qualManifest.schema_version ||
      (qualManifest.format === 'parquet' && reference.qualification_dataset_sha256 !== qualManifest.dataset_sha256)
    ) {
      reasons.push(`reference answers are for another qualification dataset (generator ${reference.qualification?.generator_version}, digest ${reference.qualification_dataset_sha256.slice(0, 12)}…) than this generator produces (${qualManifest.generator.version}, ${String(qualManifest.dataset_sha256).slice(0, 12)}…)`);
      answerChecks = [];
    } else {
      o.log('answer validation: qualification dataset');
      const elapsed = stopwatch();
      answerChecks = await validateAnswers(qualTarget, workload, reference);
      answerSeconds = elapsed();
      for (const a of answerChecks.filter((c) => !c.ok)) reasons.push(`answer validation: ${a.template} differs from the reference answer (${JSON.stringify(a.mismatches[0])})`);
    }
  } finally {
    await qualTarget.stop();
  }

  // The reference engine's answers to this run's power queries on the benchmark dataset (untimed, before the target starts).
  o.log('reference answers: the power queries on the benchmark dataset, embedded DuckDB');
  const referenceElapsed = stopwatch();
  const powerReference = await referenceAnswers(datasetDir, manifest, powerQueries(workload, runKey), o.workDir);
  const referenceSeconds = referenceElapsed();

  // Load (timed) and data validation.
  const target = make('benchmark');
  const info = await target.start();
  try {
    const store = o.datasetStore && target.loadFromStore ? o.datasetStore : undefined;
    o.log(`load: ${manifest.files.length} files ${store ? `read by the engine from ${store.url} ` : ''}into ${info.product} ${info.version}`);
    const load = store && target.loadFromStore ? await target.loadFromStore(store, manifest) : await target.load(datasetDir, manifest);
    const sizeOnDisk = await target.size();
    o.log(`load: ${load.rows.toLocaleString('en-US')} rows in ${load.seconds.toFixed(2)} s`);
    const dataElapsed = stopwatch();
    const expected = await fileChecksums(datasetDir, manifest);
    const dataChecks = await validateData(target, manifest, expected);
    const dataSeconds = dataElapsed();
    for (const c of dataChecks.filter((x) => !x.ok)) reasons.push(`data validation: ${c.table}: ${c.reason}`);
    o.log(`data validation: ${dataChecks.filter((c) => c.ok).length}/${dataChecks.length} tables match the dataset`);

    const environment = await captureEnvironment(target);

    // Power: each template cold and twice hot.
    const powerElapsed = stopwatch();
    const power = await runPower(target, workload, runKey, powerReference, o.log);
    const powerSeconds = powerElapsed();
    for (const p of power.filter((q) => q.error)) reasons.push(`power: ${p.template} failed: ${p.error}`);
    for (const p of power.filter((q) => q.answer_ok === false)) reasons.push(`power: ${p.template} answer differs from the reference engine's on the benchmark dataset (${JSON.stringify(p.answer_mismatch)})`);
    const powerTimes = power.flatMap((p) => [p.cold, ...p.hot]).filter((t): t is number => t !== null);

    // Throughput: S streams for a fixed window.
    o.log(`throughput: ${o.streams} stream(s) for ${o.windowSeconds} s`);
    const throughputLog = new ThroughputAnswerLog();
    const throughputFigures = await runThroughput(target, workload, runKey, o.streams, o.windowSeconds, throughputLog);
    if (throughputFigures.errors > 0) reasons.push(`throughput: ${throughputFigures.errors} query error(s), the first: ${throughputFigures.first_error}`);
    o.log(`throughput: ${throughputFigures.completed} queries, ${throughputFigures.qps.toFixed(2)} QPS, p99 ${throughputFigures.latency_ms.p99} ms`);
    // Every throughput answer against the reference engine (untimed, after the window).
    const throughputCheckElapsed = stopwatch();
    const throughputReference = await referenceAnswersOf(datasetDir, manifest, throughputLog.sqls, o.workDir);
    const throughputAnswers = throughputLog.check(throughputReference, throughputCheckElapsed());
    const throughput = { ...throughputFigures, answers: throughputAnswers };
    if (throughputAnswers.wrong > 0) reasons.push(`throughput: ${throughputAnswers.wrong} of ${throughputAnswers.checked} answers differ from the reference engine's on the benchmark dataset (first: ${throughputAnswers.first_wrong?.template} ${JSON.stringify(throughputAnswers.first_wrong?.mismatch)})`);
    o.log(`throughput: ${throughputAnswers.checked - throughputAnswers.wrong}/${throughputAnswers.checked} answers agree with the reference engine (${throughputAnswers.distinct_queries} distinct queries)`);

    // Refresh: the next monthly flux, appended, then the data validated again.
    o.log('refresh: preparing the next monthly flux');
    const preparationElapsed = stopwatch();
    const refresh = await prepareRefresh(manifest, o.workDir, { format: format === 'csv' ? 'csv' : 'parquet' });
    o.log(`refresh: flux ${refresh.fluxMonth} prepared in ${preparationElapsed().toFixed(1)} s (${refresh.manifest.parts} part(s), ${refresh.manifest.files.length} files; untimed)`);
    const appended = await target.append(refresh.dir, refresh.manifest);
    const revalidationElapsed = stopwatch();
    const refreshExpected = await fileChecksums(datasetDir, manifest, refresh.paths);
    const refreshChecks = await validateData(target, manifest, refreshExpected, refresh.rows);
    const revalidationSeconds = revalidationElapsed();
    for (const c of refreshChecks.filter((x) => !x.ok)) reasons.push(`refresh validation: ${c.table}: ${c.reason}`);
    o.log(`refresh: flux ${refresh.fluxMonth}, ${appended.rows.toLocaleString('en-US')} rows queryable after ${appended.seconds.toFixed(2)} s`);

    const overhead = power.filter((p) => p.engine_seconds !== null && p.hot[1] !== null).map((p) => ((p.hot[1] as number) - (p.engine_seconds as number)) * 1000).sort((a, b) => a - b);
    // No successful power query (the run is then invalid): metrics are 0, never NaN, so the file stays well-formed.
    const metrics = runMetrics({ scale: manifest.scale, powerSeconds: powerTimes, completed: throughput.completed, windowSeconds: o.windowSeconds, priceEurPerHour: o.sut.price_eur_per_hour });
    let result: BenchmarkResult = {
      result_version: 1,
      benchmark: { name: GENERATOR_NAME, version: GENERATOR_VERSION, workload: workload.name, workload_version: workload.version },
      run: { id: randomUUID(), started_at: startedAt.toISOString(), ended_at: new Date().toISOString(), challenge: o.challenge ?? null, run_key: runKey },
      dataset: datasetSummary(manifest),
      sut: o.sut,
      target: { ...info, capabilities: { ...target.capabilities }, tuning: o.tuning ?? null },
      environment,
      phases: {
        load: {
          seconds: load.seconds,
          rows: load.rows,
          bytes: load.bytes,
          rows_per_second: load.rows / load.seconds,
          mb_per_second: load.bytes / 1e6 / load.seconds,
          size_on_disk_bytes: sizeOnDisk,
          source: store ? store.url : 'local',
          steps: load.steps,
        },
        data_validation: { ok: dataChecks.every((c) => c.ok), seconds: dataSeconds, tables: dataChecks.map(({ table, ok, reason }) => ({ table, ok, ...(reason ? { reason } : {}) })) },
        answer_validation: {
          ok: answerChecks.length === workload.templates.length && answerChecks.every((c) => c.ok),
          qualification_dataset_sha256: String(qualManifest.dataset_sha256),
          seconds: answerSeconds,
          templates: answerChecks,
        },
        power: { queries: power, geomean_seconds: metrics.power_geomean_seconds, seconds: powerSeconds, reference_answers_seconds: referenceSeconds },
        throughput,
        refresh: {
          flux_month: refresh.fluxMonth,
          rows: appended.rows,
          seconds: appended.seconds,
          revalidation_ok: refreshChecks.every((c) => c.ok),
          revalidation_seconds: revalidationSeconds,
          tables: refreshChecks.map(({ table, ok, reason }) => ({ table, ok, ...(reason ? { reason } : {}) })),
        },
      },
      metrics: {
        power_at_sf: metrics.power_at_sf,
        throughput_at_sf: metrics.throughput_at_sf,
        composite: metrics.composite,
        eur_per_composite: metrics.eur_per_composite,
        driver_overhead_ms_median: overhead.length ? overhead[Math.floor(overhead.length / 2)] : null,
      },
      validity: { valid: reasons.length === 0, reasons },
    };
    const key = await loadOrCreateKey(o.keyPath);
    // No credential reaches the file: endpoint, error messages and reasons are redacted before signing.
    result = redactDeep(result);
    result.signature = await sign(result, key);
    await mkdir(o.outDir, { recursive: true });
    const path = join(o.outDir, `hdsbench-${startedAt.toISOString().replace(/[:.]/g, '-')}-${result.run.id.slice(0, 8)}.json`);
    await writeFile(path, JSON.stringify(result, null, 2) + '\n');
    return { result, path };
  } finally {
    await target.stop();
  }
}

/** A dataset folder the bidder names (--dataset): used as is, so it must be complete, intact (every file as its manifest lists it) and in the target's format. */
async function existingDataset(dir: string, format: string): Promise<Manifest> {
  const m = await readManifest(dir);
  if (!m) throw new DatasetError(`no dataset in ${dir} (manifest.json is missing): generate it with \`hdsbench gen --format ${format} --out ${dir}\` or omit --dataset`);
  if (!m.complete) throw new DatasetError(`the dataset in ${dir} is incomplete (${m.files.length} files): generate its other parts first`);
  if (m.flux) throw new DatasetError(`${dir} holds the monthly flux ${m.flux} (hdsbench gen --flux), not a dataset`);
  if (m.format !== format) throw new DatasetError(`the dataset in ${dir} is ${m.format}, the target loads ${format}`);
  const problems = await datasetFileProblems(dir, m);
  if (problems.length) throw new DatasetError(`the dataset in ${dir} differs from its manifest: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? `; and ${problems.length - 5} more` : ''}`);
  return m;
}

/** Seconds since the call, when the returned function is called. */
function stopwatch(): () => number {
  const t0 = performance.now();
  return () => (performance.now() - t0) / 1000;
}

/** The dataset named on the command line cannot be used. */
export class DatasetError extends InputError {}

function datasetSummary(m: Manifest): BenchmarkResult['dataset'] {
  return {
    seed: m.seed,
    scale: m.scale,
    parts: m.parts,
    format: m.format,
    generator_version: m.generator.version,
    schema_version: m.schema_version,
    dataset_sha256: String(m.dataset_sha256),
    beneficiaries: m.beneficiaries,
  };
}


