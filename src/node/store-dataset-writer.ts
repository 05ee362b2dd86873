import { defaultCatalog } from '../core/catalog/catalog.js';
import { checkSpec, datasetFiles, filePath, type FileSpec } from '../core/pipeline/dataset.js';
import { emptyManifest, type Manifest, type ManifestFile } from '../core/pipeline/manifest.js';
import { beneficiaryCount, partRange } from '../core/partition.js';
import { DEFAULT_PART_BYTES } from '../core/storage/object-sink.js';
import { StoreError } from '../core/storage/object-store.js';
import { S3Store, type S3Config } from '../core/storage/s3-store.js';
import { DatasetMismatchError, IncompleteDatasetError, abortIncompleteUploads, abortSupersededUploads, finalizeStore, identityOf, inventory, recordKey } from '../core/storage/store-dataset.js';
import { InputError } from '../core/errors.js';
import { requestTables, runJobs, type DatasetSelection, type WriteDatasetResult } from './dataset-writer.js';
import type { GenerateJob } from './generate-job.js';

export interface WriteStoreOptions extends DatasetSelection {
  /** s3://bucket/prefix, for messages. */
  url: string;
  prefix: string;
  s3: S3Config;
  threads?: number;
  /** Bytes per multipart part (all but the last). */
  partBytes?: number;
  /** Write no file: only check that every part is there and write the manifest. */
  finalizeOnly?: boolean;
  onProgress?(done: number, total: number): void;
  /**
   * Told of the keys whose incomplete uploads were aborted: before any generation, those begun before
   * this run by the service's clock ('stale': a killed run's); after it, those under files now
   * complete ('superseded': a killed run's too recent to tell by the clock, or a copy a writer beside
   * this one was still sending).
   */
  onAborted?(keys: string[], kind: 'stale' | 'superseded'): void;
}

export interface WriteStoreResult extends WriteDatasetResult {
  /** Whether manifest.json was written (every file present). */
  finalized: boolean;
  /** Keys whose incomplete multipart uploads, left by an interrupted run, were aborted on resume. */
  aborted: string[];
}

/** Store failures the user can act on (credentials, bucket, another dataset there) become usage errors. */
export async function storeCall<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof StoreError || e instanceof DatasetMismatchError) throw new InputError(e.message);
    throw e;
  }
}

/**
 * `hdsbench gen --out s3://bucket/prefix`: generate files straight into an S3-compatible bucket,
 * each streamed as a multipart upload, every part recorded once its files are complete; the
 * manifest is written last, once every file is there (at the end of a run of all parts, or by
 * --finalize after runs of single parts on many machines). Files already recorded and present
 * are kept, so a re-run resumes.
 */
export async function writeDatasetToStore(o: WriteStoreOptions): Promise<WriteStoreResult> {
  const started = performance.now();
  const catalog = defaultCatalog();
  try {
    checkSpec(o.spec);
  } catch (e) {
    throw new InputError((e as Error).message);
  }
  if (o.part !== undefined && (!Number.isInteger(o.part) || o.part < 1 || o.part > o.spec.parts)) {
    throw new InputError(`--part must be between 1 and ${o.spec.parts} (the value of --parts), got ${o.part}`);
  }
  if (o.finalizeOnly && o.part !== undefined) throw new InputError('--finalize checks every part and writes the manifest: it takes no --part');
  const tables = requestTables(o);
  const store = new S3Store(o.s3);
  const identity = identityOf(o.spec, o.format, catalog, o.flux ?? null);
  const base: Manifest = emptyManifest(o.spec, o.format, tables, catalog, o.flux);
  const wanted = datasetFiles(catalog, o.spec, tables, o.part);

  if (o.finalizeOnly) {
    const manifest = await finalize(store, o, base);
    return { manifest, generated: [], skipped: manifest.files, removed: [], aborted: [], seconds: (performance.now() - started) / 1000, finalized: true };
  }

  // A single part reads only its own records: a thousand machines do not each read a thousand.
  const groups = groupFiles(wanted, o.spec.parts);
  const inv = await storeCall(() => inventory(store, o.prefix, identity, o.part === undefined ? undefined : groups.map((g) => recordKey(o.prefix, g))));
  // A killed run leaves incomplete multipart uploads of the files it was writing: remove them (ours only).
  const aborted = await storeCall(() => abortIncompleteUploads(store, o.prefix, wanted, o.format));
  if (aborted.length) o.onAborted?.(aborted, 'stale');
  const skipped: ManifestFile[] = [];
  const jobs: GenerateJob[] = [];
  for (const group of groups) {
    const todo = group.filter((f) => {
      const entry = inv.present.get(filePath(f, o.format));
      if (entry) skipped.push(entry);
      return !entry;
    });
    if (todo.length) jobs.push({ spec: o.spec, format: o.format, out: '', files: todo, flux: o.flux, s3: { config: o.s3, prefix: o.prefix, partBytes: o.partBytes ?? DEFAULT_PART_BYTES } });
  }

  const n = beneficiaryCount(o.spec.scale);
  const size = (j: GenerateJob) => (j.files[0].kind === 'fact' ? partRange(n, j.files[0].part, o.spec.parts).end - partRange(n, j.files[0].part, o.spec.parts).start : 0);
  const total = jobs.reduce((a, j) => a + size(j), 0);
  const progress = new Array<number>(jobs.length).fill(0);
  const generated: ManifestFile[] = [];
  await storeCall(() =>
    runJobs(jobs, o.threads ?? 1, {
      progress(i, done) {
        progress[i] = done;
        o.onProgress?.(progress.reduce((a, b) => a + b, 0), total);
      },
      async finished(entries) {
        generated.push(...entries);
      },
    }),
  );
  // Uploads under the keys now complete that the first listing could not call stale (same second of the service's clock).
  const superseded = await storeCall(() => abortSupersededUploads(store, o.prefix, [...skipped, ...generated]));
  if (superseded.length) o.onAborted?.(superseded, 'superseded');
  aborted.push(...superseded);

  if (o.part !== undefined) {
    // Other machines may still be writing their parts: the manifest waits for --finalize.
    const files = [...skipped, ...generated];
    return { manifest: { ...base, files }, generated, skipped, removed: [], aborted, seconds: (performance.now() - started) / 1000, finalized: false };
  }
  const manifest = await finalize(store, o, base);
  return { manifest, generated, skipped, removed: [], aborted, seconds: (performance.now() - started) / 1000, finalized: true };
}

/** Files by generation group: the scale-only tables, then each part's fact tables. */
function groupFiles(files: FileSpec[], parts: number): FileSpec[][] {
  const groups: FileSpec[][] = [];
  const shared = files.filter((f) => f.kind !== 'fact');
  if (shared.length) groups.push(shared);
  const byPart = new Map<number, FileSpec[]>();
  for (const f of files.filter((x) => x.kind === 'fact')) byPart.set(f.part, [...(byPart.get(f.part) ?? []), f]);
  for (let k = 1; k <= parts; k++) if (byPart.has(k)) groups.push(byPart.get(k) as FileSpec[]);
  return groups;
}

async function finalize(store: S3Store, o: WriteStoreOptions, base: Manifest): Promise<Manifest> {
  try {
    return await storeCall(() => finalizeStore(store, o.prefix, base));
  } catch (e) {
    if (e instanceof IncompleteDatasetError) throw new IncompleteError(e.message, e.missingParts);
    throw e;
  }
}

/** The dataset cannot be finalized yet (exit status 1: nothing wrong with the command, parts are missing). */
export class IncompleteError extends Error {
  constructor(
    message: string,
    readonly missingParts: number[],
  ) {
    super(message);
  }
}
