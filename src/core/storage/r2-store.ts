import { StoreError, type MultipartUpload, type ObjectInfo, type ObjectStore } from './object-store.js';

/** The part of a Cloudflare R2 bucket binding the store uses (structural: no Workers types needed). */
export interface R2BucketLike {
  list(options: { prefix?: string; cursor?: string }): Promise<{ objects: { key: string; size: number }[]; truncated: boolean; cursor?: string }>;
  get(key: string): Promise<{ body: ReadableStream<Uint8Array>; arrayBuffer(): Promise<ArrayBuffer> } | null>;
  put(key: string, value: Uint8Array | ArrayBuffer, options?: { httpMetadata?: { contentType?: string } }): Promise<unknown>;
  delete(key: string): Promise<void>;
  createMultipartUpload(key: string, options?: { httpMetadata?: { contentType?: string } }): Promise<{
    uploadPart(partNumber: number, value: Uint8Array | ArrayBuffer): Promise<{ partNumber: number; etag: string }>;
    complete(parts: { partNumber: number; etag: string }[]): Promise<unknown>;
    abort(): Promise<void>;
  }>;
}

/** A Cloudflare R2 bucket through its Worker binding: the same layout and guarantees as S3. */
export class R2Store implements ObjectStore {
  constructor(
    private readonly bucket: R2BucketLike,
    readonly description = 'r2://DATASETS',
  ) {}

  private async call<T>(what: string, f: () => Promise<T>): Promise<T> {
    try {
      return await f();
    } catch (e) {
      throw new StoreError('server', `${this.description}: cannot ${what}: ${(e as Error).message}`);
    }
  }

  async list(prefix: string): Promise<ObjectInfo[]> {
    const out: ObjectInfo[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.call(`list ${prefix}`, () => this.bucket.list({ prefix, cursor }));
      for (const o of page.objects) out.push({ key: o.key, size: o.size });
      cursor = page.truncated ? page.cursor : undefined;
    } while (cursor);
    return out;
  }

  async get(key: string): Promise<Uint8Array | null> {
    const o = await this.call(`read ${key}`, () => this.bucket.get(key));
    return o ? new Uint8Array(await o.arrayBuffer()) : null;
  }

  async getStream(key: string): Promise<ReadableStream<Uint8Array> | null> {
    const o = await this.call(`read ${key}`, () => this.bucket.get(key));
    return o ? o.body : null;
  }

  async put(key: string, body: Uint8Array, contentType = 'application/octet-stream'): Promise<void> {
    await this.call(`write ${key}`, () => this.bucket.put(key, body, { httpMetadata: { contentType } }));
  }

  async delete(key: string): Promise<void> {
    await this.call(`delete ${key}`, () => this.bucket.delete(key));
  }

  async createMultipart(key: string, contentType = 'application/octet-stream'): Promise<MultipartUpload> {
    const upload = await this.call(`start an upload of ${key}`, () => this.bucket.createMultipartUpload(key, { httpMetadata: { contentType } }));
    return {
      uploadPart: async (n, body) => (await this.call(`upload part ${n} of ${key}`, () => upload.uploadPart(n, body))).etag,
      complete: async (etags) => {
        await this.call(`complete ${key}`, () => upload.complete(etags.map((etag, i) => ({ partNumber: i + 1, etag }))));
      },
      abort: async () => {
        await upload.abort().catch(() => undefined);
      },
    };
  }
}
