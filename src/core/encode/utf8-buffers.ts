const utf8 = new TextEncoder();

/** The Arrow buffers of a run of strings: validity bitmap (bit set = present), int32 offsets, UTF-8 bytes. */
export interface Utf8Buffers {
  nulls: number;
  bitmap: Uint8Array;
  offsets: Int32Array;
  bytes: Uint8Array;
}

/** Arrow's Utf8 layout of values[from, to): shared by the apache-arrow conversion and the direct IPC writer. */
export function utf8Buffers(values: readonly (string | null)[], from: number, to: number): Utf8Buffers {
  const n = to - from;
  const offsets = new Int32Array(n + 1);
  const parts: Uint8Array[] = [];
  let total = 0;
  let nulls = 0;
  const bitmap = new Uint8Array((n + 7) >> 3);
  for (let i = 0; i < n; i++) {
    const v = values[from + i];
    if (v === null) nulls++;
    else {
      bitmap[i >> 3] |= 1 << (i & 7);
      const b = utf8.encode(v);
      parts.push(b);
      total += b.length;
    }
    offsets[i + 1] = total;
  }
  const bytes = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    bytes.set(p, o);
    o += p.length;
  }
  return { nulls, bitmap, offsets, bytes };
}

/**
 * Arrow's Utf8 offsets and bytes of rows [from, from + n) of fixed-width ASCII slots (`width` bytes
 * per row, `lengths[row]` used, `nullLen` for null). Runs of full-width cells (fixed-length identifiers
 * and codes: most of them) are contiguous in the slots and in the values: one native copy per run.
 */
export function asciiBuffers(src: Uint8Array, lengths: Uint8Array, width: number, nullLen: number, from: number, n: number): { offsets: Int32Array; bytes: Uint8Array } {
  const offsets = new Int32Array(n + 1);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const len = lengths[from + i];
    if (len !== nullLen) total += len;
    offsets[i + 1] = total;
  }
  const bytes = new Uint8Array(total);
  let run = -1;
  for (let i = 0; i < n; i++) {
    const len = lengths[from + i];
    if (len === width) {
      if (run < 0) run = i;
      continue;
    }
    if (run >= 0) {
      bytes.set(src.subarray((from + run) * width, (from + i) * width), offsets[run]);
      run = -1;
    }
    if (len === nullLen) continue;
    let at = (from + i) * width;
    let o = offsets[i];
    const end = o + len;
    while (o < end) bytes[o++] = src[at++];
  }
  if (run >= 0) bytes.set(src.subarray((from + run) * width, (from + n) * width), offsets[run]);
  return { offsets, bytes };
}
