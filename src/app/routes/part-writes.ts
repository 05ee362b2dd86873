import { Hono, type Context } from 'hono';
import { sha256 } from '@noble/hashes/sha2.js';
import type { Catalog } from '../../core/catalog/catalog.js';
import { datasetFiles, type FileSpec } from '../../core/pipeline/dataset.js';
import { FLUX_TABLES } from '../../core/pipeline/flux.js';
import { StoreError } from '../../core/storage/object-store.js';
import { DatasetMismatchError, writeFilesToStore } from '../../core/storage/store-dataset.js';
import { DATASET_ROUTE, datasetBasePath, parseDatasetParams, parsePart } from '../dataset-path.js';
import { handovers } from '../generation-runner.js';
import type { GenerationSlots } from '../generation-slots.js';
import { ApiError } from '../errors.js';
import { checkPartFits, type RequestLimits } from '../limits.js';
import type { WriteTarget } from '../write-target.js';

/** Same length and same bytes, in time independent of where they differ. */
function sameSecret(given: string, expected: string): boolean {
  const a = sha256(new TextEncoder().encode(given));
  const b = sha256(new TextEncoder().encode(expected));
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

interface WriteBody {
  prefix?: unknown;
  tables?: unknown;
  flux?: unknown;
}

function parseBody(catalog: Catalog, body: WriteBody): { prefix: string; tables: string[] | undefined; flux: string | undefined } {
  if (typeof body.prefix !== 'string' || body.prefix.split('/').some((s) => s === '.' || s === '..') || /^\/|\/$|\/\//.test(body.prefix)) {
    throw new ApiError(400, 'invalid_prefix', 'body.prefix must be the key prefix of the dataset in the bucket, e.g. "hdsbench/sf1" (no leading or trailing slash, no "." or ".." segment; "" for the bucket root)');
  }
  if (body.tables !== undefined && (!Array.isArray(body.tables) || body.tables.some((t) => typeof t !== 'string'))) throw new ApiError(400, 'invalid_tables', 'body.tables must be an array of table names');
  if (body.flux !== undefined && typeof body.flux !== 'string') throw new ApiError(400, 'invalid_flux', 'body.flux must be a month, "YYYY-MM"');
  const all = catalog.outputTables().map((t) => t.name);
  const tables = body.tables as string[] | undefined;
  const unknown = (tables ?? []).filter((t) => !all.includes(t));
  if (unknown.length) throw new ApiError(400, 'invalid_tables', `unknown table(s) ${unknown.join(', ')}`);
  return { prefix: body.prefix, tables, flux: body.flux as string | undefined };
}

/**
 * POST {dataset}/parts/{k}/write, Authorization: Bearer <HDSBENCH_WRITE_TOKEN>, body
 * {"prefix": "…", "tables"?: [...], "flux"?: "YYYY-MM"}: generate every table of part k in one
 * pass straight into the server's bucket (R2 binding or S3), record the part and answer its
 * entries (path, rows, bytes, sha256). Idempotent: writing a part again writes the same bytes.
 */
export function partWriteRoutes(catalog: Catalog, limits: RequestLimits, target: (c: Context) => WriteTarget, slots: GenerationSlots) {
  const app = new Hono();
  app.post(`${DATASET_ROUTE}/parts/:part/write`, async (c) => {
    const { token, store } = target(c);
    if (!token) throw new ApiError(403, 'writes_disabled', 'this server does not write datasets: its operator has not set HDSBENCH_WRITE_TOKEN');
    const auth = c.req.header('Authorization') ?? '';
    const given = /^Bearer (.+)$/.exec(auth)?.[1];
    if (!given || !sameSecret(given, token)) {
      throw new ApiError(401, 'unauthorized', 'writing a part needs "Authorization: Bearer <token>" with the token the server was given in HDSBENCH_WRITE_TOKEN', { 'WWW-Authenticate': 'Bearer realm="hdsbench writes"' });
    }
    if (!store) throw new ApiError(503, 'no_bucket_configured', 'this server has no bucket to write to: bind an R2 bucket as DATASETS, or set HDSBENCH_S3_BUCKET, HDSBENCH_S3_ENDPOINT and the AWS credentials');
    const d = parseDatasetParams({ generator: c.req.param('generator') ?? '', seed: c.req.param('seed') ?? '', scale: c.req.param('scale') ?? '', parts: c.req.param('parts') ?? '', format: c.req.param('format') ?? '' });
    const part = parsePart(c.req.param('part'), d.spec.parts) as number;
    const canonical = `${datasetBasePath(d.spec, d.format)}/parts/${part}/write`;
    if (new URL(c.req.url).pathname !== canonical) throw new ApiError(404, 'not_canonical', `this URL spells the dataset another way: POST ${canonical}`);
    checkPartFits(d.spec, part, { ...limits, maxBeneficiariesPerRequest: Math.min(limits.maxBeneficiariesPerRequest, limits.maxBeneficiariesPerWrite ?? limits.maxBeneficiariesPerRequest) });
    let body: WriteBody;
    try {
      body = (await c.req.json()) as WriteBody;
    } catch {
      throw new ApiError(400, 'invalid_body', 'the body must be JSON: {"prefix": "…", "tables"?: [...], "flux"?: "YYYY-MM"}');
    }
    const o = parseBody(catalog, body ?? {});
    const tables = o.tables ?? (o.flux ? [...FLUX_TABLES] : catalog.outputTables().map((t) => t.name));
    const files = datasetFiles(catalog, d.spec, tables, part);
    // The scale-only tables (with part 1) and the part's fact tables: two passes, two records.
    const groups: FileSpec[][] = [files.filter((f) => f.kind !== 'fact'), files.filter((f) => f.kind === 'fact')].filter((g) => g.length);
    const entries = [];
    // Runs in the request's thread (uploads are I/O; generation yields between beneficiaries), holding a generation slot.
    const signal = c.req.raw.signal;
    const lease = await slots.lease(signal);
    // Stopped by the client going away, or by the slot taken back from a request that stopped running (see GenerationSlots).
    const stop = AbortSignal.any([signal, lease.evicted]);
    try {
      for (const group of groups) entries.push(...(await writeFilesToStore({ store, prefix: o.prefix, spec: d.spec, format: d.format, files: group, flux: o.flux, catalog, ...handovers(stop, lease) })));
    } catch (e) {
      if (e instanceof DatasetMismatchError) throw new ApiError(409, 'another_dataset', e.message);
      if (e instanceof StoreError) throw new ApiError(502, `storage_${e.kind}`, e.message);
      throw e;
    } finally {
      lease.release();
    }
    return c.json({ part, parts: d.spec.parts, prefix: o.prefix, store: store.description, files: entries });
  });
  return app;
}
