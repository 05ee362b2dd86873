import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { ByteSink } from '../encode/byte-sink.js';
import type { MultipartUpload, ObjectStore } from './object-store.js';

/** S3's smallest part (all but the last); R2 also wants every part but the last of the same size. */
export const MIN_PART_BYTES = 5 * 1024 * 1024;
export const DEFAULT_PART_BYTES = 8 * 1024 * 1024;

/**
 * Streams one file into an object: bytes are cut into parts of exactly `partBytes` uploaded as
 * they fill (at most one part is held in memory), and the object appears only when complete(), so
 * an interrupted upload never leaves a truncated object under the file's name. A file smaller
 * than one part is written with a single PUT. The sha256 is computed on the way.
 */
export class ObjectSink implements ByteSink {
  private readonly hash = sha256.create();
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private upload: MultipartUpload | undefined;
  private readonly etags: string[] = [];
  bytes = 0;

  constructor(
    private readonly store: ObjectStore,
    readonly key: string,
    private readonly partBytes = DEFAULT_PART_BYTES,
    private readonly contentType = 'application/octet-stream',
  ) {
    if (!Number.isInteger(partBytes) || partBytes < 1) throw new RangeError(`part size must be a positive integer, got ${partBytes}`);
  }

  async write(chunk: Uint8Array) {
    if (chunk.length === 0) return;
    this.hash.update(chunk);
    this.bytes += chunk.length;
    // The encoder may reuse its buffer after write() returns: keep a copy.
    this.pending.push(chunk.slice());
    this.pendingBytes += chunk.length;
    while (this.pendingBytes >= this.partBytes) await this.uploadPart(this.take(this.partBytes));
  }

  /** The first `n` pending bytes as one array. */
  private take(n: number): Uint8Array {
    const out = new Uint8Array(n);
    let o = 0;
    while (o < n) {
      const head = this.pending[0];
      const use = Math.min(head.length, n - o);
      out.set(head.subarray(0, use), o);
      o += use;
      if (use === head.length) this.pending.shift();
      else this.pending[0] = head.subarray(use);
    }
    this.pendingBytes -= n;
    return out;
  }

  private async uploadPart(body: Uint8Array) {
    this.upload ??= await this.store.createMultipart(this.key, this.contentType);
    this.etags.push(await this.upload.uploadPart(this.etags.length + 1, body));
  }

  /** Upload what remains, make the object visible and return its sha256. */
  async commit(): Promise<string> {
    const rest = this.take(this.pendingBytes);
    if (!this.upload) await this.store.put(this.key, rest, this.contentType);
    else {
      if (rest.length > 0) await this.uploadPart(rest);
      await this.upload.complete(this.etags);
    }
    return bytesToHex(this.hash.digest());
  }

  /** Forget the upload: the parts sent so far are dropped and no object appears. */
  async abort() {
    this.pending = [];
    this.pendingBytes = 0;
    await this.upload?.abort().catch(() => undefined);
  }
}
