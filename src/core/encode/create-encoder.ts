import { CsvEncoder } from './csv-encoder.js';
import type { EncoderOptions, Format, TableEncoder } from './encoder.js';

/**
 * The encoder of a format. The Arrow and Parquet encoders are loaded on first use only: a CSV run
 * never loads them (nor does any encoder load Apache Arrow: see arrow-ipc-messages.ts).
 */
export async function createEncoder(format: Format, options: EncoderOptions): Promise<TableEncoder> {
  switch (format) {
    case 'parquet':
      return new (await import('./parquet-encoder.js')).ParquetEncoder(options);
    case 'arrow':
      return new (await import('./arrow-ipc-encoder.js')).ArrowIpcEncoder(options);
    case 'csv':
      return new CsvEncoder(options);
  }
}
