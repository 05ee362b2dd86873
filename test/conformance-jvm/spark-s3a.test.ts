/**
 * `hdsbench run --dataset s3://… --target hive2://…`: a Spark Thrift server reads the dataset from a
 * real S3-compatible server (versitygw) through Hadoop's s3a:// filesystem, with hadoop-aws and the
 * AWS SDK bundle on its classpath and its own fs.s3a.* settings, as a bidder's platform would. Outside
 * `npm test`: the jars are 558 MB (scripts/test-deps/conformance-jvm/hadoop-aws.sh) and each Spark run
 * takes minutes here. Run: `npm run test:conformance-jvm`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/core/pipeline/manifest.js';
import { S3Store, type S3Config } from '../../src/core/storage/s3-store.js';
import { readStoreManifest } from '../../src/core/storage/store-dataset.js';
import { TargetUnavailableError, type StoreDataset, type Target } from '../../src/bench/target.js';
import { resolveTarget } from '../../src/bench/targets/index.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { startS3Server, type S3Server } from '../helpers/s3-server.js';
import { hadoopAwsJars, startSparkThriftServer, type LocalSpark } from '../helpers/spark.js';

/** The secret the Spark server is given for the bucket "locked": the object store refuses it. */
const WRONG_SECRET = 'sentinel-Wrong-Secret-0123456789';

let s3: S3Server;
let spark: LocalSpark;
let manifest: Manifest;
let config: S3Config;

/** The settings a bidder puts in its Spark server's configuration (docs/object-storage.md). */
function s3aSettings(server: S3Server): Record<string, string> {
  return {
    'spark.hadoop.fs.s3a.endpoint': server.endpoint,
    'spark.hadoop.fs.s3a.endpoint.region': server.region,
    'spark.hadoop.fs.s3a.path.style.access': 'true',
    'spark.hadoop.fs.s3a.aws.credentials.provider': 'org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider',
    'spark.hadoop.fs.s3a.access.key': server.accessKey,
    'spark.hadoop.fs.s3a.secret.key': server.secretKey,
    // Per-bucket settings override the others: a wrong secret for one bucket.
    'spark.hadoop.fs.s3a.bucket.locked.secret.key': WRONG_SECRET,
  };
}

/** Copy every object under a prefix into another bucket, server-side (S3 CopyObject). */
async function copyPrefix(from: string, to: string, prefix: string) {
  for (const o of await s3.list(from, `${prefix}/`)) {
    const res = await s3.client.fetch(`${s3.endpoint}/${to}/${o.key}`, { method: 'PUT', headers: { 'x-amz-copy-source': `/${from}/${o.key}` } });
    if (!res.ok) throw new Error(`cannot copy ${o.key}: ${res.status} ${await res.text()}`);
  }
}

async function withTarget<T>(server: LocalSpark, namespace: string, body: (t: Target) => Promise<T>): Promise<T> {
  const target = resolveTarget(server.url)({ namespace, workDir: tempDir('spark-s3a-target') });
  await target.start();
  try {
    return await body(target);
  } finally {
    await target.stop();
  }
}

beforeAll(async () => {
  s3 = await startS3Server();
  await s3.createBucket('bench');
  await s3.createBucket('locked');
  const generated = (async () => {
    const g = await runCli(['gen', '--scale', '0.005', '--seed', '42', '--out', 's3://bench/run', '--no-progress'], s3.env);
    expect(g.code, g.stderr).toBe(0);
    await copyPrefix('bench', 'locked', 'run');
  })();
  // The JVM starts while the dataset is generated.
  [spark] = await Promise.all([startSparkThriftServer(tempDir('spark-s3a-server'), { jars: hadoopAwsJars(), conf: s3aSettings(s3), startTimeout: 900 }), generated]);
  config = { endpoint: s3.endpoint, region: s3.region, bucket: 'bench', pathStyle: true, accessKeyId: s3.accessKey, secretAccessKey: s3.secretKey };
  manifest = (await readStoreManifest(new S3Store(config), 'run')) as Manifest;
  expect(manifest?.complete).toBe(true);
}, 1_200_000);

afterAll(async () => {
  await spark?.stop();
  await s3?.stop();
});

describe('Spark loading a dataset from object storage (s3a://)', () => {
  it('credentials refused by the object store: an unavailable target, no secret in the message', async () => {
    const store: StoreDataset = { url: 's3://locked/run', prefix: 'run', config: { ...config, bucket: 'locked' } };
    await withTarget(spark, 'locked', async (target) => {
      const err = await target.loadFromStore?.(store, manifest).then(() => undefined, (e: Error) => e);
      expect(err).toBeInstanceOf(TargetUnavailableError);
      expect(err?.message).toMatch(/cannot read s3:\/\/locked\/run: the object store refused its credentials \(.+\); check the Spark server's spark\.hadoop\.fs\.s3a\.\* settings/);
      expect(err?.message).not.toContain(WRONG_SECRET);
      expect(err?.message).not.toContain(s3.secretKey);
      console.log(`refused credentials: ${err?.message}`);
    });
  }, 600_000);

  it('run --dataset s3://… on a server whose credentials are refused: exit 2, no result, no secret in the output', async () => {
    const out = tempDir('spark-s3a-locked-results');
    const r = await runCli(['run', '--target', spark.url, '--dataset', 's3://locked/run', '--data', tempDir('spark-s3a-locked-data'), '--out', out, '--key', `${tempDir('spark-s3a-locked-key')}/key.jwk`, '--streams', '1', '--window', '1'], s3.env);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/cannot read s3:\/\/locked\/run: the object store refused its credentials .*; no result was written/);
    expect(readdirSync(out)).toEqual([]);
    for (const secret of [WRONG_SECRET, s3.secretKey, spark.password]) expect(r.stdout + r.stderr).not.toContain(secret);
  }, 1_800_000);

  it('a folder that does not hold exactly the manifest\'s files is refused before Spark reads it', async () => {
    const store: StoreDataset = { url: 's3://bench/run', prefix: 'run', config };
    const first = manifest.files[0];
    const more = { ...manifest, files: [...manifest.files, { ...first, path: `${first.table}/part-9-of-9.parquet` }] };
    await withTarget(spark, 'missing', async (target) => {
      const err = await target.loadFromStore?.(store, more).then(() => undefined, (e: Error) => e);
      expect(err?.message).toContain(`${first.table}/part-9-of-9.parquet is missing`);
    });
  }, 600_000);

  it('run --dataset s3://… --target hive2://…: Spark reads the bucket, the run is valid and says so', async () => {
    const out = tempDir('spark-s3a-results');
    const t0 = performance.now();
    const r = await runCli(['run', '--target', spark.url, '--dataset', 's3://bench/run', '--data', tempDir('spark-s3a-data'), '--out', out, '--key', `${tempDir('spark-s3a-key')}/key.jwk`, '--streams', '1', '--window', '1'], s3.env);
    console.log(`run --dataset s3:// on Spark: ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(r.stderr).toContain('read by the engine from s3://bench/run');
    expect(r.stdout).toContain('run VALID');
    const file = /result: (\S+\.json)/.exec(r.stdout)?.[1] as string;
    const text = readFileSync(file, 'utf8');
    const result = JSON.parse(text);
    expect(result.phases.load.source).toBe('s3://bench/run');
    expect(result.phases.data_validation.ok).toBe(true);
    expect(result.phases.load.rows).toBe(manifest.files.reduce((a, f) => a + f.rows, 0));
    expect(result.phases.load.steps.map((s: { name: string }) => s.name)).toContain('create ER_PRS_F');
    expect(result.phases.refresh.revalidation_ok).toBe(true);
    for (const secret of [s3.secretKey, spark.password]) {
      expect(text).not.toContain(secret);
      expect(r.stdout + r.stderr).not.toContain(secret);
    }
  }, 1_800_000);

  it('a server without hadoop-aws: an unavailable target naming what is missing', async () => {
    const store: StoreDataset = { url: 's3://bench/run', prefix: 'run', config };
    // Another server, started once the first one is up (two JVMs starting at once on a loaded machine take too long).
    const bare = await startSparkThriftServer(tempDir('spark-bare-server'), { cores: 1, startTimeout: 900 });
    try {
      await withTarget(bare, 'nos3a', async (target) => {
        const err = await target.loadFromStore?.(store, manifest).then(() => undefined, (e: Error) => e);
        expect(err).toBeInstanceOf(TargetUnavailableError);
        expect(err?.message).toMatch(/has no s3a filesystem \(.*S3AFileSystem not found\); put hadoop-aws/);
        expect(err?.message).not.toContain(s3.secretKey);
        console.log(`no s3a filesystem: ${err?.message}`);
      });
    } finally {
      await bare.stop();
    }
  }, 1_200_000);
});
