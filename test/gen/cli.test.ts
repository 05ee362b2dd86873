import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/core/pipeline/manifest.js';
import { runCli, tempDir } from '../helpers/cli.js';

function manifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
}

describe('hdsbench gen: bad input gets a clear error and a non-zero exit', () => {
  const cases: [string, string[], RegExp][] = [
    ['negative scale', ['--scale', '-1'], /--scale must be a positive number/],
    ['absurd scale', ['--scale', '5000'], /above the maximum 1000/],
    ['non-numeric scale', ['--scale', 'big'], /--scale must be a positive number/],
    ['unknown table', ['--tables', 'ER_PRS_F,NOPE'], /unknown table NOPE/],
    ['part above parts', ['--parts', '4', '--part', '5'], /--part must be between 1 and 4/],
    ['part zero', ['--parts', '4', '--part', '0'], /--part must be an integer from 1/],
    ['unknown format', ['--format', 'xlsx'], /--format must be one of parquet, arrow, csv/],
    ['malformed seed', ['--seed', '12abc'], /--seed must be an integer/],
    ['more parts than beneficiaries', ['--scale', '0.0001', '--parts', '20'], /cannot exceed the number of beneficiaries \(10\)/],
  ];
  for (const [name, args, message] of cases) {
    it(name, async () => {
      const r = await runCli(['gen', '--out', tempDir('bad'), '--no-progress', ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    });
  }

  it('unwritable output directory', async () => {
    const parent = tempDir('ro');
    chmodSync(parent, 0o500);
    const asRoot = process.getuid?.() === 0;
    // root ignores permission bits: point at a path under a regular file instead.
    const file = join(tempDir('file'), 'x');
    writeFileSync(file, '');
    const out = asRoot ? join(file, 'data') : join(parent, 'data');
    const r = await runCli(['gen', '--scale', '0.001', '--out', out, '--no-progress']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--out .* cannot be written \(E[A-Z]+\): choose a writable directory/);
  });

  it('refuses to mix two datasets in one directory', async () => {
    const dir = tempDir('mix');
    expect((await runCli(['gen', '--scale', '0.001', '--seed', '1', '--out', dir, '--no-progress'])).code).toBe(0);
    const r = await runCli(['gen', '--scale', '0.001', '--seed', '2', '--out', dir, '--no-progress']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/already holds another dataset \(seed 1\)/);
  });

  it('prints help', async () => {
    const r = await runCli(['gen', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--parts <K>/);
    expect(r.stdout).toMatch(/--threads <N>/);
  });
});

describe('hdsbench gen: resume and parts', () => {
  it('re-running keeps files whose hash matches and regenerates missing or damaged ones', async () => {
    const dir = tempDir('resume');
    const args = ['gen', '--scale', '0.002', '--seed', '9', '--out', dir, '--no-progress'];
    expect((await runCli(args)).code).toBe(0);
    const first = manifest(dir);
    expect(first.complete).toBe(true);

    const again = await runCli(args);
    expect(again.stdout).toMatch(/0 file\(s\) written/);
    expect(again.stdout).toMatch(new RegExp(`${first.files.length} file\\(s\\) already up to date`));

    rmSync(join(dir, 'ER_PHA_F/part-1-of-1.parquet'));
    writeFileSync(join(dir, 'IR_BEN_R/part-1-of-1.parquet'), 'damaged');
    const repaired = await runCli(args);
    expect(repaired.code).toBe(0);
    expect(repaired.stdout).toMatch(/2 file\(s\) written/);
    expect(manifest(dir).dataset_sha256).toBe(first.dataset_sha256);
  });

  it('parts generated separately into one folder complete the dataset', async () => {
    const dir = tempDir('parts');
    const whole = tempDir('whole');
    const base = ['gen', '--scale', '0.003', '--seed', '4', '--parts', '3', '--no-progress'];
    expect((await runCli([...base, '--out', whole])).code).toBe(0);
    for (const k of ['3', '1']) {
      const r = await runCli([...base, '--part', k, '--out', dir]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/dataset incomplete/);
    }
    const last = await runCli([...base, '--part', '2', '--out', dir]);
    expect(last.stdout).toMatch(/dataset sha256: [0-9a-f]{64}/);
    expect(manifest(dir).dataset_sha256).toBe(manifest(whole).dataset_sha256);
  });

  it('a table subset can be extended later', async () => {
    const dir = tempDir('subset');
    const base = ['gen', '--scale', '0.001', '--seed', '4', '--no-progress', '--out', dir];
    await runCli([...base, '--tables', 'IR_BEN_R']);
    expect(manifest(dir).tables).toEqual(['IR_BEN_R']);
    expect(manifest(dir).complete).toBe(true);
    await runCli([...base, '--tables', 'ER_PRS_F,ER_PHA_F']);
    const m = manifest(dir);
    expect(m.tables).toEqual(['ER_PHA_F', 'ER_PRS_F', 'IR_BEN_R']);
    expect(m.files.map((f) => f.table).sort()).toEqual(['ER_PHA_F', 'ER_PRS_F', 'IR_BEN_R']);
  });
});
