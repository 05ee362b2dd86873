import { civilFromDays } from '../calendar-fast.js';
import { NULL_BIGINT, NULL_BOOL, NULL_INT, NULL_LEN, type AsciiColumn, type Column } from '../columns/column.js';
import type { ColumnBatch } from '../columns/table-buffer.js';
import type { EncoderOptions, TableEncoder } from './encoder.js';

/**
 * RFC 4180 CSV with a header line: dates as YYYY-MM-DD, nulls as empty fields, '\n' line ends.
 *
 * A batch is written column by column, then row by row: each column's cells are first rendered as
 * bytes into one staging buffer of its own (a tight loop per column kind, no call per cell), except
 * ASCII code columns, whose fixed-width slots are read in place when no cell needs quoting; the rows
 * are then assembled by copying each cell's bytes, with the batch's exact size known beforehand.
 * Always-null columns cost one separator each.
 */

const NEEDS_QUOTES = /[",\r\n]/;
const COMMA = 44;
const NEWLINE = 10;
const QUOTE = 34;
const utf8 = new TextEncoder();

function quote(s: string): string {
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One column's cells of a batch as bytes: cell r is bytes[starts[r], starts[r + 1]). */
class Staged {
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
    const b = this.bytes;
    if (v < 10) {
      b[this.length++] = 48 + v;
      return;
    }
    let n = 0;
    for (let x = v; x >= 1; x = Math.floor(x / 10)) n++;
    let o = this.length + n;
    this.length = o;
    for (let x = v; x >= 1; x = Math.floor(x / 10)) b[--o] = 48 + (x % 10);
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

const encodedDictionaries = new WeakMap<readonly string[], Uint8Array[]>();

function encodedDictionary(dictionary: readonly string[]): Uint8Array[] {
  let encoded = encodedDictionaries.get(dictionary);
  if (!encoded) {
    encoded = dictionary.map((v) => utf8.encode(quote(v)));
    encodedDictionaries.set(dictionary, encoded);
  }
  return encoded;
}

/** True when a cell of rows [0, n) of an ASCII column holds a separator, a quote or a line break. */
function asciiNeedsQuotes(c: AsciiColumn, n: number): boolean {
  const { bytes, lengths, width } = c;
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

/** Render rows [0, n) of a column into `s` (starts[r] .. starts[r + 1] is cell r). */
function stage(column: Column, n: number, s: Staged): void {
  // `reset` may replace the buffers: read s.bytes and s.starts after it.
  column.accept<void>({
    i32(c) {
      const data = c.data;
      if (c.kind === 'date') {
        s.reset(n, 10);
        const starts = s.starts;
        const b = s.bytes;
        let o = 0;
        for (let r = 0; r < n; r++) {
          starts[r] = o;
          const d = data[r];
          if (d === NULL_INT) continue;
          const k = dateOffset(d);
          if (k >= 0) for (let i = 0; i < 10; i++) b[o + i] = dateBytes[k + i];
          else renderDate(d, b, o);
          o += 10;
        }
        starts[n] = o;
        s.length = o;
        return;
      }
      s.reset(n, 11);
      const starts = s.starts;
      for (let r = 0; r < n; r++) {
        starts[r] = s.length;
        const v = data[r];
        if (v !== NULL_INT) s.int(v);
      }
      starts[n] = s.length;
    },
    i64(c) {
      const data = c.data;
      s.reset(n, 20);
      const starts = s.starts;
      for (let r = 0; r < n; r++) {
        starts[r] = s.length;
        const v = data[r];
        if (v !== NULL_BIGINT) s.ascii(String(v));
      }
      starts[n] = s.length;
    },
    f64(c) {
      const data = c.data;
      s.reset(n, 8);
      const starts = s.starts;
      for (let r = 0; r < n; r++) {
        s.ensure(32);
        starts[r] = s.length;
        const v = data[r];
        if (v === v) s.number(v);
      }
      starts[n] = s.length;
    },
    bool(c) {
      const data = c.data;
      s.reset(n, 5);
      const starts = s.starts;
      const b = s.bytes;
      let o = 0;
      for (let r = 0; r < n; r++) {
        starts[r] = o;
        const v = data[r];
        if (v === NULL_BOOL) continue;
        if (v) {
          b[o] = 116; b[o + 1] = 114; b[o + 2] = 117; b[o + 3] = 101; // true
          o += 4;
        } else {
          b[o] = 102; b[o + 1] = 97; b[o + 2] = 108; b[o + 3] = 115; b[o + 4] = 101; // false
          o += 5;
        }
      }
      starts[n] = o;
      s.length = o;
    },
    dict(c) {
      const values = encodedDictionary(c.dictionary);
      const data = c.data;
      let width = 0;
      for (const v of values) if (v.length > width) width = v.length;
      s.reset(n, width);
      const starts = s.starts;
      const b = s.bytes;
      let o = 0;
      for (let r = 0; r < n; r++) {
        starts[r] = o;
        const i = data[r];
        if (i < 0) continue;
        const v = values[i];
        for (let k = 0; k < v.length; k++) b[o++] = v[k];
      }
      starts[n] = o;
      s.length = o;
    },
    ascii(c) {
      // Only when a cell needs quoting (the others are read in place).
      s.reset(n, c.width + 2);
      const starts = s.starts;
      for (let r = 0; r < n; r++) {
        starts[r] = s.length;
        const v = c.get(r);
        if (v === null) continue;
        const q = utf8.encode(quote(v));
        s.ensure(q.length);
        s.copy(q, 0, q.length);
      }
      starts[n] = s.length;
    },
    str(c) {
      const data = c.data;
      s.reset(n, 16);
      const starts = s.starts;
      for (let r = 0; r < n; r++) {
        starts[r] = s.length;
        const v = data[r];
        if (v === null) continue;
        const q = utf8.encode(quote(v));
        s.ensure(q.length);
        s.copy(q, 0, q.length);
      }
      starts[n] = s.length;
    },
    null() {
      throw new Error('an always-null column is never staged');
    },
  });
}

/** Rows [0, n) as CSV lines from each column's cell bytes (null if the size is not `total`). */
function assemble(
  n: number, total: number, cellBytes: Uint8Array[], cellStarts: Int32Array[], slotWidths: number[], slotLengths: Uint8Array[], commasBefore: number[], trailingCommas: number,
): Uint8Array | null {
  const out = new Uint8Array(total);
  const cells = cellBytes.length;
  let o = 0;
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < cells; c++) {
      for (let k = commasBefore[c]; k > 0; k--) out[o++] = COMMA;
      const src = cellBytes[c];
      const w = slotWidths[c];
      let from: number;
      let to: number;
      if (w > 0) {
        const len = slotLengths[c][r];
        if (len === NULL_LEN) continue;
        from = r * w;
        to = from + len;
      } else {
        const st = cellStarts[c];
        from = st[r];
        to = st[r + 1];
      }
      while (from < to) out[o++] = src[from++];
    }
    for (let k = trailingCommas; k > 0; k--) out[o++] = COMMA;
    out[o++] = NEWLINE;
  }
  return o === total ? out : null;
}

export class CsvEncoder implements TableEncoder {
  private headerWritten = false;
  /** One staging buffer per column, reused from batch to batch. */
  private staged: Staged[] = [];

  constructor(private readonly options: EncoderOptions) {}

  /** Rows follow one another in CSV: a batch cut anywhere gives the same bytes. */
  writableAhead(_batchStart: number, rows: number): number {
    return rows;
  }

  async write(batch: ColumnBatch) {
    const { sink, table } = this.options;
    if (!this.headerWritten) {
      await sink.write(utf8.encode(table.fields.map((f) => quote(f.name)).join(',') + '\n'));
      this.headerWritten = true;
    }
    if (batch.length === 0) return;
    // Rendering is synchronous and outside this async function: locals that live across an `await`
    // are kept in the suspended function's context, which would slow every store of the loops.
    await sink.write(this.render(batch));
  }

  /** The CSV bytes of a batch's rows. */
  private render(batch: ColumnBatch): Uint8Array {
    const n = batch.length;
    const columns = batch.columns;
    // The non-null columns, in order, each with the separators before it; two sources of cell bytes:
    // a staging buffer (bytes + starts), or an ASCII column's slots read in place (bytes + width + lengths).
    const cellBytes: Uint8Array[] = [];
    const cellStarts: Int32Array[] = [];
    const slotWidths: number[] = [];
    const slotLengths: Uint8Array[] = [];
    const commasBefore: number[] = [];
    let pending = 0;
    let total = n * (columns.length > 0 ? columns.length : 1);
    for (let i = 0; i < columns.length; i++) {
      if (i > 0) pending++;
      const col = columns[i];
      if (col.kind === 'null') continue;
      commasBefore.push(pending);
      pending = 0;
      if (col.kind === 'ascii' && !asciiNeedsQuotes(col, n)) {
        cellBytes.push(col.bytes);
        cellStarts.push(EMPTY_STARTS);
        slotWidths.push(col.width);
        slotLengths.push(col.lengths);
        const lengths = col.lengths;
        for (let r = 0; r < n; r++) if (lengths[r] !== NULL_LEN) total += lengths[r];
        continue;
      }
      const s = (this.staged[i] ??= new Staged(n, 8));
      stage(col, n, s);
      cellBytes.push(s.bytes);
      cellStarts.push(s.starts);
      slotWidths.push(0);
      slotLengths.push(EMPTY_LENGTHS);
      total += s.starts[n];
    }
    const out = assemble(n, total, cellBytes, cellStarts, slotWidths, slotLengths, commasBefore, pending);
    if (out === null) throw new Error(`${this.options.table.name}: CSV batch of another size than the ${total} bytes expected`);
    return out;
  }

  async finish() {
    if (!this.headerWritten) await this.write({ table: this.options.table, length: 0, columns: [] });
  }
}

const EMPTY_STARTS = new Int32Array(0);
const EMPTY_LENGTHS = new Uint8Array(0);
