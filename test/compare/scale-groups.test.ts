import { describe, expect, it } from 'vitest';
import { compareResultFiles } from '../../src/compare/compare.js';
import { tempDir } from '../helpers/cli.js';
import { buildResult, fixtureDigests, uniform, writeSigned } from './result-fixture.js';

describe('scale factors', () => {
  it('are never ranked together: one ranking per scale factor, and a scaling curve per bidder', async () => {
    const dir = tempDir('compare-scales');
    const files = [
      await writeSigned(dir, 'a1.json', buildResult({ bidder: 'A', scale: 1, times: uniform(0.2, 0.1) })),
      await writeSigned(dir, 'b1.json', buildResult({ bidder: 'B', scale: 1, times: uniform(0.4, 0.2) })),
      // B at SF 10 is far slower than A at SF 1, and would lose to it in a mixed ranking.
      await writeSigned(dir, 'b10.json', buildResult({ bidder: 'B', scale: 10, times: uniform(4, 2), loadSeconds: 100 })),
      await writeSigned(dir, 'c10.json', buildResult({ bidder: 'C', scale: 10, times: uniform(8, 4), loadSeconds: 100 })),
    ];
    const c = await compareResultFiles(files, { digests: fixtureDigests([1, 10]) });
    expect(c.files.every((f) => f.admitted)).toBe(true);
    expect(c.groups.map((g) => [g.key.scale, g.entries.map((e) => `${e.rank}:${e.bidder}@${e.id}`)])).toEqual([
      [1, ['1:A@E1', '2:B@E2']],
      [10, ['1:B@E3', '2:C@E4']],
    ]);
    for (const g of c.groups) expect(new Set(g.entries.map((e) => c.files.find((f) => f.provenance.id === e.id)!.provenance.dataset!.scale))).toEqual(new Set([g.key.scale]));
    expect(c.scaling).toHaveLength(1);
    expect(c.scaling[0]).toMatchObject({ bidder: 'B', points: [{ id: 'E2', scale: 1 }, { id: 'E3', scale: 10 }] });
    expect(c.scaling[0].points[1].hot_geomean_seconds).toBeCloseTo(2, 12);
  });

  it('ranks different seeds of one scale factor apart too', async () => {
    const dir = tempDir('compare-seeds');
    const other = buildResult({ bidder: 'B', seed: 43, times: uniform(0.2, 0.1) });
    const files = [await writeSigned(dir, 'a.json', buildResult({ bidder: 'A', times: uniform(0.2, 0.1) })), await writeSigned(dir, 'b.json', other)];
    const c = await compareResultFiles(files, { digests: fixtureDigests([1], [42, 43]) });
    expect(c.groups.map((g) => [g.title, g.entries.length])).toEqual([
      ['SF 1 · seed 42 · workload 1.0.0', 1],
      ['SF 1 · seed 43 · workload 1.0.0', 1],
    ]);
  });
});
