import { Hono, type Context } from 'hono';
import type { Catalog } from '../../core/catalog/catalog.js';
import type { Format } from '../../core/encode/encoder.js';
import { checkSpec, selectTables, type DatasetSpec } from '../../core/pipeline/dataset.js';
import type { DatasetService } from '../dataset-service.js';
import { datasetBasePath, parseFormat, parseScale, parseSeed } from '../dataset-path.js';
import { InputError } from '../../core/errors.js';
import { ApiError } from '../errors.js';
import type { RequestLimits } from '../limits.js';
import { duckdbSnippet } from '../page/duckdb-snippet.js';
import { renderPage, type PageChoice, type PageModel } from '../page/render-page.js';

const DEFAULT_CHOICE: PageChoice = { tables: ['IR_BEN_R', 'ER_PRS_F', 'ER_PHA_F'], scale: 0.001, seed: 42, format: 'parquet' };

function readChoice(c: Context, catalog: Catalog, maxScale: number): PageChoice {
  const tables = selectTables(catalog, c.req.queries('tables') ?? []);
  const scale = parseScale(c.req.query('scale') ?? String(DEFAULT_CHOICE.scale));
  if (scale > maxScale) throw new ApiError(400, 'scale_too_large_for_page', `scale ${scale} is above the page's ${maxScale} (samples): choose a smaller scale, or fetch larger datasets with hdsbench gen --from`);
  const seed = parseSeed(c.req.query('seed') ?? String(DEFAULT_CHOICE.seed));
  const format: Format = parseFormat(c.req.query('format') ?? DEFAULT_CHOICE.format);
  checkSpec({ seed, scale, parts: 1 });
  return { tables: c.req.queries('tables') ? tables : [], scale, seed, format };
}

/** GET /: the researchers' page. Form errors re-render the page with the message (400). */
export function pageRoutes(catalog: Catalog, service: DatasetService, limits: RequestLimits, baseUrl: (c: Context) => string | undefined) {
  return new Hono().get('/', async (c) => {
    // Links are built from the configured base URL, never from the request's Host header; without
    // one they are relative, and the page's script shows the browser's own address in the snippet.
    const origin = baseUrl(c);
    const base: Omit<PageModel, 'choice'> = { tables: catalog.outputTables(), maxScale: limits.maxPageScale, origin };
    c.header('Cache-Control', 'no-cache');
    if (!c.req.query('seed')) return c.html(renderPage({ ...base, choice: DEFAULT_CHOICE }));
    let choice: PageChoice;
    try {
      choice = readChoice(c, catalog, limits.maxPageScale);
    } catch (e) {
      if (!(e instanceof ApiError || e instanceof InputError)) throw e;
      const fallback = { ...DEFAULT_CHOICE, tables: (c.req.queries('tables') ?? []).filter((t) => catalog.outputTables().some((s) => s.name === t)) };
      return c.html(renderPage({ ...base, choice: fallback, error: e.message }), 400);
    }
    const spec: DatasetSpec = { seed: choice.seed, scale: choice.scale, parts: 1 };
    const tables = selectTables(catalog, choice.tables);
    const manifest = await service.manifest(spec, choice.format, tables, undefined, c.req.raw.signal);
    const datasetUrl = `${origin ?? ''}${datasetBasePath(spec, choice.format)}`;
    const urlOf = (path: string) => `${datasetUrl}/${path}`;
    const byTable = tables.map((table) => ({ table, urls: manifest.files.filter((f) => f.table === table).map((f) => urlOf(f.path)) }));
    const snippet = duckdbSnippet(choice.format, byTable, `hdsbench sample: seed ${spec.seed}, scale ${spec.scale}, ${choice.format}`);
    return c.html(renderPage({ ...base, choice, result: { manifest, urlOf, snippet, relative: origin === undefined } }));
  });
}
