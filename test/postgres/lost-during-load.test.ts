import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { startLocalCluster, type LocalCluster } from '../../src/postgres/local-cluster.js';
import { CLI, tempDir } from '../helpers/cli.js';

/**
 * PostgreSQL (a throw-away Debian cluster) shut down while `hdsbench run` streams a COPY into it:
 * the command says so in one clear sentence, exits with status 2 and writes no result. The pg
 * client checked out for the COPY reports the lost server as an 'error' event of the client (no
 * listener: a crash with a stack trace), so the server must die while a COPY is running, not
 * between statements. To make that certain on a fast or a slow machine, the test gives the
 * server an event trigger that puts a slow row trigger on every table the run creates for the
 * benchmark dataset (schema hdsbench_benchmark; the qualification dataset loads at full speed):
 * each of its COPYs then lasts until the test, having seen one in pg_stat_activity, stops the server. The
 * driver-level check with every target is in the conformance suite; this one is the command a
 * bidder runs, stdout and stderr included.
 */

const SLOW_COPIES = `
CREATE FUNCTION public.hdsbench_test_slow_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN PERFORM pg_sleep(0.2); RETURN NEW; END $$;
CREATE FUNCTION public.hdsbench_test_slow_copies() RETURNS event_trigger LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
  FOR r IN SELECT object_identity FROM pg_event_trigger_ddl_commands() WHERE command_tag = 'CREATE TABLE' AND schema_name = 'hdsbench_benchmark' LOOP
    EXECUTE format('CREATE TRIGGER hdsbench_test_slow BEFORE INSERT ON %s FOR EACH ROW EXECUTE FUNCTION public.hdsbench_test_slow_row()', r.object_identity);
  END LOOP;
END $$;
CREATE EVENT TRIGGER hdsbench_test_slow_copies ON ddl_command_end WHEN TAG IN ('CREATE TABLE')
  EXECUTE FUNCTION public.hdsbench_test_slow_copies();
`;

/** Polls pg_stat_activity until another session runs a COPY … FROM STDIN. */
async function copyRunning(url: string, timeoutMs: number): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND state = 'active' AND query LIKE 'COPY % FROM STDIN%'`);
      if (rows[0].n > 0) return true;
      await new Promise((r) => setTimeout(r, 50));
    }
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

describe('hdsbench run: PostgreSQL lost during the load', () => {
  let cluster: LocalCluster;
  beforeAll(async () => {
    cluster = await startLocalCluster();
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query(SLOW_COPIES);
    await admin.end();
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it('lost in the middle of a COPY: prints a clear message, exits with status 2 and writes no result', async () => {
    const data = tempDir('lost-data');
    const out = tempDir('lost-out');
    const key = join(tempDir('lost-key'), 'key.jwk');
    const child = spawn(process.execPath, [CLI, 'run', '--target', cluster.url, '--scale', '0.005', '--window', '1', '--data', data, '--out', out, '--key', key], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let killedAt: number | undefined;
    let copySeen: Promise<boolean> | undefined;
    child.stdout.on('data', (d) => (stdout += d));
    // Progress goes to stderr.
    child.stderr.on('data', (d) => {
      stderr += d;
      // The benchmark dataset's load has begun: once a COPY runs, stop the server the way a crash does.
      const started = /load: \d+ files .*into PostgreSQL.*\n/.exec(stderr);
      if (copySeen === undefined && started) {
        copySeen = copyRunning(cluster.url, 120_000).then(async (seen) => {
          killedAt = stderr.length;
          if (seen) await cluster.kill();
          return seen;
        });
      }
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    // A run that outlives the test (its COPY never ends unless the server stops) must not outlive the test file.
    onTestFinished(() => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });
    const code = await exited;
    expect(copySeen, `the load never started:\n${stdout}\n${stderr}`).toBeDefined();
    expect(await copySeen, `no COPY ran:\n${stderr}`).toBe(true);
    expect(code, stderr).toBe(2);
    // What the command printed once the server was gone: a message, not a crash.
    const after = stderr.slice(killedAt);
    expect(after).not.toMatch(/load: [\d,]+ rows in/);
    expect(after).toMatch(/PostgreSQL|server at .* shut down|connection/i);
    expect(after).toMatch(/no result was written/);
    expect(after).not.toMatch(/^\s+at /m);
    expect(after).not.toMatch(/Unhandled 'error' event/);
    expect(after).not.toContain(process.cwd());
    expect(after.trim().split('\n').filter((l) => !/^(load|data validation):/.test(l)).length, after).toBeLessThanOrEqual(2);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  }, 300_000);
});
