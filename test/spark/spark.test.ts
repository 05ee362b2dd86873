import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultDatasetDir } from '../../src/bench/datasets.js';
import type { BenchmarkResult } from '../../src/bench/result.js';
import { freePort } from '../../src/postgres/local-cluster.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { sparkInstall, startSparkThriftServer, type LocalSpark } from '../helpers/spark.js';

/**
 * Apache Spark, really started: a Spark Thrift server from pyspark (PyPI) on Java 17, local mode,
 * driven by the native target (--target hive2://…), and the engines/spark-sql/ script folder
 * (pyspark in session mode). Both must give the reference answers; an unreachable server is exit 2.
 */
let spark: LocalSpark;
const data = tempDir('spark-data');
const key = join(tempDir('spark-key'), 'key.jwk');
const SCALE = '0.005';
const SPARK_SQL_FOLDER = join(import.meta.dirname, '..', '..', 'engines', 'spark-sql');
const tuning = join(import.meta.dirname, '..', '..', 'bench', 'examples', 'tuning-spark.json');

beforeAll(async () => {
  const [server, ...gen] = await Promise.all([
    startSparkThriftServer(tempDir('spark-server')),
    runCli(['gen', '--scale', SCALE, '--seed', '42', '--out', defaultDatasetDir(data, { seed: 42, scale: Number(SCALE), parts: 1 }, 'parquet'), '--no-progress']),
    runCli(['gen', '--scale', '0.01', '--seed', '42', '--out', defaultDatasetDir(data, { seed: 42, scale: 0.01, parts: 1 }, 'parquet'), '--no-progress']),
  ]);
  spark = server;
  for (const g of gen) expect(g.stderr).toBe('');
}, 600_000);

afterAll(async () => {
  await spark?.stop();
});

function readResult(out: string): { text: string; result: BenchmarkResult } {
  const text = readFileSync(join(out, readdirSync(out)[0]), 'utf8');
  return { text, result: JSON.parse(text) as BenchmarkResult };
}

describe('hdsbench run --target hive2://… (Spark Thrift server)', () => {
  it('a whole run is valid, with the reference answers, statistics in load time and no password', async () => {
    const out = tempDir('spark-out');
    const r = await runCli(['run', '--target', spark.url, '--scale', SCALE, '--window', '2', '--data', data, '--out', out, '--key', key, '--tuning', tuning]);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    const { text, result } = readResult(out);
    expect(result.validity).toEqual({ valid: true, reasons: [] });
    expect(result.target.product).toBe('Apache Spark SQL (Thrift server)');
    expect(result.target.endpoint).toBe(`hive2://hdsbench:***@127.0.0.1:${spark.port}`);
    expect(result.phases.load.steps.map((s) => s.name)).toContain('analyze');
    expect(result.phases.load.size_on_disk_bytes).toBeGreaterThan(0);
    expect(result.phases.refresh.revalidation_ok).toBe(true);
    expect(text + r.stdout + r.stderr).not.toContain('secret-spark-pw');
  }, 900_000);

  it('a server that is not there: a clear message, exit 2 and no result', async () => {
    const out = tempDir('spark-refused');
    const r = await runCli(['run', '--target', `hive2://hdsbench:secret-spark-pw@127.0.0.1:${await freePort()}`, '--scale', SCALE, '--data', data, '--out', out, '--key', key]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot connect to hive2:\/\/hdsbench:\*\*\*@127\.0\.0\.1:\d+: connection refused.*; no result was written/);
    expect(r.stderr).not.toContain('secret-spark-pw');
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });
});

describe('engines/spark-sql/ (script target, session mode)', () => {
  it('a whole run is valid, and records what starting a Spark process costs against the session', async () => {
    const out = tempDir('spark-sql-out');
    const r = await runCli(['run', '--target', SPARK_SQL_FOLDER, '--scale', SCALE, '--window', '2', '--data', data, '--out', out, '--key', key, '--tuning', tuning], { PYSPARK_PYTHON: sparkInstall().python });
    expect(r.code, r.stderr + r.stdout).toBe(0);
    const { result } = readResult(out);
    expect(result.validity).toEqual({ valid: true, reasons: [] });
    expect(result.target.script).toMatchObject({ folder: 'spark-sql', query_mode: 'session' });
    const script = result.target.script as NonNullable<BenchmarkResult['target']['script']>;
    // A JVM per query costs far more than a request to the running session.
    expect(script.process_round_trip_ms).toBeGreaterThan(10 * (script.session_round_trip_ms as number));
    expect(result.metrics.driver_overhead_ms_median).not.toBeNull();
  }, 900_000);
});
