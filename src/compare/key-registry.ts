import { readSha256Map } from './sha256-map-file.js';

/** --keys FILE: the signing keys bidders registered, {"<bidder>": "<sha256 key fingerprint>", …}. */
export async function readKeyRegistry(path: string): Promise<Map<string, string>> {
  return readSha256Map('--keys', path, '{"<bidder>": "<key fingerprint>", …}', (bidder) => `the fingerprint of "${bidder}" (as printed by hdsbench verify)`);
}
