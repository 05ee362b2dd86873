import type { Context } from 'hono';
import { IMMUTABLE } from './http-cache.js';

/**
 * Canonical URLs only, so that an edge cache holds one copy of each file: a dataset URL spelt
 * another way (`seed-007`, `sf-1e-3`, `sf-0.10`, `parts-01`, `part-01-of-08.parquet`,
 * `manifest.json?part=01`) is the same dataset, and gets a permanent redirect to the one spelling
 * the server writes (`datasetBasePath`, `filePath`). Returns undefined when the URL is canonical.
 * The Location is the configured base URL plus the path, or the path alone (never the Host header).
 */
export function aliasRedirect(c: Context, canonicalPath: string, baseUrl: string | undefined, part?: number): Response | undefined {
  const url = new URL(c.req.url);
  const query = new URLSearchParams(url.search);
  const aliasPart = part !== undefined && query.get('part') !== String(part);
  if (url.pathname === canonicalPath && !aliasPart) return undefined;
  if (aliasPart) query.set('part', String(part));
  const search = aliasPart ? `?${query.toString()}` : url.search;
  c.header('Cache-Control', IMMUTABLE);
  c.header('Access-Control-Allow-Origin', '*');
  return c.redirect(`${baseUrl ?? ''}${canonicalPath}${search}`, 301);
}
