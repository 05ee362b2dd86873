import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

/** Bad options are refused before any work, with a message naming the problem and exit status 2. */
describe('run checks its options before any work', () => {
  const cases: [string, (dir: string) => string[], RegExp][] = [
    ['an --out that is a file', (d) => { writeFileSync(join(d, 'file'), 'x'); return ['--out', join(d, 'file')]; }, /--out .*file is not a directory/],
    ['an invalid --key file', (d) => { writeFileSync(join(d, 'key.jwk'), '{"kty":"RSA"}'); return ['--key', join(d, 'key.jwk')]; }, /--key .*key\.jwk cannot be used as the signing key: .* is not an Ed25519 private key/],
    ['a --key that is not JSON', (d) => { writeFileSync(join(d, 'key.jwk'), 'nope'); return ['--key', join(d, 'key.jwk')]; }, /cannot be used as the signing key: not JSON/],
    ['a --dataset that is a file', (d) => { writeFileSync(join(d, 'manifest.json'), '{}'); return ['--dataset', join(d, 'manifest.json')]; }, /--dataset .*manifest\.json is a file, not a dataset folder/],
    ['a --data under /proc', () => ['--data', '/proc/self/hdsbench-data'], /--data \/proc\/self\/hdsbench-data is on a proc pseudo-filesystem/],
    ['an --out under /proc', () => ['--out', '/proc/hdsbench-results'], /--out \/proc\/hdsbench-results is on a proc pseudo-filesystem/],
  ];
  for (const [what, args, message] of cases) {
    it(`refuses ${what}`, async () => {
      const dir = tempDir('fail-early');
      const data = join(dir, 'data');
      const r = await runCli(['run', '--data', data, '--out', join(dir, 'out'), '--key', join(dir, 'good.jwk'), ...args(dir)]);
      expect(r.stderr).toMatch(message);
      expect(r.code).toBe(2);
      // Nothing was generated: the check came first.
      expect(existsSync(data) ? readdirSync(data) : []).toEqual([]);
    });
  }
});

describe('other commands refuse bad input clearly', () => {
  it('gen --out under /proc', async () => {
    const r = await runCli(['gen', '--scale', '0.001', '--out', '/proc/hdsbench', '--no-progress']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--out \/proc\/hdsbench is on a proc pseudo-filesystem/);
  });
  it('serve --host 999.1.1.1', async () => {
    const r = await runCli(['serve', '--host', '999.1.1.1', '--port', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--host 999\.1\.1\.1 is not a valid IPv4 address/);
  });
  it('profile --only with no matching check', async () => {
    const r = await runCli(['profile', tempDir('profile-only'), '--only', 'NOPE']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--only: no check is named NOPE/);
  });
});

describe('an interrupted generation', () => {
  it('removes the temporary files it left when it resumes, and says so', async () => {
    const out = tempDir('resume-tmp');
    const first = await runCli(['gen', '--scale', '0.001', '--out', out, '--no-progress']);
    expect(first.code).toBe(0);
    // A process that no longer runs: its pid is free.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    mkdirSync(join(out, 'ER_PRS_F'), { recursive: true });
    writeFileSync(join(out, 'ER_PRS_F', `part-1-of-1.parquet.tmp-${dead}-abc123`), 'partial');
    writeFileSync(join(out, `manifest.json.tmp-${dead}`), '{');
    // One of a process still running (this one) is kept.
    const live = join(out, 'IR_BEN_R', `part-1-of-1.parquet.tmp-${process.pid}-zzz999`);
    writeFileSync(live, 'in progress');
    const again = await runCli(['gen', '--scale', '0.001', '--out', out, '--no-progress']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`removed 2 temporary file(s) left by an interrupted run: ER_PRS_F/part-1-of-1.parquet.tmp-${dead}-abc123, manifest.json.tmp-${dead}`);
    expect(existsSync(join(out, 'ER_PRS_F', `part-1-of-1.parquet.tmp-${dead}-abc123`))).toBe(false);
    expect(existsSync(live)).toBe(true);
  });
});
