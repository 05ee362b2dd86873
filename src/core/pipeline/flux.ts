import { InputError } from '../errors.js';
import { addMonths, dayOfIso, isoOf } from '../calendar.js';
import type { Column, I32Column } from '../columns/column.js';
import type { ColumnBatch } from '../columns/table-buffer.js';

/**
 * A monthly flux on its own (hdsbench gen --flux YYYY-MM, the refresh phase): the DCIR lines whose
 * FLX_DIS_DTD is that month — its new care, the late lines of earlier care and the regularisations
 * of earlier sheets. The generator runs up to that flux, as for a dataset one month longer, and only
 * those rows are encoded: the flux file holds exactly the rows of that month in the longer dataset.
 */

/** DCIR tables a monthly flux appends to. */
export const FLUX_TABLES = ['ER_PRS_F', 'ER_PHA_F', 'ER_BIO_F', 'ER_CAM_F', 'ER_ETE_F'] as const;
export const FLUX_COLUMN = 'FLX_DIS_DTD';

/** How many months after the dataset's last flux a flux may be asked for (care is simulated up to it). */
export const MAX_FLUX_MONTHS_AHEAD = 12;

/** The flux day (first of the month) of 'YYYY-MM', checked against the care period. */
export function fluxDay(month: string, firstCareDay: number, lastFluxDay: number): number {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new InputError(`flux month must be YYYY-MM (e.g. 2025-07), got "${month}"`);
  const day = dayOfIso(`${month}-01`);
  const first = addMonths(firstCareDay, 1);
  const last = addMonths(lastFluxDay, MAX_FLUX_MONTHS_AHEAD);
  if (day < first || day > last) throw new InputError(`flux month ${month} is outside ${isoOf(first).slice(0, 7)}..${isoOf(last).slice(0, 7)} (the first flux after the care period starts, up to ${MAX_FLUX_MONTHS_AHEAD} months after the dataset's last flux ${isoOf(lastFluxDay).slice(0, 7)})`);
  return day;
}

/**
 * The rows of one table that belong to the flux, copied out of each full batch (rule-driven
 * columns already filled, so every value is the one of the longer dataset) and handed to the
 * encoder in batches of exactly `batchRows` rows (the last one shorter), like any table.
 */
export class FluxRows {
  private readonly columns: Column[];
  private readonly key: I32Column;
  private capacity: number;
  length = 0;

  constructor(
    private readonly table: ColumnBatch['table'],
    source: readonly Column[],
    private readonly day: number,
    private readonly batchRows: number,
  ) {
    this.capacity = 1024;
    this.columns = source.map((c) => c.blank(this.capacity));
    const i = source.findIndex((c) => c.name === FLUX_COLUMN);
    if (i < 0 || source[i].kind !== 'date') throw new InputError(`${table.name} has no ${FLUX_COLUMN} date column: it is not a flux table`);
    this.key = source[i] as I32Column;
  }

  /** Copy the flux rows of `batch` (whose columns are those given to the constructor). */
  add(batch: ColumnBatch) {
    const key = (batch.columns.find((c) => c.name === FLUX_COLUMN) ?? this.key) as I32Column;
    for (let r = 0; r < batch.length; r++) {
      if (key.data[r] !== this.day) continue;
      if (this.length === this.capacity) {
        this.capacity *= 2;
        for (const c of this.columns) c.grow(this.capacity);
      }
      for (let c = 0; c < this.columns.length; c++) this.columns[c].copyCell(batch.columns[c], r, this.length);
      this.length++;
    }
  }

  /** Whether a full batch is ready (or, with `last`, any row at all). */
  ready(last = false): boolean {
    return this.length >= this.batchRows || (last && this.length > 0);
  }

  /** The next batch (up to batchRows rows); valid until release(). */
  take(): ColumnBatch {
    return { table: this.table, length: Math.min(this.length, this.batchRows), columns: this.columns };
  }

  /** Drop the rows of the batch just taken. */
  release() {
    const n = Math.min(this.length, this.batchRows);
    for (const c of this.columns) c.shift(n, this.length - n);
    this.length -= n;
  }
}
