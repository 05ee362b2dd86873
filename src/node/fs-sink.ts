import { createHash, type Hash } from 'node:crypto';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ByteSink } from '../core/encode/byte-sink.js';

/**
 * Writes a file atomically: bytes go to `<path>.tmp-<pid>` while their sha256 is computed, and
 * the file appears under its name only once complete (rename), so an interrupted run never leaves
 * a truncated file that looks finished.
 */
export class AtomicFileSink implements ByteSink {
  private handle: FileHandle | undefined;
  private readonly hash: Hash = createHash('sha256');
  private readonly tmp: string;
  bytes = 0;

  constructor(readonly path: string) {
    this.tmp = `${path}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  }

  async write(chunk: Uint8Array) {
    if (!this.handle) {
      await mkdir(dirname(this.path), { recursive: true });
      this.handle = await open(this.tmp, 'w');
    }
    this.hash.update(chunk);
    this.bytes += chunk.length;
    let offset = 0;
    while (offset < chunk.length) {
      const { bytesWritten } = await this.handle.write(chunk, offset, chunk.length - offset);
      offset += bytesWritten;
    }
  }

  /** Flush, move into place and return the file's sha256. */
  async commit(): Promise<string> {
    if (!this.handle) await this.write(new Uint8Array(0));
    const h = this.handle as FileHandle;
    await h.sync();
    await h.close();
    await rename(this.tmp, this.path);
    return this.hash.digest('hex');
  }

  async abort() {
    await this.handle?.close().catch(() => undefined);
    await rm(this.tmp, { force: true });
  }
}

/** sha256 of a file on disk, streamed. */
export async function fileSha256(path: string): Promise<string> {
  const h = createHash('sha256');
  const f = await open(path, 'r');
  try {
    for await (const chunk of f.createReadStream()) h.update(chunk as Buffer);
  } finally {
    await f.close();
  }
  return h.digest('hex');
}
