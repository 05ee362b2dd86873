import { addMonths } from '../calendar.js';
import { Rng, hashString } from '../rng.js';
import type { ModelContext } from './model-context.js';
import type { ModelOutput } from './model-output.js';
import type { Person } from './person.js';

/**
 * Complementary-coverage rights (IR_ORC_R) of the beneficiaries covered by the Complémentaire santé
 * solidaire (ex CMU-C): contracts of a year (demography.json `complementaryCoverage`), the first
 * granted before the period, renewed without a gap to its end, so that a contract of type 89 is in
 * force whenever their claims carry BEN_CMU_TOP = 1, under each pseudo-NIR they use then. A death
 * ends the contract in force.
 */

const S_COVERAGE = hashString('person.complementary');

export function writeComplementaryCoverage(ctx: ModelContext, out: ModelOutput, p: Person): void {
  const w = out.IR_ORC_R;
  if (!w || !p.cmu) return;
  const c = ctx.demography.complementaryCoverage;
  const rng = Rng.of(ctx.seed, S_COVERAGE, p.ben);
  let start = Math.max(p.birthDay, ctx.firstCareDay - rng.int(0, 364));
  const { buffer, set } = w;
  while (start <= ctx.lastFluxDay && (p.deathDay < 0 || start <= p.deathDay)) {
    const end = Math.min(addMonths(start, c.contractMonths) - 1, p.deathDay >= 0 ? p.deathDay : Infinity);
    // Rights are recorded under each pseudo-NIR in use during the contract.
    for (let v = 0; v < p.nirs.length; v++) {
      const from = p.switchDays[v];
      const to = v + 1 < p.nirs.length ? p.switchDays[v + 1] - 1 : Infinity;
      if (to < start || from > end) continue;
      const r = buffer.addRow(p.ben);
      set.BEN_NIR_PSA(r, p.nirs[v]);
      set.BEN_RNG_GEM(r, p.rngGem);
      set.BEN_NIR_ANO(r, p.nirAno);
      set.BEN_IDT_ANO(r, p.idtAno);
      set.BEN_CTA_TYP(r, c.contractType);
      set.BEN_CMU_ORG(r, p.orgAff);
      set.MLL_CTA_DSD(r, start);
      set.MLL_CTA_DSF(r, end);
    }
    start = end + 1;
  }
}
