import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/** A sha256 computed chunk by chunk, as bytes stream past. */
export interface StreamingSha256 {
  update(bytes: Uint8Array): void;
  /** The digest of everything given to update(), in lower-case hex. */
  hex(): string;
}

/**
 * Makes a streaming sha256. The core runs in Workers and Node with Web APIs only, and WebCrypto has
 * no incremental digest, so its default is @noble/hashes (portable JavaScript). A runtime with a
 * native incremental sha256 passes its own (Node: src/node/node-sha256.ts, several times faster):
 * the digest is the same, only the CPU differs.
 */
export type Sha256Factory = () => StreamingSha256;

export const portableSha256: Sha256Factory = () => {
  const h = sha256.create();
  return {
    update: (bytes) => void h.update(bytes),
    hex: () => bytesToHex(h.digest()),
  };
};
