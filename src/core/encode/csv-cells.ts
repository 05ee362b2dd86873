import { civilFromDays } from '../calendar-fast.js';
import { NULL_BOOL, NULL_INT, NULL_LEN, type AsciiColumn, type Column } from '../columns/column.js';

/**
 * The CSV text of one column's cells, per kind of column, for the CSV encoder's assembly: each kind
 * tells the length of every cell of a batch, then writes the cells of a range of rows straight into
 * the output, each at its row's cursor. Codes (dictionaries), dates, booleans, integers and ASCII
 * slots are written from their typed stores without an intermediate copy; decimals and free text
 * are rendered once into a staging buffer of their own first.
 */

export const COMMA = 44;
export const NEWLINE = 10;
const QUOTE = 34;
const NEEDS_QUOTES = /[",\r\n]/;
const utf8 = new TextEncoder();
/** Index of the low and high 32-bit words of a 64-bit integer in an Int32Array view (the platform's byte order). */
const LO = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1 ? 0 : 1;
const HI = 1 - LO;

export function quote(s: string): string {
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One column's CSV cells of a batch of `n` rows (set up by `csvCells`, then used once). */
export interface CsvCells {
  /** Add the byte length of each row's cell to `rowBytes[r]`, r in [0, n). */
  addLengths(rowBytes: Int32Array): void;
  /**
   * Write the cell of every row r in [from, to) at `cursor[r] + commas`, and set the cursor after it:
   * the output is filled with separators beforehand, so the `commas` separators before the cell are
   * already there (and an empty cell is only its separators).
   */
  write(out: Uint8Array, cursor: Int32Array, from: number, to: number, commas: number): void;
}

/** Cells rendered as bytes beforehand: cell r is bytes[starts[r], starts[r + 1]). */
export class Staged {
  bytes: Uint8Array;
  starts: Int32Array;
  length = 0;
  constructor(rows: number, bytesPerRow: number) {
    this.bytes = new Uint8Array(Math.max(64, rows * bytesPerRow));
    this.starts = new Int32Array(rows + 1);
  }
  reset(rows: number, bytesPerRow: number) {
    if (this.starts.length < rows + 1) this.starts = new Int32Array(rows + 1);
    if (this.bytes.length < rows * bytesPerRow) this.bytes = new Uint8Array(rows * bytesPerRow);
    this.length = 0;
  }
  ensure(n: number) {
    if (this.length + n <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.bytes.subarray(0, this.length));
    this.bytes = next;
  }
  copy(src: Uint8Array, offset: number, n: number) {
    const b = this.bytes;
    let o = this.length;
    for (let i = 0; i < n; i++) b[o++] = src[offset + i];
    this.length = o;
  }
  ascii(s: string) {
    this.ensure(s.length);
    for (let i = 0; i < s.length; i++) this.bytes[this.length++] = s.charCodeAt(i);
  }
  /** Decimal digits of a non-negative integer below 2^53. */
  digits(v: number) {
    this.length = writeDigits(this.bytes, this.length, v);
  }
  int(v: number) {
    if (v < 0) {
      this.bytes[this.length++] = 45;
      v = -v;
    }
    this.digits(v);
  }
  /** A double as JavaScript prints it, without a string for the common cases (integers, cents). */
  number(v: number) {
    if (Number.isInteger(v) && Math.abs(v) < 1e15) return this.int(v);
    const cents = Math.round(v * 100);
    if (cents / 100 === v && Math.abs(cents) < 1e15) {
      let a = cents;
      if (a < 0) {
        this.bytes[this.length++] = 45;
        a = -a;
      }
      const units = Math.floor(a / 100);
      const frac = a - units * 100;
      this.digits(units);
      this.bytes[this.length++] = 46;
      if (frac % 10 === 0) this.bytes[this.length++] = 48 + frac / 10;
      else {
        this.bytes[this.length++] = 48 + Math.floor(frac / 10);
        this.bytes[this.length++] = 48 + (frac % 10);
      }
      return;
    }
    this.ascii(String(v));
  }
}

/** Number of decimal digits of a non-negative integer below 2^53 (1 for 0). */
function digitCount(v: number): number {
  let n = 1;
  for (let x = v; x >= 10; x = Math.floor(x / 10)) n++;
  return n;
}

/** Write the decimal digits of a non-negative integer below 2^53 at `o`; returns the offset after them. */
function writeDigits(b: Uint8Array, o: number, v: number): number {
  if (v < 10) {
    b[o] = 48 + v;
    return o + 1;
  }
  if (v < 2147483648) {
    const end = o + digitCount32(v);
    let i = end;
    do {
      const q = (v / 10) | 0;
      b[--i] = 48 + v - q * 10;
      v = q;
    } while (v > 0);
    return end;
  }
  const end = o + digitCount(v);
  let i = end;
  for (let x = v; x >= 1; x = Math.floor(x / 10)) b[--i] = 48 + (x % 10);
  return end;
}

/** 'YYYY-MM-DD' bytes of day numbers, 10 per day, computed once per day over a range of years. */
const DATE_FROM = -60_000; // 1805-09
const DATE_DAYS = 120_000; // to 2134
const dateBytes = new Uint8Array(DATE_DAYS * 10);
const dateDone = new Uint8Array(DATE_DAYS);

function renderDate(day: number, into: Uint8Array, at: number) {
  const [y, m, d] = civilFromDays(day);
  const s = `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
  for (let i = 0; i < 10; i++) into[at + i] = s.charCodeAt(i);
}

/** Offset in `dateBytes` of a day's text, or -1 outside the cached range. */
function dateOffset(day: number): number {
  const k = day - DATE_FROM;
  if (k < 0 || k >= DATE_DAYS) return -1;
  if (dateDone[k] === 0) {
    renderDate(day, dateBytes, k * 10);
    dateDone[k] = 1;
  }
  return k * 10;
}

/** A dictionary's values as CSV text, end to end: value i is bytes[starts[i], starts[i + 1]). */
interface EncodedDictionary {
  bytes: Uint8Array;
  starts: Int32Array;
}

const encodedDictionaries = new WeakMap<readonly string[], EncodedDictionary>();

function encodedDictionary(dictionary: readonly string[]): EncodedDictionary {
  let encoded = encodedDictionaries.get(dictionary);
  if (!encoded) {
    const values = dictionary.map((v) => utf8.encode(quote(v)));
    const starts = new Int32Array(values.length + 1);
    for (let i = 0; i < values.length; i++) starts[i + 1] = starts[i] + values[i].length;
    const bytes = new Uint8Array(starts[values.length]);
    values.forEach((v, i) => bytes.set(v, starts[i]));
    encoded = { bytes, starts };
    encodedDictionaries.set(dictionary, encoded);
  }
  return encoded;
}

/**
 * True when a cell of rows [0, n) of an ASCII column holds a separator, a quote or a line break. A
 * first pass reads the slots whole (all four bytes are below 45, digits and letters above): only
 * when it finds such a byte, possibly in a slot's unused tail, are the cells read one by one.
 */
function asciiNeedsQuotes(c: AsciiColumn, n: number): boolean {
  const { bytes, lengths, width } = c;
  let low = false;
  for (let i = 0, end = n * width; i < end; i++) {
    if (bytes[i] < 45) {
      low = true;
      break;
    }
  }
  if (!low) return false;
  for (let r = 0; r < n; r++) {
    const len = lengths[r];
    if (len === NULL_LEN) continue;
    const o = r * width;
    for (let i = o; i < o + len; i++) {
      const b = bytes[i];
      if (b === COMMA || b === QUOTE || b === NEWLINE || b === 13) return true;
    }
  }
  return false;
}

/** Cells already rendered in a staging buffer. */
class StagedCells implements CsvCells {
  constructor(private readonly s: Staged, private readonly n: number) {}
  addLengths(rowBytes: Int32Array) {
    const starts = this.s.starts;
    for (let r = 0; r < this.n; r++) rowBytes[r] += starts[r + 1] - starts[r];
  }
  write(out: Uint8Array, cursor: Int32Array, from: number, to: number, commas: number) {
    const { bytes, starts } = this.s;
    for (let r = from; r < to; r++) {
      let o = cursor[r] + commas;
      for (let i = starts[r], end = starts[r + 1]; i < end; i++) out[o++] = bytes[i];
      cursor[r] = o;
    }
  }
}

/** ASCII codes read in place from their fixed-width slots (when no cell needs quoting). */
class SlotCells implements CsvCells {
  constructor(private readonly c: AsciiColumn, private readonly n: number) {}
  addLengths(rowBytes: Int32Array) {
    const lengths = this.c.lengths;
    for (let r = 0; r < this.n; r++) {
      const len = lengths[r];
      if (len !== NULL_LEN) rowBytes[r] += len;
    }
  }
  write(out: Uint8Array, cursor: Int32Array, from: number, to: number, commas: number) {
    const { bytes, lengths, width } = this.c;
    for (let r = from; r < to; r++) {
      let o = cursor[r] + commas;
      const len = lengths[r];
      if (len !== NULL_LEN) for (let i = r * width, end = i + len; i < end; i++) out[o++] = bytes[i];
      cursor[r] = o;
    }
  }
}

/** Dictionary codes copied from the dictionary's text. */
class DictCells implements CsvCells {
  private readonly text: EncodedDictionary;
  constructor(private readonly data: Int32Array, dictionary: readonly string[], private readonly n: number) {
    this.text = encodedDictionary(dictionary);
  }
  addLengths(rowBytes: Int32Array) {
    const { data } = this;
    const starts = this.text.starts;
    for (let r = 0; r < this.n; r++) {
      const i = data[r];
      if (i >= 0) rowBytes[r] += starts[i + 1] - starts[i];
    }
  }
  write(out: Uint8Array, cursor: Int32Array, from: number, to: number, commas: number) {
    const { data } = this;
    const { bytes, starts } = this.text;
    for (let r = from; r < to; r++) {
      let o = cursor[r] + commas;
      const v = data[r];
      if (v >= 0) for (let i = starts[v], end = starts[v + 1]; i < end; i++) out[o++] = bytes[i];
      cursor[r] = o;
    }
  }
}

/** Day numbers as YYYY-MM-DD, from the cache of dates' text. */
class DateCells implements CsvCells {
  constructor(private readonly data: Int32Array, private readonly n: number) {}
  addLengths(rowBytes: Int32Array) {
    const { data } = this;
    for (let r = 0; r < this.n; r++) if (data[r] !== NULL_INT) rowBytes[r] += 10;
  }
  write(out: Uint8Array, cursor: Int32Array, from: number, to: number, commas: number) {
    const { data } = this;
    for (let r = from; r < to; r++) {
      let o = cursor[r] + commas;
      const d = data[r];
      if (d !== NULL_INT) {
        const k = dateOffset(d);
        if (k >= 0) {
          out[o] = dateBytes[k];
          out[o + 1] = dateBytes[k + 1];
          out[o + 2] = dateBytes[k + 2];
          out[o + 3] = dateBytes[k + 3];
          out[o + 4] = dateBytes[k + 4];
          out[o + 5] = dateBytes[k + 5];
          out[o + 6] = dateBytes[k + 6];
          out[o + 7] = dateBytes[k + 7];
          out[o + 8] = dateBytes[k + 8];
          out[o + 9] = dateBytes[k + 9];
        } else renderDate(d, out, o);
        o += 10;
      }
      cursor[r] = o;
    }
  }
}

/** Digits of a 32-bit magnitude (0 to 2^31): integer division by `| 0`. */
function digitCount32(v: number): number {
  return v < 10 ? 1 : v < 100 ? 2 : v < 1000 ? 3 : v < 10000 ? 4 : v < 100000 ? 5 : v < 1000000 ? 6 : v < 10000000 ? 7 : v < 100000000 ? 8 : v < 1000000000 ? 9 : 10;
}

/** 32-bit integers as decimal text, written in place. */
class IntCells implements CsvCells {
  constructor(private readonly data: Int32Array, private readonly n: number) {}
  addLengths(rowBytes: Int32Array) {
    const { data } = this;
    for (let r = 0; r < this.n; r++) {
      const v = data[r];
      if (v !== NULL_INT) rowBytes[r] += v < 0 ? 1 + digitCount32(-v) : digitCount32(v);
    }
  }
  write(out: Uint8Array, cursor: Int32Array, from: number, to: number, commas: number) {
    const { data } = this;
    for (let r = from; r < to; r++) {
      let o = cursor[r] + commas;
      let v = data[r];
      if (v >>> 0 < 10) out[o++] = 48 + v;
      else if (v !== NULL_INT) {
        if (v < 0) {
          out[o++] = 45;
          v = -v;
        }
        const end = o + digitCount32(v);
        let i = end;
        do {
          const q = (v / 10) | 0;
          out[--i] = 48 + v - q * 10;
          v = q;
        } while (v > 0);
        o = end;
      }
      cursor[r] = o;
    }
  }
}

/** Booleans as true / false. */
class BoolCells implements CsvCells {
  constructor(private readonly data: Uint8Array, private readonly n: number) {}
  addLengths(rowBytes: Int32Array) {
    const { data } = this;
    for (let r = 0; r < this.n; r++) {
      const v = data[r];
      if (v !== NULL_BOOL) rowBytes[r] += v ? 4 : 5;
    }
  }
  write(out: Uint8Array, cursor: Int32Array, from: number, to: number, commas: number) {
    const { data } = this;
    for (let r = from; r < to; r++) {
      let o = cursor[r] + commas;
      const v = data[r];
      if (v !== NULL_BOOL) {
        if (v) {
          out[o] = 116; out[o + 1] = 114; out[o + 2] = 117; out[o + 3] = 101; // true
          o += 4;
        } else {
          out[o] = 102; out[o + 1] = 97; out[o + 2] = 108; out[o + 3] = 115; out[o + 4] = 101; // false
          o += 5;
        }
      }
      cursor[r] = o;
    }
  }
}

/**
 * The CSV cells of rows [0, n) of a column, or null for an always-null column (its cells are empty).
 * `staging` is the column's staging buffer, reused from batch to batch by the kinds that need one.
 */
export function csvCells(column: Column, n: number, staging: () => Staged): CsvCells | null {
  return column.accept<CsvCells | null>({
    i32: (c) => (c.kind === 'date' ? new DateCells(c.data, n) : new IntCells(c.data, n)),
    i64(c) {
      const data = c.data;
      // The values as 32-bit words: a value whose high word is within ±2^21 is below 2^53 in
      // magnitude (CIP13 codes), read as an exact Number without a BigInt; null is INT64_MIN.
      const words = new Int32Array(data.buffer, data.byteOffset, n * 2);
      const s = staging();
      s.reset(n, 20);
      const starts = s.starts;
      for (let r = 0; r < n; r++) {
        starts[r] = s.length;
        const lo = words[2 * r + LO];
        const hi = words[2 * r + HI];
        if (hi >= -2097152 && hi < 2097152) {
          s.ensure(20);
          s.int(hi * 4294967296 + (lo >>> 0));
        } else if (hi !== -2147483648 || lo !== 0) s.ascii(String(data[r]));
      }
      starts[n] = s.length;
      return new StagedCells(s, n);
    },
    f64(c) {
      const data = c.data;
      const s = staging();
      s.reset(n, 8);
      const starts = s.starts;
      for (let r = 0; r < n; r++) {
        s.ensure(32);
        starts[r] = s.length;
        const v = data[r];
        if (v === v) s.number(v);
      }
      starts[n] = s.length;
      return new StagedCells(s, n);
    },
    bool: (c) => new BoolCells(c.data, n),
    dict: (c) => new DictCells(c.data, c.dictionary, n),
    ascii(c) {
      if (!asciiNeedsQuotes(c, n)) return new SlotCells(c, n);
      const s = staging();
      s.reset(n, c.width + 2);
      for (let r = 0; r < n; r++) {
        s.starts[r] = s.length;
        const v = c.get(r);
        if (v === null) continue;
        const q = utf8.encode(quote(v));
        s.ensure(q.length);
        s.copy(q, 0, q.length);
      }
      s.starts[n] = s.length;
      return new StagedCells(s, n);
    },
    str(c) {
      const data = c.data;
      const s = staging();
      s.reset(n, 16);
      for (let r = 0; r < n; r++) {
        s.starts[r] = s.length;
        const v = data[r];
        if (v === null) continue;
        const q = utf8.encode(quote(v));
        s.ensure(q.length);
        s.copy(q, 0, q.length);
      }
      s.starts[n] = s.length;
      return new StagedCells(s, n);
    },
    null: () => null,
  });
}
