import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { BenchmarkResult } from '../bench/result.js';
import { readResultBytes, verifyResultFile } from '../bench/verify.js';
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
  /** False when the file could not be read as a JSON object at all. */
  readable: boolean;
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
 * Read and verify each file on its own (size cap, strict JSON, JSON Schema, Ed25519 signature:
 * src/bench/verify.ts): a file that cannot be read is reported by name with its reason, and the
 * others go on.
 */
export async function readCandidates(paths: readonly string[]): Promise<Candidate[]> {
  const candidates: Candidate[] = [];
  for (const [i, path] of paths.entries()) {
    let bytes: Buffer;
    try {
      bytes = await readResultBytes(path);
    } catch (e) {
      candidates.push({ provenance: provenanceOf(`E${i + 1}`, path, '', null), result: null, verificationProblems: [(e as Error).message], readable: false });
      continue;
    }
    // The digest shown in the reports is that of the very bytes verified.
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const v = await verifyResultFile(path, undefined, bytes.toString('utf8'));
    candidates.push({ provenance: provenanceOf(`E${i + 1}`, path, v.readable ? sha256 : '', v.result), result: v.result, verificationProblems: v.problems, readable: v.readable });
  }
  return candidates;
}
