import type { EntryCache } from '../src/app/entry-cache.js';
import type { ManifestFile } from '../src/core/pipeline/manifest.js';

/** A URL the Cache API can key on; never fetched (the host is reserved for documentation). */
const CACHE_ORIGIN = 'https://entries.hdsbench.invalid/';

/**
 * Manifest entries in the Workers Cache API (per data centre, shared by every isolate there, may
 * be evicted: a miss only costs a regeneration). Entries never change for a key, so a year's TTL.
 */
export class CacheApiEntryCache implements EntryCache {
  constructor(private readonly cache: Cache) {}

  private request(key: string): Request {
    return new Request(CACHE_ORIGIN + encodeURI(key));
  }

  async get(key: string): Promise<ManifestFile | undefined> {
    const hit = await this.cache.match(this.request(key));
    return hit ? ((await hit.json()) as ManifestFile) : undefined;
  }

  async put(key: string, entry: ManifestFile): Promise<void> {
    const body = JSON.stringify(entry);
    await this.cache.put(this.request(key), new Response(body, { headers: { 'Content-Type': 'application/json', 'Cache-Control': 'public, max-age=31536000, immutable' } }));
  }
}
