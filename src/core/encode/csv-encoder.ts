import { civilFromDays } from '../calendar-fast.js';
import { NULL_BOOL, NULL_INT, NULL_LEN, type Column } from '../columns/column.js';
import type { ColumnBatch } from '../columns/table-buffer.js';
import type { EncoderOptions, TableEncoder } from './encoder.js';

/**
 * RFC 4180 CSV with a header line: dates as YYYY-MM-DD, nulls as empty fields, '\n' line ends.
 * Cells are written as bytes straight into one buffer per batch (no per-row or per-number strings),
 * row by row from the column stores; runs of always-null columns cost one separator each.
 */

const NEEDS_QUOTES = /[",\r\n]/;
const COMMA = 44;
const NEWLINE = 10;
const QUOTE = 34;
const utf8 = new TextEncoder();

function quote(s: string): string {
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

class ByteBuffer {
  bytes: Uint8Array;
  length = 0;
  /**
   * Bytes the rest of a row may still write without checking (its bounded cells): a cell of unbounded
   * length (free text, a quoted code) makes room for itself plus this, so the cells after it fit.
   */
  rowReserve = 0;
  constructor(size: number) {
    this.bytes = new Uint8Array(size);
  }
  ensure(n: number) {
    if (this.length + n <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.bytes.subarray(0, this.length));
    this.bytes = next;
  }
  /** Copy `n` bytes of `src` from `offset` (short cells: a loop beats subarray + set). */
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

const dateCache = new Map<number, Uint8Array>();
function isoDay(day: number): Uint8Array {
  let b = dateCache.get(day);
  if (!b) {
    const [y, m, d] = civilFromDays(day);
    b = utf8.encode(`${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`);
    if (dateCache.size < 200_000) dateCache.set(day, b);
  }
  return b;
}

const encodedDictionaries = new WeakMap<readonly string[], Uint8Array[]>();

type CellWriter = (out: ByteBuffer, row: number) => void;

/** Bytes a cell of the column may take at most, when bounded (unbounded text is ensured cell by cell). */
const BOUNDED = 32;

/** The writer of one column's cells (null for a column that is always null), and its widest cell. */
function cellWriter(column: Column): { write: CellWriter | null; width: number } {
  return column.accept<{ write: CellWriter | null; width: number }>({
    i32: (c) =>
      c.kind === 'date'
        ? {
            width: 11,
            write: (out, r) => {
              const d = c.data[r];
              if (d !== NULL_INT) out.copy(isoDay(d), 0, 10);
            },
          }
        : {
            width: 11,
            write: (out, r) => {
              const v = c.data[r];
              if (v !== NULL_INT) out.int(v);
            },
          },
    f64: (c) => ({
      width: BOUNDED,
      write: (out, r) => {
        const v = c.data[r];
        if (v === v) out.number(v);
      },
    }),
    bool: (c) => ({
      width: 5,
      write: (out, r) => {
        const v = c.data[r];
        if (v !== NULL_BOOL) out.ascii(v ? 'true' : 'false');
      },
    }),
    dict: (c) => {
      let encoded = encodedDictionaries.get(c.dictionary);
      if (!encoded) {
        encoded = c.dictionary.map((v) => utf8.encode(quote(v)));
        encodedDictionaries.set(c.dictionary, encoded);
      }
      const values = encoded;
      const width = values.reduce((m, v) => Math.max(m, v.length), 0);
      return {
        width,
        write: (out, r) => {
          const i = c.data[r];
          if (i >= 0) out.copy(values[i], 0, values[i].length);
        },
      };
    },
    ascii: (c) => ({
      width: c.width,
      write: (out, r) => {
        const n = c.lengths[r];
        if (n === NULL_LEN) return;
        const o = r * c.width;
        const bytes = c.bytes;
        // Identifiers and codes rarely need quoting; anything with a separator or quote does.
        for (let i = o; i < o + n; i++) {
          const b = bytes[i];
          if (b === COMMA || b === QUOTE || b === NEWLINE || b === 13) {
            const q = utf8.encode(quote(c.get(r) as string));
            out.ensure(q.length + out.rowReserve);
            out.copy(q, 0, q.length);
            return;
          }
        }
        out.copy(bytes, o, n);
      },
    }),
    str: (c) => ({
      width: 0,
      write: (out, r) => {
        const v = c.data[r];
        if (v === null) return;
        const q = utf8.encode(quote(v));
        out.ensure(q.length + out.rowReserve);
        out.copy(q, 0, q.length);
      },
    }),
    null: () => ({ write: null, width: 0 }),
  });
}

/** A row as the writers of its non-null columns, each preceded by its separators. */
interface RowPlan {
  writers: CellWriter[];
  commasBefore: number[];
  trailingCommas: number;
  /** Bytes of a row at most, for the cells whose width is bounded. */
  maxRow: number;
}

function rowPlan(columns: readonly Column[]): RowPlan {
  const writers: CellWriter[] = [];
  const commasBefore: number[] = [];
  let pending = 0;
  let maxRow = columns.length + 1;
  columns.forEach((col, i) => {
    if (i > 0) pending++;
    const { write, width } = cellWriter(col);
    maxRow += width;
    if (!write) return;
    writers.push(write);
    commasBefore.push(pending);
    pending = 0;
  });
  return { writers, commasBefore, trailingCommas: pending, maxRow };
}

export class CsvEncoder implements TableEncoder {
  private headerWritten = false;
  private plan: { columns: readonly Column[]; plan: RowPlan } | undefined;

  constructor(private readonly options: EncoderOptions) {}

  async write(batch: ColumnBatch) {
    const { sink, table } = this.options;
    if (!this.headerWritten) {
      await sink.write(utf8.encode(table.fields.map((f) => quote(f.name)).join(',') + '\n'));
      this.headerWritten = true;
    }
    if (batch.length === 0) return;
    if (this.plan?.columns !== batch.columns) this.plan = { columns: batch.columns, plan: rowPlan(batch.columns) };
    const { writers, commasBefore, trailingCommas, maxRow } = this.plan.plan;
    const out = new ByteBuffer(Math.max(1 << 16, Math.min(batch.length * maxRow, 1 << 26)));
    out.rowReserve = maxRow;
    const cells = writers.length;
    for (let r = 0; r < batch.length; r++) {
      out.ensure(maxRow);
      for (let c = 0; c < cells; c++) {
        for (let k = commasBefore[c]; k > 0; k--) out.bytes[out.length++] = COMMA;
        writers[c](out, r);
      }
      const tail = out.bytes;
      for (let k = trailingCommas; k > 0; k--) tail[out.length++] = COMMA;
      tail[out.length++] = NEWLINE;
    }
    await sink.write(out.bytes.subarray(0, out.length));
  }

  async finish() {
    if (!this.headerWritten) await this.write({ table: this.options.table, length: 0, columns: [] });
  }
}
