import { Hono, type Context } from 'hono';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { Catalog } from '../../core/catalog/catalog.js';
import { FORMAT_MEDIA_TYPES } from '../../core/encode/encoder.js';
import type { DatasetService } from '../dataset-service.js';
import { filePath } from '../../core/pipeline/dataset.js';
import { aliasRedirect } from '../canonical-url.js';
import { DATASET_ROUTE, datasetBasePath, parseDatasetParams, parseFilePath, parsePart, parseTables } from '../dataset-path.js';
import { IMMUTABLE, ifNoneMatchHits, quoteEtag } from '../http-cache.js';
import { checkDatasetFits, checkPartFits, type RequestLimits } from '../limits.js';

function datasetParams(c: Context) {
  return parseDatasetParams({ generator: c.req.param('generator') ?? '', seed: c.req.param('seed') ?? '', scale: c.req.param('scale') ?? '', parts: c.req.param('parts') ?? '', format: c.req.param('format') ?? '' });
}

/**
 * GET|HEAD {dataset}/manifest.json[?part=k][&tables=A,B]: rows, bytes and sha256 of every file
 * (computed by generating the files once, then cached).
 * GET|HEAD {dataset}/TABLE/part-k-of-K.ext: one file, streamed; strong ETag = its sha256 once known.
 */
export function datasetRoutes(catalog: Catalog, service: DatasetService, limits: RequestLimits, baseUrl: (c: Context) => string | undefined) {
  const app = new Hono();

  app.get(`${DATASET_ROUTE}/manifest.json`, async (c) => {
    const d = datasetParams(c);
    const tables = parseTables(catalog, c.req.query('tables'));
    const part = parsePart(c.req.query('part'), d.spec.parts);
    const alias = aliasRedirect(c, `${datasetBasePath(d.spec, d.format)}/manifest.json`, baseUrl(c), part);
    if (alias) return alias;
    if (part === undefined) checkDatasetFits(d.spec, limits);
    else checkPartFits(d.spec, part, limits);
    const manifest = await service.manifest(d.spec, d.format, tables, part, c.req.raw.signal);
    const body = JSON.stringify(manifest, null, 2) + '\n';
    const etag = quoteEtag(bytesToHex(sha256(new TextEncoder().encode(body))));
    c.header('ETag', etag);
    c.header('Cache-Control', IMMUTABLE);
    c.header('Access-Control-Allow-Origin', '*');
    if (ifNoneMatchHits(c.req.header('If-None-Match'), etag)) return c.body(null, 304);
    c.header('Content-Type', 'application/json; charset=utf-8');
    if (c.req.method === 'HEAD') return c.body(null);
    return c.body(body);
  });

  app.get(`${DATASET_ROUTE}/:table/:file`, async (c) => {
    const d = datasetParams(c);
    const file = parseFilePath(catalog, d, c.req.param('table'), c.req.param('file'));
    const alias = aliasRedirect(c, `${datasetBasePath(d.spec, d.format)}/${filePath(file, d.format)}`, baseUrl(c));
    if (alias) return alias;
    if (file.kind === 'fact') checkPartFits(d.spec, file.part, limits);
    const known = await service.knownEntry(d.spec, d.format, file);
    c.header('Cache-Control', IMMUTABLE);
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Access-Control-Expose-Headers', 'ETag, Content-Length, X-Hdsbench-Rows');
    if (known) {
      const etag = quoteEtag(known.sha256);
      c.header('ETag', etag);
      c.header('X-Hdsbench-Rows', String(known.rows));
      if (ifNoneMatchHits(c.req.header('If-None-Match'), etag)) return c.body(null, 304);
      c.header('Content-Length', String(known.bytes));
    }
    c.header('Content-Type', FORMAT_MEDIA_TYPES[d.format]);
    c.header('Content-Disposition', `attachment; filename="${file.table}-part-${file.part}-of-${file.parts}.${c.req.param('file').split('.').pop()}"`);
    if (c.req.method === 'HEAD') return c.body(null);
    return c.body(await service.fileStream(d.spec, d.format, file, known, c.req.raw.signal));
  });

  return app;
}
