import type { Catalog } from '../catalog/catalog.js';
import { defaultCatalog } from '../catalog/catalog.js';
import type { Format } from '../encode/encoder.js';
import { FORMAT_MEDIA_TYPES } from '../encode/encoder.js';
import { datasetFiles, filePath, type DatasetSpec, type FileSpec } from '../pipeline/dataset.js';
import { generateFiles } from '../pipeline/generate.js';
import { recordFiles, type Manifest, type ManifestFile } from '../pipeline/manifest.js';
import type { Sha256Factory } from '../hash/sha256.js';
import { GENERATOR_VERSION } from '../version.js';
import { ObjectSink, DEFAULT_PART_BYTES } from './object-sink.js';
import { objectKey, type ObjectInfo, type ObjectStore } from './object-store.js';

/**
 * A dataset in object storage: PREFIX/<TABLE>/part-k-of-K.<ext> as on disk, plus
 *  - PREFIX/_hdsbench/parts/<job>.json: a part record, written by whoever generated a part (a
 *    machine, a thread, a Worker) once its files are complete: their rows, bytes and sha256;
 *  - PREFIX/manifest.json: written last, by the finalize step, only once every file of the dataset
 *    is there with the size its record says. A manifest in object storage is always complete.
 * Many writers can thus fill one prefix at once; writing a part twice overwrites the same keys
 * with the same bytes.
 */
export const MANIFEST_KEY = 'manifest.json';
export const RECORDS_DIR = '_hdsbench/parts';
const RECORD_READS = 32;

/** What must agree between the part records and the manifest of one prefix. */
export interface DatasetIdentity {
  generator_version: string;
  schema_version: string;
  seed: number;
  scale: number;
  parts: number;
  format: Format;
  /** 'YYYY-MM' for a monthly flux (hdsbench gen --flux), null for a dataset. */
  flux: string | null;
}

export interface PartRecord {
  record_version: 1;
  dataset: DatasetIdentity;
  files: ManifestFile[];
}

export function identityOf(spec: DatasetSpec, format: Format, catalog: Catalog, flux: string | null = null): DatasetIdentity {
  return { generator_version: GENERATOR_VERSION, schema_version: catalog.version, seed: spec.seed, scale: spec.scale, parts: spec.parts, format, flux };
}

/** How `found` differs from `wanted`, or null when they are the same dataset. */
export function identityDiff(found: DatasetIdentity, wanted: DatasetIdentity): string | null {
  const diffs: string[] = [];
  if (found.generator_version !== wanted.generator_version) diffs.push(`generator ${found.generator_version} (this is ${wanted.generator_version})`);
  if (found.schema_version !== wanted.schema_version) diffs.push(`schema version ${String(found.schema_version).slice(0, 12)} (this is ${wanted.schema_version.slice(0, 12)})`);
  if (found.seed !== wanted.seed) diffs.push(`seed ${found.seed}`);
  if (found.scale !== wanted.scale) diffs.push(`scale ${found.scale}`);
  if (found.parts !== wanted.parts) diffs.push(`parts ${found.parts}`);
  if (found.format !== wanted.format) diffs.push(`format ${found.format}`);
  if ((found.flux ?? null) !== (wanted.flux ?? null)) diffs.push(found.flux ? `flux ${found.flux}` : 'a whole dataset, not a flux');
  return diffs.length ? diffs.join(', ') : null;
}

export function manifestIdentity(m: Manifest): DatasetIdentity {
  return { generator_version: m.generator?.version, schema_version: m.schema_version, seed: m.seed, scale: m.scale, parts: m.parts, format: m.format, flux: m.flux ?? null };
}

/** The record a group of files belongs to: the fact files of part k, or the scale-only tables. */
export function recordKey(prefix: string, files: readonly FileSpec[]): string {
  const fact = files.find((f) => f.kind === 'fact');
  return objectKey(prefix, `${RECORDS_DIR}/${fact ? `part-${fact.part}-of-${fact.parts}` : 'shared'}.json`);
}

const json = (v: unknown) => new TextEncoder().encode(JSON.stringify(v, null, 2) + '\n');

async function readJson<T>(store: ObjectStore, key: string): Promise<T | null> {
  const bytes = await store.get(key);
  if (!bytes) return null;
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as T;
  } catch {
    throw new Error(`${store.description}: ${key} is not valid JSON; remove it or choose another prefix`);
  }
}

export class DatasetMismatchError extends Error {}

export async function readStoreManifest(store: ObjectStore, prefix: string): Promise<Manifest | null> {
  const m = await readJson<Manifest>(store, objectKey(prefix, MANIFEST_KEY));
  if (m && (m.manifest_version !== 1 || !Array.isArray(m.files))) throw new DatasetMismatchError(`${store.description}: ${objectKey(prefix, MANIFEST_KEY)} is not an hdsbench manifest: remove it or choose another prefix`);
  return m;
}

/** The part records of a prefix: all of them, or only those of `keys` (e.g. the parts being written). */
export async function readRecords(store: ObjectStore, prefix: string, keys?: string[]): Promise<PartRecord[]> {
  const found = keys ?? (await store.list(objectKey(prefix, `${RECORDS_DIR}/`))).map((o) => o.key).filter((k) => k.endsWith('.json'));
  // Read RECORD_READS at a time: a dataset of SF 690 in parts of 2,000 beneficiaries has 34,500 records.
  const records: PartRecord[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(RECORD_READS, found.length) }, async () => {
      while (next < found.length) {
        const r = await readJson<PartRecord>(store, found[next++]);
        if (r && r.record_version === 1 && Array.isArray(r.files)) records.push(r);
      }
    }),
  );
  return records;
}

export interface WriteFilesOptions {
  store: ObjectStore;
  prefix: string;
  spec: DatasetSpec;
  format: Format;
  /** One generation group: the fact files of one part, or scale-only files. */
  files: FileSpec[];
  partBytes?: number;
  /** The streaming sha256 of the files (default: portable JavaScript; see Sha256Factory). */
  sha256?: Sha256Factory;
  /** 'YYYY-MM': write only that month's flux (see generateFiles). */
  flux?: string;
  catalog?: Catalog;
  onProgress?(done: number, total: number): void;
  /** See GenerateRequest.between: yield to other requests, or throw to stop. */
  between?(): Promise<void> | void;
  /** See GenerateRequest.pause: yield within the encoding of a batch too. */
  pause?(): Promise<void> | void;
}

/**
 * Generate a group of files straight into object storage (all its tables in one pass, each
 * streamed as a multipart upload), then record them in the group's part record. On failure the
 * uploads are aborted: no object appears for an unfinished file and the record is not written.
 */
export async function writeFilesToStore(o: WriteFilesOptions): Promise<ManifestFile[]> {
  const catalog = o.catalog ?? defaultCatalog();
  const identity = identityOf(o.spec, o.format, catalog, o.flux ?? null);
  const rKey = recordKey(o.prefix, o.files);
  const previous = await readJson<PartRecord>(o.store, rKey);
  if (previous) {
    const diff = identityDiff(previous.dataset, identity);
    if (diff) throw new DatasetMismatchError(`${o.store.description}/${o.prefix} already holds another dataset (${diff}): choose another prefix or remove it`);
  }
  const sinks = new Map<FileSpec, ObjectSink>();
  let entries: ManifestFile[];
  try {
    const results = await generateFiles({
      spec: o.spec,
      format: o.format,
      files: o.files,
      catalog,
      flux: o.flux,
      onProgress: o.onProgress,
      between: o.between,
      pause: o.pause,
      sinkFor: (file) => {
        const sink = new ObjectSink(o.store, objectKey(o.prefix, filePath(file, o.format)), { partBytes: o.partBytes ?? DEFAULT_PART_BYTES, contentType: FORMAT_MEDIA_TYPES[o.format], sha256: o.sha256 });
        sinks.set(file, sink);
        return sink;
      },
    });
    // The files of a group are completed together: most are one PUT each, and one at a time would add their latencies.
    entries = await Promise.all(
      results.map(async (r) => {
        const sink = sinks.get(r.file) as ObjectSink;
        const sha256 = await sink.commit();
        return { path: filePath(r.file, o.format), table: r.file.table, part: r.file.part, parts: r.file.parts, rows: r.rows, bytes: sink.bytes, sha256 };
      }),
    );
  } catch (e) {
    await Promise.all([...sinks.values()].map((s) => s.abort()));
    throw e;
  }
  const byPath = new Map((previous?.files ?? []).map((f) => [f.path, f]));
  for (const e of entries) byPath.set(e.path, e);
  const record: PartRecord = { record_version: 1, dataset: identity, files: [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : 1)) };
  await o.store.put(rKey, json(record), 'application/json');
  return entries;
}

export interface Inventory {
  manifest: Manifest | null;
  /** Files recorded (by the manifest or a part record) and present with the recorded size, by path. */
  present: Map<string, ManifestFile>;
  objects: ObjectInfo[];
}

/** What a prefix already holds of the dataset `identity`; another dataset there is an error. */
export async function inventory(store: ObjectStore, prefix: string, identity: DatasetIdentity, recordKeys?: string[]): Promise<Inventory> {
  const manifest = await readStoreManifest(store, prefix);
  if (manifest) {
    const diff = identityDiff(manifestIdentity(manifest), identity);
    if (diff) throw new DatasetMismatchError(`${store.description}/${prefix} already holds another dataset (${diff}): choose another prefix or remove it`);
  }
  const records = await readRecords(store, prefix, recordKeys);
  for (const r of records) {
    const diff = identityDiff(r.dataset, identity);
    if (diff) throw new DatasetMismatchError(`${store.description}/${prefix} holds parts of another dataset (${diff}): choose another prefix or remove it`);
  }
  const objects = await store.list(prefix ? `${prefix}/` : '');
  const sizes = new Map(objects.map((o) => [o.key, o.size]));
  const present = new Map<string, ManifestFile>();
  for (const f of [...(manifest?.files ?? []), ...records.flatMap((r) => r.files)]) {
    if (sizes.get(objectKey(prefix, f.path)) === f.bytes) present.set(f.path, f);
  }
  return { manifest, present, objects };
}

/**
 * Abort the incomplete multipart uploads that a killed writer left under the keys of `files`
 * (their parts are stored, billed and invisible until aborted or a lifecycle rule removes them).
 * Only uploads started before this listing are touched, so a writer starting beside this one keeps
 * its uploads; uploads of other keys under the prefix (another machine's parts) are left alone.
 * Returns the keys whose uploads were aborted; nothing on a store that cannot list them (R2's binding).
 */
export async function abortIncompleteUploads(store: ObjectStore, prefix: string, files: readonly FileSpec[], format: Format): Promise<string[]> {
  if (!store.incompleteUploads || !store.abortUpload) return [];
  const ours = new Set(files.map((f) => objectKey(prefix, filePath(f, format))));
  const { uploads, listedAt } = await store.incompleteUploads(prefix ? `${prefix}/` : '');
  const stale = uploads.filter((u) => ours.has(u.key) && u.initiated.getTime() < listedAt.getTime());
  for (const u of stale) await store.abortUpload(u.key, u.uploadId);
  return stale.map((u) => u.key);
}

/**
 * Abort every incomplete multipart upload left under the key of a file that is now complete
 * (`files`: present with their recorded size, written by this run or kept). Such an upload is not
 * needed whoever began it, and no clock decides it: a writer killed and resumed within the same
 * second of the service's clock (S3 lists upload times to the second) leaves uploads that
 * abortIncompleteUploads cannot tell from a writer started beside it, and they are caught here once
 * their file is complete. A writer still sending the same file finds its upload aborted and accepts
 * the complete object (ObjectSink). Returns the keys whose uploads were aborted.
 */
export async function abortSupersededUploads(store: ObjectStore, prefix: string, files: readonly { path: string }[]): Promise<string[]> {
  if (!store.incompleteUploads || !store.abortUpload || files.length === 0) return [];
  const complete = new Set(files.map((f) => objectKey(prefix, f.path)));
  const { uploads } = await store.incompleteUploads(prefix ? `${prefix}/` : '');
  const superseded = uploads.filter((u) => complete.has(u.key));
  for (const u of superseded) await store.abortUpload(u.key, u.uploadId);
  return superseded.map((u) => u.key);
}

/** A dataset that cannot be finalized yet: the files (and parts) still missing. */
export class IncompleteDatasetError extends Error {
  constructor(
    readonly missing: string[],
    readonly missingParts: number[],
    message: string,
  ) {
    super(message);
  }
}

/**
 * Write PREFIX/manifest.json once every file of `base.tables` is recorded and present with its
 * recorded size; otherwise throw IncompleteDatasetError naming what is missing (no manifest then).
 */
export async function finalizeStore(store: ObjectStore, prefix: string, base: Manifest, catalog: Catalog = defaultCatalog()): Promise<Manifest> {
  const inv = await inventory(store, prefix, manifestIdentity(base));
  const tables = [...new Set([...(inv.manifest?.tables ?? []), ...base.tables])];
  const ordered = catalog.outputTables().map((t) => t.name).filter((t) => tables.includes(t));
  const expected = datasetFiles(catalog, base, ordered).filter((f) => !base.flux || f.kind === 'fact');
  const missing = expected.filter((f) => !inv.present.has(filePath(f, base.format)));
  if (missing.length) {
    const parts = [...new Set(missing.map((f) => f.part))].sort((a, b) => a - b);
    const shown = missing.slice(0, 5).map((f) => filePath(f, base.format)).join(', ');
    throw new IncompleteDatasetError(
      missing.map((f) => filePath(f, base.format)),
      parts,
      `${store.description}/${prefix} is not complete: ${missing.length} file(s) missing (${shown}${missing.length > 5 ? ', …' : ''}), in part(s) ${parts.slice(0, 20).join(', ')}${parts.length > 20 ? ', …' : ''}; generate them (--part k) and finalize again`,
    );
  }
  const manifest = recordFiles({ ...base, tables: ordered, files: [] }, expected.map((f) => inv.present.get(filePath(f, base.format)) as ManifestFile), catalog);
  await store.put(objectKey(prefix, MANIFEST_KEY), json(manifest), 'application/json');
  return manifest;
}
