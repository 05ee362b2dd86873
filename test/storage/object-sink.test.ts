import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portableSha256 } from '../../src/core/hash/sha256.js';
import { MIN_PART_BYTES, ObjectSink } from '../../src/core/storage/object-sink.js';
import { StoreError, type ObjectStore } from '../../src/core/storage/object-store.js';
import { S3Store } from '../../src/core/storage/s3-store.js';
import { abortSupersededUploads } from '../../src/core/storage/store-dataset.js';
import { nodeSha256 } from '../../src/node/node-sha256.js';
import { startS3Server, type S3Server } from '../helpers/s3-server.js';

/**
 * ObjectSink against a real S3-compatible server (versitygw): a file of several multipart parts,
 * several of them travelling at once, arrives whole and in order with the right sha256 (the same
 * from the portable and the native hash); a part the server refuses fails the file, and abort()
 * leaves neither an object nor an incomplete upload behind. Two writers of the same file: once one
 * has completed it, the other's incomplete upload is aborted (whenever it began) and that writer
 * accepts the complete object; with no object there it fails, naming the file.
 */
let s3: S3Server;
let store: S3Store;

beforeAll(async () => {
  s3 = await startS3Server();
  await s3.createBucket('sink');
  store = new S3Store({ endpoint: s3.endpoint, region: s3.region, bucket: 'sink', pathStyle: true, accessKeyId: s3.accessKey, secretAccessKey: s3.secretKey });
});

afterAll(async () => {
  await s3?.stop();
});

/** 4.6 parts of deterministic bytes, cut into uneven chunks as an encoder writes them. */
function fileBytes(): Uint8Array {
  const bytes = new Uint8Array(Math.floor(MIN_PART_BYTES * 4.6));
  let x = 12345;
  for (let i = 0; i < bytes.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    bytes[i] = x >>> 24;
  }
  return bytes;
}

async function writeInChunks(sink: ObjectSink, bytes: Uint8Array) {
  // The encoder reuses its buffer after write() returns: the sink must have copied what it keeps.
  const reused = new Uint8Array(1 << 20);
  for (let o = 0, i = 0; o < bytes.length; i++) {
    const n = Math.min(bytes.length - o, 100_000 + ((i * 7919) % 900_000));
    reused.set(bytes.subarray(o, o + n));
    await sink.write(reused.subarray(0, n));
    reused.fill(0);
    o += n;
  }
}

describe('ObjectSink', () => {
  it('uploads a file of several parts with parts travelling at once: whole, in order, its sha256 right with either hash', async () => {
    const bytes = fileBytes();
    const expected = createHash('sha256').update(bytes).digest('hex');
    for (const [name, sha256, partsInFlight] of [['native', nodeSha256, 3], ['portable', portableSha256, 1]] as const) {
      const sink = new ObjectSink(store, `${name}/file.bin`, { partBytes: MIN_PART_BYTES, sha256, partsInFlight });
      await writeInChunks(sink, bytes);
      expect(await sink.commit(), name).toBe(expected);
      expect(sink.bytes).toBe(bytes.length);
      const stored = await store.get(`${name}/file.bin`);
      expect(stored?.length, name).toBe(bytes.length);
      expect(createHash('sha256').update(stored as Uint8Array).digest('hex'), name).toBe(expected);
    }
  });

  it('fails the file when the server refuses a part, and abort() leaves no object and no incomplete upload', async () => {
    // The real server, with its third part refused as a full disk or a lost connection would.
    const refusing: ObjectStore = Object.create(store) as ObjectStore;
    refusing.createMultipart = async (key, type) => {
      const upload = await store.createMultipart(key, type);
      return { ...upload, uploadPart: (n, body) => (n === 3 ? Promise.reject(new Error('part 3 refused')) : upload.uploadPart(n, body)) };
    };
    const sink = new ObjectSink(refusing, 'refused/file.bin', { partBytes: MIN_PART_BYTES, sha256: nodeSha256, partsInFlight: 2 });
    const failed = await writeInChunks(sink, fileBytes())
      .then(() => sink.commit())
      .then(
        () => undefined,
        (e: Error) => e,
      );
    expect(failed?.message).toBe('part 3 refused');
    await sink.abort();
    expect(await store.get('refused/file.bin')).toBeNull();
    expect((await store.incompleteUploads('refused/')).uploads).toEqual([]);
  });

  it('a second writer of a completed file has its upload aborted, whenever it began, and accepts the complete object', async () => {
    const bytes = fileBytes();
    const expected = createHash('sha256').update(bytes).digest('hex');
    const half = MIN_PART_BYTES * 2;
    // Writer A has sent two parts of twice/file.bin when writer B completes the same file.
    const a = new ObjectSink(store, 'twice/file.bin', { partBytes: MIN_PART_BYTES, sha256: nodeSha256, partsInFlight: 1 });
    await writeInChunks(a, bytes.subarray(0, half + 1000));
    const b = new ObjectSink(store, 'twice/file.bin', { partBytes: MIN_PART_BYTES, sha256: nodeSha256 });
    await writeInChunks(b, bytes);
    expect(await b.commit()).toBe(expected);
    // An upload under a file not complete is not touched; the one under the complete file is aborted, with no clock involved.
    const other = new ObjectSink(store, 'twice/other.bin', { partBytes: MIN_PART_BYTES, sha256: nodeSha256, partsInFlight: 1 });
    await writeInChunks(other, bytes.subarray(0, half));
    expect((await store.incompleteUploads('twice/')).uploads.map((u) => u.key).sort()).toEqual(['twice/file.bin', 'twice/other.bin']);
    expect(await abortSupersededUploads(store, 'twice', [{ path: 'file.bin' }])).toEqual(['twice/file.bin']);
    expect((await store.incompleteUploads('twice/')).uploads.map((u) => u.key)).toEqual(['twice/other.bin']);
    await other.abort();
    // A goes on, stops sending and accepts B's object: same bytes, its own sha256.
    await writeInChunks(a, bytes.subarray(half + 1000));
    expect(await a.commit()).toBe(expected);
    expect((await store.get('twice/file.bin'))?.length).toBe(bytes.length);
    expect((await store.incompleteUploads('twice/')).uploads).toEqual([]);
  });

  it('a writer whose upload another writer aborts while it completes it accepts the complete object (whatever error the server gives)', async () => {
    const bytes = fileBytes();
    const expected = createHash('sha256').update(bytes).digest('hex');
    const b = new ObjectSink(store, 'racing/file.bin', { partBytes: MIN_PART_BYTES, sha256: nodeSha256 });
    await writeInChunks(b, bytes);
    expect(await b.commit()).toBe(expected);
    // Writer A has sent every part when B's resume aborts A's upload, just as A asks to complete it: the
    // server may then answer the completion with InvalidPart (its parts are gone) rather than NoSuchUpload.
    // (Seen against versitygw when two writers of one part ran at once; sent here after a real abort.)
    const racing: ObjectStore = Object.create(store) as ObjectStore;
    racing.createMultipart = async (key, type) => {
      const upload = await store.createMultipart(key, type);
      return {
        ...upload,
        complete: async () => {
          await upload.abort();
          throw new StoreError('server', `${store.description} answered 400 (InvalidPart: One or more of the specified parts could not be found.) while trying to complete the upload of ${key}`, 'InvalidPart');
        },
      };
    };
    const a = new ObjectSink(racing, 'racing/file.bin', { partBytes: MIN_PART_BYTES, sha256: nodeSha256, partsInFlight: 1 });
    await writeInChunks(a, bytes);
    expect(await a.commit()).toBe(expected);
    expect((await store.get('racing/file.bin'))?.length).toBe(bytes.length);
    expect((await store.incompleteUploads('racing/')).uploads).toEqual([]);
  });

  it('a writer whose upload was aborted with no complete object there fails, naming the file', async () => {
    const bytes = fileBytes();
    const sink = new ObjectSink(store, 'lost/file.bin', { partBytes: MIN_PART_BYTES, sha256: nodeSha256, partsInFlight: 1 });
    await writeInChunks(sink, bytes.subarray(0, MIN_PART_BYTES * 2));
    for (const u of (await store.incompleteUploads('lost/')).uploads) await store.abortUpload(u.key, u.uploadId);
    await writeInChunks(sink, bytes.subarray(MIN_PART_BYTES * 2));
    await expect(sink.commit()).rejects.toThrow(/upload of lost\/file\.bin .* was aborted by another writer and no object is there: run again to resume/);
    expect(await store.get('lost/file.bin')).toBeNull();
  });
});
