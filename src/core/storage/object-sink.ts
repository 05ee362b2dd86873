import type { ByteSink } from '../encode/byte-sink.js';
import { portableSha256, type Sha256Factory, type StreamingSha256 } from '../hash/sha256.js';
import { StoreError, type MultipartUpload, type ObjectStore } from './object-store.js';

/** S3's smallest part (all but the last); R2 also wants every part but the last of the same size. */
export const MIN_PART_BYTES = 5 * 1024 * 1024;
export const DEFAULT_PART_BYTES = 8 * 1024 * 1024;
/** Parts of one file uploaded at once: the next part fills while the previous one travels. */
export const DEFAULT_PARTS_IN_FLIGHT = 2;

export interface ObjectSinkOptions {
  /** Size of every multipart part but the last (default 8 MiB). */
  partBytes?: number;
  contentType?: string;
  /** The streaming sha256 to use (default: portable JavaScript; Node passes its native one). */
  sha256?: Sha256Factory;
  /** Parts of this file uploaded at once (default 2). Memory: up to (partsInFlight + 1) × partBytes. */
  partsInFlight?: number;
}

/**
 * Streams one file into an object: bytes are cut into parts of exactly `partBytes` uploaded as
 * they fill (at most `partsInFlight` parts travelling and one filling), and the object appears only
 * when commit() completes, so an interrupted upload never leaves a truncated object under the
 * file's name. A file smaller than one part is written with a single PUT. The sha256 is computed on
 * the way.
 *
 * Another writer of the same dataset may abort this upload once it has completed the same key
 * (abortSupersededUploads: the generator's bytes are a function of the dataset, so one complete
 * object is enough): the sink then stops sending, and commit() accepts the object already there if
 * it has exactly the bytes this sink was given, and fails otherwise.
 */
export class ObjectSink implements ByteSink {
  private readonly hash: StreamingSha256;
  private readonly partBytes: number;
  private readonly partsInFlight: number;
  private readonly contentType: string;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private upload: Promise<MultipartUpload> | undefined;
  private readonly etags: string[] = [];
  private partsStarted = 0;
  private readonly travelling = new Set<Promise<void>>();
  private failure: { error: unknown } | undefined;
  /** The upload was aborted by another writer (NoSuchUpload): nothing more is sent. */
  private superseded = false;
  bytes = 0;

  constructor(
    private readonly store: ObjectStore,
    readonly key: string,
    options: ObjectSinkOptions = {},
  ) {
    this.partBytes = options.partBytes ?? DEFAULT_PART_BYTES;
    this.partsInFlight = options.partsInFlight ?? DEFAULT_PARTS_IN_FLIGHT;
    this.contentType = options.contentType ?? 'application/octet-stream';
    if (!Number.isInteger(this.partBytes) || this.partBytes < 1) throw new RangeError(`part size must be a positive integer, got ${this.partBytes}`);
    if (!Number.isInteger(this.partsInFlight) || this.partsInFlight < 1) throw new RangeError(`parts in flight must be a positive integer, got ${this.partsInFlight}`);
    this.hash = (options.sha256 ?? portableSha256)();
  }

  async write(chunk: Uint8Array) {
    if (chunk.length === 0) return;
    this.throwIfFailed();
    this.hash.update(chunk);
    this.bytes += chunk.length;
    // The encoder may reuse its buffer after write() returns: keep a copy.
    this.pending.push(chunk.slice());
    this.pendingBytes += chunk.length;
    while (this.pendingBytes >= this.partBytes) await this.startPart(this.take(this.partBytes));
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

  /** Send the next part; returns once fewer than partsInFlight parts are travelling. */
  private async startPart(body: Uint8Array) {
    if (this.superseded) return;
    const n = ++this.partsStarted;
    const upload = (this.upload ??= this.store.createMultipart(this.key, this.contentType));
    const sent: Promise<void> = upload
      .then((u) => u.uploadPart(n, body))
      .then(
        (etag) => void (this.etags[n - 1] = etag),
        async (error: unknown) => {
          if (isNoSuchUpload(error) || (await this.uploadGone())) this.superseded = true;
          else this.failure ??= { error };
        },
      )
      .finally(() => this.travelling.delete(sent));
    this.travelling.add(sent);
    while (this.travelling.size >= this.partsInFlight) await Promise.race(this.travelling);
    this.throwIfFailed();
  }

  private throwIfFailed() {
    if (this.failure) throw this.failure.error;
  }

  /** Upload what remains, make the object visible and return its sha256. */
  async commit(): Promise<string> {
    this.throwIfFailed();
    const rest = this.take(this.pendingBytes);
    if (!this.upload) await this.store.put(this.key, rest, this.contentType);
    else {
      if (rest.length > 0) await this.startPart(rest);
      await Promise.all(this.travelling);
      this.throwIfFailed();
      if (!this.superseded) {
        try {
          await (await this.upload).complete(this.etags);
        } catch (e) {
          // Another writer may abort this upload while it completes: some servers then answer
          // InvalidPart (its parts are gone) rather than NoSuchUpload, so ask whether it still exists.
          if (!isNoSuchUpload(e) && !(await this.uploadGone())) throw e;
          this.superseded = true;
        }
      }
      if (this.superseded) await this.acceptCompletedObject();
    }
    return this.hash.hex();
  }

  /** Whether the failure of a part is that the upload no longer exists (a server may just close the connection). */
  private async uploadGone(): Promise<boolean> {
    const u = await this.upload?.catch(() => undefined);
    return (await u?.gone?.().catch(() => false)) ?? false;
  }

  /** After another writer aborted this upload: its object must be there, with exactly the bytes written here. */
  private async acceptCompletedObject() {
    const object = (await this.store.list(this.key)).find((o) => o.key === this.key);
    if (object?.size === this.bytes) return;
    throw new StoreError(
      'server',
      `the upload of ${this.key} to ${this.store.description} was aborted by another writer and ${object ? `the object there has ${object.size} bytes, not ${this.bytes}` : 'no object is there'}: run again to resume`,
    );
  }

  /** Forget the upload: the parts sent so far are dropped and no object appears. */
  async abort() {
    this.pending = [];
    this.pendingBytes = 0;
    // Let the travelling parts land first, so none arrives after the abort.
    await Promise.all(this.travelling);
    const upload = await this.upload?.catch(() => undefined);
    await upload?.abort().catch(() => undefined);
  }
}

/** S3's answer for an upload id that was aborted (or completed) meanwhile. */
function isNoSuchUpload(e: unknown): boolean {
  return e instanceof StoreError && e.code === 'NoSuchUpload';
}
