import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/core/pipeline/manifest.js';
import { CLI, runCli, tempDir } from '../helpers/cli.js';
import { startS3Server, type S3Server } from '../helpers/s3-server.js';
import { startServer, type RunningServer } from '../../src/node/server.js';

/**
 * hdsbench gen --out s3://… against a real S3-compatible server (versitygw, started here): the same
 * bytes as a local run, multipart uploads, resume after an interruption, parts written by several
 * writers and finalized, and clear errors. Never a manifest that names a file that is not there.
 */
const DATASET = ['--scale', '0.01', '--seed', '3', '--parts', '2', '--format', 'csv', '--no-progress'];
const PART_MIB = '5';

let s3: S3Server;
let local: Manifest;

beforeAll(async () => {
  s3 = await startS3Server();
  await s3.createBucket('bench');
  const dir = tempDir('s3-local');
  const r = await runCli(['gen', ...DATASET, '--threads', '2', '--out', dir]);
  expect(r.stderr).toBe('');
  local = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
});

afterAll(async () => {
  await s3?.stop();
});

async function manifestAt(prefix: string): Promise<Manifest | null> {
  const res = await s3.client.fetch(`${s3.endpoint}/bench/${prefix}/manifest.json`);
  return res.status === 404 ? null : ((await res.json()) as Manifest);
}

/** Every data file under a prefix (part records and the manifest aside). */
async function dataObjects(prefix: string) {
  return (await s3.list('bench', `${prefix}/`)).filter((o) => !o.key.includes('/_hdsbench/') && !o.key.endsWith('/manifest.json'));
}

/** Begin a multipart upload of `key` with one part, and leave it incomplete (as a killed writer does). */
async function startUpload(key: string) {
  const url = `${s3.endpoint}/bench/${key}`;
  const created = await s3.client.fetch(`${url}?uploads=`, { method: 'POST' });
  const id = /<UploadId>([^<]+)<\/UploadId>/.exec(await created.text())?.[1] as string;
  const part = await s3.client.fetch(`${url}?partNumber=1&uploadId=${encodeURIComponent(id)}`, { method: 'PUT', body: new Uint8Array(1024) });
  expect(part.status).toBe(200);
}

/** Keys of the incomplete multipart uploads under a prefix of the bucket. */
async function incompleteUploads(prefix: string): Promise<string[]> {
  const res = await s3.client.fetch(`${s3.endpoint}/bench?uploads=&prefix=${encodeURIComponent(prefix)}`);
  return [...(await res.text()).matchAll(/<Upload>[\s\S]*?<Key>([^<]+)<\/Key>/g)].map((m) => m[1]).sort();
}

function gen(args: string[], env: Record<string, string> = s3.env) {
  return runCli(['gen', ...DATASET, '--s3-part-size', PART_MIB, ...args], env);
}

describe('gen --out s3://', () => {
  it('writes the same bytes as a local run (same dataset_sha256), files as multipart uploads, the manifest last', async () => {
    const r = await gen(['--threads', '2', '--out', 's3://bench/full']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`dataset sha256: ${local.dataset_sha256}`);
    const m = (await manifestAt('full')) as Manifest;
    expect(m.dataset_sha256).toBe(local.dataset_sha256);
    expect(m.files).toEqual(local.files);
    expect(m.complete).toBe(true);
    const objects = await dataObjects('full');
    expect(objects.map((o) => o.key.slice('full/'.length)).sort()).toEqual(local.files.map((f) => f.path).sort());
    for (const f of local.files) expect(objects.find((o) => o.key === `full/${f.path}`)?.size, f.path).toBe(f.bytes);
    // Large enough that some files went up in several parts of 5 MiB.
    expect(local.files.some((f) => f.bytes > 2 * 5 * 1024 * 1024)).toBe(true);
  });

  it('refuses wrong credentials and a missing bucket with status 2 and a clear message, writing nothing', async () => {
    const wrong = await gen(['--out', 's3://bench/wrong'], { ...s3.env, AWS_SECRET_ACCESS_KEY: 'not-the-secret' });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/refused the credentials/);
    expect(wrong.stderr).toContain('AWS_SECRET_ACCESS_KEY');
    const unknownKey = await gen(['--out', 's3://bench/wrong'], { ...s3.env, AWS_ACCESS_KEY_ID: 'nobody' });
    expect(unknownKey.code).toBe(2);
    expect(unknownKey.stderr).toMatch(/refused the credentials|denied access/);
    expect(await s3.list('bench', 'wrong/')).toEqual([]);
    const missing = await gen(['--out', 's3://no-such-bucket/x']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('bucket "no-such-bucket" does not exist');
    const none = await gen(['--out', 's3://bench/none'], { ...s3.env, AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no S3 credentials');
    const unreachable = await gen(['--out', 's3://bench/x', '--s3-endpoint', 'http://127.0.0.1:9']);
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toContain('cannot reach http://127.0.0.1:9');
  });

  it('fails clearly on other schemes instead of writing a local folder named after them', async () => {
    const dir = tempDir('scheme');
    for (const url of ['gs://bench/x', 'azure://c/x', 'http://example.invalid/x']) {
      const r = await runCli(['gen', '--scale', '0.001', '--no-progress', '--out', url], { HDSBENCH_NOTHING: '1' });
      expect(r.code, url).toBe(2);
      expect(r.stderr, url).toContain('scheme is not supported');
    }
    expect(existsSync(join(process.cwd(), 'gs:'))).toBe(false);
    expect(existsSync(join(dir, 'gs:'))).toBe(false);
    const bad = await runCli(['gen', '--scale', '0.001', '--no-progress', '--out', 's3://Bad_Bucket/x'], s3.env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('not a valid bucket name');
  });

  it('resumes an interrupted upload: no manifest meanwhile, finished parts kept, its incomplete uploads aborted and reported, same dataset_sha256 at the end', async () => {
    const child = spawn(process.execPath, [CLI, 'gen', ...DATASET, '--s3-part-size', PART_MIB, '--threads', '1', '--out', 's3://bench/resume'], { env: { ...process.env, ...s3.env }, stdio: 'ignore' });
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    // Interrupt it as soon as the first part is recorded (its files complete), while part 2 is running.
    const deadline = Date.now() + 300_000;
    let recorded = false;
    while (!recorded && Date.now() < deadline && child.exitCode === null) {
      recorded = (await s3.list('bench', 'resume/_hdsbench/parts/')).some((o) => o.key.endsWith('part-1-of-2.json'));
      if (!recorded) await new Promise((r) => setTimeout(r, 100));
    }
    expect(recorded).toBe(true);
    child.kill('SIGKILL');
    await exited;
    expect(await manifestAt('resume')).toBeNull();
    // Whatever is visible is complete: objects appear only when their upload completes.
    const byPath = new Map(local.files.map((f) => [f.path, f]));
    for (const o of await dataObjects('resume')) expect(o.size, o.key).toBe(byPath.get(o.key.slice('resume/'.length))?.bytes);

    // An upload a killed writer left incomplete under one of the dataset's keys, and one under a key not ours.
    const ours = `resume/${(local.files.find((f) => f.part === 2) as Manifest['files'][number]).path}`;
    for (const key of [ours, 'resume/notes/other.bin']) await startUpload(key);
    // Resumed at once: S3 lists upload times to the second (and versitygw's Date header lags up to a second),
    // so the resume may not tell by the clock that this upload began before it; it is aborted either way,
    // before generation when the clock tells, else once its file is complete.
    const r = await gen(['--out', 's3://bench/resume']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`aborted \\d+ incomplete multipart upload\\(s\\) (left by an interrupted run|under files now complete \\(left by an interrupted run, or a copy another writer was still sending\\)): .*${ours}`));
    expect(await incompleteUploads('resume/')).toEqual(['resume/notes/other.bin']);
    expect(r.stdout).toMatch(/\d+ file\(s\) already up to date, kept/);
    expect(r.stdout).toContain(`dataset sha256: ${local.dataset_sha256}`);
    expect(((await manifestAt('resume')) as Manifest).files).toEqual(local.files);
  });

  it('lets several writers fill one prefix part by part (a part written twice, at once), and finalize only when complete', async () => {
    const twice = await Promise.all([gen(['--part', '1', '--out', 's3://bench/multi']), gen(['--part', '1', '--out', 's3://bench/multi'])]);
    for (const r of twice) {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('--finalize');
    }
    expect(await manifestAt('multi')).toBeNull();
    const early = await gen(['--out', 's3://bench/multi', '--finalize']);
    expect(early.code).toBe(1);
    expect(early.stderr).toMatch(/not complete: \d+ file\(s\) missing .* in part\(s\) 2;/);
    expect(await manifestAt('multi')).toBeNull();

    const second = await gen(['--part', '2', '--out', 's3://bench/multi']);
    expect(second.code).toBe(0);
    const again = await gen(['--part', '2', '--out', 's3://bench/multi']);
    expect(again.stdout).toMatch(/already up to date, kept/);
    expect(again.stdout).toContain('0 file(s) written');
    const fin = await gen(['--out', 's3://bench/multi', '--finalize']);
    expect(fin.stderr).toBe('');
    expect(fin.code).toBe(0);
    expect(fin.stdout).toContain(`dataset sha256: ${local.dataset_sha256}`);
    const m = (await manifestAt('multi')) as Manifest;
    expect(m.files).toEqual(local.files);
    // One object per file, no duplicates and no leftovers of the concurrent writes.
    const keys = (await dataObjects('multi')).map((o) => o.key);
    expect(keys.length).toBe(local.files.length);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('refuses to mix datasets in one prefix', async () => {
    const other = await runCli(['gen', '--scale', '0.01', '--seed', '4', '--parts', '2', '--format', 'csv', '--no-progress', '--out', 's3://bench/full'], s3.env);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('already holds another dataset (seed 3)');
  });
});

describe('gen --from URL --out s3:// (fan-out: the server writes each part into the bucket)', () => {
  const TOKEN = 'fan-out-test-token';
  let server: RunningServer;
  const saved: Record<string, string | undefined> = {};

  beforeAll(async () => {
    // `hdsbench serve` in this process, with a bucket and a token to write parts (as a Worker has its bindings).
    const env = { HDSBENCH_WRITE_TOKEN: TOKEN, HDSBENCH_S3_BUCKET: 'bench', HDSBENCH_S3_ENDPOINT: s3.endpoint, AWS_ACCESS_KEY_ID: s3.accessKey, AWS_SECRET_ACCESS_KEY: s3.secretKey };
    for (const [k, v] of Object.entries(env)) {
      saved[k] = process.env[k];
      process.env[k] = v;
    }
    server = await startServer({ port: 0, host: '127.0.0.1' });
  });

  afterAll(async () => {
    await server?.close();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it('drives the parts in parallel, checks them and writes the manifest: same dataset_sha256 as a local run', async () => {
    const r = await gen(['--from', server.url, '--concurrency', '2', '--out', 's3://bench/fanout'], { ...s3.env, HDSBENCH_WRITE_TOKEN: TOKEN });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`dataset sha256: ${local.dataset_sha256}`);
    expect(((await manifestAt('fanout')) as Manifest).files).toEqual(local.files);
    // A second run finds every part there and asks the server for nothing.
    const again = await gen(['--from', server.url, '--out', 's3://bench/fanout'], { ...s3.env, HDSBENCH_WRITE_TOKEN: 'not-needed-but-set' });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('0 file(s) written');
  });

  it('needs the token: missing locally is status 2; refused by the server is status 2; nothing is written', async () => {
    const missing = await gen(['--from', server.url, '--out', 's3://bench/denied'], { ...s3.env, HDSBENCH_WRITE_TOKEN: '' });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('HDSBENCH_WRITE_TOKEN');
    const wrong = await gen(['--from', server.url, '--out', 's3://bench/denied'], { ...s3.env, HDSBENCH_WRITE_TOKEN: 'wrong' });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('(401)');
    expect(await s3.list('bench', 'denied/')).toEqual([]);
  });
});
