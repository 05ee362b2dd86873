import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { initParquetWasm, parquetWasmReady } from '../core/encode/parquet-wasm.js';

/** Node entry for parquet-wasm: the wasm file shipped in the package, compiled and handed to parquet-wasm. */

const wasmPath = () => createRequire(import.meta.url).resolve('parquet-wasm/esm/parquet_wasm_bg.wasm');

let compiled: Promise<WebAssembly.Module> | undefined;

/**
 * The wasm module, compiled once per process: the first call starts the compilation, on V8's
 * compiler threads, so that a caller can start it early and go on loading and preparing while it
 * runs. The module can be posted to worker threads, which then compile nothing.
 */
export function compileParquetWasm(): Promise<WebAssembly.Module> {
  compiled ??= readFile(wasmPath()).then((bytes) => WebAssembly.compile(bytes));
  return compiled;
}

/** Initialise parquet-wasm from compileParquetWasm's module (or the one given), unless it already is. */
export async function initParquetForNodeAsync(module?: WebAssembly.Module): Promise<void> {
  if (parquetWasmReady()) return;
  initParquetWasm(module ?? (await compileParquetWasm()));
}

/**
 * Initialise parquet-wasm at once: with a module compiled elsewhere (a worker thread given its
 * parent's), or compiling the module in this thread (benchmarks and tests).
 */
export function initParquetForNode(module?: WebAssembly.Module) {
  if (parquetWasmReady()) return;
  initParquetWasm(module ?? readFileSync(wasmPath()));
}
