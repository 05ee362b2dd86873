import { civilFromDays } from '../calendar-fast.js';
import { AsciiColumn, BoolColumn, DictColumn, F64Column, I32Column, NULL_BOOL, NULL_INT, NULL_LEN, StrColumn, type Column } from '../columns/column.js';
import type { ColumnBatch } from '../columns/table-buffer.js';
import type { EncoderOptions, TableEncoder } from './encoder.js';

/** RFC 4180 CSV with a header line; dates as YYYY-MM-DD, nulls as empty fields, '\n' line ends. */

const NEEDS_QUOTES = /[",\r\n]/;

function quote(s: string): string {
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function isoDay(day: number): string {
  const [y, m, d] = civilFromDays(day);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** Text of every row of one column (empty string for null). */
function cells(column: Column, n: number): string[] {
  const out = new Array<string>(n);
  if (column instanceof I32Column) {
    const date = column.kind === 'date';
    for (let i = 0; i < n; i++) {
      const v = column.data[i];
      out[i] = v === NULL_INT ? '' : date ? isoDay(v) : String(v);
    }
  } else if (column instanceof F64Column) {
    for (let i = 0; i < n; i++) out[i] = Number.isNaN(column.data[i]) ? '' : String(column.data[i]);
  } else if (column instanceof BoolColumn) {
    for (let i = 0; i < n; i++) out[i] = column.data[i] === NULL_BOOL ? '' : column.data[i] ? 'true' : 'false';
  } else if (column instanceof DictColumn) {
    const quoted = column.dictionary.map(quote);
    for (let i = 0; i < n; i++) out[i] = column.data[i] < 0 ? '' : quoted[column.data[i]];
  } else if (column instanceof AsciiColumn) {
    for (let i = 0; i < n; i++) out[i] = column.lengths[i] === NULL_LEN ? '' : quote(column.get(i) as string);
  } else if (column instanceof StrColumn) {
    for (let i = 0; i < n; i++) out[i] = column.data[i] === null ? '' : quote(column.data[i] as string);
  } else {
    out.fill('');
  }
  return out;
}

export class CsvEncoder implements TableEncoder {
  private readonly text = new TextEncoder();
  private headerWritten = false;

  constructor(private readonly options: EncoderOptions) {}

  async write(batch: ColumnBatch) {
    const { sink, table } = this.options;
    if (!this.headerWritten) {
      await sink.write(this.text.encode(table.fields.map((f) => quote(f.name)).join(',') + '\n'));
      this.headerWritten = true;
    }
    const columns = batch.columns.map((c) => cells(c, batch.length));
    const lines = new Array<string>(batch.length);
    for (let r = 0; r < batch.length; r++) {
      let line = columns[0][r];
      for (let c = 1; c < columns.length; c++) line += ',' + columns[c][r];
      lines[r] = line;
    }
    if (lines.length) await sink.write(this.text.encode(lines.join('\n') + '\n'));
  }

  async finish() {
    if (!this.headerWritten) await this.write({ table: this.options.table, length: 0, columns: [] });
  }
}
