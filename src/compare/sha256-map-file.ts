import { readFile } from 'node:fs/promises';
import { CompareInputError } from './read-candidates.js';

/**
 * An option file holding a JSON object of names to sha256 hex strings (--digests, --keys); every
 * error names the option, the file and the offending entry.
 */
export async function readSha256Map(option: string, path: string, shape: string, what: (name: string) => string): Promise<Map<string, string>> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    throw new CompareInputError(`cannot read ${option} ${path}: ${(e as Error).message}`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new CompareInputError(`${option} ${path} must be a JSON object ${shape}`);
  const map = new Map<string, string>();
  for (const [name, value] of Object.entries(data)) {
    if (typeof value !== 'string' || !/^[0-9a-fA-F]{64}$/.test(value)) throw new CompareInputError(`${option} ${path}: ${what(name)} must be 64 hexadecimal characters`);
    map.set(name, value.toLowerCase());
  }
  return map;
}
