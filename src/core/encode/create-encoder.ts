import { ArrowIpcEncoder } from './arrow-ipc-encoder.js';
import { CsvEncoder } from './csv-encoder.js';
import type { EncoderOptions, Format, TableEncoder } from './encoder.js';
import { ParquetEncoder } from './parquet-encoder.js';

export function createEncoder(format: Format, options: EncoderOptions): TableEncoder {
  switch (format) {
    case 'parquet':
      return new ParquetEncoder(options);
    case 'arrow':
      return new ArrowIpcEncoder(options);
    case 'csv':
      return new CsvEncoder(options);
  }
}
