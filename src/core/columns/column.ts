/**
 * Growable typed columns: the generator's in-memory form of one table's rows before encoding.
 * Nulls are sentinels (NaN, INT32_MIN, -1 index, 255 length) so that writing a value is one store.
 *
 * Each kind of column carries its behaviour: how a model value or a rule's value is stored, how a
 * cell is copied, and `accept`, through which the encoders (Arrow, CSV) handle every kind without
 * testing classes.
 */

import { civilDayText, civilYear, civilYearMonth, daysFromCivil, firstOfMonth } from '../calendar-fast.js';

export const NULL_INT = -2147483648;
/** The null of a 64-bit integer column (INT64_MIN, outside every code it holds). */
export const NULL_BIGINT = -9223372036854775808n;
export const NULL_BOOL = 255;
export const NULL_LEN = 255;

/** Slots of held codes per column (see `hold`). */
export const HELD_SLOTS = 16;

export type ColumnKind = 'i32' | 'i64' | 'f64' | 'date' | 'bool' | 'dict' | 'ascii' | 'str' | 'null';

/** What a day number is written as by `putDay`: the day itself, its month or its year. */
export type DayUnit = 'day' | 'month' | 'year';

/** A value as the model or a schema rule gives it; null writes a null. */
export type CellValue = string | number | boolean | null;

/** Writes one cell; `null` writes a null. Strings and numbers are converted to the column's stored type. */
export type Setter = (row: number, value: CellValue) => void;

/** One operation over every kind of column (double dispatch instead of class tests). */
export interface ColumnVisitor<R> {
  i32(c: I32Column): R;
  i64(c: I64Column): R;
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
  /**
   * Move rows [from, from+count) to the front (what remains after a flushed batch), nulling the rows
   * they leave. Rows at and past a table's length are always null (rows are added before they are
   * written, and grown rows are null), so only rows below from + count need it.
   */
  shift(from: number, count: number): void;
  /** The stored form of a rule's value (a dictionary index, 0/1 for booleans, the number itself). */
  encode(value: string | number | boolean): number;
  /** Store a value already in stored form (from `encode`, or a number), or null. */
  store(row: number, value: number | null): void;
  /** Copy cell `row` of a column of the same kind into this column's row `into` (the same row by default). */
  copyCell(source: Column, row: number, into?: number): void;
  /** An empty column of the same name, kind and shape (width, dictionary), with room for `capacity` rows. */
  blank(capacity: number): Column;
  /** A checked writer for the model: converts strings and numbers, refuses what does not fit. */
  setter(where: string): Setter;
  /**
   * Store a code given as text (a model's code, a nomenclature's, a copied cell's), or null: text
   * columns keep it as is, numeric columns parse it (once per distinct code) and refuse non-digits.
   */
  putCode(row: number, code: string | null): void;
  /** Store a number the model computed (or null): numeric columns as is, text columns as its decimal text. */
  putNumber(row: number, value: number | null): void;
  /**
   * Held codes: a writer converts a code once into one of the column's HELD_SLOTS slots (`hold`, as
   * `putCode` converts it; `holdNumber`, as `putNumber`), then stores it on many rows (`putHeld`: a
   * copy of the stored form, no conversion): a person's codes on each of their care lines.
   */
  hold(slot: number, code: string | null): void;
  holdNumber(slot: number, value: number | null): void;
  putHeld(row: number, slot: number): void;
  /** `putHeld` on rows [from, from + count): a sheet's rows share most of their codes. */
  fillHeld(from: number, count: number, slot: number): void;
  /** `putCode` of codes[i] on row from + i, for i < count: one call per column for a run of rows. */
  putCodes(from: number, codes: readonly (string | null)[], count: number): void;
  /** Store a day number (or null) as the column holds dates: a date, its first day of month, a year, or their SNDS text forms. */
  putDay(row: number, day: number | null, unit: DayUnit): void;
  /** Write cell `row` of this column into `target`'s row, converted to the target's kind (copy rules between kinds). */
  cellTo(target: Column, row: number): void;
  accept<R>(visitor: ColumnVisitor<R>): R;
}

/** Parses digit codes once each: the numeric columns the model writes codes into. */
class CodeParser<T> {
  private readonly cache = new Map<string, T>();
  /** The last code parsed and its value: a column's code is often the one of the row before (a person's, a sheet's). */
  private lastCode: string | null = null;
  private lastValue: T;
  constructor(private readonly name: string, private readonly convert: (digits: string) => T, nothing: T) {
    this.lastValue = nothing;
  }
  parse(code: string): T {
    if (code === this.lastCode) return this.lastValue;
    const v = this.lookUp(code);
    this.lastCode = code;
    this.lastValue = v;
    return v;
  }
  private lookUp(code: string): T {
    let v = this.cache.get(code);
    if (v === undefined) {
      if (!/^-?\d+$/.test(code)) throw new Error(`${this.name}: code "${code}" is not an integer, and the column is numeric (the SNDS stores it as a number)`);
      v = this.convert(code);
      if (this.cache.size < 1_000_000) this.cache.set(code, v);
    }
    return v;
  }
}

/**
 * The value of a code of one to nine digits, optionally negative, read in one pass (cheaper than
 * looking the code up); NaN for anything else (the column's CodeParser then parses it or refuses it).
 */
function smallInt(code: string): number {
  const n = code.length;
  let i = n > 0 && code.charCodeAt(0) === 45 ? 1 : 0;
  if (n === i || n - i > 9) return NaN;
  let v = 0;
  for (; i < n; i++) {
    const d = code.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    v = v * 10 + d;
  }
  return code.charCodeAt(0) === 45 ? -v : v;
}

const noDay = (name: string, kind: string): never => {
  throw new Error(`${name}: ${kind} columns do not hold dates`);
};

function growTyped<T extends Int32Array | Float64Array | Uint8Array>(old: T, capacity: number, fill: number): T {
  const next = new (old.constructor as new (n: number) => T)(capacity);
  next.set(old);
  next.fill(fill, old.length);
  return next;
}

const asBool = (v: CellValue) => (v === true || v === 1 || v === '1' || v === 'true' ? 1 : 0);

export class I32Column implements ColumnBase {
  data: Int32Array;
  private readonly codes: CodeParser<number>;
  constructor(readonly name: string, readonly kind: 'i32' | 'date', capacity: number) {
    this.data = new Int32Array(capacity).fill(NULL_INT);
    this.codes = new CodeParser(name, (digits) => {
      const n = Number(digits);
      if (n > 2147483647 || n < -2147483647) throw new Error(`${name}: code "${digits}" does not fit a 32-bit integer (declare the column bigint)`);
      return n;
    }, NULL_INT);
  }
  blank(capacity: number): I32Column {
    return new I32Column(this.name, this.kind, capacity);
  }
  grow(capacity: number) {
    this.data = growTyped(this.data, capacity, NULL_INT);
  }
  shift(from: number, count: number) {
    this.data.copyWithin(0, from, from + count);
    this.data.fill(NULL_INT, count, from + count);
  }
  encode(value: string | number | boolean): number {
    if (this.kind === 'date') return Number(value);
    return typeof value === 'string' ? this.codes.parse(value) : Number(value);
  }
  store(row: number, value: number | null) {
    this.data[row] = value === null ? NULL_INT : value;
  }
  copyCell(source: Column, row: number, into = row) {
    this.data[into] = (source as I32Column).data[row];
  }
  putCode(row: number, code: string | null) {
    if (this.kind === 'date') throw new Error(`${this.name}: a date column does not take codes`);
    if (code === null) this.data[row] = NULL_INT;
    else {
      const v = smallInt(code);
      this.data[row] = v === v ? v : this.codes.parse(code);
    }
  }
  putDay(row: number, day: number | null, unit: DayUnit) {
    if (day === null) this.data[row] = NULL_INT;
    else if (this.kind === 'date') this.data[row] = unit === 'day' ? day : unit === 'month' ? firstOfMonth(day) : daysFromCivil(civilYear(day), 1, 1);
    else if (unit === 'year') this.data[row] = civilYear(day);
    else noDay(this.name, 'integer');
  }
  cellTo(target: Column, row: number) {
    const v = this.data[row];
    if (this.kind === 'date') target.putDay(row, v === NULL_INT ? null : v, 'day');
    else target.putCode(row, v === NULL_INT ? null : String(v));
  }
  setter(where: string): Setter {
    const what = this.kind === 'date' ? 'day number' : 'integer';
    return (row, v) => {
      if (v === null) this.data[row] = NULL_INT;
      else if (typeof v === 'string' && this.kind === 'i32') this.data[row] = this.codes.parse(v);
      else {
        const n = typeof v === 'number' ? v : Number(v);
        if (!Number.isInteger(n)) throw new Error(`${where}: ${what} expected, got ${String(v)}`);
        this.data[row] = n;
      }
    };
  }
  putNumber(row: number, value: number | null) {
    this.store(row, value);
  }
  private readonly held = new Int32Array(HELD_SLOTS).fill(NULL_INT);
  hold(slot: number, code: string | null) {
    if (this.kind === 'date') throw new Error(`${this.name}: a date column does not take codes`);
    this.held[slot] = code === null ? NULL_INT : this.codes.parse(code);
  }
  holdNumber(slot: number, value: number | null) {
    this.held[slot] = value === null ? NULL_INT : value;
  }
  putHeld(row: number, slot: number) {
    this.data[row] = this.held[slot];
  }
  fillHeld(from: number, count: number, slot: number) {
    const v = this.held[slot];
    const data = this.data;
    for (let r = from, to = from + count; r < to; r++) data[r] = v;
  }
  /** The last code of a run and its value: a sheet's rows often repeat a code ('0', the sheet's sign...). */
  private runCode: string | null = null;
  private runValue = NULL_INT;
  putCodes(from: number, codes: readonly (string | null)[], count: number) {
    if (this.kind === 'date') throw new Error(`${this.name}: a date column does not take codes`);
    const data = this.data;
    for (let i = 0; i < count; i++) {
      const code = codes[i];
      if (code === null) data[from + i] = NULL_INT;
      else if (code === this.runCode) data[from + i] = this.runValue;
      else {
        const v = smallInt(code);
        const value = v === v ? v : this.codes.parse(code);
        this.runCode = code;
        this.runValue = value;
        data[from + i] = value;
      }
    }
  }
  accept<R>(v: ColumnVisitor<R>): R {
    return v.i32(this);
  }
}

/** The SNDS's text form of a day number: 'DDMMYYYY' (PMSI ENT_DAT), 'YYYYMM', 'YYYY'. */
function dayText(day: number, unit: DayUnit): string {
  return unit === 'day' ? civilDayText(day) : unit === 'month' ? civilYearMonth(day) : String(civilYear(day));
}

/**
 * 64-bit integers (CIP13 and other codes wider than 9 digits): a BigInt64Array, INT64_MIN for null.
 * Codes arrive as text (parsed once per code) or as numbers (exact below 2^53).
 */
export class I64Column implements ColumnBase {
  readonly kind = 'i64' as const;
  data: BigInt64Array;
  private readonly codes: CodeParser<bigint>;
  constructor(readonly name: string, capacity: number) {
    this.data = new BigInt64Array(capacity).fill(NULL_BIGINT);
    this.codes = new CodeParser(name, (digits) => {
      const v = BigInt(digits);
      if (v <= NULL_BIGINT || v > 9223372036854775807n) throw new Error(`${name}: code "${digits}" does not fit a 64-bit integer`);
      return v;
    }, NULL_BIGINT);
  }
  private exact(value: number): bigint {
    if (!Number.isSafeInteger(value)) throw new Error(`${this.name}: ${value} is not an integer below 2^53; give wide codes as text`);
    return BigInt(value);
  }
  blank(capacity: number): I64Column {
    return new I64Column(this.name, capacity);
  }
  grow(capacity: number) {
    const next = new BigInt64Array(capacity);
    next.set(this.data);
    next.fill(NULL_BIGINT, this.data.length);
    this.data = next;
  }
  shift(from: number, count: number) {
    this.data.copyWithin(0, from, from + count);
    this.data.fill(NULL_BIGINT, count, from + count);
  }
  encode(value: string | number | boolean): number {
    const n = typeof value === 'string' ? Number(this.codes.parse(value)) : Number(value);
    this.exact(n);
    return n;
  }
  store(row: number, value: number | null) {
    this.data[row] = value === null ? NULL_BIGINT : this.exact(value);
  }
  copyCell(source: Column, row: number, into = row) {
    this.data[into] = (source as I64Column).data[row];
  }
  setter(where: string): Setter {
    return (row, v) => {
      if (v === null) this.data[row] = NULL_BIGINT;
      else if (typeof v === 'string') this.data[row] = this.codes.parse(v);
      else if (typeof v === 'number') this.data[row] = this.exact(v);
      else throw new Error(`${where}: integer expected, got ${String(v)}`);
    };
  }
  putCode(row: number, code: string | null) {
    this.data[row] = code === null ? NULL_BIGINT : this.codes.parse(code);
  }
  putDay(): void {
    noDay(this.name, '64-bit integer');
  }
  cellTo(target: Column, row: number) {
    const v = this.data[row];
    target.putCode(row, v === NULL_BIGINT ? null : String(v));
  }
  putNumber(row: number, value: number | null) {
    this.store(row, value);
  }
  private readonly held = new BigInt64Array(HELD_SLOTS).fill(NULL_BIGINT);
  hold(slot: number, code: string | null) {
    this.held[slot] = code === null ? NULL_BIGINT : this.codes.parse(code);
  }
  holdNumber(slot: number, value: number | null) {
    this.held[slot] = value === null ? NULL_BIGINT : this.exact(value);
  }
  putHeld(row: number, slot: number) {
    this.data[row] = this.held[slot];
  }
  fillHeld(from: number, count: number, slot: number) {
    for (let r = from, to = from + count; r < to; r++) this.putHeld(r, slot);
  }
  putCodes(from: number, codes: readonly (string | null)[], count: number) {
    for (let i = 0; i < count; i++) this.putCode(from + i, codes[i]);
  }
  accept<R>(v: ColumnVisitor<R>): R {
    return v.i64(this);
  }
}

export class F64Column implements ColumnBase {
  readonly kind = 'f64' as const;
  data: Float64Array;
  private readonly codes: CodeParser<number>;
  constructor(readonly name: string, capacity: number) {
    this.data = new Float64Array(capacity).fill(NaN);
    this.codes = new CodeParser(name, Number, NaN);
  }
  blank(capacity: number): F64Column {
    return new F64Column(this.name, capacity);
  }
  grow(capacity: number) {
    this.data = growTyped(this.data, capacity, NaN);
  }
  shift(from: number, count: number) {
    this.data.copyWithin(0, from, from + count);
    this.data.fill(NaN, count, from + count);
  }
  encode(value: string | number | boolean): number {
    return Number(value);
  }
  store(row: number, value: number | null) {
    this.data[row] = value === null ? NaN : value;
  }
  copyCell(source: Column, row: number, into = row) {
    this.data[into] = (source as F64Column).data[row];
  }
  setter(): Setter {
    return (row, v) => (this.data[row] = v === null ? NaN : Number(v));
  }
  putCode(row: number, code: string | null) {
    this.data[row] = code === null ? NaN : this.codes.parse(code);
  }
  putDay(): void {
    noDay(this.name, 'decimal');
  }
  cellTo(target: Column, row: number) {
    const v = this.data[row];
    target.putCode(row, v !== v ? null : String(v));
  }
  putNumber(row: number, value: number | null) {
    this.store(row, value);
  }
  private readonly held = new Float64Array(HELD_SLOTS).fill(NaN);
  hold(slot: number, code: string | null) {
    this.held[slot] = code === null ? NaN : this.codes.parse(code);
  }
  holdNumber(slot: number, value: number | null) {
    this.held[slot] = value === null ? NaN : value;
  }
  putHeld(row: number, slot: number) {
    this.data[row] = this.held[slot];
  }
  fillHeld(from: number, count: number, slot: number) {
    for (let r = from, to = from + count; r < to; r++) this.putHeld(r, slot);
  }
  putCodes(from: number, codes: readonly (string | null)[], count: number) {
    for (let i = 0; i < count; i++) this.putCode(from + i, codes[i]);
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
  blank(capacity: number): BoolColumn {
    return new BoolColumn(this.name, capacity);
  }
  grow(capacity: number) {
    this.data = growTyped(this.data, capacity, NULL_BOOL);
  }
  shift(from: number, count: number) {
    this.data.copyWithin(0, from, from + count);
    this.data.fill(NULL_BOOL, count, from + count);
  }
  encode(value: string | number | boolean): number {
    return asBool(value);
  }
  store(row: number, value: number | null) {
    this.data[row] = value === null ? NULL_BOOL : value;
  }
  copyCell(source: Column, row: number, into = row) {
    this.data[into] = (source as BoolColumn).data[row];
  }
  setter(): Setter {
    return (row, v) => (this.data[row] = v === null ? NULL_BOOL : asBool(v));
  }
  putCode(row: number, code: string | null) {
    this.data[row] = code === null ? NULL_BOOL : asBool(code);
  }
  putDay(): void {
    noDay(this.name, 'boolean');
  }
  cellTo(target: Column, row: number) {
    const v = this.data[row];
    target.putCode(row, v === NULL_BOOL ? null : String(v));
  }
  putNumber(row: number, value: number | null) {
    this.data[row] = value === null ? NULL_BOOL : asBool(value);
  }
  private readonly held = new Uint8Array(HELD_SLOTS).fill(NULL_BOOL);
  hold(slot: number, code: string | null) {
    this.held[slot] = code === null ? NULL_BOOL : asBool(code);
  }
  holdNumber(slot: number, value: number | null) {
    this.held[slot] = value === null ? NULL_BOOL : asBool(value);
  }
  putHeld(row: number, slot: number) {
    this.data[row] = this.held[slot];
  }
  fillHeld(from: number, count: number, slot: number) {
    for (let r = from, to = from + count; r < to; r++) this.putHeld(r, slot);
  }
  putCodes(from: number, codes: readonly (string | null)[], count: number) {
    for (let i = 0; i < count; i++) this.putCode(from + i, codes[i]);
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
  blank(capacity: number): DictColumn {
    return new DictColumn(this.name, this.dictionary, capacity);
  }
  grow(capacity: number) {
    this.data = growTyped(this.data, capacity, -1);
  }
  shift(from: number, count: number) {
    this.data.copyWithin(0, from, from + count);
    this.data.fill(-1, count, from + count);
  }
  encode(value: string | number | boolean): number {
    return this.code(String(value));
  }
  store(row: number, value: number | null) {
    this.data[row] = value === null ? -1 : value;
  }
  copyCell(source: Column, row: number, into = row) {
    this.data[into] = (source as DictColumn).data[row];
  }
  setter(): Setter {
    return (row, v) => (this.data[row] = v === null ? -1 : this.code(typeof v === 'string' ? v : String(v)));
  }
  putCode(row: number, code: string | null) {
    this.data[row] = code === null ? -1 : this.code(code);
  }
  putDay(row: number, day: number | null, unit: DayUnit) {
    this.putCode(row, day === null ? null : dayText(day, unit));
  }
  cellTo(target: Column, row: number) {
    const i = this.data[row];
    target.putCode(row, i < 0 ? null : this.dictionary[i]);
  }
  putNumber(row: number, value: number | null) {
    this.putCode(row, value === null ? null : String(value));
  }
  private readonly held = new Int32Array(HELD_SLOTS).fill(-1);
  hold(slot: number, code: string | null) {
    this.held[slot] = code === null ? -1 : this.code(code);
  }
  holdNumber(slot: number, value: number | null) {
    this.hold(slot, value === null ? null : String(value));
  }
  putHeld(row: number, slot: number) {
    this.data[row] = this.held[slot];
  }
  fillHeld(from: number, count: number, slot: number) {
    for (let r = from, to = from + count; r < to; r++) this.putHeld(r, slot);
  }
  putCodes(from: number, codes: readonly (string | null)[], count: number) {
    for (let i = 0; i < count; i++) this.putCode(from + i, codes[i]);
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
    this.heldBytes = new Uint8Array(HELD_SLOTS * width);
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
  blank(capacity: number): AsciiColumn {
    return new AsciiColumn(this.name, this.width, capacity);
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
    this.lengths.fill(NULL_LEN, count, from + count);
  }
  encode(value: string | number | boolean): number {
    return Number(value);
  }
  /** Numbers are written as their decimal text (rule values of a code column). */
  store(row: number, value: number | null) {
    if (value === null) this.lengths[row] = NULL_LEN;
    else this.set(row, String(value));
  }
  copyCell(source: Column, row: number, into = row) {
    const s = source as AsciiColumn;
    const n = s.lengths[row];
    if (n === NULL_LEN) this.lengths[into] = NULL_LEN;
    else this.setBytes(into, s.bytes, row * s.width, n);
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
  putCode(row: number, code: string | null) {
    if (code === null) this.lengths[row] = NULL_LEN;
    else if (code.length > this.width) throw new Error(`${this.name}: "${code}" is longer than the column's ${this.width} characters`);
    else this.set(row, code);
  }
  putDay(row: number, day: number | null, unit: DayUnit) {
    this.putCode(row, day === null ? null : dayText(day, unit));
  }
  cellTo(target: Column, row: number) {
    target.putCode(row, this.get(row));
  }
  /** The text of the last number stored (a person's birth year on each of their lines): converted once. */
  private lastNumber = NaN;
  private lastNumberText = '';
  putNumber(row: number, value: number | null) {
    if (value === null) this.lengths[row] = NULL_LEN;
    else {
      if (value !== this.lastNumber) {
        this.lastNumber = value;
        this.lastNumberText = String(value);
      }
      this.putCode(row, this.lastNumberText);
    }
  }
  private readonly heldBytes: Uint8Array;
  private readonly heldLengths = new Uint8Array(HELD_SLOTS).fill(NULL_LEN);
  hold(slot: number, code: string | null) {
    if (code === null) this.heldLengths[slot] = NULL_LEN;
    else {
      if (code.length > this.width) throw new Error(`${this.name}: "${code}" is longer than the column's ${this.width} characters`);
      const o = slot * this.width;
      for (let i = 0; i < code.length; i++) {
        const c = code.charCodeAt(i);
        if (c > 127) throw new Error(`${this.name}: "${code}" is not ASCII; give the field no length to store it as text`);
        this.heldBytes[o + i] = c;
      }
      this.heldLengths[slot] = code.length;
    }
  }
  holdNumber(slot: number, value: number | null) {
    this.hold(slot, value === null ? null : String(value));
  }
  putHeld(row: number, slot: number) {
    const n = this.heldLengths[slot];
    this.lengths[row] = n;
    if (n === NULL_LEN) return;
    const bytes = this.bytes;
    const held = this.heldBytes;
    const width = this.width;
    for (let i = 0, o = row * width, h = slot * width; i < n; i++) bytes[o + i] = held[h + i];
  }
  fillHeld(from: number, count: number, slot: number) {
    for (let r = from, to = from + count; r < to; r++) this.putHeld(r, slot);
  }
  putCodes(from: number, codes: readonly (string | null)[], count: number) {
    for (let i = 0; i < count; i++) this.putCode(from + i, codes[i]);
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
  blank(capacity: number): StrColumn {
    return new StrColumn(this.name, capacity);
  }
  grow(capacity: number) {
    for (let i = this.data.length; i < capacity; i++) this.data.push(null);
  }
  shift(from: number, count: number) {
    const data = this.data;
    for (let i = 0; i < count; i++) data[i] = data[from + i];
    for (let i = count; i < from + count; i++) data[i] = null;
  }
  encode(value: string | number | boolean): number {
    return Number(value);
  }
  store(row: number, value: number | null) {
    this.data[row] = value === null ? null : String(value);
  }
  copyCell(source: Column, row: number, into = row) {
    this.data[into] = (source as StrColumn).data[row];
  }
  setter(): Setter {
    return (row, v) => (this.data[row] = v === null ? null : String(v));
  }
  putCode(row: number, code: string | null) {
    this.data[row] = code;
  }
  putDay(row: number, day: number | null, unit: DayUnit) {
    this.data[row] = day === null ? null : dayText(day, unit);
  }
  cellTo(target: Column, row: number) {
    target.putCode(row, this.data[row]);
  }
  putNumber(row: number, value: number | null) {
    this.putCode(row, value === null ? null : String(value));
  }
  private readonly held: (string | null)[] = new Array(HELD_SLOTS).fill(null);
  hold(slot: number, code: string | null) {
    this.held[slot] = code;
  }
  holdNumber(slot: number, value: number | null) {
    this.held[slot] = value === null ? null : String(value);
  }
  putHeld(row: number, slot: number) {
    this.data[row] = this.held[slot];
  }
  fillHeld(from: number, count: number, slot: number) {
    for (let r = from, to = from + count; r < to; r++) this.putHeld(r, slot);
  }
  putCodes(from: number, codes: readonly (string | null)[], count: number) {
    for (let i = 0; i < count; i++) this.putCode(from + i, codes[i]);
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
  blank(): NullColumn {
    return new NullColumn(this.name);
  }
  setter(where: string): Setter {
    throw new Error(`${where} is declared always-null in its schema but the model writes it`);
  }
  putCode(): void {
    throw new Error(`${this.name} is declared always-null in its schema`);
  }
  putDay(): void {
    throw new Error(`${this.name} is declared always-null in its schema`);
  }
  cellTo(target: Column, row: number) {
    target.putCode(row, null);
  }
  putNumber(): void {
    throw new Error(`${this.name} is declared always-null in its schema`);
  }
  hold(): void {
    throw new Error(`${this.name} is declared always-null in its schema`);
  }
  holdNumber(): void {
    throw new Error(`${this.name} is declared always-null in its schema`);
  }
  putHeld(): void {}
  fillHeld(): void {}
  putCodes(_from: number, _codes: readonly (string | null)[], count: number): void {
    if (count > 0) this.putCode();
  }
  accept<R>(v: ColumnVisitor<R>): R {
    return v.null(this);
  }
}

export type Column = I32Column | I64Column | F64Column | BoolColumn | DictColumn | AsciiColumn | StrColumn | NullColumn;
