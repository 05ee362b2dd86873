import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultDatasetDir } from '../../src/bench/datasets.js';
import { startLocalCluster, type LocalCluster } from '../../src/postgres/local-cluster.js';
import { runCli, tempDir, type CliResult } from '../helpers/cli.js';

/**
 * No secret leaves the process: the password given as a URL parameter through a whole valid run
 * (load, queries, refresh, result) never appears on stdout, stderr or in any file the run leaves
 * (results, datasets, key). The failing positions are the conformance suite's sentinel test.
 */
let cluster: LocalCluster;
const data = tempDir('secret-data');
const keyDir = tempDir('secret-key');
const key = join(keyDir, 'key.jwk');
const SCALE = '0.005';

beforeAll(async () => {
  cluster = await startLocalCluster();
  const gen = await Promise.all([
    runCli(['gen', '--scale', SCALE, '--seed', '42', '--format', 'csv', '--out', defaultDatasetDir(data, { seed: 42, scale: Number(SCALE), parts: 1 }, 'csv'), '--no-progress']),
    runCli(['gen', '--scale', '0.01', '--seed', '42', '--format', 'csv', '--out', defaultDatasetDir(data, { seed: 42, scale: 0.01, parts: 1 }, 'csv'), '--no-progress']),
  ]);
  for (const g of gen) expect(g.stderr).toBe('');
});

afterAll(async () => {
  await cluster?.stop();
});

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => join(dir, f)).filter((f) => statSync(f).isFile());
}

/** Every place the secret could have gone: the run's output, and every file under the folders it was given. */
function expectNowhere(secret: string, r: CliResult, dirs: string[]) {
  const variants = [secret, encodeURIComponent(secret), secret.slice(1)];
  for (const v of variants) {
    expect(r.stdout, `stdout holds ${v}`).not.toContain(v);
    expect(r.stderr, `stderr holds ${v}`).not.toContain(v);
    for (const dir of [...dirs, data, keyDir]) for (const f of filesUnder(dir)) expect(readFileSync(f).includes(v), `${f} holds ${v}`).toBe(false);
  }
}

async function run(target: string, env: NodeJS.ProcessEnv = {}) {
  const out = tempDir('secret-out');
  const r = await runCli(['run', '--target', target, '--scale', SCALE, '--window', '0.5', '--streams', '1', '--data', data, '--out', out, '--key', key], env);
  return { r, out };
}

describe('a sentinel password never leaves the process', () => {
  const base = () => `127.0.0.1:${cluster.port}/postgres`;

  // The password as user-info in a whole valid run is the conformance suite's case (test/conformance/postgres.test.ts).
  it('given as the password URL parameter (a whole valid run)', async () => {
    // The run's temporary folders (its work folder) go here, to be searched too.
    const tmp = tempDir('secret-tmp');
    const { r, out } = await run(`postgres://hdsbench@${base()}?password=${cluster.password}&application_name=hdsbench`, { HDSBENCH_DEBUG: '1', TMPDIR: tmp });
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(readFileSync(join(out, readdirSync(out)[0]), 'utf8')) as { target: { endpoint: string } };
    expect(result.target.endpoint).toBe(`postgres://hdsbench@${base()}?password=***&application_name=hdsbench`);
    expectNowhere(cluster.password, r, [out, tmp]);
  }, 400_000);

  // A sentinel password in every other position (user-info, sslpassword/sslkey, PGPASSWORD, wrong
  // password, unreachable host, mistyped scheme, unencoded characters): the conformance suite's
  // sentinel test, for every target (test/helpers/engines.ts, test/helpers/conformance.ts).
});
