/**
 * Object storage as the generator needs it: S3-compatible services (through their S3 API) and
 * Cloudflare R2 (through its Worker binding) behind one small interface. Web-standard APIs only.
 */

export interface ObjectInfo {
  key: string;
  size: number;
}

/** A multipart upload in progress: parts are numbered from 1; every part but the last has the same size. */
export interface MultipartUpload {
  uploadPart(partNumber: number, body: Uint8Array): Promise<string>;
  /** Make the object visible, from the ETags of its parts in order. */
  complete(etags: string[]): Promise<void>;
  /** Drop the parts uploaded so far; the object never appears. */
  abort(): Promise<void>;
}

export interface ObjectStore {
  /** Where the objects go, for messages: s3://bucket at https://endpoint, r2://binding. */
  readonly description: string;
  /** Every object whose key starts with `prefix`, with its size. */
  list(prefix: string): Promise<ObjectInfo[]>;
  /** A small object whole (manifests, part records), or null when there is none. */
  get(key: string): Promise<Uint8Array | null>;
  /** An object as a stream, or null when there is none. */
  getStream(key: string): Promise<ReadableStream<Uint8Array> | null>;
  /** Write a small object in one request. */
  put(key: string, body: Uint8Array, contentType?: string): Promise<void>;
  delete(key: string): Promise<void>;
  createMultipart(key: string, contentType?: string): Promise<MultipartUpload>;
}

export type StoreErrorKind = 'credentials' | 'no_bucket' | 'forbidden' | 'unreachable' | 'server';

/** A failure of the object store, with what the user can do about it in the message. */
export class StoreError extends Error {
  constructor(
    readonly kind: StoreErrorKind,
    message: string,
    /** The service's error code (NoSuchKey, AccessDenied, …) when it gave one. */
    readonly code?: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

/** Join a dataset prefix ('' or 'a/b') and a relative path into an object key. */
export function objectKey(prefix: string, path: string): string {
  return prefix ? `${prefix}/${path}` : path;
}
