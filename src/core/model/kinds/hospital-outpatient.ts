import { civilFromDays } from '../../calendar-fast.js';
import { dayIn, exemption, type MonthState } from '../care-month.js';
import { openSheet } from '../care-sheet.js';
import { emitSheet } from '../dcir.js';
import { curveAt } from '../model-data.js';
import { nirAt } from '../person.js';
import { UNLINKABLE_NIR } from '../identifiers.js';
import { inPmsiPeriod } from '../pmsi-period.js';
import { RECORDS_PER_PERSON } from './kind-ids.js';

/**
 * External visits to public hospitals (actes et consultations externes, care.json
 * `hospitalOutpatient`): consultations, and emergency visits not followed by a stay, each a
 * T_MCOaaCSTC row (the patient's pseudonymised NIR, the date, chaining return codes) with its
 * prestations in T_MCOaaFBSTC (the consultation; the emergency forfait) and its technical acts in
 * T_MCOaaFMSTC (an electrocardiogram, a radiograph...). Like every PMSI field, the visits of the care
 * years only.
 */

const pad = (n: number, w: number) => String(n).padStart(w, '0');

interface Prestation {
  code: string;
  spe: string;
}

function writeVisit(s: MonthState, prestations: Prestation[], emergency: boolean): void {
  const { rng, p, ctx, out } = s;
  const o = ctx.care.hospitalOutpatient;
  const day = dayIn(s);
  const hospital = ctx.refs.hospitalFor(rng, p.dept, false);
  const failed = rng.chance(ctx.care.pmsi.chainingFailureShare);
  const dateFailed = failed && rng.chance(ctx.care.pmsi.dateFailureShare);
  const rate = s.hasAld && rng.chance(o.aldShare) ? o.aldRate : o.rate;
  const acts = o.ccamActs;
  const act = rng.chance(emergency ? acts.emergencyShare : acts.consultationShare) ? rng.pickWeighted(emergency ? acts.emergency : acts.consultation) : null;
  const informed = rng.chance(o.information.share);
  const [year, month] = civilFromDays(day);
  if (!inPmsiPeriod(ctx, day)) return;
  const ordinal = p.records[s.kind]++;
  if (ordinal >= RECORDS_PER_PERSON) return;
  const seq = pad(p.ben * RECORDS_PER_PERSON + ordinal, 10);
  const eta = hospital.etaNum;
  if (out.T_MCOaaCSTC) {
    const { buffer, set } = out.T_MCOaaCSTC;
    const r = buffer.addRow(p.ben, ordinal);
    set.ETA_NUM(r, eta);
    set.SEQ_NUM(r, seq);
    set.NIR_ANO_17(r, failed ? UNLINKABLE_NIR : nirAt(p, day));
    set.EXE_SOI_DTD(r, day);
    set.EXE_SOI_DTF(r, day);
    set.NIR_RET(r, failed ? '1' : '0');
    set.NAI_RET(r, '0');
    set.SEX_RET(r, '0');
    set.IAS_RET(r, '0');
    set.ENT_DAT_RET(r, dateFailed ? '1' : '0');
  }
  if (act !== null && out.T_MCOaaFMSTC) {
    const { buffer, set } = out.T_MCOaaFMSTC;
    const r = buffer.addRow(p.ben, ordinal);
    set.ETA_NUM(r, eta);
    set.SEQ_NUM(r, seq);
    set.CCAM_COD(r, act);
    set.NIR_ANO_17(r, failed ? UNLINKABLE_NIR : nirAt(p, day));
    set.NIR_RET(r, failed ? '1' : '0');
    set.SEX_RET(r, '0');
    set.NIAS_RET(r, '0');
    set.DAT_RET(r, dateFailed ? '1' : '0');
    set.SOR_ANN(r, year);
    set.SOR_MOI(r, pad(month, 2));
  }
  if (informed) informationSheet(s, prestations, day, rate);
  if (out.T_MCOaaFBSTC) {
    const { buffer, set } = out.T_MCOaaFBSTC;
    for (let i = 0; i < prestations.length; i++) {
      const { code, spe } = prestations[i];
      const price = o.prices[code];
      const r = buffer.addRow(p.ben, ordinal * 8 + i);
      set.ETA_NUM(r, eta);
      set.SEQ_NUM(r, seq);
      set.ACT_COD(r, code);
      set.ACT_NBR(r, 1);
      set.PRI_UNI(r, price);
      set.REM_BAS(r, price);
      set.REM_TAU(r, rate);
      set.AMO_MNR(r, Math.round(price * rate) / 100);
      set.EXE_SPE(r, spe);
      set.SOR_ANN(r, year);
      set.SOR_MOI(r, pad(month, 2));
    }
  }
}

/**
 * The visit's prestations sent to the DCIR for information (care.json `hospitalOutpatient.information`):
 * one ER_PRS_F line each with DPN_QLF 71, the hospital physician of its specialty as executor, the price
 * and the health insurance's share, which programmes exclude (they are paid outside the DCIR).
 */
function informationSheet(s: MonthState, prestations: Prestation[], day: number, rate: number): void {
  const { rng, p, ctx } = s;
  const info = ctx.care.hospitalOutpatient.information;
  const exo = rate === ctx.care.hospitalOutpatient.aldRate ? exemption(s, true).exo : ctx.care.billing.exemptions.none;
  const sh = openSheet();
  for (const { code, spe } of prestations) {
    const price = ctx.care.hospitalOutpatient.prices[code];
    const executor = ctx.refs.pick(rng, String(Number(spe)), p.dept);
    sh.line(info.natures[code], price, price, rate, executor, day).exempted(exo).publicSector().forInformation();
  }
  emitSheet(s, sh, false);
}

/** A consultation 'C' is a general practitioner's, 'CS' a specialist's (NGAP); emergency prestations are the emergency physician's. */
export function hospitalOutpatientMonth(s: MonthState): void {
  const { rng, ctx } = s;
  const o = ctx.care.hospitalOutpatient;
  const gp = pad(Number(ctx.care.billing.roles.gp), 2);
  for (let k = rng.poisson(curveAt(o.consultationsPerYear, s.age) / 12); k > 0; k--) {
    const code = rng.pickWeighted(o.consultationActs);
    writeVisit(s, [{ code, spe: code === 'C' ? gp : pad(Number(rng.pickWeighted(ctx.workforce.specialties)), 2) }], false);
  }
  for (let k = rng.poisson(curveAt(o.emergenciesPerYear, s.age) / 12); k > 0; k--) writeVisit(s, o.emergencyActs.map((code) => ({ code, spe: gp })), true);
}
