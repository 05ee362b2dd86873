import type { ColumnBatch } from '../columns/table-buffer.js';
import { COMMA, NEWLINE, Staged, csvCells, quote, type CsvCells } from './csv-cells.js';
import type { EncoderOptions, TableEncoder } from './encoder.js';

/**
 * RFC 4180 CSV with a header line: dates as YYYY-MM-DD, nulls as empty fields, '\n' line ends.
 *
 * A batch is written column by column within chunks of rows: every row's byte length is known first
 * (each column kind adds its cells' lengths, see csv-cells.ts), so every row has its place in the
 * batch's output from the start; then, chunk after chunk of ROWS_PER_CHUNK rows, each column writes
 * its cells at its rows' cursors (one tight loop per column kind, no call per cell), and the rows are
 * ended. A chunk's output stays in the processor's cache while its columns are written. Always-null
 * columns cost one separator each.
 */

const utf8 = new TextEncoder();

/** Rows written column by column at a time: their output (a few hundred bytes a row) stays in cache. */
const ROWS_PER_CHUNK = 256;

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
    // The non-null columns, in order, each with the separators before it.
    const cells: CsvCells[] = [];
    const commasBefore: number[] = [];
    let pending = 0;
    for (let i = 0; i < columns.length; i++) {
      if (i > 0) pending++;
      const c = csvCells(columns[i], n, () => (this.staged[i] ??= new Staged(n, 8)));
      if (c === null) continue;
      cells.push(c);
      commasBefore.push(pending);
      pending = 0;
    }
    // Each row's bytes (its separators, cells and line end), then where each row starts.
    const rowStarts = new Int32Array(n + 1);
    const rowBytes = rowStarts.subarray(1);
    rowBytes.fill(columns.length > 0 ? columns.length : 1);
    for (const c of cells) c.addLengths(rowBytes);
    for (let r = 0; r < n; r++) rowStarts[r + 1] += rowStarts[r];
    const total = rowStarts[n];
    // Separators everywhere first: a cell is written after its separators, which are then already there.
    const out = new Uint8Array(total).fill(COMMA);
    const cursor = rowStarts.slice(0, n);
    for (let from = 0; from < n; from += ROWS_PER_CHUNK) {
      const to = Math.min(n, from + ROWS_PER_CHUNK);
      for (let c = 0; c < cells.length; c++) cells[c].write(out, cursor, from, to, commasBefore[c]);
      for (let r = from; r < to; r++) {
        const o = cursor[r] + pending;
        out[o] = NEWLINE;
        cursor[r] = o + 1;
      }
    }
    for (let r = 0; r < n; r++) {
      if (cursor[r] !== rowStarts[r + 1]) throw new Error(`${this.options.table.name}: CSV row ${r} of a batch is not of the ${rowStarts[r + 1] - rowStarts[r]} bytes expected`);
    }
    return out;
  }

  async finish() {
    if (!this.headerWritten) await this.write({ table: this.options.table, length: 0, columns: [] });
  }
}

