import { AwsClient } from 'aws4fetch';
import { StoreError, type IncompleteUpload, type MultipartUpload, type ObjectInfo, type ObjectStore } from './object-store.js';
import { xmlEscape, xmlValue, xmlValues } from './s3-xml.js';

/** Where and as whom to reach an S3-compatible service; plain data, so it can cross to worker threads. */
export interface S3Config {
  /** Service URL, e.g. https://s3.eu-west-3.amazonaws.com or http://127.0.0.1:9000. */
  endpoint: string;
  region: string;
  bucket: string;
  /** endpoint/bucket/key instead of bucket.endpoint/key (most self-hosted services need it). */
  pathStyle: boolean;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** The HTTP(S) URL of an object, path-style or virtual-hosted as the configuration says (what engines' s3() functions take). */
export function objectUrl(config: Pick<S3Config, 'endpoint' | 'bucket' | 'pathStyle'>, key: string, query = ''): string {
  const base = new URL(config.endpoint);
  const path = key.split('/').map(encodeURIComponent).join('/');
  const basePath = base.pathname.replace(/\/+$/, '');
  const origin = config.pathStyle ? `${base.protocol}//${base.host}${basePath}/${encodeURIComponent(config.bucket)}` : `${base.protocol}//${config.bucket}.${base.host}${basePath}`;
  return `${origin}/${path}${query ? `?${query}` : ''}`;
}

/** Retries of a request on a network error, a 5xx or a 429 (aws4fetch doubles the delay each time). */
const RETRIES = 5;

/**
 * An S3-compatible bucket through its REST API, signed with SigV4 by aws4fetch (fetch and
 * WebCrypto only, so the same client runs in Node and in Workers).
 */
export class S3Store implements ObjectStore {
  private readonly client: AwsClient;
  readonly description: string;

  constructor(readonly config: S3Config) {
    this.client = new AwsClient({
      accessKeyId: config.accessKeyId,
      secretAccessKey: config.secretAccessKey,
      sessionToken: config.sessionToken,
      region: config.region,
      service: 's3',
      retries: RETRIES,
      initRetryMs: 200,
    });
    this.description = `s3://${config.bucket} at ${config.endpoint}`;
  }

  private url(key: string, query = ''): string {
    return objectUrl(this.config, key, query);
  }

  private async request(what: string, url: string, init: RequestInit = {}): Promise<Response> {
    let res: Response;
    try {
      res = await this.client.fetch(url, init);
    } catch (e) {
      const cause = (e as Error).cause as { code?: string; message?: string } | undefined;
      throw new StoreError('unreachable', `cannot reach ${this.config.endpoint} (${cause?.code ?? cause?.message ?? (e as Error).message}) while trying to ${what}: check the endpoint (--s3-endpoint or AWS_ENDPOINT_URL_S3)`);
    }
    return res;
  }

  /** A non-2xx answer as a StoreError whose message says what to do. */
  private async failure(what: string, res: Response): Promise<StoreError> {
    const body = await res.text().catch(() => '');
    const code = xmlValue(body, 'Code') ?? (res.status === 404 ? 'NotFound' : res.status === 403 ? 'AccessDenied' : `HTTP ${res.status}`);
    const message = xmlValue(body, 'Message') ?? '';
    const detail = `${code}${message ? `: ${message}` : ''}`;
    const where = `s3://${this.config.bucket} at ${this.config.endpoint}`;
    if (code === 'NoSuchBucket') return new StoreError('no_bucket', `bucket "${this.config.bucket}" does not exist at ${this.config.endpoint} (${detail}): create it first or check the bucket name and endpoint`, code);
    // Standard codes, and the variants of self-hosted services (e.g. an unknown access key as "…UserNotFound").
    if (/AccessKey|Signature|Token|Credential|UserNotFound|AuthorizationHeaderMalformed/i.test(code)) {
      return new StoreError('credentials', `${where} refused the credentials (${detail}) while trying to ${what}: check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (or AWS_PROFILE) and the region`, code);
    }
    if (res.status === 403) return new StoreError('forbidden', `${where} denied access (${detail}) while trying to ${what}: the credentials lack the permission`, code);
    return new StoreError('server', `${where} answered ${res.status} (${detail}) while trying to ${what}`, code);
  }

  async list(prefix: string): Promise<ObjectInfo[]> {
    const out: ObjectInfo[] = [];
    let token: string | undefined;
    do {
      const q = new URLSearchParams({ 'list-type': '2', prefix });
      if (token) q.set('continuation-token', token);
      const res = await this.request(`list ${prefix}`, this.url('', q.toString()));
      if (!res.ok) throw await this.failure(`list objects under "${prefix}"`, res);
      const xml = await res.text();
      for (const block of xmlValues(xml, 'Contents')) out.push({ key: xmlValue(block, 'Key') ?? '', size: Number(xmlValue(block, 'Size')) });
      token = xmlValue(xml, 'IsTruncated') === 'true' ? xmlValue(xml, 'NextContinuationToken') : undefined;
    } while (token);
    return out;
  }

  async incompleteUploads(prefix: string): Promise<{ uploads: IncompleteUpload[]; listedAt: Date }> {
    const uploads: IncompleteUpload[] = [];
    let listedAt: Date | undefined;
    let keyMarker: string | undefined;
    let idMarker: string | undefined;
    do {
      const q = new URLSearchParams({ uploads: '', prefix });
      if (keyMarker !== undefined) q.set('key-marker', keyMarker);
      if (idMarker !== undefined) q.set('upload-id-marker', idMarker);
      const res = await this.request(`list incomplete uploads under ${prefix}`, this.url('', q.toString()));
      if (!res.ok) throw await this.failure(`list the incomplete multipart uploads under "${prefix}"`, res);
      listedAt ??= new Date(res.headers.get('Date') ?? Date.now());
      const xml = await res.text();
      for (const block of xmlValues(xml, 'Upload')) {
        const key = xmlValue(block, 'Key');
        const uploadId = xmlValue(block, 'UploadId');
        if (key !== undefined && uploadId) uploads.push({ key, uploadId, initiated: new Date(xmlValue(block, 'Initiated') ?? 0) });
      }
      const truncated = xmlValue(xml, 'IsTruncated') === 'true';
      keyMarker = truncated ? xmlValue(xml, 'NextKeyMarker') : undefined;
      idMarker = truncated ? xmlValue(xml, 'NextUploadIdMarker') : undefined;
    } while (keyMarker);
    return { uploads, listedAt };
  }

  async abortUpload(key: string, uploadId: string): Promise<void> {
    const res = await this.request(`abort the upload of ${key}`, this.url(key, `uploadId=${encodeURIComponent(uploadId)}`), { method: 'DELETE' });
    // 404 NoSuchUpload: completed or aborted meanwhile, by another writer; nothing left to remove.
    if (!res.ok && res.status !== 404) throw await this.failure(`abort the incomplete upload of ${key}`, res);
    await res.body?.cancel();
  }

  async getStream(key: string): Promise<ReadableStream<Uint8Array> | null> {
    const res = await this.request(`read ${key}`, this.url(key));
    if (res.status === 404) {
      const failure = await this.failure(`read ${key}`, res);
      if (failure.code === 'NoSuchKey' || failure.code === 'NotFound') return null;
      throw failure;
    }
    if (!res.ok) throw await this.failure(`read ${key}`, res);
    return res.body ?? new ReadableStream({ start: (c) => c.close() });
  }

  async get(key: string): Promise<Uint8Array | null> {
    const stream = await this.getStream(key);
    return stream ? new Uint8Array(await new Response(stream).arrayBuffer()) : null;
  }

  async put(key: string, body: Uint8Array, contentType = 'application/octet-stream'): Promise<void> {
    const res = await this.request(`write ${key}`, this.url(key), { method: 'PUT', body: body as Uint8Array<ArrayBuffer>, headers: { 'Content-Type': contentType } });
    if (!res.ok) throw await this.failure(`write ${key}`, res);
    await res.body?.cancel();
  }

  async delete(key: string): Promise<void> {
    const res = await this.request(`delete ${key}`, this.url(key), { method: 'DELETE' });
    if (!res.ok && res.status !== 404) throw await this.failure(`delete ${key}`, res);
    await res.body?.cancel();
  }

  async createMultipart(key: string, contentType = 'application/octet-stream'): Promise<MultipartUpload> {
    const res = await this.request(`start an upload of ${key}`, this.url(key, 'uploads='), { method: 'POST', headers: { 'Content-Type': contentType } });
    if (!res.ok) throw await this.failure(`start a multipart upload of ${key}`, res);
    const uploadId = xmlValue(await res.text(), 'UploadId');
    if (!uploadId) throw new StoreError('server', `${this.description} started an upload of ${key} without an UploadId`);
    const id = encodeURIComponent(uploadId);
    return {
      uploadPart: async (n, body) => {
        const r = await this.request(`upload part ${n} of ${key}`, this.url(key, `partNumber=${n}&uploadId=${id}`), { method: 'PUT', body: body as Uint8Array<ArrayBuffer> });
        if (!r.ok) throw await this.failure(`upload part ${n} of ${key}`, r);
        await r.body?.cancel();
        const etag = r.headers.get('ETag');
        if (!etag) throw new StoreError('server', `${this.description} accepted part ${n} of ${key} without an ETag`);
        return etag;
      },
      complete: async (etags) => {
        const xml = `<CompleteMultipartUpload>${etags.map((e, i) => `<Part><PartNumber>${i + 1}</PartNumber><ETag>${xmlEscape(e)}</ETag></Part>`).join('')}</CompleteMultipartUpload>`;
        const r = await this.request(`complete ${key}`, this.url(key, `uploadId=${id}`), { method: 'POST', body: xml, headers: { 'Content-Type': 'application/xml' } });
        if (!r.ok) throw await this.failure(`complete the upload of ${key}`, r);
        // S3 may answer 200 with an error in the body when completion fails late.
        const text = await r.text();
        if (/<Error>/.test(text)) throw new StoreError('server', `${this.description} could not complete the upload of ${key}: ${xmlValue(text, 'Code')}: ${xmlValue(text, 'Message') ?? ''}`);
      },
      abort: async () => {
        const r = await this.request(`abort ${key}`, this.url(key, `uploadId=${id}`), { method: 'DELETE' }).catch(() => undefined);
        await r?.body?.cancel();
      },
      gone: async () => {
        // ListParts of the upload: NoSuchUpload once it was aborted or completed.
        const r = await this.request(`list the parts of ${key}`, this.url(key, `uploadId=${id}&max-parts=1`));
        if (r.ok) {
          await r.body?.cancel();
          return false;
        }
        const failure = await this.failure(`list the parts of ${key}`, r);
        if (failure.code === 'NoSuchUpload') return true;
        throw failure;
      },
    };
  }
}
