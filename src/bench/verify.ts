import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { packageRoot } from './package-root.js';
import type { BenchmarkResult } from './result.js';
import { verifySignature } from './signing.js';
import { isCanonicalBase64, parseStrictJson } from './strict-json.js';

/** Result file verification: size and strict JSON, JSON Schema, then the Ed25519 signature over everything but itself. */
export interface Verification {
  ok: boolean;
  problems: string[];
  fingerprint: string | null;
  valid: boolean | null;
  result: BenchmarkResult | null;
  /** False when the file could not be read as a JSON object at all (missing, too large, not JSON). */
  readable: boolean;
}

/** Largest result file read (a real one is well under 1 MB). */
export const MAX_RESULT_BYTES = 16 << 20;
/** Deepest nesting read (a real one nests 7 levels). */
export const MAX_RESULT_DEPTH = 32;

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

function unreadable(problem: string): Verification {
  return { ok: false, problems: [problem], fingerprint: null, valid: null, result: null, readable: false };
}

/** The text of a result file (UTF-8), refused above MAX_RESULT_BYTES; errors as one sentence naming the file. */
export async function readResultText(path: string): Promise<string> {
  return (await readResultBytes(path)).toString('utf8');
}

/** The bytes of a result file, refused above MAX_RESULT_BYTES; errors as one sentence naming the file. */
export async function readResultBytes(path: string): Promise<Buffer> {
  let size: number;
  try {
    const s = await stat(path);
    if (!s.isFile()) throw Object.assign(new Error('not a file'), { code: s.isDirectory() ? 'EISDIR' : 'ENOTFILE' });
    size = s.size;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : code === 'ENOTFILE' ? 'not a regular file' : (e as Error).message;
    throw new Error(`cannot read result file ${path}: ${why}`);
  }
  if (size > MAX_RESULT_BYTES) throw new Error(`cannot read result file ${path}: ${size.toLocaleString('en-US')} bytes, more than the ${MAX_RESULT_BYTES >> 20} MiB a result file may have`);
  try {
    return await readFile(path);
  } catch (e) {
    throw new Error(`cannot read result file ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** Strict JSON (no duplicate keys, depth capped) that must be an object; errors name the file. */
export function parseResultText(path: string, text: string): Record<string, unknown> {
  let data: unknown;
  try {
    data = parseStrictJson(text, { maxDepth: MAX_RESULT_DEPTH });
  } catch (e) {
    throw new Error(`${path} is not valid JSON for a result file (${(e as Error).message})`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new Error(`${path} is JSON but not an object: is it an hdsbench result file?`);
  return data as Record<string, unknown>;
}

export async function verifyResultFile(path: string, expectedFingerprint?: string, text?: string): Promise<Verification> {
  const problems: string[] = [];
  let data: BenchmarkResult;
  try {
    data = parseResultText(path, text ?? (await readResultText(path))) as unknown as BenchmarkResult;
  } catch (e) {
    return unreadable((e as Error).message);
  }
  const root = packageRoot();
  const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));
  for (const f of ['sut.schema.json', 'tuning.schema.json']) ajv.addSchema(JSON.parse(await readFile(join(root, 'bench', f), 'utf8')) as object);
  const validate = ajv.compile(JSON.parse(await readFile(join(root, 'bench', 'result.schema.json'), 'utf8')) as object);
  if (!validate(data)) problems.push(...(validate.errors ?? []).slice(0, 10).map((e) => `schema: ${e.instancePath || '/'} ${e.message}${e.keyword === 'additionalProperties' ? ` (${String((e.params as { additionalProperty?: string }).additionalProperty)})` : ''}`));
  const { signature, ...body } = data;
  const sig = signature !== null && typeof signature === 'object' ? signature : undefined;
  if (!sig) problems.push('the file is not signed');
  else {
    const base64 = (['public_key', 'value'] as const).filter((k) => typeof sig[k] !== 'string' || !isCanonicalBase64(sig[k]));
    for (const k of base64) problems.push(`signature.${k} is not canonical base64`);
    let good = false;
    if (base64.length === 0) {
      try {
        good = await verifySignature(body, sig);
      } catch (e) {
        problems.push(`signature cannot be checked: ${(e as Error).message}`);
      }
    }
    if (!good) problems.push('signature does not match the content: the file was changed after it was signed');
    if (expectedFingerprint && sig.key_fingerprint !== expectedFingerprint.toLowerCase()) problems.push(`signed by key ${String(sig.key_fingerprint)}, not the registered ${expectedFingerprint}`);
  }
  const fingerprint = typeof sig?.key_fingerprint === 'string' ? sig.key_fingerprint : null;
  const valid = typeof data.validity?.valid === 'boolean' ? data.validity.valid : null;
  return { ok: problems.length === 0, problems, fingerprint, valid, result: data, readable: true };
}
