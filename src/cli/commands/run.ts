import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import { Command, InvalidArgumentError } from 'commander';
import { runBenchmark } from '../../bench/driver.js';
import type { BenchmarkResult } from '../../bench/result.js';
import { readSut, readTuning } from '../../bench/sut.js';
import { resolveTarget, targetSyntaxes } from '../../bench/targets/index.js';
import { defaultKeyPath, loadOrCreateKey } from '../../bench/signing.js';
import { checkReadableDir, checkWritableDir } from '../../node/path-checks.js';
import { TargetUnavailableError, type StoreDataset } from '../../bench/target.js';
import { InputError } from '../../core/errors.js';
import { parseLocation, resolveS3Config } from '../../node/s3-location.js';
import { stageDataset } from '../../node/stage-dataset.js';
import { formatBytes, formatCount, textTable } from '../../format/text.js';
import { integerIn, positiveNumber } from '../options.js';
import { terminalSafe } from '../terminal-text.js';

interface RunCliOptions {
  target: string;
  scale: number;
  seed: number;
  parts: number;
  streams: number;
  window: number;
  challenge?: string;
  sut?: string;
  tuning?: string;
  out: string;
  data: string;
  dataset?: string;
  key?: string;
  s3Endpoint?: string;
  s3Region?: string;
}

function hex(value: string): string {
  if (!/^[0-9a-fA-F]{8,128}$/.test(value)) throw new InvalidArgumentError(`--challenge must be 8 to 128 hexadecimal characters, got "${value}"`);
  return value.toLowerCase();
}

const took = (seconds: number | undefined) => (seconds === undefined ? '' : ` (${seconds.toFixed(2)} s)`);

export function summary(r: BenchmarkResult, path: string): string {
  const p = r.phases;
  const rows: (string | number)[][] = [
    ['load', `${p.load.seconds.toFixed(2)} s`, `${formatCount(p.load.rows)} rows, ${formatCount(Math.round(p.load.rows_per_second))} rows/s, ${p.load.mb_per_second.toFixed(1)} MB/s, ${formatBytes(p.load.size_on_disk_bytes)} on disk`],
    ['data validation', p.data_validation.ok ? 'ok' : 'FAILED', `${p.data_validation.tables.filter((t) => t.ok).length}/${p.data_validation.tables.length} tables match the dataset${took(p.data_validation.seconds)}`],
    ['answer validation', p.answer_validation.ok ? 'ok' : 'FAILED', `${p.answer_validation.templates.filter((t) => t.ok).length}/${p.answer_validation.templates.length} templates match the reference answers${took(p.answer_validation.seconds)}`],
    ['power', `${(p.power.geomean_seconds * 1000).toFixed(1)} ms`, `geometric mean of ${p.power.queries.length} templates × (1 cold + 2 hot); ${p.power.queries.filter((q) => q.answer_ok).length}/${p.power.queries.length} answers agree with the reference engine`],
    ['throughput', `${p.throughput.qps.toFixed(2)} QPS`, `${p.throughput.streams} stream(s), ${p.throughput.window_seconds} s, ${p.throughput.completed} queries, ${p.throughput.errors} errors, p50 ${p.throughput.latency_ms.p50} ms, p99 ${p.throughput.latency_ms.p99} ms`],
    ['throughput answers', p.throughput.answers.wrong === 0 ? 'ok' : 'WRONG', `${p.throughput.answers.checked - p.throughput.answers.wrong}/${p.throughput.answers.checked} answers agree with the reference engine (${p.throughput.answers.distinct_queries} distinct queries${took(p.throughput.answers.seconds)})`],
    ['refresh', `${p.refresh.seconds.toFixed(2)} s`, `flux ${p.refresh.flux_month}: ${formatCount(p.refresh.rows)} rows appended, re-validation ${p.refresh.revalidation_ok ? 'ok' : 'FAILED'}`],
  ];
  const m = r.metrics;
  return [
    `hdsbench ${r.benchmark.version}, workload ${r.benchmark.workload_version}: ${r.target.product} ${r.target.version}`,
    `dataset: seed ${r.dataset.seed}, scale ${r.dataset.scale}, sha256 ${r.dataset.dataset_sha256.slice(0, 16)}…${r.run.challenge ? `, challenge ${r.run.challenge}` : ''}`,
    '',
    textTable(['phase', 'figure', 'detail'], rows),
    '',
    `Power@SF ${m.power_at_sf.toFixed(1)}   Throughput@SF ${m.throughput_at_sf.toFixed(1)}   composite ${m.composite.toFixed(1)}${m.eur_per_composite === null ? '' : `   € per composite ${m.eur_per_composite.toFixed(4)}`}`,
    m.driver_overhead_ms_median === null ? 'driver overhead: the target reports no engine timing' : `driver overhead: median ${m.driver_overhead_ms_median.toFixed(2)} ms per query over the engine's own timing (last hot power run; an upper bound, the engine's profiling included), round trip of SELECT 1: ${r.environment.rtt_ms} ms`,
    r.validity.valid ? 'run VALID' : `run INVALID:\n${r.validity.reasons.map((x) => `  - ${x}`).join('\n')}`,
    `result: ${path} (signed, key ${r.signature?.key_fingerprint.slice(0, 16)}…)`,
  ].join('\n');
}

export function runCommand(): Command {
  return new Command('run')
    .description('run the standard benchmark against a target and write a signed result file')
    .option('--target <target>', `system under test: ${targetSyntaxes().join(' | ')}`, 'duckdb')
    .option('--scale <sf>', 'scale factor of the benchmark dataset', positiveNumber('--scale'), 0.01)
    .option('--seed <n>', 'dataset seed', integerIn('--seed', 0, 0xffffffff), 42)
    .option('--parts <K>', 'dataset parts', integerIn('--parts', 1, 100_000), 1)
    .option('--streams <S>', 'concurrent streams in the throughput phase', integerIn('--streams', 1, 256), 2)
    .option('--window <seconds>', 'length of the throughput window', positiveNumber('--window'), 10)
    .option('--challenge <hex>', "evaluator's challenge: the run's query parameters derive from it", hex)
    .option('--sut <file>', 'system under test declaration (JSON, see bench/sut.schema.json)')
    .option('--tuning <file>', 'tuning profile applied to the target and recorded in the result (JSON, see bench/tuning.schema.json)')
    .option('--out <dir>', 'where the result file is written', 'results')
    .option('--data <dir>', 'root under which datasets are generated or reused (in <dir>/hdsbench-<version>/)', 'data')
    .option('--dataset <dir|s3://bucket/prefix>', 'use this complete dataset instead of one under --data (its seed, scale and parts then define the run); s3://… is copied to <data>/s3/<bucket>/<prefix> first, every file checked against the manifest, and targets that read object storage (ClickHouse s3(), Spark s3a://) load it from the bucket')
    .option('--s3-endpoint <url>', 'with --dataset s3://…: S3 service URL (default: AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL, the profile, or AWS)')
    .option('--s3-region <region>', 'with --dataset s3://…: S3 region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile, or us-east-1)')
    .option('--key <file>', `Ed25519 signing key (JWK; created on first use; default ${defaultKeyPath()})`)
    .addHelpText('after', '\nExamples:\n  hdsbench run                                   # embedded DuckDB, scale 0.01\n  hdsbench run --scale 1 --streams 4 --window 60 --sut sut.json --challenge 5f3a9c0e\n  hdsbench verify results/hdsbench-….json\n\nExit status: 0 valid run, 1 invalid run (reasons printed), 2 bad input or unreachable target.\n')
    .action(async (o: RunCliOptions) => {
      let target;
      try {
        target = resolveTarget(o.target);
      } catch (e) {
        throw new InputError((e as Error).message);
      }
      const sut = await readSut(o.sut).catch((e: Error) => {
        throw new InputError(e.message);
      });
      const tuning = await readTuning(o.tuning).catch((e: Error) => {
        throw new InputError(e.message);
      });
      // Everything the end of the run needs is checked before any work, so no measurement is lost to a bad option.
      await checkWritableDir(o.out, '--out');
      await checkWritableDir(o.data, '--data');
      await loadOrCreateKey(o.key).catch((e: Error) => {
        throw new InputError(`--key ${o.key ?? defaultKeyPath()} cannot be used as the signing key: ${e instanceof SyntaxError ? 'not JSON' : e.message}`);
      });
      let dataset = o.dataset;
      let datasetStore: StoreDataset | undefined;
      const loc = dataset === undefined ? undefined : parseLocation(dataset, '--dataset');
      if (loc?.kind === 's3') {
        // A verified local copy, staged through the project's own S3 reader, serves the reference
        // engine (embedded DuckDB, whose httpfs extension is downloaded at run time from a site not
        // every machine reaches) and targets that load local files; targets that read object
        // storage (ClickHouse s3(), Spark s3a://) load from the bucket itself.
        const s3 = await resolveS3Config(loc, { endpoint: o.s3Endpoint, region: o.s3Region });
        dataset = join(o.data, 's3', loc.bucket, loc.prefix || '_root');
        await stageDataset({ url: loc.url, prefix: loc.prefix, s3, dir: dataset, log: (line) => process.stderr.write(`${line}\n`) });
        datasetStore = { url: loc.url, prefix: loc.prefix, config: s3 };
      } else if (loc) dataset = loc.path;
      if (dataset !== undefined && loc?.kind !== 's3') await checkReadableDir(dataset, '--dataset');
      const workDir = await mkdtemp(join(tmpdir(), 'hdsbench-run-'));
      try {
        const { result, path } = await runBenchmark({
          target,
          scale: o.scale,
          seed: o.seed,
          parts: o.parts,
          challenge: o.challenge,
          streams: o.streams,
          windowSeconds: o.window,
          sut,
          tuning,
          dataDir: o.data,
          dataset,
          datasetStore,
          outDir: o.out,
          workDir,
          keyPath: o.key,
          log: (line) => process.stderr.write(`${line}\n`),
        });
        console.log(terminalSafe(summary(result, path)));
        if (!result.validity.valid) process.exitCode = 1;
      } catch (e) {
        // No result file: a run that could not reach its target, or lost it, measured nothing.
        if (e instanceof TargetUnavailableError) throw new InputError(`${e.message}; no result was written`);
        throw e;
      } finally {
        await rm(workDir, { recursive: true, force: true });
      }
    });
}
