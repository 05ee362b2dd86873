import { civilYearMonth, firstOfMonth, firstOfNextMonth } from '../calendar-fast.js';
import type { Rng } from '../rng.js';
import type { MonthState } from './care-month.js';
import { CARE_KINDS, MAX_KINDS, SHEETS_PER_KIND, type CareKindId } from './kinds/kind-ids.js';
import type { Drug, ModelContext } from './model-context.js';
import type { ModelOutput } from './model-output.js';
import { BIO, CAM, ETE, MAX_DETAILS, MAX_LINES, PHA, type CareSheet, type DetailTable } from './care-sheet.js';
import { HELD_FICTITIOUS, HELD_NIR, HELD_OWN, dcirColumns, fillInt, type KeyColumns, type PrsColumns } from './dcir-writer.js';
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

/** 'YYYYMM' of a day, remembered for the month last asked (a sheet's lines are mostly of one month). */
let monthFrom = 0;
let monthTo = 0;
let monthText = '';
function yearMonth(day: number): string {
  if (day < monthFrom || day >= monthTo) {
    monthText = civilYearMonth(day);
    monthFrom = firstOfMonth(day);
    monthTo = firstOfNextMonth(day);
  }
  return monthText;
}

/**
 * The codes of the sheet's lines being written, one array per column that takes them (reused): each
 * column then takes the codes of all the sheet's rows in one call (Column.putCodes).
 */
const codeRun = () => new Array<string | null>(MAX_LINES).fill(null);
const run = {
  age: codeRun(), startMonth: codeRun(), endMonth: codeRun(), baseNat: codeRun(), cplNat: codeRun(), baseSign: codeRun(), cplSign: codeRun(), dpn: codeRun(),
  executor: codeRun(), executorSpe: codeRun(), executorActNat: codeRun(), prescriber: codeRun(), prescriberSpe: codeRun(), prescriberActNat: codeRun(),
};
/** PRS_ORD_NUM and row key of each row of a table being written (the sheet's lines, or the details of one table). */
const lineOf = new Int32Array(MAX_LINES * (MAX_DETAILS + 1));
const keyOf = new Int32Array(MAX_LINES * (MAX_DETAILS + 1));
/** Index in the sheet of each detail row being written. */
const detailOf = new Int32Array(MAX_LINES * (MAX_DETAILS + 1));
const FIRST_LINES = Int32Array.from({ length: MAX_LINES }, (_, i) => i + 1);

/**
 * Write the sheet's lines and details into the DCIR tables' stores, processed on day `trt`; `negated`
 * writes them cancelled (a regularisation: negative quantities and amounts, BSE_REM_SGN 2). Each
 * table's rows of the sheet are added together and written column by column: the keys and the
 * person's codes, the same on every row, are filled over the rows.
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
  let fictitious = false;
  for (let i = 0; i < lines; i++) if (sh.fictitious[i] === 1) fictitious = true;
  if (fictitious) p.usedFictitiousNir = true;
  const dct = sheet % 1_000_000_000;
  const emtOrd = Math.floor(sheet / 1_000_000_000);
  const org = organisation(p);
  const { prs, pha, bio, cam, ete } = dcirColumns(out);
  // Row key among the person's rows (rule-driven columns draw from it): (sheet, line, detail), so it
  // does not depend on other kinds' rows.
  const firstKey = local * 64 * 64;
  if (prs) {
    for (let i = 0; i < lines; i++) keyOf[i] = firstKey + i * 64;
    const r0 = prs.buffer.addRows(p.ben, keyOf, lines);
    prs.writeRun(r0, lines, dis, trt, emtOrd, org, dct, FIRST_LINES);
    writePrs(ctx, prs, p, sh, r0, dis, negated, fictitious);
  }
  if (sh.details === 0) return;
  if (pha) {
    const r0 = placeDetails(p, sh, PHA, pha, firstKey, dis, trt, emtOrd, org, dct);
    for (let j = 0; j < placed; j++) {
      const r = r0 + j;
      const k = detailOf[j];
      const drug = sh.drug[k] as Drug;
      pha.putCip13(r, drug);
      pha.cip7.data[r] = drug.cip7;
      pha.boxes.data[r] = negated ? -sh.count[k] : sh.count[k];
      pha.price.data[r] = drug.price;
      pha.order.data[r] = orderOf[j];
    }
  }
  if (bio) {
    const r0 = placeDetails(p, sh, BIO, bio, firstKey, dis, trt, emtOrd, org, dct);
    for (let j = 0; j < placed; j++) {
      const r = r0 + j;
      const k = detailOf[j];
      bio.nabm.putCode(r, sh.code[k]);
      bio.quantity.data[r] = negated ? -sh.count[k] : sh.count[k];
      bio.order.data[r] = orderOf[j];
    }
  }
  if (cam) {
    const r0 = placeDetails(p, sh, CAM, cam, firstKey, dis, trt, emtOrd, org, dct);
    for (let j = 0; j < placed; j++) {
      const r = r0 + j;
      const k = detailOf[j];
      cam.ccam.putCode(r, sh.code[k]);
      cam.activity.putCode(r, sh.activity[k]);
      cam.phase.putCode(r, '0');
      cam.price.data[r] = sh.price[k];
      cam.base.data[r] = negated ? -sh.detailBase[k] : sh.detailBase[k];
      cam.association.putCode(r, orderOf[j] === 1 ? '1' : '2');
      cam.order.data[r] = orderOf[j];
    }
  }
  if (ete) {
    const r0 = placeDetails(p, sh, ETE, ete, firstKey, dis, trt, emtOrd, org, dct);
    for (let j = 0; j < placed; j++) {
      const r = r0 + j;
      const h = sh.hospital[detailOf[j]] as Hospital;
      ete.finess.putCode(r, h.finess8);
      ete.category.putCode(r, h.private ? '365' : '101');
      ete.type.putCode(r, h.private ? '2' : '1');
      ete.ghs.putCode(r, sh.code[detailOf[j]]);
      ete.t2a.data[r] = h.private ? 0 : 1;
      ete.publicPrivate.putCode(r, h.private ? '2' : '1');
    }
  }
}

/** The sheet's ER_PRS_F rows [r0, r0 + sh.lines), keys written: the person's codes, then the lines' fields column by column. */
function writePrs(ctx: ModelContext, prs: PrsColumns, p: Person, sh: CareSheet, r0: number, dis: number, negated: boolean, fictitious: boolean) {
  const lines = sh.lines;
  const end = r0 + lines;
  // The person's codes, held once per person (PrsColumns.holdPerson), filled over the rows; a line
  // billed under the fictitious NIR takes its codes.
  prs.holdPerson(p);
  prs.rngGem.fillHeld(r0, lines, HELD_OWN);
  prs.sex.fillHeld(r0, lines, HELD_OWN);
  prs.birthYear.fillHeld(r0, lines, HELD_OWN);
  prs.dept.fillHeld(r0, lines, HELD_OWN);
  prs.commune.fillHeld(r0, lines, HELD_OWN);
  prs.cdiNir.fillHeld(r0, lines, HELD_OWN);
  prs.cmu.fillHeld(r0, lines, HELD_OWN);
  prs.orgAff.fillHeld(r0, lines, HELD_OWN);
  prs.rgmGrg.fillHeld(r0, lines, HELD_OWN);
  prs.rgm.fillHeld(r0, lines, HELD_OWN);
  fillInt(prs.death.data, r0, end, p.deathDay >= 0 && p.deathDay <= dis ? p.deathDay : NULL_INT);
  if (fictitious) prs.holdFictitious(ctx, p);
  for (let i = 0; i < lines; i++) {
    const r = r0 + i;
    if (sh.fictitious[i] === 1) {
      prs.nir.putHeld(r, HELD_FICTITIOUS);
      prs.rngGem.putHeld(r, HELD_FICTITIOUS);
      prs.birthYear.putHeld(r, HELD_FICTITIOUS);
      prs.cdiNir.putHeld(r, HELD_FICTITIOUS);
      continue;
    }
    const nir = HELD_NIR + nirVersionAt(p, sh.start[i]);
    if (nir < HELD_SLOTS) prs.nir.putHeld(r, nir);
    else prs.nir.putCode(r, nirAt(p, sh.start[i]));
  }
  // The lines' fields.
  const sign = negated ? '2' : '1';
  const { start: startDays, end: endDays, prescriptionDay, cplMaj, quantity, coefficient, unitPrice, rate } = prs;
  for (let i = 0; i < lines; i++) {
    const r = r0 + i;
    const start = sh.start[i];
    const last = sh.end[i];
    const nat = sh.nat[i];
    const base = sh.cplMaj[i] === 0;
    const q = negated ? -sh.quantity[i] : sh.quantity[i];
    const reimbursed = negated ? -sh.reimbursed[i] : sh.reimbursed[i];
    const extraBilling = negated ? -sh.extraBilling[i] : sh.extraBilling[i];
    startDays.data[r] = start;
    endDays.data[r] = last;
    prescriptionDay.data[r] = sh.prescriptionDay[i];
    cplMaj.data[r] = sh.cplMaj[i];
    quantity.data[r] = q;
    prs.count.data[r] = q;
    coefficient.data[r] = sh.coefficient[i];
    prs.paid.data[r] = negated ? -sh.paid[i] : sh.paid[i];
    prs.base.data[r] = base ? (negated ? -sh.base[i] : sh.base[i]) : 0;
    prs.reimbursed.data[r] = base ? reimbursed : 0;
    unitPrice.data[r] = sh.unitPrice[i];
    prs.cplReimbursed.data[r] = base ? 0 : reimbursed;
    prs.extraBilling.data[r] = extraBilling;
    rate.data[r] = sh.rate[i];
    run.age[i] = ageCodeAt(p, start);
    run.startMonth[i] = yearMonth(start);
    run.endMonth[i] = yearMonth(last);
    run.baseNat[i] = base ? nat : '0';
    run.cplNat[i] = base ? '0' : nat;
    run.baseSign[i] = base ? sign : '0';
    run.cplSign[i] = base ? '0' : !negated && reimbursed < 0 ? '2' : sign;
    run.dpn[i] = sh.information[i] === 1 ? INFORMATION : extraBilling !== 0 ? '62' : '0';
    const ex = sh.executor[i] as Professional;
    run.executor[i] = ex.num;
    run.executorSpe[i] = ex.spe;
    run.executorActNat[i] = ex.actNat;
    const pre = sh.prescriber[i];
    run.prescriber[i] = pre ? pre.num : null;
    run.prescriberSpe[i] = pre ? pre.spe : null;
    run.prescriberActNat[i] = pre ? pre.actNat : null;
  }
  prs.ageCode.putCodes(r0, run.age, lines);
  prs.startMonth.putCodes(r0, run.startMonth, lines);
  prs.endMonth.putCodes(r0, run.endMonth, lines);
  prs.nat.putCodes(r0, sh.nat, lines);
  prs.baseNat.putCodes(r0, run.baseNat, lines);
  prs.cplNat.putCodes(r0, run.cplNat, lines);
  prs.cplAff.putCodes(r0, sh.cplAff, lines);
  prs.baseSign.putCodes(r0, run.baseSign, lines);
  prs.cplSign.putCodes(r0, run.cplSign, lines);
  prs.exo.putCodes(r0, sh.exo, lines);
  prs.dpnQlf.putCodes(r0, run.dpn, lines);
  prs.dpnQlp.putCodes(r0, run.dpn, lines);
  prs.publicPrivate.putCodes(r0, sh.publicPrivate, lines);
  prs.executor.putCodes(r0, run.executor, lines);
  prs.executorSpe.putCodes(r0, run.executorSpe, lines);
  prs.executorActNat.putCodes(r0, run.executorActNat, lines);
  prs.prescriber.putCodes(r0, run.prescriber, lines);
  prs.prescriberSpe.putCodes(r0, run.prescriberSpe, lines);
  prs.prescriberActNat.putCodes(r0, run.prescriberActNat, lines);
  prs.prescribingEstablishment.putCodes(r0, sh.establishment, lines);
}

/** Rows placed by the last `placeDetails`: their detail in the sheet and their order in its line. */
let placed = 0;
const orderOf = new Int32Array(MAX_LINES * (MAX_DETAILS + 1));

/**
 * Add the sheet's rows of one detail table (each keyed by its line and its order in the line) and
 * write their keys; returns the first row. Row r0 + j holds detail detailOf[j], of order orderOf[j].
 */
function placeDetails(p: Person, sh: CareSheet, table: DetailTable, columns: KeyColumns, firstKey: number, dis: number, trt: number, emtOrd: number, org: string, dct: number): number {
  let rows = 0;
  let k = 0;
  for (let i = 0; i < sh.lines; i++) {
    for (let order = 1, n = sh.detailCount[i]; order <= n; order++, k++) {
      if (sh.detailTable[k] !== table) continue;
      lineOf[rows] = i + 1;
      keyOf[rows] = firstKey + i * 64 + order;
      detailOf[rows] = k;
      orderOf[rows] = order;
      rows++;
    }
  }
  placed = rows;
  if (rows === 0) return 0;
  const r0 = columns.buffer.addRows(p.ben, keyOf, rows);
  columns.writeRun(r0, rows, dis, trt, emtOrd, org, dct, lineOf);
  return r0;
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
