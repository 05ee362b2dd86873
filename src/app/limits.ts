import { beneficiaryCount, partRange } from '../core/partition.js';
import type { DatasetSpec } from '../core/pipeline/dataset.js';
import { ApiError } from './errors.js';

/**
 * What one request may compute. A Worker isolate has 128 MB and (Paid plan default) 30 s of CPU
 * per request. Memory of a part request does not grow with the part (the core encodes row group
 * by row group); CPU does, linearly with the part's beneficiaries. The heaviest file, ER_PRS_F in
 * Parquet, costs about 1.5 ms of CPU per beneficiary in Node on our 2-core machine (see
 * docs/serving.md), so 10,000 beneficiaries is about 15 s: a 2x margin under 30 s for slower hosts.
 */
export interface RequestLimits {
  /** Largest number of beneficiaries one part (file or part manifest) may hold. */
  maxBeneficiariesPerRequest: number;
  /** Largest scale offered on the researchers' page (samples, not datasets). */
  maxPageScale: number;
  /**
   * Largest part one part-writing request may generate (every table in one pass, uploads included;
   * default 2,000: measured 13.8 s of CPU and a 108 MB peak, see docs/object-storage.md).
   */
  maxBeneficiariesPerWrite?: number;
}

export const DEFAULT_LIMITS: RequestLimits = { maxBeneficiariesPerRequest: 10_000, maxPageScale: 0.1, maxBeneficiariesPerWrite: 2_000 };

/** Beneficiaries of the largest part when N beneficiaries are split into K parts (the last one). */
export function largestPart(beneficiaries: number, parts: number): number {
  return beneficiaries - (parts - 1) * Math.floor(beneficiaries / parts);
}

/** The smallest number of parts whose largest part fits `max` beneficiaries. */
export function partsThatFit(beneficiaries: number, max: number): number {
  let parts = Math.max(1, Math.ceil(beneficiaries / max));
  while (largestPart(beneficiaries, parts) > max) parts++;
  return parts;
}

/** Refuse a request for part `part` when it holds more beneficiaries than one request may compute. */
export function checkPartFits(spec: DatasetSpec, part: number, limits: RequestLimits) {
  const n = beneficiaryCount(spec.scale);
  const { start, end } = partRange(n, part, spec.parts);
  if (end - start <= limits.maxBeneficiariesPerRequest) return;
  const fit = partsThatFit(n, limits.maxBeneficiariesPerRequest);
  throw new ApiError(
    422,
    'part_too_large',
    `part ${part} of ${spec.parts} holds ${end - start} beneficiaries, more than the ${limits.maxBeneficiariesPerRequest} one request may generate: ask for the same dataset split into parts=${fit} (or more) and fetch its parts 1..${fit}`,
  );
}

/** Refuse a whole-dataset computation (full manifest) larger than one request may compute. */
export function checkDatasetFits(spec: DatasetSpec, limits: RequestLimits) {
  const n = beneficiaryCount(spec.scale);
  if (n <= limits.maxBeneficiariesPerRequest) return;
  const fit = Math.max(spec.parts, partsThatFit(n, limits.maxBeneficiariesPerRequest));
  const hint = fit === spec.parts
    ? `ask for its manifest part by part (manifest.json?part=1 .. ?part=${spec.parts})`
    : `split it into parts=${fit} (or more) and ask for its manifest part by part (manifest.json?part=1 .. ?part=${fit})`;
  throw new ApiError(422, 'dataset_too_large', `this dataset has ${n} beneficiaries, more than the ${limits.maxBeneficiariesPerRequest} one request may generate: ${hint}`);
}
