import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portableSha256 } from '../../src/core/hash/sha256.js';
import { MIN_PART_BYTES, ObjectSink } from '../../src/core/storage/object-sink.js';
import type { ObjectStore } from '../../src/core/storage/object-store.js';
import { S3Store } from '../../src/core/storage/s3-store.js';
import { nodeSha256 } from '../../src/node/node-sha256.js';
import { startS3Server, type S3Server } from '../helpers/s3-server.js';

/**
 * ObjectSink against a real S3-compatible server (versitygw): a file of several multipart parts,
 * several of them travelling at once, arrives whole and in order with the right sha256 (the same
 * from the portable and the native hash); a part the server refuses fails the file, and abort()
 * leaves neither an object nor an incomplete upload behind.
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
});
