import { civilFromDays } from '../calendar-fast.js';
import { AsciiColumn, BoolColumn, DictColumn, F64Column, I32Column, NULL_BOOL, NULL_INT, NULL_LEN, StrColumn, type Column } from '../columns/column.js';
import type { ColumnBatch } from '../columns/table-buffer.js';
import type { EncoderOptions, TableEncoder } from './encoder.js';

/**
 * RFC 4180 CSV with a header line: dates as YYYY-MM-DD, nulls as empty fields, '\n' line ends.
 * Cells are written as bytes straight into one buffer per batch (no per-row strings), so memory
 * stays proportional to the batch.
 */

const NEEDS_QUOTES = /[",\r\n]/;
const COMMA = 44;
const NEWLINE = 10;
const utf8 = new TextEncoder();

function quote(s: string): string {
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

class ByteBuffer {
  bytes = new Uint8Array(1 << 16);
  length = 0;
  ensure(n: number) {
    if (this.length + n <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.bytes.subarray(0, this.length));
    this.bytes = next;
  }
  push(b: Uint8Array) {
    this.ensure(b.length);
    this.bytes.set(b, this.length);
    this.length += b.length;
  }
  ascii(s: string) {
    this.ensure(s.length);
    for (let i = 0; i < s.length; i++) this.bytes[this.length++] = s.charCodeAt(i);
  }
  byte(b: number) {
    this.ensure(1);
    this.bytes[this.length++] = b;
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

function cellWriter(column: Column): CellWriter {
  if (column instanceof I32Column) {
    if (column.kind === 'date') return (out, r) => void (column.data[r] !== NULL_INT && out.push(isoDay(column.data[r])));
    return (out, r) => void (column.data[r] !== NULL_INT && out.ascii(String(column.data[r])));
  }
  if (column instanceof F64Column) return (out, r) => void (!Number.isNaN(column.data[r]) && out.ascii(String(column.data[r])));
  if (column instanceof BoolColumn) return (out, r) => void (column.data[r] !== NULL_BOOL && out.ascii(column.data[r] ? 'true' : 'false'));
  if (column instanceof DictColumn) {
    let encoded = encodedDictionaries.get(column.dictionary);
    if (!encoded) {
      encoded = column.dictionary.map((v) => utf8.encode(quote(v)));
      encodedDictionaries.set(column.dictionary, encoded);
    }
    const values = encoded;
    return (out, r) => void (column.data[r] >= 0 && out.push(values[column.data[r]]));
  }
  if (column instanceof AsciiColumn) {
    return (out, r) => {
      const n = column.lengths[r];
      if (n === NULL_LEN) return;
      const o = r * column.width;
      // Identifiers and codes rarely need quoting; anything with a separator or quote does.
      for (let i = o; i < o + n; i++) {
        const c = column.bytes[i];
        if (c === COMMA || c === 34 || c === NEWLINE || c === 13) return out.push(utf8.encode(quote(column.get(r) as string)));
      }
      out.push(column.bytes.subarray(o, o + n));
    };
  }
  if (column instanceof StrColumn) return (out, r) => void (column.data[r] !== null && out.push(utf8.encode(quote(column.data[r] as string))));
  return () => undefined;
}

export class CsvEncoder implements TableEncoder {
  private headerWritten = false;

  constructor(private readonly options: EncoderOptions) {}

  async write(batch: ColumnBatch) {
    const { sink, table } = this.options;
    if (!this.headerWritten) {
      await sink.write(utf8.encode(table.fields.map((f) => quote(f.name)).join(',') + '\n'));
      this.headerWritten = true;
    }
    if (batch.length === 0) return;
    const writers = batch.columns.map(cellWriter);
    const out = new ByteBuffer();
    for (let r = 0; r < batch.length; r++) {
      writers[0](out, r);
      for (let c = 1; c < writers.length; c++) {
        out.byte(COMMA);
        writers[c](out, r);
      }
      out.byte(NEWLINE);
    }
    await sink.write(out.bytes.subarray(0, out.length));
  }

  async finish() {
    if (!this.headerWritten) await this.write({ table: this.options.table, length: 0, columns: [] });
  }
}
