import { readFile } from 'node:fs/promises';
import { CompareInputError } from './read-candidates.js';

/** --keys FILE: the signing keys bidders registered, {"<bidder>": "<sha256 key fingerprint>", …}. */
export async function readKeyRegistry(path: string): Promise<Map<string, string>> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    throw new CompareInputError(`cannot read --keys ${path}: ${(e as Error).message}`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new CompareInputError(`--keys ${path} must be a JSON object {"<bidder>": "<key fingerprint>", …}`);
  const keys = new Map<string, string>();
  for (const [bidder, fp] of Object.entries(data)) {
    if (typeof fp !== 'string' || !/^[0-9a-fA-F]{64}$/.test(fp)) throw new CompareInputError(`--keys ${path}: the fingerprint of "${bidder}" must be 64 hexadecimal characters (as printed by hdsbench verify)`);
    keys.set(bidder, fp.toLowerCase());
  }
  return keys;
}
