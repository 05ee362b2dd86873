import { describe, expect, it } from 'vitest';
import { civilFromDays } from '../../src/core/calendar-fast.js';
import { dayOf } from '../../src/core/calendar.js';
import { partRange } from '../../src/core/partition.js';
import { fmix32, hash4, hash4Head, Rng } from '../../src/core/rng.js';
import { pseudonym } from '../../src/core/model/identifiers.js';

describe('counter-based randomness', () => {
  it('is a fixed function of its key (these constants are part of every dataset)', () => {
    expect(fmix32(1)).toBe(0x514e28b7);
    expect(hash4(42, 1, 2, 3)).toBe(hash4(42, 1, 2, 3));
    const a = Rng.of(42, 7, 1000);
    const b = Rng.of(42, 7, 1000);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Rng.of(42, 7, 1001).next()).not.toBe(xs[0]);
  });

  it('gives the same draws seeded from the heads of its hashes, eagerly or lazily, as Rng.of', () => {
    const draws = (r: Rng) => Array.from({ length: 8 }, () => r.next());
    const expected = draws(Rng.of(42, 7, 1000, 3));
    const heads = { a: hash4Head(42, 7), b: hash4Head(7, 1000), c: hash4Head(1000, 3), d: hash4Head(3, 42) };
    expect(draws(new Rng(0, 0, 0, 0).seedFromHeads(heads, 42, 7, 1000, 3))).toEqual(expected);
    const lazy = new Rng(0, 0, 0, 0).seedLazily(heads, 42, 7, 1000, 3);
    expect(draws(lazy)).toEqual(expected);
    // Reseeding an instance already drawn from gives the stream from its start.
    expect(draws(lazy.seed(42, 7, 1000, 3))).toEqual(expected);
    expect(draws(Rng.of(42, 7, 1000, 4))).not.toEqual(expected);
    expect(draws(Rng.of(42, 8, 1000, 3))).not.toEqual(expected);
  });

  it('draws uniform values in [0, 1)', () => {
    const r = Rng.of(1, 2, 3);
    let sum = 0;
    for (let i = 0; i < 100_000; i++) {
      const u = r.uniform();
      expect(u >= 0 && u < 1).toBe(true);
      sum += u;
    }
    expect(sum / 100_000).toBeCloseTo(0.5, 2);
  });

  it('gives unique pseudonyms of 17 characters', () => {
    const seen = new Set<string>();
    for (let ben = 0; ben < 50_000; ben++) for (const v of [0, 1]) seen.add(pseudonym('psa', 42, ben, v));
    expect(seen.size).toBe(100_000);
    expect(pseudonym('psa', 42, 0)).toMatch(/^[0-9A-Z]{17}$/);
  });
});

describe('parts', () => {
  it('splits beneficiaries into contiguous ranges, the remainder in the last part', () => {
    expect(partRange(10, 1, 3)).toEqual({ start: 0, end: 3 });
    expect(partRange(10, 2, 3)).toEqual({ start: 3, end: 6 });
    expect(partRange(10, 3, 3)).toEqual({ start: 6, end: 10 });
    expect(() => partRange(10, 4, 3)).toThrow(/part must be between 1 and 3/);
    expect(() => partRange(2, 1, 3)).toThrow(/at most 2 parts/);
  });
});

describe('calendar', () => {
  it('converts day numbers with integer arithmetic like Date does', () => {
    for (let d = dayOf(1900, 1, 1); d < dayOf(2100, 1, 1); d += 17) {
      const js = new Date(d * 86_400_000);
      expect(civilFromDays(d)).toEqual([js.getUTCFullYear(), js.getUTCMonth() + 1, js.getUTCDate()]);
    }
  });
});
