import { NULL_INT } from '../columns/column.js';
import type { Drug } from './model-context.js';
import type { Hospital, Professional } from './referentials.js';

/**
 * The care sheet being billed (a décompte): its prestation lines and each line's coded details,
 * struct of arrays, one sheet reused for every sheet of the run. The billing code states a line with
 * `line(...)` and its other fields with the chained setters (which change the last line), then
 * dcir.ts `emitSheet` writes the sheet into the DCIR tables' stores: no object per line or detail.
 */

/** A sheet has at most 64 lines (PRS_ORD_NUM 1..64), a line at most 63 details (the rows' keys have room for no more). */
export const MAX_LINES = 64;
export const MAX_DETAILS = 63;

/** The table of a detail. */
export const PHA = 0;
export const BIO = 1;
export const CAM = 2;
export const ETE = 3;

export type DetailTable = typeof PHA | typeof BIO | typeof CAM | typeof ETE;

export class CareSheet {
  /** Lines stated so far; their fields below, by line index. */
  lines = 0;
  readonly nat: string[] = new Array(MAX_LINES).fill('');
  readonly quantity = new Float64Array(MAX_LINES);
  readonly coefficient = new Float64Array(MAX_LINES);
  readonly unitPrice = new Float64Array(MAX_LINES);
  readonly base = new Float64Array(MAX_LINES);
  readonly rate = new Float64Array(MAX_LINES);
  /** NaN until set: base × rate then (see `settle`). */
  readonly reimbursed = new Float64Array(MAX_LINES);
  /** NaN until set: base + extra-billing then (see `settle`). */
  readonly paid = new Float64Array(MAX_LINES);
  readonly extraBilling = new Float64Array(MAX_LINES);
  /** CPL_MAJ_TOP: 0 base act, 1 complement/majoration, 2 participation forfaitaire or franchise. */
  readonly cplMaj = new Uint8Array(MAX_LINES);
  readonly cplAff: string[] = new Array(MAX_LINES).fill('0');
  readonly exo: string[] = new Array(MAX_LINES).fill('0');
  readonly executor: (Professional | null)[] = new Array(MAX_LINES).fill(null);
  readonly prescriber: (Professional | null)[] = new Array(MAX_LINES).fill(null);
  /** Prescribing establishment (FINESS 8) for hospital prescriptions. */
  readonly establishment: (string | null)[] = new Array(MAX_LINES).fill(null);
  /** PRS_PPU_SEC: '2' private (town), '1' public. */
  readonly publicPrivate: string[] = new Array(MAX_LINES).fill('2');
  readonly start = new Int32Array(MAX_LINES);
  readonly end = new Int32Array(MAX_LINES);
  /** NULL_INT when the line states none. */
  readonly prescriptionDay = new Int32Array(MAX_LINES);
  /** 1: billed under the person's fictitious NIR (e.g. an abortion), not their own. */
  readonly fictitious = new Uint8Array(MAX_LINES);
  /** 1: sent for information only (DPN_QLF 71: a public hospital's external care, paid outside the DCIR). */
  readonly information = new Uint8Array(MAX_LINES);
  /** Details of each line so far (the details of line i follow those of line i - 1). */
  readonly detailCount = new Uint8Array(MAX_LINES);

  /** Details stated so far, in the order of their lines; their fields below, by detail index. */
  details = 0;
  detailTable = new Uint8Array(64);
  /** PHA: the drug. */
  drug: (Drug | null)[] = new Array(64).fill(null);
  /** BIO: the NABM code; CAM: the CCAM code; ETE: the GHS. */
  code: string[] = new Array(64).fill('');
  /** PHA boxes, BIO quantity. */
  count = new Float64Array(64);
  /** CAM price and base. */
  price = new Float64Array(64);
  detailBase = new Float64Array(64);
  activity: string[] = new Array(64).fill('1');
  /** ETE: the establishment. */
  hospital: (Hospital | null)[] = new Array(64).fill(null);

  /**
   * State a line: nature, unit price, base, rate, executor, day. The other fields take their usual
   * values (one unit, coefficient 1, a base act with no exemption and no prescriber, in town, on one
   * day; reimbursed = base × rate, paid = base + extra-billing); the setters below change them.
   */
  line(nat: string, unitPrice: number, base: number, rate: number, executor: Professional, day: number): this {
    const i = this.lines;
    if (i === MAX_LINES) throw new Error(`a care sheet of more than ${MAX_LINES} lines`);
    this.lines = i + 1;
    this.nat[i] = nat;
    this.quantity[i] = 1;
    this.coefficient[i] = 1;
    this.unitPrice[i] = unitPrice;
    this.base[i] = base;
    this.rate[i] = rate;
    this.reimbursed[i] = NaN;
    this.paid[i] = NaN;
    this.extraBilling[i] = 0;
    this.cplMaj[i] = 0;
    this.cplAff[i] = '0';
    this.exo[i] = '0';
    this.executor[i] = executor;
    this.prescriber[i] = null;
    this.establishment[i] = null;
    this.publicPrivate[i] = '2';
    this.start[i] = day;
    this.end[i] = day;
    this.prescriptionDay[i] = NULL_INT;
    this.fictitious[i] = 0;
    this.information[i] = 0;
    this.detailCount[i] = 0;
    return this;
  }

  /** The last line stated. */
  private get last(): number {
    return this.lines - 1;
  }
  quantityOf(quantity: number): this {
    this.quantity[this.last] = quantity;
    return this;
  }
  coefficientOf(coefficient: number): this {
    this.coefficient[this.last] = coefficient;
    return this;
  }
  reimbursing(amount: number): this {
    this.reimbursed[this.last] = amount;
    return this;
  }
  paying(amount: number): this {
    this.paid[this.last] = amount;
    return this;
  }
  extraBilled(amount: number): this {
    this.extraBilling[this.last] = amount;
    return this;
  }
  /** A complement or majoration (CPL_MAJ_TOP 1) or a participation forfaitaire or franchise (2), with its CPL_AFF_COD. */
  complement(cplMaj: 1 | 2, cplAff: string): this {
    this.cplMaj[this.last] = cplMaj;
    this.cplAff[this.last] = cplAff;
    return this;
  }
  exempted(exo: string): this {
    this.exo[this.last] = exo;
    return this;
  }
  prescribedBy(prescriber: Professional | null): this {
    this.prescriber[this.last] = prescriber;
    return this;
  }
  prescribedOn(day: number): this {
    this.prescriptionDay[this.last] = day;
    return this;
  }
  /** Prescribed by an establishment (FINESS 8). */
  establishedAt(finess8: string): this {
    this.establishment[this.last] = finess8;
    return this;
  }
  /** The last day of care (the line's first by default). */
  until(day: number): this {
    this.end[this.last] = day;
    return this;
  }
  /** Public sector (PRS_PPU_SEC 1). */
  publicSector(): this {
    this.publicPrivate[this.last] = '1';
    return this;
  }
  underFictitiousNir(): this {
    this.fictitious[this.last] = 1;
    return this;
  }
  forInformation(): this {
    this.information[this.last] = 1;
    return this;
  }

  /** Add a detail to the last line; returns its index. */
  private detail(table: DetailTable): number {
    const line = this.last;
    if (this.detailCount[line] === MAX_DETAILS) throw new Error(`a care line with more than ${MAX_DETAILS} details`);
    this.detailCount[line]++;
    const k = this.details++;
    if (k === this.detailTable.length) this.growDetails();
    this.detailTable[k] = table;
    return k;
  }
  /** A presentation dispensed (ER_PHA_F). */
  pha(drug: Drug, boxes: number): this {
    const k = this.detail(PHA);
    this.drug[k] = drug;
    this.count[k] = boxes;
    return this;
  }
  /** A NABM code (ER_BIO_F). */
  bio(nabm: string, quantity: number): this {
    const k = this.detail(BIO);
    this.code[k] = nabm;
    this.count[k] = quantity;
    return this;
  }
  /** A CCAM act (ER_CAM_F); activity 1 the act itself, 4 its anaesthesia. */
  cam(ccam: string, price: number, base: number, activity = '1'): this {
    const k = this.detail(CAM);
    this.code[k] = ccam;
    this.price[k] = price;
    this.detailBase[k] = base;
    this.activity[k] = activity;
    return this;
  }
  /** The establishment and GHS of a private clinic's stay (ER_ETE_F). */
  ete(hospital: Hospital, ghs: string): this {
    const k = this.detail(ETE);
    this.hospital[k] = hospital;
    this.code[k] = ghs;
    return this;
  }

  private growDetails() {
    const n = this.detailTable.length * 2;
    const grown = <T extends Uint8Array | Float64Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(n);
      b.set(a);
      return b;
    };
    this.detailTable = grown(this.detailTable);
    this.count = grown(this.count);
    this.price = grown(this.price);
    this.detailBase = grown(this.detailBase);
    for (let k = this.drug.length; k < n; k++) {
      this.drug.push(null);
      this.code.push('');
      this.activity.push('1');
      this.hospital.push(null);
    }
  }

  /** Give the lines' reimbursed and paid amounts that were not set their usual values. */
  settle() {
    for (let i = 0; i < this.lines; i++) {
      if (this.reimbursed[i] !== this.reimbursed[i]) this.reimbursed[i] = round2((this.base[i] * this.rate[i]) / 100);
      if (this.paid[i] !== this.paid[i]) this.paid[i] = round2(this.base[i] + this.extraBilling[i]);
    }
  }

  /** The last day of care of the sheet's lines. */
  lastDay(): number {
    let end = this.end[0];
    for (let i = 1; i < this.lines; i++) if (this.end[i] > end) end = this.end[i];
    return end;
  }
}

export const round2 = (x: number) => Math.round(x * 100) / 100;

const sheet = new CareSheet();

/**
 * Start stating a care sheet: the run's one sheet, emptied. A sheet is emitted before the next one is
 * opened (generation is synchronous, one beneficiary at a time).
 */
export function openSheet(): CareSheet {
  sheet.lines = 0;
  sheet.details = 0;
  return sheet;
}
