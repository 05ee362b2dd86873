/**
 * Growable typed columns: the generator's in-memory form of one table's rows before encoding.
 * Nulls are sentinels (NaN, INT32_MIN, -1 index, 255 length) so that writing a value is one store.
 *
 * Each kind of column carries its behaviour: how a model value or a rule's value is stored, how a
 * cell is copied, and `accept`, through which the encoders (Arrow, CSV) handle every kind without
 * testing classes.
 */

export const NULL_INT = -2147483648;
export const NULL_BOOL = 255;
export const NULL_LEN = 255;

export type ColumnKind = 'i32' | 'f64' | 'date' | 'bool' | 'dict' | 'ascii' | 'str' | 'null';

/** A value as the model or a schema rule gives it; null writes a null. */
export type CellValue = string | number | boolean | null;

/** Writes one cell; `null` writes a null. Strings and numbers are converted to the column's stored type. */
export type Setter = (row: number, value: CellValue) => void;

/** One operation over every kind of column (double dispatch instead of class tests). */
export interface ColumnVisitor<R> {
  i32(c: I32Column): R;
  f64(c: F64Column): R;
  bool(c: BoolColumn): R;
  dict(c: DictColumn): R;
  ascii(c: AsciiColumn): R;
  str(c: StrColumn): R;
  null(c: NullColumn): R;
}

interface ColumnBase {
  readonly name: string;
  readonly kind: ColumnKind;
  /** Make room for `capacity` rows, keeping existing values. */
  grow(capacity: number): void;
  /** Move rows [from, from+count) to the front (what remains after a flushed batch). */
  shift(from: number, count: number): void;
  /** The stored form of a rule's value (a dictionary index, 0/1 for booleans, the number itself). */
  encode(value: string | number | boolean): number;
  /** Store a value already in stored form (from `encode`, or a number), or null. */
  store(row: number, value: number | null): void;
  /** Copy the cell `row` of a column of the same kind. */
  copyCell(source: Column, row: number): void;
  /** A checked writer for the model: converts strings and numbers, refuses what does not fit. */
  setter(where: string): Setter;
  accept<R>(visitor: ColumnVisitor<R>): R;
}

function growTyped<T extends Int32Array | Float64Array | Uint8Array>(old: T, capacity: number, fill: number): T {
  const next = new (old.constructor as new (n: number) => T)(capacity);
  next.set(old);
  next.fill(fill, old.length);
  return next;
}

const asBool = (v: CellValue) => (v === true || v === 1 || v === '1' || v === 'true' ? 1 : 0);

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
  encode(value: string | number | boolean): number {
    return Number(value);
  }
  store(row: number, value: number | null) {
    this.data[row] = value === null ? NULL_INT : value;
  }
  copyCell(source: Column, row: number) {
    this.data[row] = (source as I32Column).data[row];
  }
  setter(where: string): Setter {
    const what = this.kind === 'date' ? 'day number' : 'integer';
    return (row, v) => {
      if (v === null) this.data[row] = NULL_INT;
      else {
        const n = typeof v === 'number' ? v : Number(v);
        if (!Number.isInteger(n)) throw new Error(`${where}: ${what} expected, got ${String(v)}`);
        this.data[row] = n;
      }
    };
  }
  accept<R>(v: ColumnVisitor<R>): R {
    return v.i32(this);
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
  encode(value: string | number | boolean): number {
    return Number(value);
  }
  store(row: number, value: number | null) {
    this.data[row] = value === null ? NaN : value;
  }
  copyCell(source: Column, row: number) {
    this.data[row] = (source as F64Column).data[row];
  }
  setter(): Setter {
    return (row, v) => (this.data[row] = v === null ? NaN : Number(v));
  }
  accept<R>(v: ColumnVisitor<R>): R {
    return v.f64(this);
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
  encode(value: string | number | boolean): number {
    return asBool(value);
  }
  store(row: number, value: number | null) {
    this.data[row] = value === null ? NULL_BOOL : value;
  }
  copyCell(source: Column, row: number) {
    this.data[row] = (source as BoolColumn).data[row];
  }
  setter(): Setter {
    return (row, v) => (this.data[row] = v === null ? NULL_BOOL : asBool(v));
  }
  accept<R>(v: ColumnVisitor<R>): R {
    return v.bool(this);
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
  encode(value: string | number | boolean): number {
    return this.code(String(value));
  }
  store(row: number, value: number | null) {
    this.data[row] = value === null ? -1 : value;
  }
  copyCell(source: Column, row: number) {
    this.data[row] = (source as DictColumn).data[row];
  }
  setter(): Setter {
    return (row, v) => (this.data[row] = v === null ? -1 : this.code(typeof v === 'string' ? v : String(v)));
  }
  accept<R>(v: ColumnVisitor<R>): R {
    return v.dict(this);
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
    const bytes = this.bytes;
    for (let i = 0; i < n; i++) {
      const c = value.charCodeAt(i);
      if (c > 127) throw new Error(`${this.name}: "${value}" is not ASCII; give the field no length to store it as text`);
      bytes[o + i] = c;
    }
    this.lengths[row] = n;
  }
  /** Copy raw bytes (already ASCII) into a row. */
  setBytes(row: number, src: Uint8Array, srcOffset: number, n: number) {
    const len = Math.min(n, this.width);
    const o = row * this.width;
    for (let i = 0; i < len; i++) this.bytes[o + i] = src[srcOffset + i];
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
  encode(value: string | number | boolean): number {
    return Number(value);
  }
  /** Numbers are written as their decimal text (rule values of a code column). */
  store(row: number, value: number | null) {
    if (value === null) this.lengths[row] = NULL_LEN;
    else this.set(row, String(value));
  }
  copyCell(source: Column, row: number) {
    const s = source as AsciiColumn;
    const n = s.lengths[row];
    if (n === NULL_LEN) this.lengths[row] = NULL_LEN;
    else this.setBytes(row, s.bytes, row * s.width, n);
  }
  setter(where: string): Setter {
    const width = this.width;
    // The copy loop of `set`, inlined: this is the model's most called writer.
    return (row, v) => {
      if (v === null) {
        this.lengths[row] = NULL_LEN;
        return;
      }
      const s = typeof v === 'string' ? v : String(v);
      const n = s.length;
      if (n > width) throw new Error(`${where}: "${s}" is longer than the column's ${width} characters`);
      const bytes = this.bytes;
      const o = row * width;
      for (let i = 0; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c > 127) throw new Error(`${this.name}: "${s}" is not ASCII; give the field no length to store it as text`);
        bytes[o + i] = c;
      }
      this.lengths[row] = n;
    };
  }
  accept<R>(v: ColumnVisitor<R>): R {
    return v.ascii(this);
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
  encode(value: string | number | boolean): number {
    return Number(value);
  }
  store(row: number, value: number | null) {
    this.data[row] = value === null ? null : String(value);
  }
  copyCell(source: Column, row: number) {
    this.data[row] = (source as StrColumn).data[row];
  }
  setter(): Setter {
    return (row, v) => (this.data[row] = v === null ? null : String(v));
  }
  accept<R>(v: ColumnVisitor<R>): R {
    return v.str(this);
  }
}

/** A column that is null on every row: no storage at all. */
export class NullColumn implements ColumnBase {
  readonly kind = 'null' as const;
  constructor(readonly name: string) {}
  grow() {}
  shift() {}
  encode(): number {
    throw new Error(`${this.name} is declared always-null in its schema`);
  }
  store() {}
  copyCell() {}
  setter(where: string): Setter {
    throw new Error(`${where} is declared always-null in its schema but the model writes it`);
  }
  accept<R>(v: ColumnVisitor<R>): R {
    return v.null(this);
  }
}

export type Column = I32Column | F64Column | BoolColumn | DictColumn | AsciiColumn | StrColumn | NullColumn;
