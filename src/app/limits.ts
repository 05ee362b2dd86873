import { BENEFICIARIES_PER_SF, beneficiaryCount, partRange } from '../core/partition.js';
import type { DatasetSpec } from '../core/pipeline/dataset.js';
import { ApiError } from './errors.js';
import { beneficiariesWithin, WORKER_CPU_BUDGET } from './worker-budget.js';

/**
 * What one request may compute. A Worker isolate has 128 MB and (Paid plan default) 30 s of CPU
 * per request. Memory of a part request does not grow with the part (the core encodes row group
 * by row group); CPU does, linearly with the part's beneficiaries: the limit follows from the CPU
 * per beneficiary measured in workerd (WORKER_CPU_BUDGET, src/app/worker-budget.ts; 4.3 ms on
 * generator 0.4.0, so 3,000 beneficiaries: 13 s, a 2x margin under 30 s for slower hosts).
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

const MAX_BENEFICIARIES_PER_REQUEST = beneficiariesWithin(WORKER_CPU_BUDGET);

/** The page generates a whole dataset (every table, one part) in one request: its largest scale is the limit's. */
export const DEFAULT_LIMITS: RequestLimits = {
  maxBeneficiariesPerRequest: MAX_BENEFICIARIES_PER_REQUEST,
  maxPageScale: MAX_BENEFICIARIES_PER_REQUEST / BENEFICIARIES_PER_SF,
  maxBeneficiariesPerWrite: 2_000,
};

/**
 * What one more part costs whatever its size, in beneficiaries: every fact table's encoder is
 * opened and closed, a row group and a footer written per table and part. Measured with
 * `node dist/bench/load/part-cost.js 0.01 1000 parquet` (docs/serving.md; generator 0.3.0, 2-core
 * machine): SF 0.01 in 1,000 parts takes 10.7x the CPU of one part, 32 ms per extra part against
 * 3.3 ms per beneficiary, i.e. each extra part costs about 10 beneficiaries (generator 0.4.0: 11.2x,
 * 40 ms against 3.9 ms, 10.2 beneficiaries).
 */
export const PART_OVERHEAD_BENEFICIARIES = 10;

/**
 * The cost of generating `parts` parts holding `beneficiaries` in all, in beneficiaries: the
 * beneficiaries plus the fixed cost of every part after the first (the limit itself was measured
 * on one whole part, whose fixed cost it already includes).
 */
export function generationCost(beneficiaries: number, parts: number): number {
  return beneficiaries + Math.max(0, parts - 1) * PART_OVERHEAD_BENEFICIARIES;
}

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

/**
 * Refuse a whole-dataset computation (full manifest) costing more than one request may compute:
 * its beneficiaries plus the fixed cost of its parts (generationCost).
 */
export function checkDatasetFits(spec: DatasetSpec, limits: RequestLimits) {
  const n = beneficiaryCount(spec.scale);
  const cost = generationCost(n, spec.parts);
  if (cost <= limits.maxBeneficiariesPerRequest) return;
  const fit = Math.max(spec.parts, partsThatFit(n, limits.maxBeneficiariesPerRequest));
  const hint = fit === spec.parts
    ? `ask for its manifest part by part (manifest.json?part=1 .. ?part=${spec.parts})`
    : `split it into parts=${fit} (or more) and ask for its manifest part by part (manifest.json?part=1 .. ?part=${fit})`;
  const what = cost === n
    ? `this dataset has ${n} beneficiaries`
    : `this dataset of ${n} beneficiaries in ${spec.parts} parts costs as much as ${cost} beneficiaries (each part after the first adds the work of ${PART_OVERHEAD_BENEFICIARIES})`;
  throw new ApiError(422, 'dataset_too_large', `${what}, more than the ${limits.maxBeneficiariesPerRequest} one request may generate: ${hint}`);
}
