import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/core/pipeline/manifest.js';
import { S3Store, type S3Config } from '../../src/core/storage/s3-store.js';
import { readStoreManifest } from '../../src/core/storage/store-dataset.js';
import { createChdbTarget } from '../../src/bench/targets/clickhouse/embedded.js';
import type { Target } from '../../src/bench/target.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { startS3Server, type S3Server } from '../helpers/s3-server.js';

/**
 * ClickHouse loads a dataset straight from a real S3-compatible server (versitygw) through its
 * s3() table function: no local copy exists in this test, so every row counted came from the
 * bucket. Wrong credentials give the engine's refusal, without the secret.
 */
let s3: S3Server;
let manifest: Manifest;
let config: S3Config;

beforeAll(async () => {
  s3 = await startS3Server();
  await s3.createBucket('lake');
  const g = await runCli(['gen', '--scale', '0.002', '--seed', '3', '--out', 's3://lake/sf0002', '--no-progress'], s3.env);
  expect(g.code, g.stderr).toBe(0);
  config = { endpoint: s3.endpoint, region: s3.region, bucket: 'lake', pathStyle: true, accessKeyId: s3.accessKey, secretAccessKey: s3.secretKey };
  manifest = (await readStoreManifest(new S3Store(config), 'sf0002')) as Manifest;
  expect(manifest?.complete).toBe(true);
});

afterAll(async () => {
  await s3?.stop();
});

async function withTarget<T>(namespace: string, body: (t: Target) => Promise<T>): Promise<T> {
  const target = createChdbTarget({ namespace, workDir: tempDir('s3-chdb') });
  await target.start();
  try {
    return await body(target);
  } finally {
    await target.stop();
  }
}

describe('ClickHouse (chdb) loading from object storage', () => {
  it('reads every file from the bucket: row counts equal the manifest, bytes are the objects\'', async () => {
    await withTarget('s3load', async (target) => {
      const load = await target.loadFromStore?.({ url: 's3://lake/sf0002', prefix: 'sf0002', config }, manifest);
      expect(load?.rows).toBe(manifest.files.reduce((a, f) => a + f.rows, 0));
      expect(load?.bytes).toBe(manifest.files.reduce((a, f) => a + f.bytes, 0));
      expect(load?.steps.map((s) => s.name)).toContain('insert ER_PRS_F');
      for (const table of ['ER_PRS_F', 'IR_BEN_R', 'T_MCOaaB']) {
        const expected = manifest.files.filter((f) => f.table === table).reduce((a, f) => a + f.rows, 0);
        const r = await target.query(`SELECT COUNT(*) FROM ${table}`);
        expect(r.rows[0][0], table).toBe(expected);
      }
    });
  });

  it('wrong credentials: the engine refuses, and the secret is not in the message', async () => {
    const secret = 'sentinel-Secret-0123456789';
    await withTarget('s3bad', async (target) => {
      const err = await target.loadFromStore?.({ url: 's3://lake/sf0002', prefix: 'sf0002', config: { ...config, secretAccessKey: secret } }, manifest).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(err).toBeInstanceOf(Error);
      expect(err?.message).toMatch(/SignatureDoesNotMatch|Access Denied|403/i);
      expect(err?.message).not.toContain(secret);
    });
  });

  it('a missing object is an error naming it, not a partial load', async () => {
    await withTarget('s3missing', async (target) => {
      const gone = { ...manifest, files: [...manifest.files, { ...manifest.files[0], path: `${manifest.files[0].table}/part-9-of-9.parquet` }] };
      const err = await target.loadFromStore?.({ url: 's3://lake/sf0002', prefix: 'sf0002', config }, gone).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(err?.message).toContain('part-9-of-9.parquet');
    });
  });
});
