import type { TableSchema } from '../catalog/catalog-types.js';
import type { Column } from '../columns/column.js';
import type { ColumnBatch } from '../columns/table-buffer.js';
import type { ByteSink } from './byte-sink.js';

export const FORMATS = ['parquet', 'arrow', 'csv'] as const;
export type Format = (typeof FORMATS)[number];

export const FORMAT_EXTENSIONS: Record<Format, string> = { parquet: 'parquet', arrow: 'arrows', csv: 'csv' };
export const FORMAT_MEDIA_TYPES: Record<Format, string> = {
  parquet: 'application/vnd.apache.parquet',
  arrow: 'application/vnd.apache.arrow.stream',
  csv: 'text/csv; charset=utf-8',
};

export function isFormat(s: string): s is Format {
  return (FORMATS as readonly string[]).includes(s);
}

/** Encodes one table's batches, in order, into one file's bytes. */
export interface TableEncoder {
  write(batch: ColumnBatch): Promise<void>;
  /**
   * How many of the next `rows` rows may be written now, as a batch of their own, with the file's
   * bytes unchanged, when the batch they belong to began at row `batchStart` of the file (rows
   * written so far count from 0). Lets the generator hold fewer rows than a batch. Absent: none
   * (the batches are part of the format, as Arrow IPC's record batches are).
   */
  writableAhead?(batchStart: number, rows: number): number;
  /** Write the trailer (footer, end-of-stream) and wait until every byte reached the sink. */
  finish(): Promise<void>;
}

export interface EncoderOptions {
  table: TableSchema;
  /** The table buffer's columns (their kinds give the Arrow schema of the Arrow and Parquet encoders). */
  columns: readonly Column[];
  sink: ByteSink;
  /** Rows per Parquet row group (every batch but the last has exactly this many). */
  rowGroupRows: number;
  /**
   * Called between slices of a batch's encoding (see GenerateRequest.pause): a server hands its
   * thread back to other requests there. Does not change a byte of the output.
   */
  pause?(): Promise<void> | void;
}
