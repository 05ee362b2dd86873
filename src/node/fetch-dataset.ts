import { createHash } from 'node:crypto';
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultCatalog } from '../core/catalog/catalog.js';
import { InputError } from '../core/errors.js';
import type { Format } from '../core/encode/encoder.js';
import { checkSpec, selectTables, type DatasetSpec } from '../core/pipeline/dataset.js';
import { emptyManifest, recordFiles, sameDataset, type Manifest, type ManifestFile } from '../core/pipeline/manifest.js';
import { GENERATOR_NAME, GENERATOR_VERSION } from '../core/version.js';
import { MANIFEST_NAME, readManifest, type WriteDatasetResult } from './dataset-writer.js';
import { AtomicFileSink, fileSha256 } from './fs-sink.js';
import { removeStaleTemporaries } from './stale-temporaries.js';

export interface FetchDatasetOptions {
  /** Base URL of an hdsbench server (`hdsbench serve` or the Worker), e.g. http://127.0.0.1:8787. */
  from: string;
  out: string;
  spec: DatasetSpec;
  format: Format;
  tables?: string[];
  /** Only this part (1..parts); all parts when omitted. */
  part?: number;
  /** Requests in flight at once. */
  concurrency?: number;
  /** Further attempts after a network error, a 5xx/429 or a sha256 mismatch. */
  retries?: number;
  /** Delay before the first retry, doubled at each further one. */
  retryDelayMs?: number;
  onProgress?(doneFiles: number, totalFiles: number): void;
}

/** A failure worth trying again (network, 5xx, 429, corrupted transfer). */
export class TransientError extends Error {
  constructor(
    message: string,
    /** The server is busy and said when to come back (503 or 429 with Retry-After, in ms). */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** Busy answers (with Retry-After) waited out before giving up; they do not count as failed attempts. */
const MAX_BUSY_WAITS = 30;

/** Milliseconds of a Retry-After header given in seconds (its date form is not used by hdsbench servers). */
export function retryAfterMs(res: Response): number | undefined {
  const value = res.headers.get('retry-after');
  if (value === null || !/^\d{1,5}$/.test(value.trim())) return undefined;
  return Number(value) * 1000;
}

const DEFAULTS = { concurrency: 4, retries: 4, retryDelayMs: 250 };

export async function withRetries<T>(what: string, o: Required<Pick<FetchDatasetOptions, 'retries' | 'retryDelayMs'>>, attempt: () => Promise<T>): Promise<T> {
  let busy = 0;
  for (let i = 0; ; i++) {
    try {
      return await attempt();
    } catch (e) {
      const transient = e instanceof TransientError;
      if (transient && e.retryAfterMs !== undefined && busy < MAX_BUSY_WAITS) {
        // A busy server (its generation slots are full): come back when it says, without using up a retry.
        busy++;
        i--;
        await new Promise((r) => setTimeout(r, e.retryAfterMs));
        continue;
      }
      if (!transient || i >= o.retries) throw transient ? new Error(`${what}: ${(e as Error).message} (after ${i + 1} attempts)`) : e;
      await new Promise((r) => setTimeout(r, o.retryDelayMs * 2 ** i));
    }
  }
}

/** Run `tasks` with at most `limit` at once; the first failure stops handing out new ones. */
export async function pool<T>(items: T[], limit: number, task: (item: T) => Promise<void>) {
  let next = 0;
  let failed = false;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (!failed && next < items.length) {
        const item = items[next++];
        try {
          await task(item);
        } catch (e) {
          failed = true;
          throw e;
        }
      }
    }),
  );
}

async function get(url: string): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url);
  } catch (e) {
    throw new TransientError(`cannot reach ${url}: ${(e as Error).cause ?? (e as Error).message}`);
  }
  if (res.ok) return res;
  const text = await res.text().catch(() => '');
  let message = text.slice(0, 500);
  try {
    message = (JSON.parse(text) as { error: { message: string } }).error.message;
  } catch {
    // not a JSON error body: keep the text
  }
  if (res.status >= 500 || res.status === 429) throw new TransientError(`${res.status} from ${url}: ${message}`, res.status === 503 || res.status === 429 ? retryAfterMs(res) : undefined);
  throw new InputError(`the server refused ${url} (${res.status}): ${message}`);
}

function datasetBase(from: string, spec: DatasetSpec, format: Format): string {
  return `${from.replace(/\/+$/, '')}/v1/datasets/${GENERATOR_NAME}-${GENERATOR_VERSION}/seed-${spec.seed}/sf-${spec.scale}/parts-${spec.parts}/${format}`;
}

export async function checkServer(from: string, schemaVersion: string, o: Required<Pick<FetchDatasetOptions, 'retries' | 'retryDelayMs'>>) {
  const url = `${from.replace(/\/+$/, '')}/v1/health`;
  const health = await withRetries(url, o, async () => (await (await get(url)).json()) as { generator?: { version?: string }; schema_version?: string });
  if (health.generator?.version !== GENERATOR_VERSION || health.schema_version !== schemaVersion) {
    throw new InputError(`${from} runs generator ${health.generator?.version} with schema ${String(health.schema_version).slice(0, 12)}, this CLI is ${GENERATOR_VERSION} with schema ${schemaVersion.slice(0, 12)}: the files would differ from local generation; use a matching server or CLI`);
  }
}

/** Download one file into OUT atomically; its sha256 must equal the manifest's, else nothing is kept. */
async function downloadFile(url: string, path: string, entry: ManifestFile) {
  const res = await get(url);
  const sink = new AtomicFileSink(path);
  const hash = createHash('sha256');
  try {
    if (!res.body) throw new TransientError(`${url} answered without a body`);
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        hash.update(chunk);
        await sink.write(chunk);
      }
    } catch (e) {
      throw new TransientError(`transfer of ${url} broke off: ${(e as Error).message}`);
    }
    const got = hash.digest('hex');
    if (got !== entry.sha256 || sink.bytes !== entry.bytes) throw new TransientError(`${url}: got ${sink.bytes} bytes with sha256 ${got}, the manifest says ${entry.bytes} bytes with ${entry.sha256}`);
  } catch (e) {
    await sink.abort();
    throw e;
  }
  await sink.commit();
}

async function upToDate(path: string, entry: ManifestFile): Promise<boolean> {
  try {
    return (await stat(path)).size === entry.bytes && (await fileSha256(path)) === entry.sha256;
  } catch {
    return false;
  }
}

async function saveManifest(out: string, manifest: Manifest) {
  const path = join(out, MANIFEST_NAME);
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, JSON.stringify(manifest, null, 2) + '\n');
  await rename(tmp, path);
}

/**
 * `hdsbench gen --from URL`: fetch a dataset's parts from an hdsbench server (fan-out: each part is
 * generated by whichever worker answers) into the same layout and manifest as local generation,
 * verifying every file's sha256 against the server's manifest. Files already there are kept.
 */
export async function fetchDataset(opts: FetchDatasetOptions): Promise<WriteDatasetResult> {
  const started = performance.now();
  const o = { ...DEFAULTS, ...Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined)) } as Required<FetchDatasetOptions>;
  const catalog = defaultCatalog();
  let tables: string[];
  try {
    checkSpec(opts.spec);
    tables = selectTables(catalog, opts.tables);
    new URL(opts.from);
  } catch (e) {
    throw new InputError(e instanceof TypeError ? `--from must be a URL such as http://127.0.0.1:8787, got "${opts.from}"` : (e as Error).message);
  }
  if (opts.part !== undefined && (!Number.isInteger(opts.part) || opts.part < 1 || opts.part > opts.spec.parts)) {
    throw new InputError(`--part must be between 1 and ${opts.spec.parts} (the value of --parts), got ${opts.part}`);
  }
  await checkServer(opts.from, catalog.version, o);
  try {
    await mkdir(opts.out, { recursive: true });
  } catch (e) {
    throw new InputError(`cannot write to ${opts.out} (${(e as NodeJS.ErrnoException).code}): choose a writable --out directory`);
  }
  let manifest = await readManifest(opts.out);
  if (manifest) {
    const diff = sameDataset(manifest, opts.spec, opts.format, catalog);
    if (diff) throw new InputError(`${opts.out} already holds another dataset (${diff}): choose another --out or remove it`);
    manifest = { ...manifest, tables: selectTables(catalog, [...new Set([...manifest.tables, ...tables])]) };
  } else manifest = emptyManifest(opts.spec, opts.format, tables, catalog);

  const removed = await removeStaleTemporaries(opts.out);
  // 1. The server's entries (rows, bytes, sha256), part by part: each part fits one request.
  const base = datasetBase(opts.from, opts.spec, opts.format);
  const parts = opts.part !== undefined ? [opts.part] : Array.from({ length: opts.spec.parts }, (_, i) => i + 1);
  const expected: ManifestFile[] = [];
  await pool(parts, o.concurrency, async (k) => {
    const url = `${base}/manifest.json?part=${k}&tables=${tables.join(',')}`;
    const partManifest = await withRetries(url, o, async () => (await (await get(url)).json()) as Manifest);
    expected.push(...partManifest.files);
  });

  // 2. The files, verified and written atomically; the manifest is rewritten after each one.
  const skipped: ManifestFile[] = [];
  const todo: ManifestFile[] = [];
  for (const e of expected) (await upToDate(join(opts.out, e.path), e) ? skipped : todo).push(e);
  manifest = recordFiles(manifest, skipped, catalog);
  await saveManifest(opts.out, manifest);
  const generated: ManifestFile[] = [];
  opts.onProgress?.(skipped.length, expected.length);
  // Downloaded files are recorded in batches and the manifest saved at most once a second (and at
  // the end): a resumed fetch re-checks every file against the server's sha256 anyway.
  let pending: ManifestFile[] = [];
  let savedAt = performance.now();
  const record = async (force: boolean) => {
    if (pending.length) {
      manifest = recordFiles(manifest as Manifest, pending, catalog);
      pending = [];
    }
    if (force || performance.now() - savedAt >= 1000) {
      savedAt = performance.now();
      await saveManifest(opts.out, manifest as Manifest);
    }
  };
  let writing = Promise.resolve();
  await pool(todo, o.concurrency, async (entry) => {
    await withRetries(`${base}/${entry.path}`, o, () => downloadFile(`${base}/${entry.path}`, join(opts.out, entry.path), entry));
    generated.push(entry);
    pending.push(entry);
    opts.onProgress?.(skipped.length + generated.length, expected.length);
    writing = writing.then(() => record(false));
    await writing;
  });
  await writing;
  await record(true);
  return { manifest, generated, skipped, removed, seconds: (performance.now() - started) / 1000 };
}
