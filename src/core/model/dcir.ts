import { civilYearMonth, firstOfNextMonth } from '../calendar-fast.js';
import type { Rng } from '../rng.js';
import type { MonthState } from './care-month.js';
import { CARE_KINDS, MAX_KINDS, SHEETS_PER_KIND, type CareKindId } from './kinds/kind-ids.js';
import type { Drug, ModelContext } from './model-context.js';
import { NINE_KEYS, type ModelOutput } from './model-output.js';
import type { Setter } from '../columns/setters.js';
import { ageAt, fictitiousNir, nirAt, type Person } from './person.js';
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
}


export const round2 = (x: number) => Math.round(x * 100) / 100;

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
    details: o.details ?? [],
    fictitious: o.fictitious ?? false,
  };
}

/** Signed copy of a line (regularisations cancel a line with negative quantities and amounts). */
function negate(l: Line): Line {
  return {
    ...l,
    quantity: -l.quantity,
    base: -l.base,
    reimbursed: -l.reimbursed,
    paid: -l.paid,
    extraBilling: -l.extraBilling,
    details: l.details.map((d) => (d.kind === 'pha' ? { ...d, boxes: -d.boxes } : d.kind === 'bio' ? { ...d, quantity: -d.quantity } : d.kind === 'cam' ? { ...d, base: -d.base } : d)),
  };
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

/** The setters of the nine DCIR keys of a table, in NINE_KEYS order. */
type KeySetters = readonly Setter[];
const keySetterCache = new WeakMap<object, KeySetters>();

/**
 * The key setters of a table's writer, looked up once per writer: five tables share these columns,
 * and reading them by name from five record shapes on every row is a slow (megamorphic) access.
 */
function keySetters(set: Record<(typeof NINE_KEYS)[number], Setter>): KeySetters {
  let k = keySetterCache.get(set);
  if (!k) {
    k = NINE_KEYS.map((name) => set[name]);
    keySetterCache.set(set, k);
  }
  return k;
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
  if (lines.some((l) => l.fictitious)) p.usedFictitiousNir = true;
  const dct = sheet % 1_000_000_000;
  const emtOrd = Math.floor(sheet / 1_000_000_000);
  const org = `01${p.dept.code}0000`;
  const keys = (set: KeySetters, r: number, line: number) => {
    set[0](r, dis);
    set[1](r, trt);
    set[2](r, 1);
    set[3](r, 1);
    set[4](r, emtOrd);
    set[5](r, org);
    set[6](r, dct);
    set[7](r, line);
    set[8](r, 1);
  };
  const death = p.deathDay >= 0 && p.deathDay <= dis ? p.deathDay : null;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const n = i + 1;
    // Row key among the person's rows (rule-driven columns draw from it): (sheet, line, detail), so it
    // does not depend on other kinds' rows.
    const rowKey = (local * 64 + i) * 64;
    const prs = out.ER_PRS_F;
    if (prs) {
      const r = prs.buffer.addRow(p.ben, rowKey);
      const s = prs.set;
      keys(keySetters(s), r, n);
      s.BEN_NIR_PSA(r, l.fictitious ? fictitiousNir(ctx, p) : nirAt(p, l.start));
      s.BEN_RNG_GEM(r, l.fictitious ? 1 : p.rngGem);
      s.BEN_SEX_COD(r, p.sex);
      s.BEN_NAI_ANN(r, l.fictitious ? ctx.care.ivg.fictitiousBirthYear : p.birthYear);
      s.BEN_AMA_COD(r, ageCode(p, l.start));
      s.BEN_RES_DPT(r, p.dept.code);
      s.BEN_RES_COM(r, p.commune);
      s.BEN_CDI_NIR(r, l.fictitious ? ctx.care.ivg.fictitiousNirCode : '00');
      s.BEN_CMU_TOP(r, p.cmu);
      s.ORG_AFF_BEN(r, p.orgAff);
      s.BEN_DCD_DTE(r, death);
      s.RGM_GRG_COD(r, '01');
      s.RGM_COD(r, '010');
      s.EXE_SOI_DTD(r, l.start);
      s.EXE_SOI_DTF(r, l.end);
      s.EXE_SOI_AMD(r, civilYearMonth(l.start));
      s.EXE_SOI_AMF(r, civilYearMonth(l.end));
      s.PRE_PRE_DTD(r, l.prescriptionDay);
      s.PRS_NAT_REF(r, l.nat);
      s.BSE_PRS_NAT(r, l.cplMaj === 0 ? l.nat : '0');
      s.CPL_PRS_NAT(r, l.cplMaj === 0 ? '0' : l.nat);
      s.CPL_MAJ_TOP(r, l.cplMaj);
      s.CPL_AFF_COD(r, l.cplAff);
      s.PRS_ACT_QTE(r, l.quantity);
      s.PRS_ACT_NBR(r, l.quantity);
      s.PRS_ACT_CFT(r, l.coefficient);
      s.PRS_PAI_MNT(r, l.paid);
      s.BSE_REM_BSE(r, l.cplMaj === 0 ? l.base : 0);
      s.BSE_REM_MNT(r, l.cplMaj === 0 ? l.reimbursed : 0);
      s.BSE_REM_PRU(r, l.unitPrice);
      s.CPL_REM_MNT(r, l.cplMaj === 0 ? 0 : l.reimbursed);
      s.PRS_DEP_MNT(r, l.extraBilling);
      s.RGO_REM_TAU(r, l.rate);
      s.BSE_REM_SGN(r, l.cplMaj === 0 ? sign : '0');
      s.CPL_REM_SGN(r, l.cplMaj === 0 ? '0' : sign === '1' && l.reimbursed < 0 ? '2' : sign);
      s.EXO_MTF(r, l.exo);
      s.DPN_QLF(r, l.extraBilling !== 0 ? '62' : '0');
      s.PRS_DPN_QLP(r, l.extraBilling !== 0 ? '62' : '0');
      s.PRS_PPU_SEC(r, l.publicPrivate);
      s.PFS_EXE_NUM(r, l.executor.num);
      s.PFS_PRE_NUM(r, l.prescriber ? l.prescriber.num : null);
      s.PSE_SPE_COD(r, l.executor.spe);
      s.PSE_ACT_NAT(r, l.executor.actNat);
      s.PSP_SPE_COD(r, l.prescriber ? l.prescriber.spe : null);
      s.PSP_ACT_NAT(r, l.prescriber ? l.prescriber.actNat : null);
      s.ETB_PRE_FIN(r, l.prescribingEstablishment);
    }
    let order = 0;
    if (l.details.length > 63) throw new Error(`beneficiary ${p.ben}: a care line with ${l.details.length} details (at most 63)`);
    for (const d of l.details) {
      order++;
      if (d.kind === 'pha' && out.ER_PHA_F) {
        const w = out.ER_PHA_F;
        const r = w.buffer.addRow(p.ben, rowKey + order);
        keys(keySetters(w.set), r, n);
        w.set.PHA_PRS_C13(r, d.drug.cip13);
        w.set.PHA_PRS_IDE(r, d.drug.cip7);
        w.set.PHA_ACT_QSN(r, d.boxes);
        w.set.PHA_ACT_PRU(r, d.drug.price);
        w.set.PHA_ORD_NUM(r, order);
      } else if (d.kind === 'bio' && out.ER_BIO_F) {
        const w = out.ER_BIO_F;
        const r = w.buffer.addRow(p.ben, rowKey + order);
        keys(keySetters(w.set), r, n);
        w.set.BIO_PRS_IDE(r, d.nabm);
        w.set.BIO_ACT_QSN(r, d.quantity);
        w.set.BIO_ORD_NUM(r, order);
      } else if (d.kind === 'cam' && out.ER_CAM_F) {
        const w = out.ER_CAM_F;
        const r = w.buffer.addRow(p.ben, rowKey + order);
        keys(keySetters(w.set), r, n);
        w.set.CAM_PRS_IDE(r, d.ccam);
        w.set.CAM_ACT_COD(r, d.activity ?? '1');
        w.set.CAM_TRT_PHA(r, '0');
        w.set.CAM_ACT_PRU(r, d.price);
        w.set.CAM_REM_BSE(r, d.base);
        w.set.CAM_ASS_COD(r, order === 1 ? '1' : '2');
        w.set.CAM_ORD_NUM(r, order);
      } else if (d.kind === 'ete' && out.ER_ETE_F) {
        const w = out.ER_ETE_F;
        const r = w.buffer.addRow(p.ben, rowKey + order);
        keys(keySetters(w.set), r, n);
        w.set.ETB_EXE_FIN(r, d.hospital.finess8);
        w.set.ETE_CAT_COD(r, d.hospital.private ? '365' : '101');
        w.set.ETE_TYP_COD(r, d.hospital.private ? '2' : '1');
        w.set.ETE_GHS_NUM(r, d.ghs);
        w.set.ETE_IND_TAA(r, d.hospital.private ? 0 : 1);
        w.set.PRS_PPU_SEC(r, d.hospital.private ? '2' : '1');
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
