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
