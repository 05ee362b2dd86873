import { createHash } from 'node:crypto';
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Manifest, ManifestFile } from '../core/pipeline/manifest.js';
import { objectKey } from '../core/storage/object-store.js';
import { S3Store, type S3Config } from '../core/storage/s3-store.js';
import { readStoreManifest } from '../core/storage/store-dataset.js';
import { InputError } from '../core/errors.js';
import { MANIFEST_NAME } from './dataset-writer.js';
import { TransientError, pool, withRetries } from './fetch-dataset.js';
import { AtomicFileSink, fileSha256 } from './fs-sink.js';
import { storeCall } from './store-dataset-writer.js';

export interface StageOptions {
  url: string;
  prefix: string;
  s3: S3Config;
  /** Local folder the dataset is copied into (kept: a second run reuses the files that match). */
  dir: string;
  concurrency?: number;
  log?(line: string): void;
}

async function upToDate(path: string, entry: ManifestFile): Promise<boolean> {
  try {
    return (await stat(path)).size === entry.bytes && (await fileSha256(path)) === entry.sha256;
  } catch {
    return false;
  }
}

async function copyObject(store: S3Store, key: string, path: string, entry: ManifestFile) {
  const body = await storeCall(() => store.getStream(key));
  if (!body) throw new InputError(`${store.description}: ${key} is listed in the manifest but missing from the bucket`);
  const sink = new AtomicFileSink(path);
  const hash = createHash('sha256');
  try {
    try {
      for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
        hash.update(chunk);
        await sink.write(chunk);
      }
    } catch (e) {
      throw new TransientError(`transfer of ${key} broke off: ${(e as Error).message}`);
    }
    const got = hash.digest('hex');
    if (got !== entry.sha256 || sink.bytes !== entry.bytes) throw new TransientError(`${key}: got ${sink.bytes} bytes with sha256 ${got}, the manifest says ${entry.bytes} bytes with ${entry.sha256}`);
  } catch (e) {
    await sink.abort();
    throw e;
  }
  await sink.commit();
}

/**
 * Copy a complete dataset from object storage into a local folder, every file checked against
 * the manifest's sha256 (hdsbench run --dataset s3://…, for targets that load local files: the
 * embedded DuckDB cannot download its httpfs extension on every machine). Files already there
 * with the right sha256 are kept.
 */
export async function stageDataset(o: StageOptions): Promise<Manifest> {
  const store = new S3Store(o.s3);
  const manifest = await storeCall(() => readStoreManifest(store, o.prefix));
  if (!manifest) throw new InputError(`no dataset at ${o.url} (manifest.json is missing): generate it with \`hdsbench gen --out ${o.url}\`, or finalize it (--finalize) if its parts are there`);
  if (!manifest.complete) throw new InputError(`the dataset at ${o.url} is incomplete: finalize it first`);
  if (manifest.flux) throw new InputError(`${o.url} holds the monthly flux ${manifest.flux}, not a dataset`);
  await mkdir(o.dir, { recursive: true });
  let copied = 0;
  const started = performance.now();
  await pool(manifest.files, o.concurrency ?? 4, async (f) => {
    const path = join(o.dir, f.path);
    if (await upToDate(path, f)) return;
    await mkdir(join(path, '..'), { recursive: true });
    await withRetries(objectKey(o.prefix, f.path), { retries: 3, retryDelayMs: 500 }, () => copyObject(store, objectKey(o.prefix, f.path), path, f));
    copied++;
  });
  const tmp = join(o.dir, `${MANIFEST_NAME}.tmp-${process.pid}`);
  await writeFile(tmp, JSON.stringify(manifest, null, 2) + '\n');
  await rename(tmp, join(o.dir, MANIFEST_NAME));
  const bytes = manifest.files.reduce((n, f) => n + f.bytes, 0);
  o.log?.(`dataset: ${o.url} staged in ${o.dir} (${copied} of ${manifest.files.length} files copied, ${(bytes / 1e6).toFixed(1)} MB, ${((performance.now() - started) / 1000).toFixed(1)} s), every file checked against its sha256`);
  return manifest;
}
