import type { Catalog } from '../core/catalog/catalog.js';
import { FORMATS, FORMAT_EXTENSIONS, isFormat, type Format } from '../core/encode/encoder.js';
import { checkSpec, datasetFiles, selectTables, type DatasetSpec, type FileSpec } from '../core/pipeline/dataset.js';
import { GENERATOR_NAME, GENERATOR_VERSION } from '../core/version.js';
import { ApiError } from './errors.js';

/**
 * Dataset URLs name everything that determines their bytes, so that responses can be immutable:
 * /v1/datasets/hdsbench-0.2.0/seed-42/sf-0.1/parts-8/parquet/ then manifest.json or a file path
 * laid out as on disk (TABLE/part-k-of-K.ext).
 */
export const GENERATOR_SEGMENT = `${GENERATOR_NAME}-${GENERATOR_VERSION}`;

export interface DatasetParams {
  spec: DatasetSpec;
  format: Format;
}

/** The route pattern of a dataset's base, for hono. */
export const DATASET_ROUTE = '/v1/datasets/:generator/:seed/:scale/:parts/:format';

export function datasetBasePath(spec: DatasetSpec, format: Format): string {
  return `/v1/datasets/${GENERATOR_SEGMENT}/seed-${spec.seed}/sf-${spec.scale}/parts-${spec.parts}/${format}`;
}

function segmentValue(segment: string, prefix: string, what: string, example: string): string {
  if (!segment.startsWith(prefix) || segment.length === prefix.length) {
    throw new ApiError(400, `invalid_${what}`, `the ${what} segment must look like ${example}, got "${segment}"`);
  }
  return segment.slice(prefix.length);
}

export function parseSeed(text: string): number {
  if (!/^\d{1,10}$/.test(text)) throw new ApiError(400, 'invalid_seed', `seed must be an integer from 0 to 4294967295, got "${text}"`);
  return Number(text);
}

export function parseScale(text: string): number {
  if (!/^(\d+(\.\d*)?|\.\d+)(e-?\d+)?$/i.test(text)) throw new ApiError(400, 'invalid_scale', `scale must be a positive decimal number such as 0.01 (1 = 100,000 beneficiaries), got "${text}"`);
  return Number(text);
}

export function parseParts(text: string): number {
  if (!/^\d{1,9}$/.test(text)) throw new ApiError(400, 'invalid_parts', `parts must be a positive integer, got "${text}"`);
  return Number(text);
}

export function parseFormat(text: string): Format {
  if (!isFormat(text)) throw new ApiError(400, 'invalid_format', `format must be one of ${FORMATS.join(', ')}, got "${text}"`);
  return text;
}

/** Parse and check the dataset segments of a URL (route params of DATASET_ROUTE). */
export function parseDatasetParams(p: { generator: string; seed: string; scale: string; parts: string; format: string }): DatasetParams {
  if (p.generator !== GENERATOR_SEGMENT) {
    throw new ApiError(404, 'generator_mismatch', `this server generates ${GENERATOR_SEGMENT} datasets, not "${p.generator}": use /v1/datasets/${GENERATOR_SEGMENT}/... (a different generator version gives different bytes)`);
  }
  const spec: DatasetSpec = {
    seed: parseSeed(segmentValue(p.seed, 'seed-', 'seed', 'seed-42')),
    scale: parseScale(segmentValue(p.scale, 'sf-', 'scale', 'sf-0.01')),
    parts: parseParts(segmentValue(p.parts, 'parts-', 'parts', 'parts-8')),
  };
  checkSpec(spec);
  return { spec, format: parseFormat(p.format) };
}

/** The tables of a `tables=A,B` query value (all tables when absent or empty). */
export function parseTables(catalog: Catalog, value: string | undefined): string[] {
  const requested = (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return selectTables(catalog, requested);
}

export function parsePart(text: string | undefined, parts: number): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{1,9}$/.test(text) || Number(text) < 1 || Number(text) > parts) {
    throw new ApiError(400, 'invalid_part', `part must be an integer from 1 to ${parts} (the dataset's parts), got "${text}"`);
  }
  return Number(text);
}

/** The file a TABLE/part-k-of-K.ext path names, checked against the dataset it belongs to. */
export function parseFilePath(catalog: Catalog, d: DatasetParams, table: string, name: string): FileSpec {
  selectTables(catalog, [table]);
  const ext = FORMAT_EXTENSIONS[d.format];
  const m = /^part-(\d{1,9})-of-(\d{1,9})\.([a-z]+)$/.exec(name);
  if (!m) throw new ApiError(400, 'invalid_file', `file name must look like part-1-of-${d.spec.parts}.${ext}, got "${name}"`);
  if (m[3] !== ext) throw new ApiError(400, 'invalid_file', `files of the ${d.format} format end in .${ext}, got "${name}"`);
  const kind = catalog.table(table).kind;
  const parts = kind === 'fact' ? d.spec.parts : 1;
  const part = Number(m[1]);
  const files = kind === 'fact' ? datasetFiles(catalog, d.spec, [table], part) : datasetFiles(catalog, d.spec, [table], 1);
  const file = files[0];
  if (Number(m[2]) !== parts || part < 1 || part > parts || !file) {
    const why = kind === 'fact' ? `${table} is split into the dataset's ${parts} parts` : `${table} does not depend on the parts: it is one file`;
    throw new ApiError(404, 'part_out_of_range', `${why}: ask for part-1-of-${parts}.${ext}${parts > 1 ? ` .. part-${parts}-of-${parts}.${ext}` : ''}, not ${name}`);
  }
  return file;
}
