import { firstOfNextMonth } from '../calendar-fast.js';
import type { Rng } from '../rng.js';
import type { MonthState } from './care-month.js';
import { CARE_KINDS, MAX_KINDS, SHEETS_PER_KIND, type CareKindId } from './kinds/kind-ids.js';
import type { Drug, ModelContext } from './model-context.js';
import type { ModelOutput } from './model-output.js';
import { putInt, putNumber } from '../columns/direct.js';
import { HELD_FICTITIOUS, HELD_NIR, HELD_OWN, dcirColumns } from './dcir-writer.js';
import { HELD_SLOTS } from '../columns/column.js';
import { ageAt, nirAt, type Person } from './person.js';
import type { Hospital, Professional } from './referentials.js';

/**
 * DCIR care sheets (décomptes): one sheet = the 7 flux/sheet keys, its prestation lines in
 * ER_PRS_F (PRS_ORD_NUM 1..n) and each line's coded details in ER_PHA_F, ER_BIO_F, ER_CAM_F and
 * ER_ETE_F, joined on the 9 DCIR keys.
 */

export type Detail =
  | { kind: 'pha'; drug: Drug; boxes: number }
  | { kind: 'bio'; nabm: string; quantity: number }
  | { kind: 'cam'; ccam: string; price: number; base: number; /** CAM_ACT_COD: 1 the act itself, 4 its anaesthesia. */ activity?: string }
  | { kind: 'ete'; hospital: Hospital; ghs: string };

export interface Line {
  nat: string;
  quantity: number;
  coefficient: number;
  unitPrice: number;
  base: number;
  rate: number;
  reimbursed: number;
  paid: number;
  extraBilling: number;
  /** 0 base act, 1 complement/majoration, 2 participation forfaitaire or franchise. */
  cplMaj: 0 | 1 | 2;
  cplAff: string;
  exo: string;
  executor: Professional;
  prescriber: Professional | null;
  /** Prescribing establishment (FINESS 8) for hospital prescriptions. */
  prescribingEstablishment: string | null;
  publicPrivate: '1' | '2';
  start: number;
  end: number;
  prescriptionDay: number | null;
  details: Detail[];
  /** Billed under the person's fictitious NIR (e.g. an abortion), not their own. */
  fictitious?: boolean;
  /** Sent for information only (DPN_QLF 71: a public hospital's external care, paid outside the DCIR). */
  information?: boolean;
}


/** The details of a line that has none: one shared empty list (lines are written, never changed). */
const NO_DETAILS: Detail[] = [];

export const round2 = (x: number) => Math.round(x * 100) / 100;

/** DPN_QLF (IR_DEP_V) of a line sent for information: 71, 'pour information (soins externes)'. */
const INFORMATION = '71';

/** The fields a line must state; `billLine` gives the others their usual values. */
type StatedFields = 'nat' | 'unitPrice' | 'base' | 'rate' | 'executor' | 'start';
export type LineSpec = Pick<Line, StatedFields> & Partial<Omit<Line, StatedFields>>;

/**
 * A line with the usual defaults: one unit, a base act (CPL_MAJ_TOP 0) with no exemption and no
 * prescriber, in town (PRS_PPU_SEC 2), on one day; reimbursed = base × rate, paid = base + extra-billing.
 */
export function billLine(o: LineSpec): Line {
  const extraBilling = o.extraBilling ?? 0;
  // Every field written out in one order (no spread): one object shape for every line, built fast.
  return {
    nat: o.nat,
    quantity: o.quantity ?? 1,
    coefficient: o.coefficient ?? 1,
    unitPrice: o.unitPrice,
    base: o.base,
    rate: o.rate,
    reimbursed: o.reimbursed ?? round2((o.base * o.rate) / 100),
    paid: o.paid ?? round2(o.base + extraBilling),
    extraBilling,
    cplMaj: o.cplMaj ?? 0,
    cplAff: o.cplAff ?? '0',
    exo: o.exo ?? '0',
    executor: o.executor,
    prescriber: o.prescriber ?? null,
    prescribingEstablishment: o.prescribingEstablishment ?? null,
    publicPrivate: o.publicPrivate ?? '2',
    start: o.start,
    end: o.end ?? o.start,
    prescriptionDay: o.prescriptionDay ?? null,
    details: o.details ?? NO_DETAILS,
    fictitious: o.fictitious ?? false,
    information: o.information ?? false,
  };
}

/** Signed copy of a line (regularisations cancel a line with negative quantities and amounts). */
function negate(l: Line): Line {
  // Every field written out (no spread, which copies slowly): the shape of billLine's lines.
  return {
    nat: l.nat,
    quantity: -l.quantity,
    coefficient: l.coefficient,
    unitPrice: l.unitPrice,
    base: -l.base,
    rate: l.rate,
    reimbursed: -l.reimbursed,
    paid: -l.paid,
    extraBilling: -l.extraBilling,
    cplMaj: l.cplMaj,
    cplAff: l.cplAff,
    exo: l.exo,
    executor: l.executor,
    prescriber: l.prescriber,
    prescribingEstablishment: l.prescribingEstablishment,
    publicPrivate: l.publicPrivate,
    start: l.start,
    end: l.end,
    prescriptionDay: l.prescriptionDay,
    details: l.details.length === 0 ? NO_DETAILS : l.details.map(negateDetail),
    fictitious: l.fictitious,
    information: l.information,
  };
}

function negateDetail(d: Detail): Detail {
  switch (d.kind) {
    case 'pha':
      return { kind: 'pha', drug: d.drug, boxes: -d.boxes };
    case 'bio':
      return { kind: 'bio', nabm: d.nabm, quantity: -d.quantity };
    case 'cam':
      return { kind: 'cam', ccam: d.ccam, price: d.price, base: -d.base, activity: d.activity };
    default:
      return d;
  }
}

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

function writeSheet(ctx: ModelContext, out: ModelOutput, p: Person, kind: CareKindId, lines: Line[], trt: number, sign: '1' | '2') {
  // Numbered before the flux cut-off test, so that a sheet's number does not depend on the cut-off;
  // in the kind's own range, so that it does not depend on the other kinds' sheets.
  if (p.sheets[kind] >= SHEETS_PER_KIND) throw new Error(`beneficiary ${p.ben}: more than ${SHEETS_PER_KIND} care sheets of kind ${CARE_KINDS[kind]}`);
  const local = kind * SHEETS_PER_KIND + p.sheets[kind]++;
  const sheet = p.ben * MAX_KINDS * SHEETS_PER_KIND + local;
  if (lines.length > 64) throw new Error(`beneficiary ${p.ben}: a care sheet of ${lines.length} lines (at most 64)`);
  const dis = firstOfNextMonth(trt);
  if (dis > ctx.lastFluxDay) return;
  if (trt > p.lastProcessed) p.lastProcessed = trt;
  // Person-level facts depend on the sheets in the dataset, never on which tables are written.
  for (let i = 0; i < lines.length; i++) if (lines[i].fictitious) p.usedFictitiousNir = true;
  const dct = sheet % 1_000_000_000;
  const emtOrd = Math.floor(sheet / 1_000_000_000);
  const org = organisation(p);
  const death = p.deathDay >= 0 && p.deathDay <= dis ? p.deathDay : null;
  const { prs, pha, bio, cam, ete } = dcirColumns(out);
  // The person's codes, held once per person (PrsColumns.holdPerson), copied onto each line.
  if (prs) prs.holdPerson(p);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const n = i + 1;
    // Row key among the person's rows (rule-driven columns draw from it): (sheet, line, detail), so it
    // does not depend on other kinds' rows.
    const rowKey = (local * 64 + i) * 64;
    if (prs) {
      const r = prs.buffer.addRow(p.ben, rowKey);
      prs.write(r, dis, trt, emtOrd, org, dct, n);
      const base = l.cplMaj === 0;
      const fictitious = l.fictitious === true;
      if (fictitious) prs.holdFictitious(ctx, p);
      const who = fictitious ? HELD_FICTITIOUS : HELD_OWN;
      const nir = fictitious ? HELD_FICTITIOUS : HELD_NIR + nirVersionAt(p, l.start);
      if (nir < HELD_SLOTS) prs.nir.putHeld(r, nir);
      else prs.nir.putCode(r, nirAt(p, l.start));
      prs.rngGem.putHeld(r, who);
      prs.sex.putHeld(r, HELD_OWN);
      prs.birthYear.putHeld(r, who);
      prs.ageCode.putCode(r, ageCodeAt(p, l.start));
      prs.dept.putHeld(r, HELD_OWN);
      prs.commune.putHeld(r, HELD_OWN);
      prs.cdiNir.putHeld(r, who);
      prs.cmu.putHeld(r, HELD_OWN);
      prs.orgAff.putHeld(r, HELD_OWN);
      putInt(prs.death, r, death);
      prs.rgmGrg.putHeld(r, HELD_OWN);
      prs.rgm.putHeld(r, HELD_OWN);
      putInt(prs.start, r, l.start);
      putInt(prs.end, r, l.end);
      prs.putMonths(r, l.start, l.end);
      putInt(prs.prescriptionDay, r, l.prescriptionDay);
      prs.nat.putCode(r, l.nat);
      prs.baseNat.putCode(r, base ? l.nat : '0');
      prs.cplNat.putCode(r, base ? '0' : l.nat);
      putInt(prs.cplMaj, r, l.cplMaj);
      prs.cplAff.putCode(r, l.cplAff);
      putNumber(prs.quantity, r, l.quantity);
      putNumber(prs.count, r, l.quantity);
      putNumber(prs.coefficient, r, l.coefficient);
      putNumber(prs.paid, r, l.paid);
      putNumber(prs.base, r, base ? l.base : 0);
      putNumber(prs.reimbursed, r, base ? l.reimbursed : 0);
      putNumber(prs.unitPrice, r, l.unitPrice);
      putNumber(prs.cplReimbursed, r, base ? 0 : l.reimbursed);
      putNumber(prs.extraBilling, r, l.extraBilling);
      putNumber(prs.rate, r, l.rate);
      prs.baseSign.putCode(r, base ? sign : '0');
      prs.cplSign.putCode(r, base ? '0' : sign === '1' && l.reimbursed < 0 ? '2' : sign);
      prs.exo.putCode(r, l.exo);
      const dpn = l.information === true ? INFORMATION : l.extraBilling !== 0 ? '62' : '0';
      prs.dpnQlf.putCode(r, dpn);
      prs.dpnQlp.putCode(r, dpn);
      prs.publicPrivate.putCode(r, l.publicPrivate);
      prs.putProfessionals(r, l.executor, l.prescriber);
      prs.prescribingEstablishment.putCode(r, l.prescribingEstablishment);
    }
    const details = l.details;
    if (details.length > 63) throw new Error(`beneficiary ${p.ben}: a care line with ${details.length} details (at most 63)`);
    for (let k = 0; k < details.length; k++) {
      const d = details[k];
      const order = k + 1;
      if (d.kind === 'pha') {
        if (!pha) continue;
        const r = pha.buffer.addRow(p.ben, rowKey + order);
        pha.write(r, dis, trt, emtOrd, org, dct, n);
        pha.putCip13(r, d.drug);
        putInt(pha.cip7, r, d.drug.cip7);
        putInt(pha.boxes, r, d.boxes);
        putNumber(pha.price, r, d.drug.price);
        putInt(pha.order, r, order);
      } else if (d.kind === 'bio') {
        if (!bio) continue;
        const r = bio.buffer.addRow(p.ben, rowKey + order);
        bio.write(r, dis, trt, emtOrd, org, dct, n);
        bio.nabm.putCode(r, d.nabm);
        putInt(bio.quantity, r, d.quantity);
        putInt(bio.order, r, order);
      } else if (d.kind === 'cam') {
        if (!cam) continue;
        const r = cam.buffer.addRow(p.ben, rowKey + order);
        cam.write(r, dis, trt, emtOrd, org, dct, n);
        cam.ccam.putCode(r, d.ccam);
        cam.activity.putCode(r, d.activity ?? '1');
        cam.phase.putCode(r, '0');
        putNumber(cam.price, r, d.price);
        putNumber(cam.base, r, d.base);
        cam.association.putCode(r, order === 1 ? '1' : '2');
        putInt(cam.order, r, order);
      } else {
        if (!ete) continue;
        const r = ete.buffer.addRow(p.ben, rowKey + order);
        ete.write(r, dis, trt, emtOrd, org, dct, n);
        const h = d.hospital;
        ete.finess.putCode(r, h.finess8);
        ete.category.putCode(r, h.private ? '365' : '101');
        ete.type.putCode(r, h.private ? '2' : '1');
        ete.ghs.putCode(r, d.ghs);
        putInt(ete.t2a, r, h.private ? 0 : 1);
        ete.publicPrivate.putCode(r, h.private ? '2' : '1');
      }
    }
  }
}

/**
 * Bill a care sheet: written in the flux month after its processing, unless that month is past
 * the dataset's last flux. A small share is later cancelled and billed again (regularisation).
 */
export function emitSheet(s: MonthState, lines: Line[], pharmacy: boolean) {
  if (lines.length === 0) return;
  const { ctx, out, p, rng, kind } = s;
  let end = lines[0].end;
  for (const l of lines) if (l.end > end) end = l.end;
  const trt = processingDay(ctx, rng, end, pharmacy);
  writeSheet(ctx, out, p, kind, lines, trt, '1');
  const f = ctx.care.flux;
  if (rng.chance(f.regularisationShare)) {
    const later = trt + rng.int(f.regularisationDelayDays[0], f.regularisationDelayDays[1]);
    writeSheet(ctx, out, p, kind, lines.map(negate), later, '2');
    writeSheet(ctx, out, p, kind, lines, later + 1, '1');
  }
}
