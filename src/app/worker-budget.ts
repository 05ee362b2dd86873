/**
 * What one generating request may cost in a Worker, as measured data: the per-request beneficiary
 * limit (DEFAULT_LIMITS in limits.ts) follows from it instead of being a number of its own.
 * Re-measure with `node dist/bench/load/worker-cpu.js` (docs/serving.md) when the generator changes.
 */
export interface WorkerCpuBudget {
  /** CPU one request may use (ms): `[limits] cpu_ms` of wrangler.toml, the Paid plan's default. */
  cpuLimitMs: number;
  /** Safety factor for hosts slower than the one measured (the limit uses cpuLimitMs / margin). */
  margin: number;
  /** CPU per beneficiary (ms) of the costliest request one part allows, measured in workerd. */
  cpuMsPerBeneficiary: number;
  /** Where the figure comes from. */
  measured: string;
}

export const WORKER_CPU_BUDGET: WorkerCpuBudget = {
  cpuLimitMs: 30_000,
  margin: 2,
  cpuMsPerBeneficiary: 4.3,
  measured:
    'workerd (wrangler dev 4.86.0), generator 0.4.0, 2-core AMD EPYC: ER_PRS_F in Parquet, a part of 2,000 beneficiaries, 8.6 s of CPU ' +
    '(the manifest of every fact table of that part: 4.1 ms per beneficiary); docs/serving.md',
};

/** The beneficiaries one request may generate under a budget, rounded down to a thousand. */
export function beneficiariesWithin(budget: WorkerCpuBudget): number {
  return Math.floor(budget.cpuLimitMs / budget.margin / budget.cpuMsPerBeneficiary / 1000) * 1000;
}
