import { civilFromDays } from '../calendar-fast.js';
import { hashString, type Rng } from '../rng.js';
import { emitSheet, round2, type Line } from './dcir.js';
import type { ModelContext } from './model-context.js';
import type { ModelOutput } from './model-output.js';
import { ageAt, nirAt, type Person } from './person.js';
import type { Hospital } from './referentials.js';

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

/** Stay records reserved per beneficiary: RSA_NUM encodes (beneficiary, stay). */
export const STAYS_PER_PERSON = 64;

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** GHM = 5-character root + severity level (1-4, or J/Z for ambulatory/sessions roots). */
function ghmOf(stay: Stay, age: number): string {
  if (stay.sessions > 0 || stay.ghmRoot[2] === 'Z') return `${stay.ghmRoot}Z`;
  if (stay.los === 0) return `${stay.ghmRoot}J`;
  const level = stay.los > 10 || (age > 80 && stay.das.length > 2) ? 3 : stay.das.length > 1 ? 2 : 1;
  return `${stay.ghmRoot}${level}`;
}

/** Stays are counted by the PMSI of their discharge year; only complete care years are written. */
export function emitStay(ctx: ModelContext, out: ModelOutput, p: Person, rng: Rng, stay: Stay, index: number) {
  const discharge = stay.admission + stay.los;
  const [year, month] = civilFromDays(discharge);
  const rsa = pad(p.ben * STAYS_PER_PERSON + index, 10);
  const eta = stay.hospital.etaNum;
  const age = ageAt(p, stay.admission);
  const ghm = ghmOf(stay, age);
  const ghs = pad(1000 + (hashString(ghm) % 9000), 4);
  const died = p.deathDay >= 0 && p.deathDay === discharge;
  const inPmsi = year >= ctx.careYearStart && year <= ctx.careYearEnd;
  // Every draw happens whatever tables are written, so that one table's rows never depend on another's presence.
  const failed = rng.chance(0.015);
  const dateFailed = failed && rng.chance(0.5);
  const actDelays = stay.acts.map(() => (stay.los > 0 ? rng.int(0, Math.min(stay.los, 3)) : 0));

  if (inPmsi && out.T_MCOaaB) {
    const { buffer, set } = out.T_MCOaaB;
    const r = buffer.addRow(p.ben);
    set.ETA_NUM(r, eta);
    set.RSA_NUM(r, rsa);
    set.AGE_ANN(r, age);
    set.AGE_JOU(r, age < 1 ? stay.admission - p.birthDay : null);
    set.BDI_DEP(r, p.dept.code2);
    set.BDI_COD(r, `${p.dept.code2}${p.commune}`.slice(0, 5));
    set.COD_SEX(r, p.sex);
    set.DGN_PAL(r, stay.dp);
    set.DGN_REL(r, null);
    set.ENT_MOD(r, '8');
    set.ENT_PRV(r, null);
    set.GRG_GHM(r, ghm);
    set.GHS_NUM(r, ghs);
    set.NBR_ACT(r, stay.acts.length);
    set.NBR_DGN(r, stay.das.length);
    set.NBR_RUM(r, 1);
    set.NBR_SEA(r, stay.sessions);
    set.SEJ_NBJ(r, stay.los);
    set.SOR_ANN(r, year);
    set.SOR_MOI(r, pad(month, 2));
    set.SOR_MOD(r, died ? '9' : '8');
    set.SOR_DES(r, null);
  }
  if (inPmsi && out.T_MCOaaC) {
    const { buffer, set } = out.T_MCOaaC;
    const r = buffer.addRow(p.ben);
    // A few records fail chaining checks (return codes ≠ '0'), as in real PMSI data.
    set.ETA_NUM(r, eta);
    set.RSA_NUM(r, rsa);
    set.NIR_ANO_17(r, nirAt(p, stay.admission));
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
    for (const das of stay.das) {
      const r = buffer.addRow(p.ben);
      set.ETA_NUM(r, eta);
      set.RSA_NUM(r, rsa);
      set.ASS_DGN(r, das);
    }
  }
  if (inPmsi && out.T_MCOaaA) {
    const { buffer, set } = out.T_MCOaaA;
    for (let i = 0; i < stay.acts.length; i++) {
      const act = stay.acts[i];
      const r = buffer.addRow(p.ben);
      set.ETA_NUM(r, eta);
      set.RSA_NUM(r, rsa);
      set.CDC_ACT(r, act);
      set.ACV_ACT(r, '1');
      set.PHA_ACT(r, '0');
      set.NBR_EXE_ACT(r, 1);
      set.ENT_DAT_DEL(r, actDelays[i]);
    }
  }

  // Private clinics bill the stay (GHS) or its sessions, the forfait journalier and the surgeons' acts through DCIR.
  if (stay.hospital.private) {
    const pc = ctx.care.privateClinic;
    const rate = stay.ald || stay.acts.length > 0 || stay.sessions > 0 ? 100 : 80;
    const spread = rng.lognormal(1, pc.spreadSigma);
    const tariff = pc.ghs[stay.ghmRoot[2]] ?? pc.ghs.M;
    const unit = stay.sessions > 0 ? round2((pc.perSession[stay.ghmRoot] ?? pc.perSession.default) * spread) : round2((tariff.base + tariff.perNight * stay.los) * spread);
    const quantity = Math.max(1, stay.sessions);
    const base = round2(unit * quantity);
    const lines: Line[] = [
      {
        nat: '2111', quantity, coefficient: 1, unitPrice: unit, base, rate, reimbursed: round2((base * rate) / 100), paid: base, extraBilling: 0,
        cplMaj: 0, cplAff: '0', exo: stay.ald ? '42' : rate === 100 ? '91' : '0', executor: p.gp, prescriber: null,
        prescribingEstablishment: stay.hospital.finess8, publicPrivate: '2', start: stay.admission, end: stay.sessions > 0 ? stay.admission : discharge, prescriptionDay: null,
        details: [{ kind: 'ete', hospital: stay.hospital, ghs }],
      },
    ];
    const extra = (nat: string, amount: number): Line => ({
      nat, quantity: 1, coefficient: 1, unitPrice: amount, base: amount, rate: 100, reimbursed: amount, paid: amount, extraBilling: 0, cplMaj: 0, cplAff: '0',
      exo: stay.ald ? '42' : '91', executor: p.gp, prescriber: null, prescribingEstablishment: stay.hospital.finess8, publicPrivate: '2',
      start: stay.admission, end: stay.admission, prescriptionDay: null, details: [],
    });
    const drugs = pc.sessionDrugs[stay.ghmRoot];
    if (drugs && stay.sessions > 0) {
      let cost = 0;
      for (let k = 0; k < stay.sessions; k++) if (rng.chance(drugs.share)) cost += rng.lognormal(drugs.median, drugs.sigma);
      if (cost > 0) lines.push(extra(drugs.nat, round2(cost)));
    }
    for (const act of stay.acts) {
      const implant = pc.implants.byAct[act];
      if (implant) lines.push(extra(pc.implants.nat, implant));
    }
    if (stay.los > 0) {
      const charge = round2(pc.dailyCharge.amount * stay.los);
      lines.push({
        nat: pc.dailyCharge.nat, quantity: stay.los, coefficient: 1, unitPrice: pc.dailyCharge.amount, base: 0, rate: 0, reimbursed: 0, paid: charge, extraBilling: 0,
        cplMaj: 1, cplAff: '12', exo: '0', executor: p.gp, prescriber: null, prescribingEstablishment: stay.hospital.finess8, publicPrivate: '2',
        start: stay.admission, end: discharge, prescriptionDay: null, details: [],
      });
    }
    if (stay.acts.length) {
      const surgeon = ctx.refs.pick(rng, '4', stay.hospital.dept);
      const details = stay.acts.map((ccam) => {
        const price = ctx.ccamTariff.get(ccam) ?? 0;
        return { kind: 'cam' as const, ccam, price, base: price };
      });
      const fee = round2(details.reduce((s, d) => s + d.base, 0));
      const extra = surgeon.sector2 ? round2(rng.lognormal(pc.surgeonExtraBillingMedian, 0.6)) : 0;
      lines.push({
        nat: '1321', quantity: 1, coefficient: 1, unitPrice: fee, base: fee, rate: 100, reimbursed: fee, paid: round2(fee + extra), extraBilling: extra,
        cplMaj: 0, cplAff: '0', exo: '91', executor: surgeon, prescriber: null, prescribingEstablishment: stay.hospital.finess8,
        publicPrivate: '2', start: stay.admission, end: stay.admission, prescriptionDay: null, details,
      });
      const an = pc.anaesthesia;
      if (rng.chance(an.share)) {
        const anaesthetist = ctx.refs.pick(rng, '2', stay.hospital.dept);
        const anDetails = details.map((d) => ({ ...d, price: round2(d.price * an.feeRatio), base: round2(d.base * an.feeRatio), activity: '4' }));
        const anFee = round2(anDetails.reduce((s, d) => s + d.base, 0));
        const anExtra = anaesthetist.sector2 ? round2(rng.lognormal(an.extraBillingMedian, 0.6)) : 0;
        lines.push({
          nat: an.nat, quantity: 1, coefficient: 1, unitPrice: anFee, base: anFee, rate: 100, reimbursed: anFee, paid: round2(anFee + anExtra), extraBilling: anExtra,
          cplMaj: 0, cplAff: '0', exo: '91', executor: anaesthetist, prescriber: null, prescribingEstablishment: stay.hospital.finess8,
          publicPrivate: '2', start: stay.admission, end: stay.admission, prescriptionDay: null, details: anDetails,
        });
      }
    }
    emitSheet(ctx, out, p, rng, lines, false);
  }
}
