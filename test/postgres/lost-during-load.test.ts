import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalCluster, type LocalCluster } from '../../src/postgres/local-cluster.js';
import { CLI, tempDir } from '../helpers/cli.js';

/**
 * PostgreSQL (a throw-away Debian cluster) shut down while `hdsbench run` loads the benchmark
 * dataset into it: the command says so in one clear sentence, exits with status 2 and writes no
 * result, whatever error the driver met first (a query, a COPY stream, an 'error' event of an
 * idle client). The driver-level check with every target is in the conformance suite; this one
 * is the command a bidder runs, stdout and stderr included.
 */
describe('hdsbench run: PostgreSQL lost during the load', () => {
  let cluster: LocalCluster;
  beforeAll(async () => {
    cluster = await startLocalCluster();
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it('prints a clear message, exits with status 2 and writes no result', async () => {
    const data = tempDir('lost-data');
    const out = tempDir('lost-out');
    const key = join(tempDir('lost-key'), 'key.jwk');
    const child = spawn(process.execPath, [CLI, 'run', '--target', cluster.url, '--scale', '0.005', '--window', '1', '--data', data, '--out', out, '--key', key], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let killedAt: number | undefined;
    child.stdout.on('data', (d) => (stdout += d));
    // Progress goes to stderr.
    child.stderr.on('data', (d) => {
      stderr += d;
      // The benchmark dataset's load has begun: stop the server the way a crash does (no shutdown checkpoint).
      const started = /load: \d+ files .*into PostgreSQL.*\n/.exec(stderr);
      if (killedAt === undefined && started) {
        killedAt = started.index + started[0].length;
        void cluster.kill();
      }
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(killedAt, `the load never started:\n${stdout}\n${stderr}`).toBeDefined();
    expect(code, stderr).toBe(2);
    // What the command printed once the server was gone: a message, not a crash.
    const after = stderr.slice(killedAt);
    // It was lost in the middle of the load (which takes seconds), not after it.
    expect(after).not.toMatch(/load: [\d,]+ rows in/);
    expect(after).toMatch(/PostgreSQL|server at .* shut down|connection/i);
    expect(after).toMatch(/no result was written/);
    expect(after).not.toMatch(/^\s+at /m);
    expect(after).not.toContain(process.cwd());
    expect(after.trim().split('\n').filter((l) => !/^(load|data validation):/.test(l)).length, after).toBeLessThanOrEqual(2);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });
});
