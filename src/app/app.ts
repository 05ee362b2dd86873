import { Hono, type Context } from 'hono';
import { defaultCatalog, type Catalog } from '../core/catalog/catalog.js';
import { GENERATOR_VERSION } from '../core/version.js';
import { DatasetService } from './dataset-service.js';
import { DATASET_ROUTE, GENERATOR_SEGMENT } from './dataset-path.js';
import type { EntryCache } from './entry-cache.js';
import { notFound, onAppError } from './errors.js';
import { DEFAULT_LIMITS, type RequestLimits } from './limits.js';
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
}

/** The hono app, runtime-agnostic: each runtime's entry gives it a cache and initialises parquet-wasm. */
export function createApp(options: AppOptions) {
  const catalog = options.catalog ?? defaultCatalog();
  const limits = options.limits ?? DEFAULT_LIMITS;
  const service = new DatasetService(catalog, options.entryCache);
  const app = new Hono();
  app.onError(onAppError);
  app.notFound(notFound);
  app.get('/v1', (c) =>
    c.json({
      generator_version: GENERATOR_VERSION,
      limits: { max_beneficiaries_per_request: limits.maxBeneficiariesPerRequest },
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
  app.route('/v1', healthRoutes(catalog, options.runtime));
  app.route('/v1', tableRoutes(catalog));
  app.route('/', datasetRoutes(catalog, service, limits));
  app.route('/', pageRoutes(catalog, service, limits));
  app.route('/', partWriteRoutes(catalog, limits, options.writeTarget ?? ((c) => writeTargetFromEnv((c.env ?? {}) as Record<string, unknown>))));
  return app;
}
