import { Hono } from 'hono';
import type { Catalog } from '../../core/catalog/catalog.js';
import { ApiError } from '../errors.js';

/** GET /v1/tables and /v1/tables/:table: the data dictionary (schemas/ as bundled in this build). */
export function tableRoutes(catalog: Catalog) {
  const app = new Hono();
  app.get('/tables', (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.json({
      schema_version: catalog.version,
      tables: catalog.outputTables().map((t) => ({
        name: t.name,
        kind: t.kind,
        title: t.title ?? null,
        description: t.description ?? null,
        columns: t.fields.length,
        primary_key: t.primaryKey ?? [],
        schema_url: `/v1/tables/${t.name}`,
      })),
    });
  });
  app.get('/tables/:table', (c) => {
    const name = c.req.param('table');
    const table = catalog.outputTables().find((t) => t.name === name);
    if (!table) throw new ApiError(404, 'unknown_table', `unknown table "${name}": GET /v1/tables lists the tables`);
    c.header('Cache-Control', 'public, max-age=3600');
    return c.json({ schema_version: catalog.version, ...table });
  });
  return app;
}
