import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { compareResultFiles } from '../../src/compare/compare.js';
import { parseStrictJson } from '../../src/bench/strict-json.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { buildResult, fixtureDigests, uniform, writeSigned } from './result-fixture.js';
import { runCompare, writeDigestsFile } from './run-compare.js';

/** A result file has no unsigned slack, and no file can knock compare over or write to the terminal. */
const good = (bidder: string) => buildResult({ bidder, times: uniform(0.2, 0.1) });

async function variant(dir: string, name: string, change: (text: string) => string): Promise<string> {
  const path = await writeSigned(dir, name, good('Alpha'));
  await writeFile(path, change(await readFile(path, 'utf8')));
  return path;
}

describe('hdsbench verify is strict', () => {
  const dir = tempDir('strict-verify');
  const cases: [string, (text: string) => string, RegExp][] = [
    ['an extra field inside signature', (t) => t.replace('"algorithm": "Ed25519"', '"algorithm": "Ed25519", "note": "unsigned"'), /signature must NOT have additional properties \(note\)/],
    ['an extra field anywhere in the body (re-signed or not)', (t) => t.replace('"rtt_ms": 0.1', '"rtt_ms": 0.1, "turbo": true'), /environment must NOT have additional properties \(turbo\)/],
    ['junk after the base64 signature value', (t) => t.replace(/("value": "[^"]*)"/, '$1!!"'), /signature\.value is not canonical base64/],
    ['a non-canonical base64 public key (unused bits set)', (t) => t.replace(/("public_key": "[A-Za-z0-9+/]{42})([A-Za-z0-9+/])=/, (_, head: string, last: string) => `${head}${'AEIMQUYcgkosw048'.includes(last) ? String.fromCharCode(last.charCodeAt(0) + 1) : last}=`), /signature\.public_key is not canonical base64/],
    ['a duplicate key (JSON.parse keeps the last one silently)', (t) => t.replace('"bidder": "Alpha"', '"bidder": "Someone else", "bidder": "Alpha"'), /duplicate key "bidder" in \/sut/],
  ];
  for (const [what, change, problem] of cases) {
    it(`refuses ${what}`, async () => {
      const path = await variant(dir, `${what.replace(/\W+/g, '-')}.json`, change);
      const r = await runCli(['verify', path]);
      expect(r.stderr).toMatch(problem);
      expect(r.code).toBeGreaterThan(0);
    });
  }

  it('reads a file containing null with a clear message, exit 2', async () => {
    await writeFile(`${dir}/null.json`, 'null');
    const r = await runCli(['verify', `${dir}/null.json`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('null.json is JSON but not an object');
    expect(r.stderr).not.toMatch(/TypeError|at .*\.js/);
  });
});

describe('compare survives hostile files', () => {
  it('names a deeply nested file and an oversized one, and ranks the others', async () => {
    const dir = tempDir('strict-compare');
    const honest = await writeSigned(dir, 'honest.json', good('Honest'));
    await writeFile(`${dir}/deep.json`, `{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`);
    await writeFile(`${dir}/huge.json`, `{"a":"${'x'.repeat(17 << 20)}"}`);
    const c = await compareResultFiles([`${dir}/deep.json`, honest, `${dir}/huge.json`], { digests: fixtureDigests([1]) });
    expect(c.files[0].reasons[0]).toMatch(/deep\.json is not valid JSON for a result file \(nesting deeper than 32 levels/);
    expect(c.files[2].reasons[0]).toMatch(/huge\.json: 17,825,\d{3} bytes, more than the 16 MiB a result file may have/);
    expect(c.files[1].admitted).toBe(true);
    expect(c.groups[0].entries.map((e) => e.bidder)).toEqual(['Honest']);
  });

  it('strips terminal control characters from what it prints', async () => {
    const dir = tempDir('strict-escape');
    const digests = await writeDigestsFile(dir, [1]);
    const evil = await writeSigned(dir, 'evil.json', good('Evil\u001b[2J\u001b[31mCorp\u0007\u202e'));
    const r = await runCompare([evil, '--digests', digests]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Evil[2J[31mCorp');
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
  });
});

describe('parseStrictJson', () => {
  it('reads what JSON.parse reads, and names the position of what it refuses', () => {
    const text = '{"a": [1, -2.5e3, "x\\u00e9", true, null, {}], "b": {"c": []}, "__proto__": 1}';
    expect(JSON.stringify(parseStrictJson(text))).toBe(JSON.stringify(JSON.parse(text)));
    expect(() => parseStrictJson('{"a": 1,\n "a": 2}')).toThrow(/duplicate key "a" in \/ at line 2, column 2/);
    expect(() => parseStrictJson('[1, 2')).toThrow(/expected ',' or '\]'/);
    expect(() => parseStrictJson('{"a": 01}')).toThrow(/expected ',' or '}'/);
    expect(() => parseStrictJson('[[[1]]]', { maxDepth: 2 })).toThrow(/nesting deeper than 2 levels \(at \/0\/0\)/);
  });
});
