import { readFile, writeFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Comparison } from '../../src/compare/model.js';
import { tempDir } from '../helpers/cli.js';
import { buildResult, uniform, writeSigned } from './result-fixture.js';
import { runCompare, writeDigestsFile } from './run-compare.js';

describe('hdsbench compare (built command)', () => {
  const dir = tempDir('compare-cli');
  let files: string[];
  let digests: string;

  beforeAll(async () => {
    digests = await writeDigestsFile(dir, [1, 10]);
    files = [
      await writeSigned(dir, 'hdsbench-2026-11-28T10-00-00-000Z-alpha000.json', buildResult({ bidder: 'Alpha Cloud, a bidder with a long name', times: uniform(0.2, 0.1), price: 1.85 })),
      await writeSigned(dir, 'hdsbench-2026-11-28T10-00-00-000Z-beta0000.json', buildResult({ bidder: 'Beta Santé', times: uniform(0.3, 0.12), price: 3.2 })),
      await writeSigned(dir, 'hdsbench-2026-11-28T10-00-00-000Z-gamma000.json', buildResult({ bidder: 'Gamma', scale: 10, times: uniform(3, 1), price: null })),
    ];
  });

  it('prints a ranking per scale factor that fits 100 columns, exit 0', async () => {
    const r = await runCompare([...files, '--digests', digests]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^hdsbench compare — 3 file\(s\): 3 ranked in 2 group\(s\), 0 excluded/);
    expect(r.stdout).toMatch(/SF 1 · seed 42 · workload 1\.0\.0 — 2 ranked result\(s\)\n\n\s+#\s+id\s+bidder/);
    expect(r.stdout).toMatch(/\n\s+1\s+E1\s+Alpha Cloud, a bidder w…\s+Engine X\s+1\.00\s/);
    expect(r.stdout).toContain('SF 10 · seed 42 · workload 1.0.0 — 1 ranked result(s)');
    for (const line of r.stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(100);
  });

  it('--json prints the whole comparison for scripts', async () => {
    const r = await runCompare([...files, '--digests', digests, '--json']);
    expect(r.code).toBe(0);
    const c = JSON.parse(r.stdout) as Comparison;
    expect(c.comparison_version).toBe(1);
    expect(c.groups.map((g) => g.key.scale)).toEqual([1, 10]);
    expect(c.files.map((f) => [f.provenance.id, f.admitted, f.provenance.file_sha256.length])).toEqual([
      ['E1', true, 64],
      ['E2', true, 64],
      ['E3', true, 64],
    ]);
  });

  it('lists a tampered file with its reasons and exits 1', async () => {
    const tampered = `${dir}/tampered.json`;
    const data = JSON.parse(await readFile(files[1], 'utf8'));
    data.phases.load.seconds = 0.5;
    await writeFile(tampered, JSON.stringify(data));
    const r = await runCompare([files[0], tampered, '--digests', digests]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/Excluded from the ranking:\n  E2  .*tampered\.json\n      - verification: signature does not match the content: the file was changed after it was signed/);
  });

  it('exits 2 for a missing file, naming it among the excluded while the others are ranked, and for a bad --digests file', async () => {
    const missing = await runCompare([files[0], `${dir}/nope.json`, '--digests', digests]);
    expect(missing.code).toBe(2);
    expect(missing.stdout.replace(/\n\s+/g, ' ')).toContain(`- cannot read result file ${dir}/nope.json: no such file`);
    expect(missing.stdout).toMatch(/1\s+E1\s+Alpha Cloud/);
    await writeFile(`${dir}/bad-digests.json`, '{"x": "not a digest"}');
    const bad = await runCompare([files[0], '--digests', `${dir}/bad-digests.json`]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('the digest of "x" must be 64 hexadecimal characters');
  });

  it('without --digests, flags a dataset too large to regenerate instead of accepting it', async () => {
    const r = await runCompare([files[2]]);
    expect(r.code).toBe(1);
    expect(r.stdout.replace(/\n\s+/g, ' ')).toContain('scale 10 is above 0.1, too large to regenerate here: give its digest with --digests');
    for (const line of r.stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(100);
  });
});
