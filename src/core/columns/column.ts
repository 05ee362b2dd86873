/**
 * Growable typed columns: the generator's in-memory form of one table's rows before encoding.
 * Nulls are sentinels (NaN, INT32_MIN, -1 index, 255 length) so that writing a value is one store.
 */

export const NULL_INT = -2147483648;
export const NULL_BOOL = 255;
export const NULL_LEN = 255;

export type ColumnKind = 'i32' | 'f64' | 'date' | 'bool' | 'dict' | 'ascii' | 'str' | 'null';

interface ColumnBase {
  readonly name: string;
  readonly kind: ColumnKind;
  /** Make room for `capacity` rows, keeping existing values. */
  grow(capacity: number): void;
  /** Move rows [from, from+count) to the front (what remains after a flushed batch). */
  shift(from: number, count: number): void;
}

function growTyped<T extends Int32Array | Float64Array | Uint8Array>(old: T, capacity: number, fill: number): T {
  const next = new (old.constructor as new (n: number) => T)(capacity);
  next.set(old);
  next.fill(fill, old.length);
  return next;
}

export class I32Column implements ColumnBase {
  data: Int32Array;
  constructor(readonly name: string, readonly kind: 'i32' | 'date', capacity: number) {
    this.data = new Int32Array(capacity).fill(NULL_INT);
  }
  grow(capacity: number) {
    this.data = growTyped(this.data, capacity, NULL_INT);
  }
  shift(from: number, count: number) {
    this.data.copyWithin(0, from, from + count);
    this.data.fill(NULL_INT, count);
  }
}

export class F64Column implements ColumnBase {
  readonly kind = 'f64' as const;
  data: Float64Array;
  constructor(readonly name: string, capacity: number) {
    this.data = new Float64Array(capacity).fill(NaN);
  }
  grow(capacity: number) {
    this.data = growTyped(this.data, capacity, NaN);
  }
  shift(from: number, count: number) {
    this.data.copyWithin(0, from, from + count);
    this.data.fill(NaN, count);
  }
}

export class BoolColumn implements ColumnBase {
  readonly kind = 'bool' as const;
  data: Uint8Array;
  constructor(readonly name: string, capacity: number) {
    this.data = new Uint8Array(capacity).fill(NULL_BOOL);
  }
  grow(capacity: number) {
    this.data = growTyped(this.data, capacity, NULL_BOOL);
  }
  shift(from: number, count: number) {
    this.data.copyWithin(0, from, from + count);
    this.data.fill(NULL_BOOL, count);
  }
}

/** Codes drawn from a fixed list: stores an index into `dictionary` (-1 = null). */
export class DictColumn implements ColumnBase {
  readonly kind = 'dict' as const;
  data: Int32Array;
  private readonly index: Map<string, number>;
  constructor(readonly name: string, readonly dictionary: readonly string[], capacity: number) {
    this.data = new Int32Array(capacity).fill(-1);
    this.index = new Map(dictionary.map((v, i) => [v, i]));
  }
  /** Index of a code, throwing if it is not in the dictionary (a model bug, never user input). */
  code(value: string): number {
    const i = this.index.get(value);
    if (i === undefined) throw new Error(`${this.name}: value "${value}" is not in its dictionary`);
    return i;
  }
  has(value: string): boolean {
    return this.index.has(value);
  }
  grow(capacity: number) {
    this.data = growTyped(this.data, capacity, -1);
  }
  shift(from: number, count: number) {
    this.data.copyWithin(0, from, from + count);
    this.data.fill(-1, count);
  }
}

/** Short ASCII strings (identifiers, codes) stored in fixed-width slots. */
export class AsciiColumn implements ColumnBase {
  readonly kind = 'ascii' as const;
  bytes: Uint8Array;
  lengths: Uint8Array;
  constructor(readonly name: string, readonly width: number, capacity: number) {
    this.bytes = new Uint8Array(capacity * width);
    this.lengths = new Uint8Array(capacity).fill(NULL_LEN);
  }
  set(row: number, value: string) {
    const n = Math.min(value.length, this.width);
    const o = row * this.width;
    for (let i = 0; i < n; i++) {
      const c = value.charCodeAt(i);
      if (c > 127) throw new Error(`${this.name}: "${value}" is not ASCII; give the field no length to store it as text`);
      this.bytes[o + i] = c;
    }
    this.lengths[row] = n;
  }
  /** Copy raw bytes (already ASCII) into a row. */
  setBytes(row: number, src: Uint8Array, srcOffset: number, n: number) {
    const len = Math.min(n, this.width);
    this.bytes.set(src.subarray(srcOffset, srcOffset + len), row * this.width);
    this.lengths[row] = len;
  }
  get(row: number): string | null {
    const n = this.lengths[row];
    if (n === NULL_LEN) return null;
    let s = '';
    const o = row * this.width;
    for (let i = 0; i < n; i++) s += String.fromCharCode(this.bytes[o + i]);
    return s;
  }
  grow(capacity: number) {
    const b = new Uint8Array(capacity * this.width);
    b.set(this.bytes);
    this.bytes = b;
    this.lengths = growTyped(this.lengths, capacity, NULL_LEN);
  }
  shift(from: number, count: number) {
    this.bytes.copyWithin(0, from * this.width, (from + count) * this.width);
    this.lengths.copyWithin(0, from, from + count);
    this.lengths.fill(NULL_LEN, count);
  }
}

/** Free text (labels, names): plain JS strings, encoded at flush. */
export class StrColumn implements ColumnBase {
  readonly kind = 'str' as const;
  data: (string | null)[];
  constructor(readonly name: string, capacity: number) {
    this.data = new Array(capacity).fill(null);
  }
  grow(capacity: number) {
    for (let i = this.data.length; i < capacity; i++) this.data.push(null);
  }
  shift(from: number, count: number) {
    const kept = this.data.slice(from, from + count);
    this.data.fill(null);
    for (let i = 0; i < kept.length; i++) this.data[i] = kept[i];
  }
}

/** A column that is null on every row: no storage at all. */
export class NullColumn implements ColumnBase {
  readonly kind = 'null' as const;
  constructor(readonly name: string) {}
  grow() {}
  shift() {}
}

export type Column = I32Column | F64Column | BoolColumn | DictColumn | AsciiColumn | StrColumn | NullColumn;
