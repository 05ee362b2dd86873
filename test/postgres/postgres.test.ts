import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultDatasetDir } from '../../src/bench/datasets.js';
import { runBenchmark } from '../../src/bench/driver.js';
import type { BenchmarkResult } from '../../src/bench/result.js';
import { DEFAULT_SUT } from '../../src/bench/sut.js';
import type { Target } from '../../src/bench/target.js';
import { createPostgresTarget } from '../../src/bench/targets/postgres/adapter.js';
import { freePort, startLocalCluster, type LocalCluster } from '../../src/postgres/local-cluster.js';
import { runCli, tempDir } from '../helpers/cli.js';

/**
 * The PostgreSQL target against a real, throw-away server (initdb in a temporary folder,
 * 127.0.0.1, a free port, password authentication): same answers as the embedded reference, and a
 * clear error — never a valid-looking result — when the server refuses, rejects the password or dies.
 */
let cluster: LocalCluster;
const data = tempDir('pg-data');
const key = join(tempDir('pg-key'), 'key.jwk');
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

describe('hdsbench run --target postgres://…', () => {
  it('produces a valid signed result whose answers match the reference engine, without the password', async () => {
    const out = tempDir('pg-results');
    const tuning = join(import.meta.dirname, '..', '..', 'bench', 'examples', 'tuning-postgres.json');
    const sut = join(import.meta.dirname, '..', '..', 'bench', 'examples', 'sut.json');
    const r = await runCli(['run', '--target', cluster.url, '--scale', SCALE, '--window', '1', '--data', data, '--out', out, '--key', key, '--tuning', tuning, '--sut', sut]);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    const file = join(out, readdirSync(out)[0]);
    const text = readFileSync(file, 'utf8');
    const result = JSON.parse(text) as BenchmarkResult;
    expect(result.validity).toEqual({ valid: true, reasons: [] });
    expect(result.target.product).toBe('PostgreSQL');
    expect(result.phases.answer_validation.ok).toBe(true);
    expect(result.phases.answer_validation.templates.every((t) => t.ok)).toBe(true);
    expect(result.phases.load.size_on_disk_bytes).toBeGreaterThan(0);
    expect(result.phases.load.steps.map((s) => s.name)).toEqual(['create tables', 'copy', 'primary keys', 'tuning statements', 'analyze']);
    expect(result.target.tuning).toEqual(JSON.parse(readFileSync(tuning, 'utf8')));
    expect(result.sut.bidder).toBe('Example Cloud');
    expect(result.metrics.eur_per_composite).toBeGreaterThan(0);
    expect(text).not.toContain(cluster.password);
    expect(result.target.endpoint).toContain('***');
    expect((await runCli(['verify', file])).code).toBe(0);
  });

  it('a wrong password gives a clear error, exit 2 and no result', async () => {
    const out = tempDir('pg-bad');
    const r = await runCli(['run', '--target', cluster.url.replace(cluster.password, 'not-the-password'), '--scale', SCALE, '--data', data, '--out', out, '--key', key]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/authentication failed \(check the user and password\); no result was written/);
    expect(r.stderr).not.toContain('not-the-password');
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });

  it('a connection refused gives a clear error, exit 2 and no result', async () => {
    const port = await freePort();
    const r = await runCli(['run', '--target', `postgres://hdsbench:secret@127.0.0.1:${port}/postgres`, '--scale', SCALE, '--data', data, '--out', tempDir('pg-refused'), '--key', key]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/connection refused/);
    expect(r.stderr).not.toContain('secret');
  });

  it('a server killed during the load ends the run with an error, never a result', async () => {
    const victim = await startLocalCluster();
    const factory = createPostgresTarget(victim.url);
    const outDir = tempDir('pg-killed');
    const run = runBenchmark({
      target: (options) => {
        const base = factory(options);
        if (options.namespace !== 'benchmark') return base;
        const overrides: Partial<Target> = {
          async load(dir, manifest, onTable) {
            await victim.kill();
            return base.load(dir, manifest, onTable);
          },
        };
        return new Proxy(base, { get: (t, p) => (p in overrides ? (overrides as Record<string | symbol, unknown>)[p] : ((v) => (typeof v === 'function' ? v.bind(t) : v))(Reflect.get(t, p, t))) });
      },
      scale: Number(SCALE),
      seed: 42,
      parts: 1,
      streams: 1,
      windowSeconds: 0.5,
      sut: DEFAULT_SUT,
      dataDir: data,
      outDir,
      workDir: tempDir('pg-work'),
      keyPath: key,
      log: () => undefined,
    });
    await expect(run).rejects.toThrow(/connection refused|shut down|terminated/i);
    expect(existsSync(outDir) ? readdirSync(outDir) : []).toEqual([]);
    await victim.stop();
  });
});
