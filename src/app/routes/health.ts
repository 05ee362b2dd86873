import { Hono } from 'hono';
import type { Catalog } from '../../core/catalog/catalog.js';
import { parquetWasmReady } from '../../core/encode/parquet-wasm.js';
import { GENERATOR_NAME, GENERATOR_VERSION } from '../../core/version.js';
import type { GenerationSlots } from '../generation-slots.js';

/** GET /v1/health: liveness, what this server generates, and its generations running and waiting. */
export function healthRoutes(catalog: Catalog, runtime: string, slots: GenerationSlots) {
  return new Hono().get('/health', (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json({ status: 'ok', generator: { name: GENERATOR_NAME, version: GENERATOR_VERSION }, schema_version: catalog.version, runtime, parquet: parquetWasmReady(), generations: slots.stats() });
  });
}
