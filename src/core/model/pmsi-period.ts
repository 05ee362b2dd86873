import { civilFromDays } from '../calendar-fast.js';
import type { ModelContext } from './model-context.js';

/**
 * A stay is in the PMSI files of its discharge year, from the first care year up to the month before the
 * dataset's last flux: the months the DCIR care lines cover too, so that a study period finds both.
 */
export function inPmsiPeriod(ctx: ModelContext, discharge: number): boolean {
  return civilFromDays(discharge)[0] >= ctx.careYearStart && discharge < ctx.lastFluxDay;
}
