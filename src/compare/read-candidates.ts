import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { BenchmarkResult } from '../bench/result.js';
import { canonicalJson } from '../bench/signing.js';
import { verifyResultFile } from '../bench/verify.js';
import { InputError } from '../core/errors.js';
import type { Provenance } from './model.js';

/** A file the evaluator cannot compare at all (missing, unreadable, not JSON): a usage error, exit 2. */
export class CompareInputError extends InputError {}

/** One result file as read: its bytes' digest, the parsed result and the verification problems. */
export interface Candidate {
  provenance: Provenance;
  result: BenchmarkResult | null;
  /** Schema and signature problems (empty when the file verifies). */
  verificationProblems: string[];
}

async function readBytes(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    throw new CompareInputError(`cannot read result file ${path}: ${why}`);
  }
}

function parseJson(path: string, bytes: Buffer): unknown {
  let data: unknown;
  try {
    data = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    throw new CompareInputError(`${path} is not JSON (${(e as Error).message}): is it an hdsbench result file?`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new CompareInputError(`${path} is JSON but not an object: is it an hdsbench result file?`);
  return data;
}

function provenanceOf(id: string, path: string, sha256: string, r: BenchmarkResult | null): Provenance {
  // The file may have failed the schema: read every field defensively.
  const s = (v: unknown): string | null => (typeof v === 'string' ? v : null);
  return {
    id,
    file: basename(path),
    path,
    file_sha256: sha256,
    run_id: s(r?.run?.id),
    started_at: s(r?.run?.started_at),
    challenge: s(r?.run?.challenge),
    key_fingerprint: s(r?.signature?.key_fingerprint),
    bidder: s(r?.sut?.bidder),
    product: s(r?.sut?.product),
    target: r?.target ? `${s(r.target.product) ?? '?'} ${s(r.target.version) ?? ''}`.trim() : null,
    dataset: r?.dataset && typeof r.dataset === 'object' ? r.dataset : null,
    environment: r?.environment && typeof r.environment === 'object' ? r.environment : null,
  };
}

/**
 * Read every file first (all missing or non-JSON files are reported together), then verify each
 * one: JSON Schema and Ed25519 signature (src/bench/verify.ts).
 */
export async function readCandidates(paths: readonly string[]): Promise<Candidate[]> {
  const unreadable: string[] = [];
  const digests: string[] = [];
  const contents: unknown[] = [];
  for (const path of paths) {
    try {
      const bytes = await readBytes(path);
      contents.push(parseJson(path, bytes));
      digests.push(createHash('sha256').update(bytes).digest('hex'));
    } catch (e) {
      if (!(e instanceof CompareInputError)) throw e;
      unreadable.push(e.message);
      contents.push(null);
      digests.push('');
    }
  }
  if (unreadable.length) throw new CompareInputError(unreadable.join('\n'));
  const candidates: Candidate[] = [];
  for (const [i, path] of paths.entries()) {
    const v = await verifyResultFile(path);
    const problems = [...v.problems];
    // The digest shown in the reports must be that of the content verified.
    if (canonicalJson(v.result) !== canonicalJson(contents[i])) problems.push('the file changed while it was being read: compare it again');
    candidates.push({ provenance: provenanceOf(`E${i + 1}`, path, digests[i], v.result), result: v.result, verificationProblems: problems });
  }
  return candidates;
}
