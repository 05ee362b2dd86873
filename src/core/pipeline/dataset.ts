import type { Catalog } from '../catalog/catalog.js';
import { InputError } from '../errors.js';
import type { TableKind } from '../catalog/catalog-types.js';
import { FORMAT_EXTENSIONS, type Format } from '../encode/encoder.js';
import { MAX_SCALE, beneficiaryCount } from '../partition.js';

/** What identifies a dataset: with the generator version, it determines every byte. */
export interface DatasetSpec {
  seed: number;
  scale: number;
  parts: number;
}

/** One file of a dataset: a table's part k of K (referentials and nomenclatures are always 1 of 1). */
export interface FileSpec {
  table: string;
  kind: TableKind;
  part: number;
  parts: number;
}

export const MAX_SEED = 0xffffffff;

/** Validate a dataset spec; messages say what to change. */
export function checkSpec(spec: DatasetSpec): void {
  if (!Number.isInteger(spec.seed) || spec.seed < 0 || spec.seed > MAX_SEED) throw new InputError(`seed must be an integer from 0 to ${MAX_SEED}, got ${spec.seed}`);
  if (!Number.isFinite(spec.scale) || spec.scale <= 0) throw new InputError(`scale must be a positive number (1 = 100,000 beneficiaries), got ${spec.scale}`);
  if (spec.scale > MAX_SCALE) throw new InputError(`scale ${spec.scale} is above the maximum ${MAX_SCALE} (the real SNDS is about 690)`);
  if (spec.scale * 100_000 < 1) throw new InputError(`scale ${spec.scale} gives no beneficiary: use at least 0.00001`);
  const n = beneficiaryCount(spec.scale);
  if (!Number.isInteger(spec.parts) || spec.parts < 1) throw new InputError(`parts must be a positive integer, got ${spec.parts}`);
  if (spec.parts > n) throw new InputError(`parts (${spec.parts}) cannot exceed the number of beneficiaries (${n}) at scale ${spec.scale}`);
}

/** Tables of a dataset in catalog order, or the requested subset (unknown names are an error). */
export function selectTables(catalog: Catalog, requested?: readonly string[]): string[] {
  const all = catalog.outputTables().map((t) => t.name);
  if (!requested || requested.length === 0) return all;
  const unknown = requested.filter((t) => !all.includes(t));
  if (unknown.length) throw new InputError(`unknown table${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; known tables: ${all.join(', ')}`);
  return all.filter((t) => requested.includes(t));
}

/** The files of `tables` for the given parts (all parts when `onlyPart` is undefined). */
export function datasetFiles(catalog: Catalog, spec: DatasetSpec, tables: readonly string[], onlyPart?: number): FileSpec[] {
  const files: FileSpec[] = [];
  for (const table of tables) {
    const kind = catalog.table(table).kind;
    if (kind === 'fact') {
      for (let k = 1; k <= spec.parts; k++) if (onlyPart === undefined || onlyPart === k) files.push({ table, kind, part: k, parts: spec.parts });
    } else if (onlyPart === undefined || onlyPart === 1) {
      // Scale-only tables do not depend on the number of parts: written once, by part 1.
      files.push({ table, kind, part: 1, parts: 1 });
    }
  }
  return files;
}

export function filePath(file: FileSpec, format: Format): string {
  return `${file.table}/part-${file.part}-of-${file.parts}.${FORMAT_EXTENSIONS[format]}`;
}
