import { dayOfIso } from '../calendar.js';
import { civilFromDays } from '../calendar-fast.js';
import { Rng, hashString } from '../rng.js';
import { simulateCare } from './care.js';
import { writeComplementaryCoverage } from './complementary-coverage.js';
import { writeDeathCauses } from './death-certificate.js';
import type { ModelContext } from './model-context.js';
import type { ModelOutput, TableWriter } from './model-output.js';
import { pseudonym } from './identifiers.js';
import { drawPerson, fictitiousNir, type Person, type Pyramid } from './person.js';

const pad2 = (n: number) => String(n).padStart(2, '0');
const S_ARCHIVE = hashString('person.archive');
const ARCHIVED_NIR_VERSION = 3;

/** The columns a beneficiary's IR_BEN_R rows and its archived row share: who the person is, where they live, when they died. */
function setPerson(s: TableWriter<'IR_BEN_R'>['set'], r: number, p: Person, death: number | null) {
  s.BEN_RNG_GEM(r, p.rngGem);
  s.BEN_NIR_ANO(r, p.nirAno);
  s.BEN_IDT_ANO(r, p.idtAno);
  s.BEN_IDT_TOP(r, 1);
  s.BEN_CDI_NIR(r, '00');
  s.BEN_NAI_ANN(r, p.birthYear);
  s.BEN_NAI_MOI(r, pad2(p.birthMonth));
  s.BEN_SEX_COD(r, p.sex);
  s.BEN_DCD_DTE(r, death);
  s.BEN_DCD_AME(r, death === null ? null : `${civilFromDays(death)[0]}${pad2(civilFromDays(death)[1])}`);
  s.ORG_AFF_BEN(r, p.orgAff);
  s.ORG_CLE_NEW(r, p.orgAff);
  s.BEN_RES_DPT(r, p.dept.code);
  s.BEN_RES_COM(r, p.commune);
}

function writeBeneficiary(ctx: ModelContext, out: ModelOutput, p: Person, lastCare: number) {
  const w = out.IR_BEN_R;
  if (!w) return;
  const death = p.deathDay >= 0 ? p.deathDay : null;
  for (let v = 0; v < p.nirs.length; v++) {
    const r = w.buffer.addRow(p.ben);
    const s = w.set;
    s.BEN_NIR_PSA(r, p.nirs[v]);
    setPerson(s, r, p, death);
    s.ASS_NIR_ANO(r, v === 0 ? p.assNirAno : p.nirAno);
    s.BEN_TOP_CNS(r, lastCare >= 0 ? 1 : 0);
    s.MAX_TRT_DTD(r, lastCare >= 0 ? lastCare : null);
    const registered = Math.max(p.birthDay, v === 0 ? p.birthDay : p.switchDays[v]);
    s.BEN_DTE_INS(r, registered);
    s.BEN_DTE_MAJ(r, Math.max(registered, death ?? ctx.firstCareDay));
    s.BEN_IDT_MAJ(r, registered);
  }
}

/** The IR_BEN_R row of a fictitious NIR: no individual pseudonym (BEN_NIR_ANO), code '01'. */
function writeFictitious(ctx: ModelContext, out: ModelOutput, p: Person) {
  const w = out.IR_BEN_R;
  if (!w || !p.usedFictitiousNir) return;
  const r = w.buffer.addRow(p.ben);
  const s = w.set;
  s.BEN_NIR_PSA(r, fictitiousNir(ctx, p));
  s.BEN_RNG_GEM(r, 1);
  s.BEN_NIR_ANO(r, null);
  s.BEN_IDT_ANO(r, null);
  s.BEN_IDT_TOP(r, 0);
  s.ASS_NIR_ANO(r, null);
  s.BEN_CDI_NIR(r, ctx.care.ivg.fictitiousNirCode);
  s.BEN_NAI_ANN(r, ctx.care.ivg.fictitiousBirthYear);
  s.BEN_NAI_MOI(r, '01');
  s.BEN_SEX_COD(r, p.sex);
  s.BEN_DCD_DTE(r, null);
  s.BEN_DCD_AME(r, null);
  s.ORG_AFF_BEN(r, p.orgAff);
  s.ORG_CLE_NEW(r, p.orgAff);
  s.BEN_RES_DPT(r, p.dept.code);
  s.BEN_RES_COM(r, p.commune);
  s.BEN_TOP_CNS(r, 1);
  s.MAX_TRT_DTD(r, p.lastProcessed >= 0 ? p.lastProcessed : null);
  s.BEN_DTE_INS(r, ctx.firstCareDay);
  s.BEN_DTE_MAJ(r, ctx.firstCareDay);
  s.BEN_IDT_MAJ(r, ctx.firstCareDay);
}

/**
 * The archived pseudo-NIR of a person (IR_BEN_R_ARC, demography.json `pseudoNir.archive`): the NIR
 * under which a share of those who were children between `since` and the cutoff had their last care
 * before the cutoff (a parent's ouvreur de droits), with the person's individual identifiers. No claim
 * of the dataset uses it: the archive holds pseudo-NIRs without care since the cutoff. Its own stream,
 * so that it changes no other row.
 */
function writeArchived(ctx: ModelContext, out: ModelOutput, p: Person) {
  const w = out.IR_BEN_R_ARC;
  if (!w) return;
  const a = ctx.demography.pseudoNir.archive;
  const since = Math.max(p.birthDay, dayOfIso(a.since));
  const [by, bm, bd] = civilFromDays(p.birthDay);
  const until = Math.min(dayOfIso(a.cutoff), dayOfIso(`${by + a.childUntil}-${pad2(bm)}-${pad2(bd === 29 && bm === 2 ? 28 : bd)}`));
  if (until <= since) return;
  const rng = Rng.of(ctx.seed, S_ARCHIVE, p.ben);
  if (!rng.chance(a.formerNirShare)) return;
  const lastCare = since + Math.floor(rng.uniform() * (until - since));
  const death = p.deathDay >= 0 ? p.deathDay : null;
  const r = w.buffer.addRow(p.ben);
  const s = w.set;
  s.BEN_NIR_PSA(r, pseudonym('psa', ctx.seed, p.ben, ARCHIVED_NIR_VERSION));
  setPerson(s, r, p, death);
  s.ASS_NIR_ANO(r, pseudonym('ass', ctx.seed, p.ben, 1));
  s.BEN_TOP_CNS(r, 1);
  s.MAX_TRT_DTD(r, lastCare);
  s.BEN_DTE_INS(r, p.birthDay);
  s.BEN_DTE_MAJ(r, death ?? lastCare);
  s.BEN_IDT_MAJ(r, p.birthDay);
}

function writeAld(ctx: ModelContext, out: ModelOutput, p: Person) {
  const w = out.IR_IMB_R;
  if (!w) return;
  for (const c of p.conditions) {
    if (c.registerStart < 0) continue;
    const r = w.buffer.addRow(p.ben);
    const s = w.set;
    s.BEN_NIR_PSA(r, p.nirs[0]);
    s.BEN_RNG_GEM(r, p.rngGem);
    s.IMB_ALD_NUM(r, c.aldNumber);
    s.IMB_ETM_NAT(r, c.aldNumber === '31' ? '43' : '41');
    s.MED_MTF_COD(r, c.icd10);
    s.IMB_ALD_DTD(r, c.registerStart);
    // Exemptions are granted for years (conditions.json `ald`) and renewed while the condition lasts, so an
    // exemption in force runs past the last care year; death ends them.
    const term = 365 * ctx.conditionsModel.ald.durationYears;
    const lastCareDay = dayOfIso(`${ctx.careYearEnd}-12-31`);
    let end = c.registerStart + term;
    while (end <= lastCareDay) end += term;
    s.IMB_ALD_DTF(r, p.deathDay >= 0 && p.deathDay < end ? p.deathDay : end);
    s.INS_DTE(r, c.registerStart);
    s.UPD_DTE(r, Math.max(c.registerStart, ctx.firstCareDay));
  }
}

function writeDeath(ctx: ModelContext, out: ModelOutput, p: Person) {
  const w = out.KI_CCI_R;
  if (!w || p.deathDay < 0) return;
  const year = civilFromDays(p.deathDay)[0];
  if (year < ctx.careYearStart || year > ctx.careYearEnd) return;
  const r = w.buffer.addRow(p.ben);
  const s = w.set;
  s.BEN_IDT_ANO(r, p.idtAno);
  s.BEN_DCD_DTE(r, p.deathDay);
  s.FLX_PER_ANN(r, year);
  s.DCD_CIM_COD(r, p.deathCause);
  s.DCD_LIE_COD(r, p.deathPlace);
  s.DCD_DPT_COD(r, p.dept.code);
  s.BEN_SEX_COD(r, p.sex);
  s.BEN_NAI_ANN(r, p.birthYear);
}

/** Generate every row of one beneficiary, in every table the output asks for. */
export function simulateBeneficiary(ctx: ModelContext, pyramid: Pyramid, out: ModelOutput, ben: number) {
  const p = drawPerson(ctx, pyramid, ben);
  simulateCare(ctx, out, p);
  writeBeneficiary(ctx, out, p, p.lastProcessed);
  writeFictitious(ctx, out, p);
  writeArchived(ctx, out, p);
  writeAld(ctx, out, p);
  writeDeath(ctx, out, p);
  writeDeathCauses(ctx, out, p);
  writeComplementaryCoverage(ctx, out, p);
}
