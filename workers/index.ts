import wasm from 'parquet-wasm/esm/parquet_wasm_bg.wasm';
import { createApp } from '../src/app/app.js';
import { initParquetWasm } from '../src/core/encode/parquet-wasm.js';
import { CacheApiEntryCache } from './cache-api-entry-cache.js';

/** The Cloudflare Worker: the runtime-agnostic app with the Cache API and the compiled wasm module. */
initParquetWasm(wasm);

export default createApp({ entryCache: new CacheApiEntryCache((caches as unknown as { default: Cache }).default), runtime: 'workerd' });
