import { civilFromDays } from '../../calendar-fast.js';
import { dayIn, type MonthState } from '../care-month.js';
import { curveAt } from '../model-data.js';
import { monthOf, nextRecord, writeChaining } from '../pmsi-chaining.js';
import { inPmsiPeriod } from '../pmsi-period.js';
import { ageAt, diesAt, stayEnd } from '../person.js';
import type { Hospital } from '../referentials.js';

/**
 * Psychiatric stays of RIM-P (care.json `psychiatry`; T_RIPaaC and T_RIPaaRSA, one sequence per
 * stay): the stays private psychiatric clinics bill (ordered by the chronic follow-up), and full-time
 * or day hospitalisation in public establishments, with a yearly probability per condition (psychosis,
 * depression) and a small one for others.
 */

/** Forms of activity (FOR_ACT): full-time hospitalisation, day hospitalisation. */
const FULL_TIME = '01';
const DAY_HOSPITAL = '20';

function writePsyStay(s: MonthState, hospital: Hospital, form: string, admission: number, plannedLast: number, presence: number | null, dp: string): void {
  const { rng, p, ctx, out } = s;
  const discharge = stayEnd(p, admission, plannedLast);
  if (discharge === null) return;
  const died = diesAt(p, discharge);
  if (died) p.deathPlace = hospital.private ? '3' : '2';
  // A stay the patient dies in keeps a valid chaining (pmsi.ts).
  const failed = rng.chance(ctx.care.pmsi.chainingFailureShare) && !died;
  const dateFailed = failed && rng.chance(ctx.care.pmsi.dateFailureShare);
  if (!inPmsiPeriod(ctx, discharge)) return;
  const rip = nextRecord(s);
  if (rip === null) return;
  const eta = hospital.etaNum;
  const ordinal = p.records[s.kind];
  writeChaining(s, out.T_RIPaaC, ['ETA_NUM_EPMSI', eta, 'RIP_NUM', rip], admission, discharge, failed, dateFailed, ordinal);
  const w = out.T_RIPaaRSA;
  if (!w) return;
  const { buffer, set } = w;
  const covered = discharge - admission + 1;
  const r = buffer.addRow(p.ben, ordinal);
  set.ETA_NUM_EPMSI(r, eta);
  set.RIP_NUM(r, rip);
  set.AGE_ANN(r, ageAt(p, admission));
  set.COD_SEX(r, String(p.sex));
  set.BDI_DEP(r, p.dept.code2);
  set.BDI_COD(r, `${p.dept.code2}${p.commune}`.slice(0, 5));
  set.FOR_ACT(r, form);
  set.ENT_MOD(r, '8');
  set.ENT_PRV(r, null);
  set.SOR_MOD(r, died ? '9' : '8');
  set.SOR_DES(r, null);
  set.SEQ_FIN_MOI(r, monthOf(discharge));
  set.SEQ_FIN_ANN(r, civilFromDays(discharge)[0]);
  set.SEQ_COU_NBJ(r, covered);
  set.PRE_JOU_NBJ(r, presence === null ? covered : Math.min(presence, covered));
  set.DGN_PAL(r, dp);
}

export function psychiatryMonth(s: MonthState): void {
  const { rng, p, ctx } = s;
  const y = ctx.care.psychiatry;
  for (const st of s.orders.psychiatryStays) writePsyStay(s, st.clinic, FULL_TIME, st.first, st.last, null, st.icd10 ?? rng.pickWeighted(y.dpIfNoCondition));
  let rate = curveAt(y.otherPerYear, s.age);
  let condition: string | null = null;
  for (const c of p.conditions) {
    const r = y.conditionPerYear[c.spec.id];
    if (r !== undefined && r > rate) {
      rate = r;
      condition = c.icd10;
    }
  }
  if (!rng.chance(1 - Math.exp(-rate / 12))) return;
  const admission = dayIn(s);
  const dp = condition ?? rng.pickWeighted(y.dpIfNoCondition);
  const hospital = ctx.refs.hospitalFor(rng, p.dept, false);
  if (rng.chance(y.dayHospitalShare)) {
    const weeks = rng.int(y.dayHospitalWeeks[0], y.dayHospitalWeeks[1]);
    writePsyStay(s, hospital, DAY_HOSPITAL, admission, admission + weeks * 7 - 1, weeks * y.dayHospitalDaysPerWeek, dp);
  } else {
    writePsyStay(s, hospital, FULL_TIME, admission, admission + Math.max(1, Math.round(rng.lognormal(y.losMedian, y.losSigma))), null, dp);
  }
}
