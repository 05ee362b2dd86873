/** Scale factors, parts and beneficiary ranges. */

import { InputError } from './errors.js';

/** Scale factor 1 = 100,000 beneficiaries (the real SNDS is about SF 690). */
export const BENEFICIARIES_PER_SF = 100_000;

/** Largest scale accepted: a little above the whole French population. */
export const MAX_SCALE = 1000;

export interface PartRange {
  /** First beneficiary index (inclusive). */
  start: number;
  /** Last beneficiary index (exclusive). */
  end: number;
}

export function beneficiaryCount(scale: number): number {
  return Math.max(1, Math.round(scale * BENEFICIARIES_PER_SF));
}

/**
 * Contiguous beneficiary range of part k of K (k from 1), as in dbgen: every part but the last
 * holds floor(N / K) beneficiaries, the remainder goes to the last part.
 */
export function partRange(total: number, part: number, parts: number): PartRange {
  if (!Number.isInteger(parts) || parts < 1) throw new InputError(`parts must be a positive integer, got ${parts}`);
  if (!Number.isInteger(part) || part < 1 || part > parts) throw new InputError(`part must be between 1 and ${parts}, got ${part}`);
  if (parts > total) throw new InputError(`cannot split ${total} beneficiaries into ${parts} parts: use at most ${total} parts`);
  const size = Math.floor(total / parts);
  const start = (part - 1) * size;
  const end = part === parts ? total : start + size;
  return { start, end };
}
