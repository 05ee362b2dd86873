import { constants } from 'node:fs';
import { access, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { defaultCatalog } from '../core/catalog/catalog.js';
import { InputError } from '../core/errors.js';
import type { Format } from '../core/encode/encoder.js';
import { checkSpec, datasetFiles, filePath, selectTables, type DatasetSpec, type FileSpec } from '../core/pipeline/dataset.js';
import { emptyManifest, recordFiles, sameDataset, type Manifest, type ManifestFile } from '../core/pipeline/manifest.js';
import { FLUX_TABLES, fluxDay } from '../core/pipeline/flux.js';
import { carePeriod } from '../core/model/model-context.js';
import type { CareModel } from '../core/model/model-data.js';
import { beneficiaryCount, partRange } from '../core/partition.js';
import { removeStaleTemporaries } from './stale-temporaries.js';
import { fileSha256 } from './fs-sink.js';
import { runJob, type GenerateJob } from './generate-job.js';

/** What a gen run produces, wherever it writes it (a folder, a bucket, a Worker fan-out). */
export interface DatasetSelection {
  spec: DatasetSpec;
  format: Format;
  /** Subset of tables (all when omitted). */
  tables?: string[];
  /** Only this part (1..parts); all parts when omitted. */
  part?: number;
  /** 'YYYY-MM': only that month's flux, of the flux tables (hdsbench gen --flux). */
  flux?: string;
}

export interface WriteDatasetOptions extends DatasetSelection {
  out: string;
  /** Worker threads; 1 generates in this thread. */
  threads?: number;
  onProgress?(done: number, total: number): void;
}

export interface WriteDatasetResult {
  manifest: Manifest;
  generated: ManifestFile[];
  skipped: ManifestFile[];
  /** Temporary files an interrupted run had left, removed on resume (paths relative to the folder). */
  removed: string[];
  seconds: number;
}

export const MANIFEST_NAME = 'manifest.json';

export async function readManifest(out: string): Promise<Manifest | null> {
  const path = join(out, MANIFEST_NAME);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  try {
    const m = JSON.parse(text) as Manifest;
    if (m.manifest_version !== 1 || !Array.isArray(m.files)) throw new Error('not a manifest');
    return m;
  } catch {
    throw new InputError(`${path} is not an hdsbench manifest: remove it or choose another --out`);
  }
}

async function writeManifest(out: string, manifest: Manifest) {
  const path = join(out, MANIFEST_NAME);
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, JSON.stringify(manifest, null, 2) + '\n');
  await rename(tmp, path);
}

async function prepareOut(out: string) {
  try {
    await mkdir(out, { recursive: true });
    await access(out, constants.W_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(`cannot write to ${out}${code ? ` (${code})` : ''}: choose a writable --out directory`);
  }
}

/** A file already on disk with the manifest's size and sha256 is kept as is. */
async function alreadyThere(out: string, entry: ManifestFile | undefined): Promise<boolean> {
  if (!entry) return false;
  try {
    const s = await stat(join(out, entry.path));
    return s.size === entry.bytes && (await fileSha256(join(out, entry.path))) === entry.sha256;
  } catch {
    return false;
  }
}

export interface PoolCallbacks {
  progress(jobIndex: number, done: number): void;
  finished(entries: ManifestFile[]): Promise<void>;
}

async function runInThread(jobs: GenerateJob[], cb: PoolCallbacks) {
  for (let i = 0; i < jobs.length; i++) await cb.finished(await runJob(jobs[i], (done) => cb.progress(i, done)));
}

async function runInWorkers(jobs: GenerateJob[], threads: number, cb: PoolCallbacks) {
  // Parquet's WebAssembly module is compiled once, here, while the threads start, and posted to each with its jobs.
  const compiling = jobs.some((j) => j.format === 'parquet') ? import('./parquet-node.js').then((m) => m.compileParquetWasm()) : undefined;
  compiling?.catch(() => undefined);
  const workers = Array.from({ length: threads }, () => new Worker(new URL('./gen-worker.js', import.meta.url)));
  let next = 0;
  let failure: Error | undefined;
  try {
    const parquet = await compiling;
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            const take = () => {
              if (failure || next >= jobs.length) return resolve();
              const id = next++;
              w.postMessage({ id, job: jobs[id], parquet });
            };
            w.on('message', (msg: { id: number; type: string; done?: number; entries?: ManifestFile[]; message?: string; usage?: boolean }) => {
              if (msg.type === 'progress') cb.progress(msg.id, msg.done as number);
              else if (msg.type === 'done') cb.finished(msg.entries as ManifestFile[]).then(take, reject);
              else {
                failure = msg.usage ? new InputError(msg.message) : new Error(msg.message);
                reject(failure);
              }
            });
            w.on('error', reject);
            take();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** Run generation jobs in this thread (threads <= 1) or in a pool of worker threads. */
export async function runJobs(jobs: GenerateJob[], threads: number, cb: PoolCallbacks) {
  const n = Math.max(1, Math.min(threads, jobs.length, availableParallelism() * 4));
  if (n <= 1) await runInThread(jobs, cb);
  else await runInWorkers(jobs, n, cb);
}

/** The tables of a request: all (or the flux tables with a flux), or the subset asked for. */
export function requestTables(opts: { tables?: string[]; flux?: string }): string[] {
  const catalog = defaultCatalog();
  if (opts.flux === undefined) return selectTables(catalog, opts.tables);
  const period = carePeriod(catalog.model<CareModel>('care'));
  fluxDay(opts.flux, period.firstCareDay, period.lastFluxDay);
  const tables = selectTables(catalog, opts.tables ?? [...FLUX_TABLES]);
  const others = tables.filter((t) => !(FLUX_TABLES as readonly string[]).includes(t));
  if (others.length) throw new InputError(`--flux writes only the flux tables ${FLUX_TABLES.join(', ')}; not ${others.join(', ')}`);
  return tables;
}

/**
 * Generate a dataset (or some parts/tables of it) into OUT with its manifest. Files whose hash
 * already matches the manifest are skipped, so an interrupted run resumes where it stopped.
 */
export async function writeDataset(opts: WriteDatasetOptions): Promise<WriteDatasetResult> {
  const started = performance.now();
  const catalog = defaultCatalog();
  checkSpec(opts.spec);
  if (opts.part !== undefined && (!Number.isInteger(opts.part) || opts.part < 1 || opts.part > opts.spec.parts)) {
    throw new InputError(`--part must be between 1 and ${opts.spec.parts} (the value of --parts), got ${opts.part}`);
  }
  const tables = requestTables(opts);
  await prepareOut(opts.out);

  let manifest = await readManifest(opts.out);
  if (manifest) {
    const diff = sameDataset(manifest, opts.spec, opts.format, catalog, opts.flux);
    if (diff) throw new InputError(`${opts.out} already holds another dataset (${diff}): choose another --out or remove it`);
    const union = new Set([...manifest.tables, ...tables]);
    manifest = { ...manifest, tables: selectTables(catalog, [...union]) };
  } else manifest = emptyManifest(opts.spec, opts.format, tables, catalog, opts.flux);

  const removed = await removeStaleTemporaries(opts.out);
  const wanted = datasetFiles(catalog, opts.spec, tables, opts.part);
  const byPath = new Map(manifest.files.map((f) => [f.path, f]));
  const todo: FileSpec[] = [];
  const skipped: ManifestFile[] = [];
  for (const f of wanted) {
    const entry = byPath.get(filePath(f, opts.format));
    if (await alreadyThere(opts.out, entry)) skipped.push(entry as ManifestFile);
    else todo.push(f);
  }
  // Re-record the manifest even when nothing is generated, so that added tables are listed.
  manifest = recordFiles(manifest, skipped, catalog);
  await writeManifest(opts.out, manifest);

  const jobs: GenerateJob[] = [];
  const shared = todo.filter((f) => f.kind !== 'fact');
  if (shared.length) jobs.push({ spec: opts.spec, format: opts.format, out: opts.out, files: shared, flux: opts.flux });
  for (let k = 1; k <= opts.spec.parts; k++) {
    const files = todo.filter((f) => f.kind === 'fact' && f.part === k);
    if (files.length) jobs.push({ spec: opts.spec, format: opts.format, out: opts.out, files, flux: opts.flux });
  }

  const n = beneficiaryCount(opts.spec.scale);
  const sizes = jobs.map((j) => (j.files[0].kind === 'fact' ? partRange(n, j.files[0].part, opts.spec.parts).end - partRange(n, j.files[0].part, opts.spec.parts).start : 0));
  const total = sizes.reduce((a, b) => a + b, 0);
  const progress = new Array<number>(jobs.length).fill(0);
  const generated: ManifestFile[] = [];
  let writing = Promise.resolve();
  const cb: PoolCallbacks = {
    progress(i, done) {
      progress[i] = done;
      opts.onProgress?.(progress.reduce((a, b) => a + b, 0), total);
    },
    finished(entries) {
      // Manifest updates are serialised: each completed job is recorded before the next.
      writing = writing.then(async () => {
        manifest = recordFiles(manifest as Manifest, entries, catalog);
        generated.push(...entries);
        await writeManifest(opts.out, manifest as Manifest);
      });
      return writing;
    },
  };
  await runJobs(jobs, opts.threads ?? 1, cb);
  await writing;
  return { manifest, generated, skipped, removed, seconds: (performance.now() - started) / 1000 };
}
