import { civilFromDays } from '../calendar-fast.js';
import { hashString, type Rng } from '../rng.js';
import type { ModelContext } from './model-context.js';
import type { ModelOutput } from './model-output.js';
import { ageAt, nirAt, type Person } from './person.js';
import { UNLINKABLE_NIR } from './identifiers.js';
import { inPmsiPeriod } from './pmsi-period.js';
import { drawUnits, writeUnits } from './pmsi-units.js';
import { siteOf, type Hospital } from './referentials.js';

/** A hospital stay in PMSI MCO (T_MCOaaB/C/D/A), and its DCIR billing when the clinic is private. */
export interface Stay {
  hospital: Hospital;
  admission: number;
  /** Nights (SEJ_NBJ): 0 for a stay without a night. */
  los: number;
  dp: string;
  das: string[];
  ghmRoot: string;
  acts: string[];
  /** Number of sessions grouped in this record (chemotherapy, dialysis), 0 for a stay. */
  sessions: number;
  /** Care in relation to an ALD (100 % coverage). */
  ald: boolean;
}

/** How a stay ends: SOR_MOD (6 mutation, 7 transfer, 8 home, 9 death) and SOR_DES (2 = to rehabilitation), null for home and death. */
export interface StayExit {
  mode: '6' | '7' | '8' | '9';
  destination: string | null;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/**
 * The related diagnosis of a stay (care.json `relatedDiagnosis`): when its principal diagnosis is a Z
 * code of care for a chronic disease, the first of its diagnoses that is that disease; null otherwise.
 */
function relatedDiagnosis(ctx: ModelContext, stay: Stay): string | null {
  for (const rule of ctx.care.relatedDiagnosis.rules) {
    if (!stay.dp.startsWith(rule.dp)) continue;
    for (const d of stay.das) if (rule.related.some((r) => d.startsWith(r))) return d;
  }
  return null;
}

/** GHM = 5-character root + severity level (1-4, or J/Z for ambulatory/sessions roots). */
function ghmOf(stay: Stay, age: number): string {
  if (stay.sessions > 0 || stay.ghmRoot[2] === 'Z') return `${stay.ghmRoot}Z`;
  if (stay.los === 0) return `${stay.ghmRoot}J`;
  const level = stay.los > 10 || (age > 80 && stay.das.length > 2) ? 3 : stay.das.length > 1 ? 2 : 1;
  return `${stay.ghmRoot}${level}`;
}

/**
 * Write a stay's PMSI records; returns its GHS. Stays are counted by the PMSI of their discharge
 * year, written from the first care year up to the month before the last flux (pmsi-chaining.ts).
 * `stayNumber` is the RSA number, `index` the person's stay ordinal.
 */
export function emitStay(ctx: ModelContext, out: ModelOutput, p: Person, rng: Rng, stay: Stay, stayNumber: number, index: number, exit: StayExit): string {
  // The related diagnosis is not repeated among the associated diagnoses.
  const related = relatedDiagnosis(ctx, stay);
  if (related !== null) stay.das = stay.das.filter((d) => d !== related);
  const discharge = stay.admission + stay.los;
  const [year, month] = civilFromDays(discharge);
  const rsa = pad(stayNumber, 10);
  const eta = stay.hospital.etaNum;
  const age = ageAt(p, stay.admission);
  const ghm = ghmOf(stay, age);
  const ghs = pad(1000 + (hashString(ghm) % 9000), 4);
  const inPmsi = inPmsiPeriod(ctx, discharge);
  // Every draw happens whatever tables are written, so that one table's rows never depend on another's presence.
  // A stay the patient dies in keeps a valid chaining, so that the death certificate's place agrees with it.
  const failed = rng.chance(ctx.care.pmsi.chainingFailureShare) && exit.mode !== '9';
  const dateFailed = failed && rng.chance(ctx.care.pmsi.dateFailureShare);
  const actDelays = stay.acts.map(() => (stay.los > 0 ? rng.int(0, Math.min(stay.los, 3)) : 0));
  const units = drawUnits(ctx, p.ben, stayNumber, stay);

  if (inPmsi && out.T_MCOaaB) {
    const { buffer, set } = out.T_MCOaaB;
    const r = buffer.addRow(p.ben, index * 256);
    set.ETA_NUM(r, eta);
    set.RSA_NUM(r, rsa);
    set.AGE_ANN(r, age);
    set.AGE_JOU(r, age < 1 ? stay.admission - p.birthDay : null);
    set.BDI_DEP(r, p.dept.code2);
    set.BDI_COD(r, `${p.dept.code2}${p.commune}`.slice(0, 5));
    set.COD_SEX(r, p.sex);
    set.DGN_PAL(r, stay.dp);
    set.DGN_REL(r, related);
    set.ENT_MOD(r, '8');
    set.ENT_PRV(r, null);
    set.GRG_GHM(r, ghm);
    set.GHS_NUM(r, ghs);
    set.NBR_ACT(r, stay.acts.length);
    set.NBR_DGN(r, stay.das.length);
    set.NBR_RUM(r, units.length);
    set.NBR_SEA(r, stay.sessions);
    set.SEJ_NBJ(r, stay.los);
    set.SOR_ANN(r, year);
    set.SOR_MOI(r, pad(month, 2));
    set.SOR_MOD(r, exit.mode);
    set.SOR_DES(r, exit.destination);
  }
  if (inPmsi && out.T_MCOaaC) {
    const { buffer, set } = out.T_MCOaaC;
    const r = buffer.addRow(p.ben, index * 256);
    // A few records fail chaining checks (return codes ≠ '0'), as in real PMSI data: their NIR_ANO_17 links to no one.
    set.ETA_NUM(r, eta);
    set.RSA_NUM(r, rsa);
    set.NIR_ANO_17(r, failed ? UNLINKABLE_NIR : nirAt(p, stay.admission));
    set.EXE_SOI_DTD(r, stay.admission);
    set.EXE_SOI_DTF(r, discharge);
    set.SEJ_NUM(r, pad(index + 1, 5));
    set.NIR_RET(r, failed ? '1' : '0');
    set.NAI_RET(r, '0');
    set.SEX_RET(r, '0');
    set.SEJ_RET(r, '0');
    set.FHO_RET(r, '0');
    set.PMS_RET(r, '0');
    set.DAT_RET(r, dateFailed ? '1' : '0');
    set.COH_NAI_RET(r, '0');
    set.COH_SEX_RET(r, '0');
  }
  if (inPmsi && out.T_MCOaaD) {
    const { buffer, set } = out.T_MCOaaD;
    for (let i = 0; i < stay.das.length; i++) {
      const das = stay.das[i];
      const r = buffer.addRow(p.ben, index * 256 + i);
      set.ETA_NUM(r, eta);
      set.RSA_NUM(r, rsa);
      set.ASS_DGN(r, das);
    }
  }
  if (inPmsi) writeUnits(out, p.ben, eta, siteOf(stay.hospital, stayNumber), rsa, stay, units, index, related);
  if (inPmsi && out.T_MCOaaA) {
    const { buffer, set } = out.T_MCOaaA;
    for (let i = 0; i < stay.acts.length; i++) {
      const act = stay.acts[i];
      const r = buffer.addRow(p.ben, index * 256 + i);
      set.ETA_NUM(r, eta);
      set.RSA_NUM(r, rsa);
      set.CDC_ACT(r, act);
      set.ACV_ACT(r, '1');
      set.PHA_ACT(r, '0');
      set.NBR_EXE_ACT(r, 1);
      set.ENT_DAT_DEL(r, actDelays[i]);
    }
  }

  return ghs;
}
