import { Hono, type Context } from 'hono';
import { defaultCatalog, type Catalog } from '../core/catalog/catalog.js';
import { GENERATOR_VERSION } from '../core/version.js';
import { DatasetService } from './dataset-service.js';
import { DATASET_ROUTE, GENERATOR_SEGMENT } from './dataset-path.js';
import type { EntryCache } from './entry-cache.js';
import { notFound, onAppError } from './errors.js';
import { inProcessRunner, type GenerationRunner } from './generation-runner.js';
import { DEFAULT_SLOT_LIMITS, GenerationSlots, type SlotLimits } from './generation-slots.js';
import { baseUrlFromEnv } from './base-url.js';
import { DEFAULT_LIMITS, PART_OVERHEAD_BENEFICIARIES, type RequestLimits } from './limits.js';
import { writeTargetFromEnv, type WriteTarget } from './write-target.js';
import { datasetRoutes } from './routes/datasets.js';
import { healthRoutes } from './routes/health.js';
import { pageRoutes } from './routes/page.js';
import { partWriteRoutes } from './routes/part-writes.js';
import { tableRoutes } from './routes/tables.js';

export interface AppOptions {
  /** Where manifest entries (sha256, rows, bytes) are kept between requests. */
  entryCache: EntryCache;
  /** Shown by /v1/health: 'node', 'workerd'. */
  runtime: string;
  limits?: RequestLimits;
  catalog?: Catalog;
  /** Bucket and token of the part-writing route; default: from the request's environment (Worker bindings). */
  writeTarget?: (c: Context) => WriteTarget;
  /** Where generation runs; default: in the request's thread, yielding between beneficiaries (Workers). */
  runner?: GenerationRunner;
  /** Generations at once and waiting; default DEFAULT_SLOT_LIMITS (one isolate: 1 running, 4 waiting). */
  slots?: SlotLimits;
  /**
   * Scheme, host and optional path links are built from (page, redirects); default: the
   * HDSBENCH_BASE_URL variable of the request's environment (Worker vars), else relative links.
   * Never the request's Host header.
   */
  baseUrl?: (c: Context) => string | undefined;
}

/** The hono app, runtime-agnostic: each runtime's entry gives it a cache and initialises parquet-wasm. */
export function createApp(options: AppOptions) {
  const catalog = options.catalog ?? defaultCatalog();
  const limits = options.limits ?? DEFAULT_LIMITS;
  const slots = new GenerationSlots(options.slots ?? DEFAULT_SLOT_LIMITS);
  const service = new DatasetService(catalog, options.entryCache, options.runner ?? inProcessRunner(catalog), slots);
  const baseUrl = options.baseUrl ?? ((c: Context) => baseUrlFromEnv((c.env ?? {}) as Record<string, unknown>));
  const app = new Hono();
  app.onError(onAppError);
  app.notFound(notFound);
  app.get('/v1', (c) =>
    c.json({
      generator_version: GENERATOR_VERSION,
      limits: {
        max_beneficiaries_per_request: limits.maxBeneficiariesPerRequest,
        part_overhead_beneficiaries: PART_OVERHEAD_BENEFICIARIES,
        max_concurrent_generations: slots.limits.running,
        max_queued_generations: slots.limits.queued,
      },
      routes: {
        health: 'GET /v1/health',
        tables: 'GET /v1/tables',
        table_schema: 'GET /v1/tables/{TABLE}',
        manifest: `GET ${DATASET_ROUTE.replace(/:(\w+)/g, '{$1}')}/manifest.json[?part=k][&tables=A,B]`,
        file: `GET ${DATASET_ROUTE.replace(/:(\w+)/g, '{$1}')}/{TABLE}/part-{k}-of-{K}.{parquet|arrows|csv}`,
        page: 'GET /',
      },
      example: `/v1/datasets/${GENERATOR_SEGMENT}/seed-42/sf-0.01/parts-1/parquet/manifest.json`,
    }),
  );
  app.route('/v1', healthRoutes(catalog, options.runtime, slots));
  app.route('/v1', tableRoutes(catalog));
  app.route('/', datasetRoutes(catalog, service, limits, baseUrl));
  app.route('/', pageRoutes(catalog, service, limits, baseUrl));
  app.route('/', partWriteRoutes(catalog, limits, options.writeTarget ?? ((c) => writeTargetFromEnv((c.env ?? {}) as Record<string, unknown>)), slots));
  return app;
}
