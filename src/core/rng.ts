/**
 * Counter-based randomness.
 *
 * Every random value of the dataset is a pure function of (seed, stream, key...): there is no
 * sequential state shared between beneficiaries, so any beneficiary — hence any part — can be
 * produced alone, in any order, on any runtime. Only 32-bit integer arithmetic (Math.imul, shifts)
 * is used, which is exact in every JavaScript engine.
 */

/** murmur3 finaliser: a bijective avalanche of a 32-bit integer. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hash of up to four 32-bit words (murmur3-style combine, then finalise). */
export function hash4(a: number, b: number, c = 0, d = 0): number {
  return hash4Tail(hash4Head(a, b), c, d);
}

/** The state of `hash4(a, b, c, d)` after its first two words: constant where (a, b) are (a column's fills). */
export function hash4Head(a: number, b: number): number {
  return fmix32((fmix32(a ^ 0x9e3779b9) + Math.imul(b | 0, 0xcc9e2d51)) | 0);
}

/** `hash4(a, b, c, d)` from `hash4Head(a, b)`: the same value, two rounds fewer. */
export function hash4Tail(head: number, c: number, d: number): number {
  const h = fmix32((head ^ Math.imul(c | 0, 0x1b873593)) + 0x6b43a9b5);
  return fmix32((h + Math.imul(d | 0, 0x27d4eb2f)) ^ 0x165667b1);
}

/** 32-bit FNV-1a of a string: stable names → stream identifiers. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

const TWO_POW_32 = 4294967296;

/**
 * The heads (`hash4Head`) of the four hashes that seed the stream (seed, stream, key, sub):
 * a = head(seed, stream), b = head(stream, key), c = head(key, sub), d = head(sub, seed). Each is
 * shared by many streams (a by every key of a purpose, d by every stream of a month...).
 */
export interface StreamHeads {
  a: number;
  b: number;
  c: number;
  d: number;
}

/**
 * A small sequential generator (sfc32) for draws *within* one beneficiary and one purpose.
 * It is always created from a counter-based key, so its state never crosses beneficiaries.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(k0: number, k1: number, k2: number, k3: number) {
    this.a = 0;
    this.b = 0;
    this.c = 0;
    this.d = 0;
    this.reset(k0, k1, k2, k3);
  }

  private reset(k0: number, k1: number, k2: number, k3: number): this {
    this.a = k0 | 0;
    this.b = k1 | 0;
    this.c = k2 | 0;
    this.d = k3 | 1;
    for (let i = 0; i < 8; i++) this.next();
    return this;
  }

  /** Stream for (seed, stream, key, sub): the only way the model gets randomness. */
  static of(seed: number, stream: number, key: number, sub = 0): Rng {
    // What `seed` starts from, given to the constructor: the generator is warmed up once.
    return new Rng(hash4(seed, stream, key, sub), hash4(stream, key, sub, seed), hash4(key, sub, seed, stream), hash4(sub, seed, stream, key));
  }

  /** Restart this generator as the stream (seed, stream, key, sub), without allocating: same draws as `Rng.of`. */
  seed(seed: number, stream: number, key: number, sub = 0): this {
    this.pending = false;
    return this.reset(hash4(seed, stream, key, sub), hash4(stream, key, sub, seed), hash4(key, sub, seed, stream), hash4(sub, seed, stream, key));
  }

  /**
   * `seed(seed, stream, key, sub)` from the heads of its four hashes (see `StreamHeads`), which a
   * caller seeding many streams computes once for all those that share them: the same draws, half
   * the hashing.
   */
  seedFromHeads(h: StreamHeads, seed: number, stream: number, key: number, sub: number): this {
    this.pending = false;
    return this.reset(hash4Tail(h.a, key, sub), hash4Tail(h.b, sub, seed), hash4Tail(h.c, seed, stream), hash4Tail(h.d, stream, key));
  }

  /**
   * `seedFromHeads` when the generator is first drawn from: the same draws, but a stream nothing
   * draws from (a kind of care with nothing to do this month) costs nothing. `h` is read then: the
   * caller must not change it before the next seeding.
   */
  seedLazily(h: StreamHeads, seed: number, stream: number, key: number, sub: number): this {
    this.pending = true;
    this.heads = h;
    this.k0 = seed;
    this.k1 = stream;
    this.k2 = key;
    this.k3 = sub;
    return this;
  }

  private pending = false;
  private heads: StreamHeads = { a: 0, b: 0, c: 0, d: 0 };
  private k0 = 0;
  private k1 = 0;
  private k2 = 0;
  private k3 = 0;

  /** Next 32-bit unsigned integer. */
  next(): number {
    if (this.pending) this.seedFromHeads(this.heads, this.k0, this.k1, this.k2, this.k3);
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform double in [0, 1). */
  uniform(): number {
    return this.next() / TWO_POW_32;
  }

  /** Uniform integer in [lo, hi] (inclusive). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.uniform() * (hi - lo + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.uniform() < p;
  }

  /** Poisson draw (Knuth for small means, normal approximation above 30). */
  poisson(mean: number): number {
    return this.poissonWithLimit(mean, poissonLimit(mean));
  }

  /**
   * `poisson(mean)` given `limit` = Math.exp(-mean) (read only when 0 < mean <= 30): the same draws,
   * for a caller that draws many times from one mean and computes its exponential once (poissonLimit).
   */
  poissonWithLimit(mean: number, limit: number): number {
    if (mean <= 0) return 0;
    if (mean > 30) {
      const n = Math.round(mean + Math.sqrt(mean) * this.normal());
      return n < 0 ? 0 : n;
    }
    let k = 0;
    let p = this.uniform();
    while (p > limit) {
      k++;
      p *= this.uniform();
    }
    return k;
  }

  /** Standard normal draw (Box–Muller). */
  normal(): number {
    const u = 1 - this.uniform();
    const v = this.uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal draw with the given median and multiplicative spread (sigma of the log). */
  lognormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Index drawn from cumulative weights (last element = total). */
  pickCumulative(cumulative: ArrayLike<number>): number {
    return indexInCumulative(cumulative, this.uniform());
  }

  /** Uniform element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.uniform() * items.length)];
  }

  /** A code drawn from [[code, weight], ...] in proportion to the weights. */
  pickWeighted<T>(items: readonly (readonly [T, number])[]): T {
    return items[indexInCumulative(cumulativeOf(items), this.uniform())][0];
  }
}

/** The `limit` of Rng.poissonWithLimit for `mean`: what poisson(mean) computes at each draw. */
export function poissonLimit(mean: number): number {
  return mean <= 0 || mean > 30 ? 0 : Math.exp(-mean);
}

/** Cumulative sums of weights, for Rng.pickCumulative. */
export function cumulate(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let s = 0;
  for (let i = 0; i < weights.length; i++) {
    s += weights[i];
    out[i] = s;
  }
  return out;
}

/**
 * The weighted pick of the generator (every weighted draw goes through it): the index i of the first
 * cumulative weight above u × total, by bisection, for u uniform in [0, 1).
 */
export function indexInCumulative(cumulative: ArrayLike<number>, u: number): number {
  const x = u * cumulative[cumulative.length - 1];
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

const cumulatives = new WeakMap<object, Float64Array>();

/** Cumulative weights of a [[code, weight], ...] list of the model, computed once per list. */
function cumulativeOf(items: readonly (readonly [unknown, number])[]): Float64Array {
  let c = cumulatives.get(items);
  if (!c) {
    c = cumulate(items.map((i) => i[1]));
    cumulatives.set(items, c);
  }
  return c;
}
