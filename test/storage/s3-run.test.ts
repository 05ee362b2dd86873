import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { startS3Server, type S3Server } from '../helpers/s3-server.js';

/**
 * hdsbench run --dataset s3://…: a dataset generated straight into a real S3-compatible server
 * (versitygw) is staged through the project's S3 reader (every file checked against the
 * manifest's sha256), loaded into embedded DuckDB, validated and benchmarked: a valid run.
 */
let s3: S3Server;

beforeAll(async () => {
  s3 = await startS3Server();
  await s3.createBucket('bench');
});

afterAll(async () => {
  await s3?.stop();
});

describe('run --dataset s3://', () => {
  it('loads a dataset from object storage (DuckDB: the staged copy) and the run is valid, its digest the one generated', async () => {
    const g = await runCli(['gen', '--scale', '0.005', '--seed', '42', '--out', 's3://bench/run', '--no-progress'], s3.env);
    expect(g.code, g.stderr).toBe(0);
    const digest = /dataset sha256: ([0-9a-f]{64})/.exec(g.stdout)?.[1];
    expect(digest).toBeDefined();
    const data = tempDir('s3-run-data');
    const r = await runCli(['run', '--dataset', 's3://bench/run', '--data', data, '--out', tempDir('s3-run-results'), '--key', `${tempDir('s3-run-key')}/key.jwk`, '--streams', '1', '--window', '1'], s3.env);
    expect(r.stderr).toContain('dataset: s3://bench/run staged in');
    expect(r.stdout).toContain('run VALID');
    expect(r.stdout).toContain(`sha256 ${(digest as string).slice(0, 16)}`);
    expect(r.code).toBe(0);
    const result = JSON.parse(readFileSync(/result: (\S+\.json)/.exec(r.stdout)?.[1] as string, 'utf8'));
    expect(result.phases.load.source).toBe('local');
  });

  it('ClickHouse (chdb) loads from the bucket itself: the result says so, and the run is valid', async () => {
    const out = tempDir('s3-run-chdb-results');
    const r = await runCli(['run', '--target', 'chdb', '--dataset', 's3://bench/run', '--data', tempDir('s3-run-chdb-data'), '--out', out, '--key', `${tempDir('s3-run-chdb-key')}/key.jwk`, '--streams', '1', '--window', '1'], s3.env);
    expect(r.stderr).toContain('read by the engine from s3://bench/run');
    expect(r.stdout).toContain('run VALID');
    expect(r.code).toBe(0);
    const file = /result: (\S+\.json)/.exec(r.stdout)?.[1] as string;
    const result = JSON.parse(readFileSync(file, 'utf8'));
    expect(result.phases.load.source).toBe('s3://bench/run');
    expect(JSON.stringify(result)).not.toContain(s3.secretKey);
  });

  it('refuses a prefix without a finalized manifest, with status 2', async () => {
    const r = await runCli(['run', '--dataset', 's3://bench/nothing-here', '--data', tempDir('s3-run-none')], s3.env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no dataset at s3://bench/nothing-here');
  });
});
