import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { loadOrCreateKey, fingerprint } from '../../src/bench/signing.js';
import { compareResultFiles } from '../../src/compare/compare.js';
import { DatasetDigests, digestKey } from '../../src/compare/dataset-digests.js';
import { GENERATOR_VERSION } from '../../src/core/version.js';
import { tempDir } from '../helpers/cli.js';
import { buildResult, fixtureDigests, uniform, writeSigned } from './result-fixture.js';

const good = (bidder: string) => buildResult({ bidder, times: uniform(0.2, 0.1) });

describe('which files are ranked', () => {
  it('rejects a tampered file, naming the signature problem, and ranks the others', async () => {
    const dir = tempDir('compare-tamper');
    const honest = await writeSigned(dir, 'honest.json', good('Honest'));
    const tampered = await writeSigned(dir, 'tampered.json', good('Tamperer'));
    const data = JSON.parse(await readFile(tampered, 'utf8'));
    data.phases.power.queries[0].hot = [0.001, 0.001];
    await writeFile(tampered, JSON.stringify(data, null, 2));
    const c = await compareResultFiles([honest, tampered], { digests: fixtureDigests([1]) });
    expect(c.files[0]).toMatchObject({ admitted: true, reasons: [] });
    expect(c.files[1].admitted).toBe(false);
    expect(c.files[1].reasons).toContain('verification: signature does not match the content: the file was changed after it was signed');
    expect(c.groups[0].entries.map((e) => e.bidder)).toEqual(['Honest']);
  });

  it('lists invalid runs with their reasons and leaves them out of the ranking', async () => {
    const dir = tempDir('compare-invalid');
    const invalid = buildResult({ bidder: 'Wrong answers', times: uniform(0.01, 0.01), invalidReasons: ['answer validation: q03: 2 rows differ'] });
    invalid.phases.answer_validation.ok = false;
    const contradictory = good('Contradictory');
    contradictory.phases.data_validation.ok = false; // still marked valid
    const inflated = good('Inflated');
    inflated.metrics.power_at_sf *= 10;
    inflated.metrics.composite = Math.sqrt(inflated.metrics.power_at_sf * inflated.metrics.throughput_at_sf);
    const files = [
      await writeSigned(dir, 'valid.json', good('Valid')),
      await writeSigned(dir, 'invalid.json', invalid),
      await writeSigned(dir, 'contradictory.json', contradictory),
      await writeSigned(dir, 'inflated.json', inflated),
    ];
    const c = await compareResultFiles(files, { digests: fixtureDigests([1]) });
    expect(c.files.map((f) => f.admitted)).toEqual([true, false, false, false]);
    expect(c.files[1].reasons).toEqual(['run invalid: answer validation: q03: 2 rows differ']);
    expect(c.files[2].reasons).toEqual(['marked valid although data validation failed']);
    expect(c.files[3].reasons.join('\n')).toMatch(/Power@SF .* does not follow from the query times/);
    expect(c.groups[0].entries.map((e) => e.bidder)).toEqual(['Valid']);
  });

  it('flags a dataset digest that is not the standard one, or cannot be checked', async () => {
    const dir = tempDir('compare-digest');
    const wrong = good('Other data');
    wrong.dataset.dataset_sha256 = 'f'.repeat(64);
    const big = buildResult({ bidder: 'Big', scale: 50, times: uniform(0.2, 0.1) });
    const oldGenerator = good('Old generator');
    oldGenerator.dataset.generator_version = '0.0.9';
    const files = [await writeSigned(dir, 'wrong.json', wrong), await writeSigned(dir, 'big.json', big), await writeSigned(dir, 'old.json', oldGenerator)];
    const c = await compareResultFiles(files, { digests: fixtureDigests([1]) });
    expect(c.files.every((f) => !f.admitted)).toBe(true);
    expect(c.files[0].reasons[0]).toMatch(/^dataset digest ffffffffffffffff… is not the standard dataset's for seed 42, scale 1, 1 part\(s\), parquet .*given\)$/);
    expect(c.files[1].reasons[0]).toMatch(/scale 50 is above 0\.1, too large to regenerate here: give its digest with --digests \(key "generator=.*,seed=42,scale=50,parts=1,format=parquet"\)/);
    expect(c.files[2].reasons).toContain(`benchmark version ${GENERATOR_VERSION} differs from the dataset's generator version 0.0.9`);
    expect(c.groups).toEqual([]);
  });

  it('recomputes the digest of a small standard dataset by generating it', async () => {
    const dataset = { generator_version: GENERATOR_VERSION, seed: 7, scale: 0.001, parts: 1, format: 'parquet' };
    const expected = await new DatasetDigests().expected(dataset);
    expect(expected).toMatchObject({ source: 'generated', digest: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const digest = expected.digest as string;
    const dir = tempDir('compare-generated');
    const standard = buildResult({ bidder: 'Standard', scale: 0.001, seed: 7, times: uniform(0.2, 0.1) });
    standard.dataset.dataset_sha256 = digest;
    const other = buildResult({ bidder: 'Other', scale: 0.001, seed: 7, times: uniform(0.2, 0.1) });
    const c = await compareResultFiles([await writeSigned(dir, 'standard.json', standard), await writeSigned(dir, 'other.json', other)], { digests: new DatasetDigests() });
    expect(c.files[0].reasons).toEqual([]);
    expect(c.files[1].reasons[0]).toContain(`is not the standard dataset's for seed 7, scale 0.001, 1 part(s), parquet (${digest.slice(0, 16)}…, generated)`);
    expect(digestKey(dataset)).toBe(`generator=${GENERATOR_VERSION},seed=7,scale=0.001,parts=1,format=parquet`);
  });

  it("checks the evaluator's challenge, the registered keys and duplicates", async () => {
    const dir = tempDir('compare-registry');
    const keyPath = `${dir}/registered.jwk`;
    const registered = fingerprint((await loadOrCreateKey(keyPath)).publicRaw);
    const ok = await writeSigned(dir, 'ok.json', good('Alpha'), keyPath);
    const otherKey = await writeSigned(dir, 'other-key.json', good('Alpha'));
    const noChallenge = await writeSigned(dir, 'no-challenge.json', buildResult({ bidder: 'Alpha', times: uniform(0.2, 0.1), challenge: null }), keyPath);
    const unregistered = await writeSigned(dir, 'unregistered.json', good('Zeta'));
    const c = await compareResultFiles([ok, otherKey, noChallenge, unregistered, ok], { digests: fixtureDigests([1]), challenge: 'C0FFEE00', keys: new Map([['Alpha', registered]]) });
    expect(c.files.map((f) => f.admitted)).toEqual([true, false, false, false, false]);
    expect(c.files[1].reasons[0]).toMatch(/^signed by key [0-9a-f]{16}…, not the one registered for "Alpha"/);
    expect(c.files[2].reasons).toEqual(['run used no challenge; the evaluator\'s is C0FFEE00']);
    expect(c.files[3].reasons).toEqual(['bidder "Zeta" has no registered signing key']);
    expect(c.files[4].reasons).toEqual(['same file as E1']);
  });

  it('names every file that cannot be read at all, with its reason, and compares the others', async () => {
    const dir = tempDir('compare-unreadable');
    await writeFile(`${dir}/not-json.json`, 'hello');
    await writeFile(`${dir}/null.json`, 'null');
    const honest = await writeSigned(dir, 'honest.json', good('Honest'));
    const c = await compareResultFiles([`${dir}/missing.json`, `${dir}/not-json.json`, `${dir}/null.json`, honest], { digests: fixtureDigests([1]) });
    expect(c.files.map((f) => f.readable)).toEqual([false, false, false, true]);
    expect(c.files[0].reasons).toEqual([`cannot read result file ${dir}/missing.json: no such file`]);
    expect(c.files[1].reasons[0]).toMatch(/not-json\.json is not valid JSON for a result file \(unexpected character "h" at line 1, column 1\)/);
    expect(c.files[2].reasons).toEqual([`${dir}/null.json is JSON but not an object: is it an hdsbench result file?`]);
    expect(c.groups[0].entries.map((e) => e.bidder)).toEqual(['Honest']);
  });
});
