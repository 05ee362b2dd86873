import { initSync } from 'parquet-wasm/esm';

/**
 * The parquet-wasm module's state, apart from the Parquet encoder: a runtime entry hands it the
 * WebAssembly module without loading the encoder (and Apache Arrow) that a CSV run never needs.
 */

let initialised = false;

/** Give the wasm module (compiled or bytes) to parquet-wasm; called once by each runtime's entry. */
export function initParquetWasm(module: WebAssembly.Module | BufferSource) {
  if (initialised) return;
  initSync({ module });
  initialised = true;
}

export function parquetWasmReady(): boolean {
  return initialised;
}
