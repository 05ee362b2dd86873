import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { initParquetWasm } from '../core/encode/parquet-wasm.js';

/** Node entry for parquet-wasm: read the wasm file shipped in the package and initialise it. */
export function initParquetForNode() {
  const require = createRequire(import.meta.url);
  initParquetWasm(readFileSync(require.resolve('parquet-wasm/esm/parquet_wasm_bg.wasm')));
}
