import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { AwsClient } from 'aws4fetch';

/**
 * A real S3-compatible server for the object-storage tests: versitygw (Apache-2.0) over a
 * temporary folder, on 127.0.0.1 and a free port. Built by scripts/test-deps/versitygw.sh.
 */
export const VERSITYGW = process.env.HDSBENCH_VERSITYGW ?? join(process.env.HDSBENCH_TEST_DEPS_CACHE ?? join(homedir(), '.cache', 'hdsbench-test-deps'), 'versitygw-1.8.0', 'versitygw');

export interface S3Server {
  endpoint: string;
  accessKey: string;
  secretKey: string;
  region: string;
  /** Environment for the CLI: credentials, region and endpoint as the AWS tools read them. */
  env: Record<string, string>;
  client: AwsClient;
  createBucket(name: string): Promise<void>;
  /** Keys and sizes under a prefix of a bucket. */
  list(bucket: string, prefix?: string): Promise<{ key: string; size: number }[]>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export async function startS3Server(): Promise<S3Server> {
  if (!existsSync(VERSITYGW)) throw new Error(`versitygw is not installed at ${VERSITYGW}: run bash scripts/test-deps/versitygw.sh (npm test does)`);
  const root = mkdtempSync(join(tmpdir(), 'hdsbench-s3-'));
  const accessKey = 'hdsbenchtest';
  const secretKey = 'hdsbench-test-secret-key';
  const region = 'us-east-1';
  let child: ChildProcess | undefined;
  let endpoint = '';
  let log = '';
  for (let attempt = 0; attempt < 3 && !endpoint; attempt++) {
    const port = await freePort();
    child = spawn(VERSITYGW, ['--quiet', '--access', accessKey, '--secret', secretKey, '--region', region, '--port', `127.0.0.1:${port}`, 'posix', root], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
    const exited = new Promise<void>((r) => child?.once('exit', () => r()));
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const up = await fetch(`http://127.0.0.1:${port}/`).then(() => true, () => false);
      if (up) {
        endpoint = `http://127.0.0.1:${port}`;
        break;
      }
      if (await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 200))])) break;
    }
    if (!endpoint) child.kill('SIGKILL');
  }
  if (!endpoint || !child) throw new Error(`versitygw did not start: ${log.slice(-2000)}`);
  const proc = child;
  const client = new AwsClient({ accessKeyId: accessKey, secretAccessKey: secretKey, region, service: 's3', retries: 0 });
  return {
    endpoint,
    accessKey,
    secretKey,
    region,
    env: { AWS_ACCESS_KEY_ID: accessKey, AWS_SECRET_ACCESS_KEY: secretKey, AWS_REGION: region, AWS_ENDPOINT_URL_S3: endpoint, AWS_PROFILE: '', AWS_SHARED_CREDENTIALS_FILE: join(root, 'no-credentials'), AWS_CONFIG_FILE: join(root, 'no-config') },
    client,
    async createBucket(name) {
      const res = await client.fetch(`${endpoint}/${name}`, { method: 'PUT' });
      if (!res.ok) throw new Error(`cannot create bucket ${name}: ${res.status} ${await res.text()}`);
    },
    async list(bucket, prefix = '') {
      const out: { key: string; size: number }[] = [];
      let token: string | undefined;
      do {
        const q = new URLSearchParams({ 'list-type': '2', prefix });
        if (token) q.set('continuation-token', token);
        const xml = await (await client.fetch(`${endpoint}/${bucket}?${q}`)).text();
        for (const m of xml.matchAll(/<Contents>([\s\S]*?)<\/Contents>/g)) out.push({ key: /<Key>(.*?)<\/Key>/.exec(m[1])?.[1] ?? '', size: Number(/<Size>(\d+)<\/Size>/.exec(m[1])?.[1]) });
        token = /<IsTruncated>true<\/IsTruncated>/.test(xml) ? /<NextContinuationToken>(.*?)<\/NextContinuationToken>/.exec(xml)?.[1] : undefined;
      } while (token);
      return out;
    },
    async stop() {
      const gone = new Promise<void>((r) => (proc.exitCode !== null ? r() : proc.once('exit', () => r())));
      proc.kill('SIGTERM');
      await Promise.race([gone, new Promise((r) => setTimeout(r, 5000))]);
      if (proc.exitCode === null) proc.kill('SIGKILL');
      rmSync(root, { recursive: true, force: true });
    },
  };
}
