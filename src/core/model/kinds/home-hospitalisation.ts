import { civilFromDays } from '../../calendar-fast.js';
import { dayIn, type MonthState } from '../care-month.js';
import { curveAt } from '../model-data.js';
import { monthOf, nextRecord, writeChaining } from '../pmsi-chaining.js';
import { inPmsiPeriod } from '../pmsi-period.js';
import { ageAt, diesAt, stayEnd } from '../person.js';

/**
 * Home-hospitalisation stays (care.json `homeHospitalisation`; T_HADaaC and T_HADaaB, one sequence
 * per stay): a yearly rate by age, raised by the conditions that bring patients home-hospitalised
 * (cancers, dementia), a length drawn lognormally, the principal and associated modes of care.
 * A death during the stay ends it (discharge mode 9); some deaths at home end a terminal HAD stay
 * (demography.json `deathPlace`).
 */
export function homeHospitalisationMonth(s: MonthState): void {
  const { rng, p, ctx } = s;
  const h = ctx.care.homeHospitalisation;
  let ratio = 1;
  let condition: string | null = null;
  for (const c of p.conditions) {
    const r = h.conditionRatio[c.spec.id];
    if (r !== undefined && r > ratio) {
      ratio = r;
      condition = c.icd10;
    }
  }
  // The stay a person dies in at home (demography.json `deathPlace`), admitted this month.
  if (p.terminalField === 'HAD' && p.terminalAdmission >= s.start && p.terminalAdmission <= s.end) writeHadStay(s, p.terminalAdmission, p.deathDay, true, condition);
  const rate = curveAt(h.perYear, s.age) * ratio;
  if (!rng.chance(1 - Math.exp(-rate / 12))) return;
  const admission = dayIn(s);
  const planned = admission + Math.max(1, Math.round(rng.lognormal(h.losMedian, h.losSigma)));
  writeHadStay(s, admission, planned, false, condition);
}

/** One HAD stay (`terminal`: the one the person dies in): never past death nor past a terminal stay's admission. */
function writeHadStay(s: MonthState, admission: number, planned: number, terminal: boolean, condition: string | null): void {
  const { rng, p, ctx, out } = s;
  const h = ctx.care.homeHospitalisation;
  const discharge = terminal ? planned : stayEnd(p, admission, planned);
  if (discharge === null) return;
  const died = diesAt(p, discharge, terminal);
  const dp = condition ?? rng.pickWeighted(h.dpIfNoCondition);
  const mode = rng.pickWeighted(h.modes);
  let associated = '00';
  if (rng.chance(h.associatedModeShare)) {
    const other = rng.pickWeighted(h.modes);
    if (other !== mode) associated = other;
  }
  const hospital = ctx.refs.hospitalFor(rng, p.dept, false);
  // A stay the patient dies in keeps a valid chaining (pmsi.ts).
  const failed = rng.chance(ctx.care.pmsi.chainingFailureShare) && !died;
  const dateFailed = failed && rng.chance(ctx.care.pmsi.dateFailureShare);
  if (!inPmsiPeriod(ctx, discharge)) return;
  const rhad = nextRecord(s);
  if (rhad === null) return;
  const eta = hospital.etaNum;
  const ordinal = p.records[s.kind];
  writeChaining(s, out.T_HADaaC, ['ETA_NUM_EPMSI', eta, 'RHAD_NUM', rhad], admission, discharge, failed, dateFailed, ordinal);
  const w = out.T_HADaaB;
  if (!w) return;
  const { buffer, set } = w;
  const r = buffer.addRow(p.ben, ordinal);
  set.ETA_NUM_EPMSI(r, eta);
  set.RHAD_NUM(r, rhad);
  set.AGE_ANN(r, ageAt(p, admission));
  set.COD_SEX(r, String(p.sex));
  set.BDI_DEP(r, p.dept.code2);
  set.BDI_COD(r, `${p.dept.code2}${p.commune}`.slice(0, 5));
  set.DGN_PAL(r, dp);
  set.ENT_MOD(r, '8');
  set.ENT_PRV(r, null);
  set.SOR_MOD(r, died ? '9' : '8');
  set.SOR_DES(r, null);
  set.PEC_PAL(r, mode);
  set.PEC_ASS(r, associated);
  set.SEJ_NBJ(r, Math.max(1, discharge - admission));
  set.SOR_ANN(r, civilFromDays(discharge)[0]);
  set.SOR_MOI(r, monthOf(discharge));
}
