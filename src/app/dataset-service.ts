import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { Catalog } from '../core/catalog/catalog.js';
import type { ByteSink } from '../core/encode/byte-sink.js';
import type { Format } from '../core/encode/encoder.js';
import { datasetFiles, filePath, type DatasetSpec, type FileSpec } from '../core/pipeline/dataset.js';
import { emptyManifest, recordFiles, type Manifest, type ManifestFile } from '../core/pipeline/manifest.js';
import { entryKey, type EntryCache } from './entry-cache.js';
import { generationStream } from './generation-stream.js';
import type { GenerationRunner } from './generation-runner.js';
import type { GenerationSlots } from './generation-slots.js';

/** A sink that only hashes and counts: how a manifest entry is computed without keeping bytes. */
class HashingSink implements ByteSink {
  private readonly hash = sha256.create();
  bytes = 0;
  write(chunk: Uint8Array) {
    this.hash.update(chunk);
    this.bytes += chunk.length;
  }
  hex(): string {
    return bytesToHex(this.hash.digest());
  }
}

/** A generation of entries that several requests may wait for; it stops when all of them have gone. */
interface Flight {
  entries: Promise<ManifestFile[]>;
  stop: AbortController;
  waiting: number;
}

/**
 * Manifests and file streams of datasets, with their entries cached. Files are generated in the
 * groups the core generates together (the fact tables of one part; the scale-only tables), so a
 * manifest costs one pass per part, whatever the number of tables. Every generation holds one of
 * the server's slots while it runs (`slots`) and runs where the runtime says (`runner`).
 */
export class DatasetService {
  private readonly inFlight = new Map<string, Flight>();

  constructor(
    private readonly catalog: Catalog,
    private readonly cache: EntryCache,
    private readonly runner: GenerationRunner,
    readonly slots: GenerationSlots,
  ) {}

  private key(spec: DatasetSpec, format: Format, file: FileSpec): string {
    return entryKey(this.catalog.version, spec, format, filePath(file, format));
  }

  /** The cached entry of a file, if some request already generated it. */
  knownEntry(spec: DatasetSpec, format: Format, file: FileSpec): Promise<ManifestFile | undefined> {
    return this.cache.get(this.key(spec, format, file));
  }

  /**
   * Entries of `files` (one generation group), from the cache or by generating into hashing sinks.
   * Concurrent requests for the same group share one generation, which stops once every one of
   * them has gone (`signal`).
   */
  private async groupEntries(spec: DatasetSpec, format: Format, files: FileSpec[], signal: AbortSignal): Promise<ManifestFile[]> {
    const cached = await Promise.all(files.map((f) => this.knownEntry(spec, format, f)));
    if (cached.every((e) => e !== undefined)) return cached as ManifestFile[];
    const flightKey = files.map((f) => this.key(spec, format, f)).join('|');
    let flight = this.inFlight.get(flightKey);
    if (!flight) {
      const stop = new AbortController();
      const entries = this.generateEntries(spec, format, files, stop.signal).finally(() => this.inFlight.delete(flightKey));
      flight = { entries, stop, waiting: 0 };
      this.inFlight.set(flightKey, flight);
    }
    const f = flight;
    f.waiting++;
    const leave = () => {
      if (--f.waiting === 0) f.stop.abort();
    };
    if (signal.aborted) leave();
    else signal.addEventListener('abort', leave, { once: true });
    try {
      return await f.entries;
    } finally {
      signal.removeEventListener('abort', leave);
    }
  }

  private async generateEntries(spec: DatasetSpec, format: Format, files: FileSpec[], signal: AbortSignal): Promise<ManifestFile[]> {
    const sinks = new Map<FileSpec, HashingSink>();
    const lease = await this.slots.lease(signal);
    let results;
    try {
      // A generation that waited on its request too long lost its slot: stop it too.
      const stop = AbortSignal.any([signal, lease.evicted]);
      results = await this.runner.run({ spec, format, files }, (file) => {
        const sink = new HashingSink();
        sinks.set(file, sink);
        return sink;
      }, stop, lease);
    } finally {
      lease.release();
    }
    const entries = results.map((r): ManifestFile => {
      const sink = sinks.get(r.file) as HashingSink;
      return { path: filePath(r.file, format), table: r.file.table, part: r.file.part, parts: r.file.parts, rows: r.rows, bytes: sink.bytes, sha256: sink.hex() };
    });
    await Promise.all(entries.map((e, i) => this.cache.put(this.key(spec, format, results[i].file), e)));
    return entries;
  }

  /**
   * The manifest of `tables`, or of part `part` only (its fact files, plus the scale-only files
   * for part 1), exactly as `hdsbench gen --part` would write it.
   */
  async manifest(spec: DatasetSpec, format: Format, tables: string[], part: number | undefined, signal: AbortSignal): Promise<Manifest> {
    const files = datasetFiles(this.catalog, spec, tables, part);
    const shared = files.filter((f) => f.kind !== 'fact');
    const groups: FileSpec[][] = shared.length ? [shared] : [];
    for (let k = 1; k <= spec.parts; k++) {
      const facts = files.filter((f) => f.kind === 'fact' && f.part === k);
      if (facts.length) groups.push(facts);
    }
    const entries: ManifestFile[] = [];
    for (const group of groups) entries.push(...(await this.groupEntries(spec, format, group, signal)));
    return recordFiles(emptyManifest(spec, format, tables, this.catalog), entries, this.catalog);
  }

  /**
   * One file as a byte stream. When its entry is not yet known the bytes are hashed on the way
   * and the entry cached at the end, so the next request carries an ETag. Waits for a generation
   * slot first (503 when the server is full), which the stream holds until it ends; `signal` (the
   * request's) stops the generation when the client goes away.
   */
  async fileStream(spec: DatasetSpec, format: Format, file: FileSpec, known: ManifestFile | undefined, signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
    const lease = await this.slots.lease(signal);
    let rows = 0;
    return generationStream(
      async (sink, stop, waits) => {
        const [result] = await this.runner.run({ spec, format, files: [file] }, () => sink, stop, waits);
        rows = result.rows;
      },
      {
        hash: known === undefined,
        signal,
        waits: lease,
        evicted: lease.evicted,
        onEnd: () => lease.release(),
        onComplete: async ({ bytes, sha256: hex }) => {
          if (known || hex === undefined) return;
          const entry: ManifestFile = { path: filePath(file, format), table: file.table, part: file.part, parts: file.parts, rows, bytes, sha256: hex };
          await this.cache.put(this.key(spec, format, file), entry);
        },
      },
    );
  }
}
