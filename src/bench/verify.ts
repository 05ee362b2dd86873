import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { packageRoot } from './package-root.js';
import type { BenchmarkResult } from './result.js';
import { verifySignature } from './signing.js';

/** Result file verification: JSON Schema, then the Ed25519 signature over everything but itself. */
export interface Verification {
  ok: boolean;
  problems: string[];
  fingerprint: string | null;
  valid: boolean | null;
  result: BenchmarkResult | null;
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

export async function verifyResultFile(path: string, expectedFingerprint?: string): Promise<Verification> {
  const problems: string[] = [];
  let data: BenchmarkResult;
  try {
    data = JSON.parse(await readFile(path, 'utf8')) as BenchmarkResult;
  } catch (e) {
    return { ok: false, problems: [`cannot read ${path} as JSON: ${(e as Error).message}`], fingerprint: null, valid: null, result: null };
  }
  const root = packageRoot();
  const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));
  for (const f of ['sut.schema.json', 'tuning.schema.json']) ajv.addSchema(JSON.parse(await readFile(join(root, 'bench', f), 'utf8')) as object);
  const validate = ajv.compile(JSON.parse(await readFile(join(root, 'bench', 'result.schema.json'), 'utf8')) as object);
  if (!validate(data)) problems.push(...(validate.errors ?? []).slice(0, 10).map((e) => `schema: ${e.instancePath || '/'} ${e.message}`));
  const { signature, ...body } = data;
  if (!signature) problems.push('the file is not signed');
  else {
    let good = false;
    try {
      good = await verifySignature(body, signature);
    } catch (e) {
      problems.push(`signature cannot be checked: ${(e as Error).message}`);
    }
    if (!good) problems.push('signature does not match the content: the file was changed after it was signed');
    if (expectedFingerprint && signature.key_fingerprint !== expectedFingerprint.toLowerCase()) problems.push(`signed by key ${signature.key_fingerprint}, not the registered ${expectedFingerprint}`);
  }
  return { ok: problems.length === 0, problems, fingerprint: signature?.key_fingerprint ?? null, valid: data.validity?.valid ?? null, result: data };
}
