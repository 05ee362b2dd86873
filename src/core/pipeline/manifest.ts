import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { defaultCatalog, type Catalog } from '../catalog/catalog.js';
import { isoOf } from '../calendar.js';
import type { Format } from '../encode/encoder.js';
import { carePeriod } from '../model/model-context.js';
import type { CareModel } from '../model/model-data.js';
import { beneficiaryCount } from '../partition.js';
import { GENERATOR_NAME, GENERATOR_VERSION } from '../version.js';
import { datasetFiles, filePath, type DatasetSpec } from './dataset.js';

/**
 * OUT/manifest.json: what a dataset is (generator and schema versions, seed, scale, parts, format)
 * and, per file, its table, part, rows, bytes and sha256; the dataset digest is the sha256 of the
 * sorted "sha256  path" lines of every file (the format of sha256sum), so anyone can recompute it.
 */
export interface ManifestFile {
  path: string;
  table: string;
  part: number;
  parts: number;
  rows: number;
  bytes: number;
  sha256: string;
}

export interface Manifest {
  manifest_version: 1;
  generator: { name: string; version: string };
  schema_version: string;
  seed: number;
  scale: number;
  parts: number;
  format: Format;
  beneficiaries: number;
  period: { first_care_day: string; last_flux_day: string; care_years: number[] };
  tables: string[];
  /** True when every file of every listed table is present. */
  complete: boolean;
  files: ManifestFile[];
  /** sha256 over the sorted "sha256  path" lines of all files; null until the dataset is complete. */
  dataset_sha256: string | null;
}

export function datasetDigest(files: readonly ManifestFile[]): string {
  const lines = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).map((f) => `${f.sha256}  ${f.path}\n`).join('');
  return bytesToHex(sha256(new TextEncoder().encode(lines)));
}

/** A manifest with no file yet, describing the dataset `spec` of `tables`. */
export function emptyManifest(spec: DatasetSpec, format: Format, tables: string[], catalog: Catalog = defaultCatalog()): Manifest {
  const period = carePeriod(catalog.model<CareModel>('care'));
  return {
    manifest_version: 1,
    generator: { name: GENERATOR_NAME, version: GENERATOR_VERSION },
    schema_version: catalog.version,
    seed: spec.seed,
    scale: spec.scale,
    parts: spec.parts,
    format,
    beneficiaries: beneficiaryCount(spec.scale),
    period: { first_care_day: isoOf(period.firstCareDay), last_flux_day: isoOf(period.lastFluxDay), care_years: [period.careYearStart, period.careYearEnd] },
    tables,
    complete: false,
    files: [],
    dataset_sha256: null,
  };
}

/** Add or replace file entries (a whole batch at once), then recompute completeness and the digest. */
export function recordFiles(manifest: Manifest, entries: readonly ManifestFile[], catalog: Catalog = defaultCatalog()): Manifest {
  const byPath = new Map(manifest.files.map((f) => [f.path, f]));
  for (const e of entries) byPath.set(e.path, e);
  const files = [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const complete = datasetFiles(catalog, manifest, manifest.tables).every((f) => byPath.has(filePath(f, manifest.format)));
  return { ...manifest, files, complete, dataset_sha256: complete ? datasetDigest(files) : null };
}

/** Whether an existing manifest describes the same dataset as the one being asked for. */
export function sameDataset(m: Manifest, spec: DatasetSpec, format: Format, catalog: Catalog = defaultCatalog()): string | null {
  const diffs: string[] = [];
  if (m.generator?.version !== GENERATOR_VERSION) diffs.push(`generator ${m.generator?.version} (this is ${GENERATOR_VERSION})`);
  if (m.schema_version !== catalog.version) diffs.push(`schema version ${String(m.schema_version).slice(0, 12)} (this is ${catalog.version.slice(0, 12)})`);
  if (m.seed !== spec.seed) diffs.push(`seed ${m.seed}`);
  if (m.scale !== spec.scale) diffs.push(`scale ${m.scale}`);
  if (m.parts !== spec.parts) diffs.push(`parts ${m.parts}`);
  if (m.format !== format) diffs.push(`format ${m.format}`);
  return diffs.length ? diffs.join(', ') : null;
}

