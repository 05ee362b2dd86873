import { firstOfNextMonth } from '../calendar-fast.js';
import type { Rng } from '../rng.js';
import type { MonthState } from './care-month.js';
import { CARE_KINDS, MAX_KINDS, SHEETS_PER_KIND, type CareKindId } from './kinds/kind-ids.js';
import type { Drug, ModelContext } from './model-context.js';
import type { ModelOutput } from './model-output.js';
import { BIO, CAM, PHA, type CareSheet } from './care-sheet.js';
import { HELD_FICTITIOUS, HELD_NIR, HELD_OWN, dcirColumns } from './dcir-writer.js';
import { HELD_SLOTS, NULL_INT } from '../columns/column.js';
import { ageAt, nirAt, type Person } from './person.js';
import type { Hospital, Professional } from './referentials.js';

/**
 * DCIR care sheets (décomptes): one sheet = the 7 flux/sheet keys, its prestation lines in
 * ER_PRS_F (PRS_ORD_NUM 1..n) and each line's coded details in ER_PHA_F, ER_BIO_F, ER_CAM_F and
 * ER_ETE_F, joined on the 9 DCIR keys. The billing code states a sheet in the run's CareSheet
 * (care-sheet.ts); `emitSheet` writes it into the tables' stores.
 */

/** DPN_QLF (IR_DEP_V) of a line sent for information: 71, 'pour information (soins externes)'. */
const INFORMATION = '71';

/** Version of the person's NIR in force at `day` (the index in p.nirs that nirAt gives). */
function nirVersionAt(p: Person, day: number): number {
  let v = 0;
  for (let i = 1; i < p.switchDays.length; i++) if (day >= p.switchDays[i]) v = i;
  return v;
}

/** The age codes as text, 0..120 then 1000..1023 at 121..144 (one string each, not one per line). */
const AGE_CODES = [...Array.from({ length: 121 }, (_, i) => String(i)), ...Array.from({ length: 24 }, (_, i) => String(1000 + i))];

/** Age code of IR_AMA_V: 1000 + months below 2 years, else years. */
function ageCode(p: Person, day: number): string {
  const years = ageAt(p, day);
  if (years >= 2) return years >= 120 ? AGE_CODES[120] : AGE_CODES[years];
  const months = Math.max(0, Math.floor((day - p.birthDay) / 30.44));
  return AGE_CODES[121 + Math.min(months, 23)];
}

/** Day the sheet is processed (FLX_TRT_DTD): care end + a processing lag, sometimes months late. */
function processingDay(ctx: ModelContext, rng: Rng, end: number, pharmacy: boolean): number {
  const f = ctx.care.flux;
  let lag = Math.round(rng.lognormal(pharmacy ? f.lagMedianDays.pharmacy : f.lagMedianDays.default, f.lagSigma));
  if (rng.chance(f.lateShare)) lag += 30 * rng.int(f.lateMonths[0], f.lateMonths[1]);
  return end + Math.max(1, lag);
}

/** ORG_CLE_NUM of a person's sheets (their fund), built once per person rather than once per sheet. */
let orgOf: Person | null = null;
let orgText = '';
function organisation(p: Person): string {
  if (orgOf !== p) {
    orgOf = p;
    orgText = `01${p.dept.code}0000`;
  }
  return orgText;
}

/** IR_AMA_V code of the last (person, day) asked: the lines of a sheet mostly share their day. */
let ageOf: Person | null = null;
let ageDay = 0;
let ageText = '';
function ageCodeAt(p: Person, day: number): string {
  if (ageOf !== p || ageDay !== day) {
    ageOf = p;
    ageDay = day;
    ageText = ageCode(p, day);
  }
  return ageText;
}

/**
 * Write the sheet's lines and details into the DCIR tables' stores, processed on day `trt`; `negated`
 * writes them cancelled (a regularisation: negative quantities and amounts, BSE_REM_SGN 2).
 */
function writeSheet(ctx: ModelContext, out: ModelOutput, p: Person, kind: CareKindId, sh: CareSheet, trt: number, negated: boolean) {
  // Numbered before the flux cut-off test, so that a sheet's number does not depend on the cut-off;
  // in the kind's own range, so that it does not depend on the other kinds' sheets.
  if (p.sheets[kind] >= SHEETS_PER_KIND) throw new Error(`beneficiary ${p.ben}: more than ${SHEETS_PER_KIND} care sheets of kind ${CARE_KINDS[kind]}`);
  const local = kind * SHEETS_PER_KIND + p.sheets[kind]++;
  const sheet = p.ben * MAX_KINDS * SHEETS_PER_KIND + local;
  const dis = firstOfNextMonth(trt);
  if (dis > ctx.lastFluxDay) return;
  if (trt > p.lastProcessed) p.lastProcessed = trt;
  const lines = sh.lines;
  // Person-level facts depend on the sheets in the dataset, never on which tables are written.
  for (let i = 0; i < lines; i++) if (sh.fictitious[i] === 1) p.usedFictitiousNir = true;
  const dct = sheet % 1_000_000_000;
  const emtOrd = Math.floor(sheet / 1_000_000_000);
  const org = organisation(p);
  const death = p.deathDay >= 0 && p.deathDay <= dis ? p.deathDay : NULL_INT;
  const sign = negated ? '2' : '1';
  const { prs, pha, bio, cam, ete } = dcirColumns(out);
  // The person's codes, held once per person (PrsColumns.holdPerson), copied onto each line.
  if (prs) prs.holdPerson(p);
  let k = 0;
  for (let i = 0; i < lines; i++) {
    const n = i + 1;
    // Row key among the person's rows (rule-driven columns draw from it): (sheet, line, detail), so it
    // does not depend on other kinds' rows.
    const rowKey = (local * 64 + i) * 64;
    if (prs) {
      const r = prs.buffer.addRow(p.ben, rowKey);
      prs.write(r, dis, trt, emtOrd, org, dct, n);
      const start = sh.start[i];
      const end = sh.end[i];
      const nat = sh.nat[i];
      const base = sh.cplMaj[i] === 0;
      const quantity = negated ? -sh.quantity[i] : sh.quantity[i];
      const reimbursed = negated ? -sh.reimbursed[i] : sh.reimbursed[i];
      const extraBilling = negated ? -sh.extraBilling[i] : sh.extraBilling[i];
      const fictitious = sh.fictitious[i] === 1;
      if (fictitious) prs.holdFictitious(ctx, p);
      const who = fictitious ? HELD_FICTITIOUS : HELD_OWN;
      const nir = fictitious ? HELD_FICTITIOUS : HELD_NIR + nirVersionAt(p, start);
      if (nir < HELD_SLOTS) prs.nir.putHeld(r, nir);
      else prs.nir.putCode(r, nirAt(p, start));
      prs.rngGem.putHeld(r, who);
      prs.sex.putHeld(r, HELD_OWN);
      prs.birthYear.putHeld(r, who);
      prs.ageCode.putCode(r, ageCodeAt(p, start));
      prs.dept.putHeld(r, HELD_OWN);
      prs.commune.putHeld(r, HELD_OWN);
      prs.cdiNir.putHeld(r, who);
      prs.cmu.putHeld(r, HELD_OWN);
      prs.orgAff.putHeld(r, HELD_OWN);
      prs.death.data[r] = death;
      prs.rgmGrg.putHeld(r, HELD_OWN);
      prs.rgm.putHeld(r, HELD_OWN);
      prs.start.data[r] = start;
      prs.end.data[r] = end;
      prs.putMonths(r, start, end);
      prs.prescriptionDay.data[r] = sh.prescriptionDay[i];
      prs.nat.putCode(r, nat);
      prs.baseNat.putCode(r, base ? nat : '0');
      prs.cplNat.putCode(r, base ? '0' : nat);
      prs.cplMaj.data[r] = sh.cplMaj[i];
      prs.cplAff.putCode(r, sh.cplAff[i]);
      prs.quantity.data[r] = quantity;
      prs.count.data[r] = quantity;
      prs.coefficient.data[r] = sh.coefficient[i];
      prs.paid.data[r] = negated ? -sh.paid[i] : sh.paid[i];
      prs.base.data[r] = base ? (negated ? -sh.base[i] : sh.base[i]) : 0;
      prs.reimbursed.data[r] = base ? reimbursed : 0;
      prs.unitPrice.data[r] = sh.unitPrice[i];
      prs.cplReimbursed.data[r] = base ? 0 : reimbursed;
      prs.extraBilling.data[r] = extraBilling;
      prs.rate.data[r] = sh.rate[i];
      prs.baseSign.putCode(r, base ? sign : '0');
      prs.cplSign.putCode(r, base ? '0' : !negated && reimbursed < 0 ? '2' : sign);
      prs.exo.putCode(r, sh.exo[i]);
      const dpn = sh.information[i] === 1 ? INFORMATION : extraBilling !== 0 ? '62' : '0';
      prs.dpnQlf.putCode(r, dpn);
      prs.dpnQlp.putCode(r, dpn);
      prs.publicPrivate.putCode(r, sh.publicPrivate[i]);
      prs.putProfessionals(r, sh.executor[i] as Professional, sh.prescriber[i]);
      prs.prescribingEstablishment.putCode(r, sh.establishment[i]);
    }
    const details = sh.detailCount[i];
    for (let order = 1; order <= details; order++, k++) {
      const table = sh.detailTable[k];
      if (table === PHA) {
        if (!pha) continue;
        const r = pha.buffer.addRow(p.ben, rowKey + order);
        pha.write(r, dis, trt, emtOrd, org, dct, n);
        const drug = sh.drug[k] as Drug;
        pha.putCip13(r, drug);
        pha.cip7.data[r] = drug.cip7;
        pha.boxes.data[r] = negated ? -sh.count[k] : sh.count[k];
        pha.price.data[r] = drug.price;
        pha.order.data[r] = order;
      } else if (table === BIO) {
        if (!bio) continue;
        const r = bio.buffer.addRow(p.ben, rowKey + order);
        bio.write(r, dis, trt, emtOrd, org, dct, n);
        bio.nabm.putCode(r, sh.code[k]);
        bio.quantity.data[r] = negated ? -sh.count[k] : sh.count[k];
        bio.order.data[r] = order;
      } else if (table === CAM) {
        if (!cam) continue;
        const r = cam.buffer.addRow(p.ben, rowKey + order);
        cam.write(r, dis, trt, emtOrd, org, dct, n);
        cam.ccam.putCode(r, sh.code[k]);
        cam.activity.putCode(r, sh.activity[k]);
        cam.phase.putCode(r, '0');
        cam.price.data[r] = sh.price[k];
        cam.base.data[r] = negated ? -sh.detailBase[k] : sh.detailBase[k];
        cam.association.putCode(r, order === 1 ? '1' : '2');
        cam.order.data[r] = order;
      } else {
        if (!ete) continue;
        const r = ete.buffer.addRow(p.ben, rowKey + order);
        ete.write(r, dis, trt, emtOrd, org, dct, n);
        const h = sh.hospital[k] as Hospital;
        ete.finess.putCode(r, h.finess8);
        ete.category.putCode(r, h.private ? '365' : '101');
        ete.type.putCode(r, h.private ? '2' : '1');
        ete.ghs.putCode(r, sh.code[k]);
        ete.t2a.data[r] = h.private ? 0 : 1;
        ete.publicPrivate.putCode(r, h.private ? '2' : '1');
      }
    }
  }
}

/**
 * Bill the care sheet stated in `sh`: written in the flux month after its processing, unless that
 * month is past the dataset's last flux. A small share is later cancelled and billed again
 * (regularisation). A sheet without lines bills nothing.
 */
export function emitSheet(s: MonthState, sh: CareSheet, pharmacy: boolean) {
  if (sh.lines === 0) return;
  const { ctx, out, p, rng, kind } = s;
  sh.settle();
  const trt = processingDay(ctx, rng, sh.lastDay(), pharmacy);
  writeSheet(ctx, out, p, kind, sh, trt, false);
  const f = ctx.care.flux;
  if (rng.chance(f.regularisationShare)) {
    const later = trt + rng.int(f.regularisationDelayDays[0], f.regularisationDelayDays[1]);
    writeSheet(ctx, out, p, kind, sh, later, true);
    writeSheet(ctx, out, p, kind, sh, later + 1, false);
  }
}
