import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultDatasetDir } from '../../src/bench/datasets.js';
import type { BenchmarkResult } from '../../src/bench/result.js';
import { startLocalCluster, type LocalCluster } from '../../src/postgres/local-cluster.js';
import { runCli, tempDir } from '../helpers/cli.js';

/**
 * The PostgreSQL target against a real, throw-away server (initdb in a temporary folder,
 * 127.0.0.1, a free port, password authentication) with a tuning profile and a system declaration:
 * same answers as the embedded reference, every load step, the profile recorded. Unreachable and
 * lost servers: the conformance suite (test/conformance/postgres.test.ts).
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

  // A wrong password, a refused connection and a server lost during the run: the conformance suite (test/conformance/postgres.test.ts).
});
