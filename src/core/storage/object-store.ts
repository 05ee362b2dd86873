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
  /**
   * Whether the service no longer knows this upload (aborted by another writer, or completed): asked
   * after a part fails, since a server may answer a part of an aborted upload by closing the
   * connection rather than with NoSuchUpload. Absent where it cannot be asked (R2's binding).
   */
  gone?(): Promise<boolean>;
}

/** A multipart upload begun and neither completed nor aborted: its parts are stored (and billed) but no object shows them. */
export interface IncompleteUpload {
  key: string;
  uploadId: string;
  /** When the service says it was started. */
  initiated: Date;
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
  /**
   * The incomplete multipart uploads under `prefix` (S3's ListMultipartUploads), with the service's
   * clock at the time of listing. Absent where the API has no such listing (R2's Worker binding).
   */
  incompleteUploads?(prefix: string): Promise<{ uploads: IncompleteUpload[]; listedAt: Date }>;
  /** Abort one incomplete upload by key and id: its parts are deleted. */
  abortUpload?(key: string, uploadId: string): Promise<void>;
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
