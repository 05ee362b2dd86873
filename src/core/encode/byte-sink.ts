/** Where encoded bytes go: a file, an HTTP response stream, a hash, memory. */
export interface ByteSink {
  write(chunk: Uint8Array): Promise<void> | void;
}

/** Collects everything in memory (tests, small tables). */
export class MemorySink implements ByteSink {
  readonly chunks: Uint8Array[] = [];
  write(chunk: Uint8Array) {
    this.chunks.push(chunk);
  }
  bytes(): Uint8Array {
    const total = this.chunks.reduce((n, c) => n + c.length, 0);
    const out = new Uint8Array(total);
    let o = 0;
    for (const c of this.chunks) {
      out.set(c, o);
      o += c.length;
    }
    return out;
  }
}
