import { describe, expect, it } from 'vitest';
import { compareResultFiles } from '../../src/compare/compare.js';
import { tempDir } from '../helpers/cli.js';
import { buildResult, fixtureDigests, uniform, writeSigned } from './result-fixture.js';

const ratio = (t: number, best: number) => (t + 0.01) / (best + 0.01);

describe('ranking and penalties on hand-built result files', () => {
  it('ranks by the combined score, with ClickBench ratios per query', async () => {
    const dir = tempDir('compare-rank');
    const files = [
      await writeSigned(dir, 'slow.json', buildResult({ bidder: 'Slow', times: uniform(0.4, 0.2), loadSeconds: 20, sizeBytes: 200_000_000, price: 1 })),
      await writeSigned(dir, 'fast.json', buildResult({ bidder: 'Fast', times: uniform(0.2, 0.1), loadSeconds: 10, sizeBytes: 100_000_000, price: 4 })),
    ];
    const c = await compareResultFiles(files, { digests: fixtureDigests([1]) });
    expect(c.files.map((f) => f.reasons)).toEqual([[], []]);
    expect(c.groups).toHaveLength(1);
    const [first, second] = c.groups[0].entries;
    expect([first.bidder, first.rank, second.bidder, second.rank]).toEqual(['Fast', 1, 'Slow', 2]);
    expect(first.combined).toBeCloseTo(1, 12);
    expect(second.cold).toBeCloseTo(ratio(0.4, 0.2), 12);
    expect(second.hot).toBeCloseTo(ratio(0.2, 0.1), 12);
    expect(second.load_ratio).toBeCloseTo(ratio(20, 10), 12);
    expect(second.size_ratio).toBeCloseTo((200e6 + 1e6) / (100e6 + 1e6), 12);
    const combined = Math.exp(0.1 * Math.log(second.load_ratio) + 0.1 * Math.log(second.size_ratio) + 0.2 * Math.log(second.cold) + 0.6 * Math.log(second.hot));
    expect(second.combined).toBeCloseTo(combined, 12);
    // Price-performance from the declared €/hour.
    expect(first.eur_per_composite).toBeCloseTo(4 / first.composite, 12);
    expect(second.eur_per_million_queries).toBeCloseTo((1 / (10 * 3600)) * 1e6, 9);
  });

  it('penalises a failed run with 2 × max(300 s, slowest time of that query); a missing query is not admitted at all', async () => {
    const dir = tempDir('compare-penalty');
    const failedHot = uniform(0.2, 0.1);
    failedHot.q02 = [0.2, 0.1, null];
    const missing = uniform(0.2, 0.1);
    delete missing.q03;
    const slowQ02 = uniform(0.2, 0.1);
    slowQ02.q02 = [700, 400, 400];
    const files = [
      await writeSigned(dir, 'ok.json', buildResult({ bidder: 'Complete', times: uniform(0.2, 0.1) })),
      await writeSigned(dir, 'failed.json', buildResult({ bidder: 'FailedHot', times: failedHot })),
      await writeSigned(dir, 'missing.json', buildResult({ bidder: 'Missing', times: missing })),
      await writeSigned(dir, 'slow.json', buildResult({ bidder: 'SlowQ02', times: slowQ02 })),
    ];
    const c = await compareResultFiles(files, { digests: fixtureDigests([1]) });
    expect(c.files.map((f) => f.admitted)).toEqual([true, true, false, true]);
    // Before: a result lacking a power template was admitted, and its composite (from the queries it ran) shown higher.
    expect(c.files[2].reasons).toEqual(['the power phase lacks template(s) q03 of workload 1.0.0']);
    const g = c.groups[0];
    const by = (b: string) => g.entries.find((e) => e.bidder === b)!;
    const q = (b: string, t: string) => by(b).queries.find((x) => x.template === t)!;
    // q02 hot: slowest successful time is 400 s > 300 s, so the penalty is 800 s.
    expect(g.penalties.find((p) => p.template === 'q02')).toEqual({ template: 'q02', cold_seconds: 1400, hot_seconds: 800 });
    expect(q('FailedHot', 'q02').hot).toEqual({ seconds: null, scored_seconds: 800, penalised: true, ratio: ratio(800, 0.1) });
    expect(q('FailedHot', 'q02').cold.penalised).toBe(false);
    expect(by('FailedHot').penalised_queries).toEqual(['q02']);
    expect(g.entries[0].bidder).toBe('Complete');
    // A failure always costs more than the slowest success.
    expect(by('FailedHot').hot).toBeGreaterThan(by('SlowQ02').hot);
  });

  it('scores do not depend on the order the files are given', async () => {
    const dir = tempDir('compare-order');
    const half = uniform(0.3, 0.15);
    half.q01 = [0.3, null, 0.1];
    const files = [
      await writeSigned(dir, 'a.json', buildResult({ bidder: 'A', times: uniform(0.2, 0.1), loadSeconds: 30 })),
      await writeSigned(dir, 'b.json', buildResult({ bidder: 'B', times: half, sizeBytes: 50_000_000 })),
      await writeSigned(dir, 'c.json', buildResult({ bidder: 'C', times: uniform(0.25, 0.12), price: null })),
    ];
    const digests = fixtureDigests([1]);
    const scores = async (paths: string[]) => Object.fromEntries((await compareResultFiles(paths, { digests })).groups[0].entries.map((e) => [e.bidder, [e.rank, e.combined, e.cold, e.hot]]));
    expect(await scores([...files].reverse())).toEqual(await scores(files));
  });
});
