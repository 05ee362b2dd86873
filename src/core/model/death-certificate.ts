import { civilFromDays } from '../calendar-fast.js';
import { Rng, hashString } from '../rng.js';
import type { ModelContext } from './model-context.js';
import type { ModelOutput } from './model-output.js';
import type { Person } from './person.js';

/**
 * Every cause written on a death certificate (KI_ECD_R), for the deaths of KI_CCI_R: an immediate
 * cause on line 1 for most, the initial cause of KI_CCI_R below it (or alone on line 1), and the
 * person's other known conditions as contributing causes in part II (line 6), ranked in that order
 * (demography.json `deathCertificate`). Drawn from a stream of the person's certificate.
 */

const S_CERTIFICATE = hashString('person.certificate');
/** Line of part II of the certificate (other significant conditions). */
const CONTRIBUTING_LINE = 6;

export function writeDeathCauses(ctx: ModelContext, out: ModelOutput, p: Person): void {
  const w = out.KI_ECD_R;
  if (!w || p.deathDay < 0) return;
  const year = civilFromDays(p.deathDay)[0];
  if (year < ctx.careYearStart || year > ctx.careYearEnd) return;
  const c = ctx.demography.deathCertificate;
  const rng = Rng.of(ctx.seed, S_CERTIFICATE, p.ben);
  const causes: { code: string; line: number }[] = [];
  const immediate = rng.chance(c.immediateCauseShare) ? rng.pickWeighted(c.immediateCauses) : null;
  if (immediate !== null && immediate !== p.deathCause) causes.push({ code: immediate, line: 1 });
  causes.push({ code: p.deathCause, line: causes.length + 1 });
  for (const held of p.conditions) {
    if (causes.length >= 2 + c.maxContributingCauses) break;
    const code = held.icd10.slice(0, 4);
    if (held.spec.noDiagnosis || causes.some((x) => x.code === code)) continue;
    causes.push({ code, line: CONTRIBUTING_LINE });
  }
  const { buffer, set } = w;
  for (let i = 0; i < causes.length; i++) {
    const r = buffer.addRow(p.ben);
    set.BEN_IDT_ANO(r, p.idtAno);
    set.BEN_NIR_ANO(r, p.nirAno);
    set.FLX_PER_ANN(r, year);
    set.BEN_DCD_DTE(r, p.deathDay);
    set.CER_LIG_NUM(r, causes[i].line);
    set.ECD_CAU_RNG(r, i + 1);
    set.ECD_CIM_COD(r, causes[i].code);
  }
}
