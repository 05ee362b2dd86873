import type { Format } from '../core/encode/encoder.js';
import type { DatasetSpec } from '../core/pipeline/dataset.js';
import type { ManifestFile } from '../core/pipeline/manifest.js';
import { GENERATOR_VERSION } from '../core/version.js';

/**
 * Where the app keeps the manifest entries (rows, bytes, sha256) of files it has generated, so a
 * manifest or an ETag costs one generation per file, not one per request. Each runtime brings its
 * own: memory in Node, the Cache API in workerd (workers/cache-api-entry-cache.ts).
 */
export interface EntryCache {
  get(key: string): Promise<ManifestFile | undefined>;
  put(key: string, entry: ManifestFile): Promise<void>;
}

/**
 * Key of a file's entry: everything that determines its bytes. The path carries the table and
 * part-k-of-K (shared tables are part-1-of-1 whatever the dataset's parts, so they are shared).
 */
export function entryKey(schemaVersion: string, spec: DatasetSpec, format: Format, path: string): string {
  return `${GENERATOR_VERSION}/${schemaVersion}/seed-${spec.seed}/sf-${spec.scale}/${format}/${path}`;
}

/** Entries in memory, least recently used dropped beyond `capacity` (an entry is ~200 bytes). */
export class MemoryEntryCache implements EntryCache {
  private readonly entries = new Map<string, ManifestFile>();

  constructor(private readonly capacity = 100_000) {}

  async get(key: string) {
    const e = this.entries.get(key);
    if (e) {
      this.entries.delete(key);
      this.entries.set(key, e);
    }
    return e;
  }

  async put(key: string, entry: ManifestFile) {
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }
}
