import { fmix32, hash4, hashString } from '../rng.js';

/**
 * Pseudonymous identifiers. Their first seven characters encode a bijection of (beneficiary,
 * version), so they are unique by construction; the other ten are hash noise, so they look like
 * the 17-character pseudonyms of the SNDS.
 */

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function base36(n: number, width: number): string {
  let s = '';
  let v = n >>> 0;
  for (let i = 0; i < width; i++) {
    s = ALPHABET[v % 36] + s;
    v = Math.floor(v / 36);
  }
  return s;
}

const KIND_KEYS = {
  psa: hashString('id.BEN_NIR_PSA'),
  ano: hashString('id.BEN_NIR_ANO'),
  idt: hashString('id.BEN_IDT_ANO'),
  ass: hashString('id.ASS_NIR_ANO'),
};

export type IdKind = keyof typeof KIND_KEYS;

/** A 17-character pseudonym for beneficiary `ben` (versions 0..3 give distinct ids). */
export function pseudonym(kind: IdKind, seed: number, ben: number, version = 0): string {
  const key = KIND_KEYS[kind] ^ seed;
  // fmix32 is a bijection of 32-bit integers, so distinct (ben, version) give distinct heads.
  const head = fmix32(((ben * 4 + version) ^ key) >>> 0);
  const tail1 = hash4(seed, key, ben, version);
  const tail2 = hash4(key, seed, version, ben);
  return base36(head, 7) + base36(tail1, 5) + base36(tail2, 5);
}

/**
 * NIR_ANO_17 of a record whose NIR failed the chaining checks (NIR_RET '1'): the placeholder the SNDS
 * writes when no anonymous number could be computed, which links to no beneficiary (care.json `pmsi`).
 */
export const UNLINKABLE_NIR = 'xxxxxxxxxxxxxxxxx';
