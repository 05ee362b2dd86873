import { createHash } from 'node:crypto';
import type { Sha256Factory } from '../core/hash/sha256.js';

/** The core's streaming sha256 on Node's native (OpenSSL) implementation. */
export const nodeSha256: Sha256Factory = () => {
  const h = createHash('sha256');
  return {
    update: (bytes) => void h.update(bytes),
    hex: () => h.digest('hex'),
  };
};
