import { dayIn, exemption, tariffAt, type MonthState } from './care-month.js';
import { openSheet, round2, type CareSheet } from './care-sheet.js';
import { emitSheet } from './dcir.js';
import type { AuxiliaryKind, DatedCharge, ExtraBilling } from './model-data.js';
import type { Drug } from './model-context.js';
import type { Professional } from './referentials.js';

/**
 * How town care is billed (care.json `tariffs` and `billing`): consultations, pharmacy sheets, lab
 * sheets, technical acts and auxiliaries' care, each as one DCIR sheet of the current kind of care,
 * stated line by line in the run's care sheet (care-sheet.ts) and then emitted.
 */

/** Participation forfaitaire / franchise line (billing.deductibles) added to `sh` when due: a negative reimbursement, CPL_MAJ_TOP = 2. */
export function deductible(s: MonthState, sh: CareSheet, charge: DatedCharge, units: number, day: number, executor: Professional): void {
  const d = s.ctx.care.billing.deductibles;
  if (s.age < d.exemptUnderAge || s.p.cmu || s.pregnantLate || units <= 0) return;
  const amount = round2(tariffAt(charge.amount, day, s.tariffs) * units);
  if (amount === 0) return;
  sh.line(charge.nat, amount, 0, 0, executor, day).reimbursing(-amount).paying(0).complement(2, d.cplAff);
}

/**
 * Extra-billing of a line by `doctor` (billing.extraBilling): only sector-2 physicians extra-bill, with
 * the probability that gives the model's share of lines over the profession.
 */
export function extraBilling(s: MonthState, doctor: Professional, e: ExtraBilling): number {
  if (!doctor.sector2) return 0;
  const sector2 = s.ctx.sector2Share.get(doctor.kind) ?? 0;
  if (!s.rng.chance(sector2 > 0 ? e.share / sector2 : 0)) return 0;
  return round2(s.rng.lognormal(e.median, e.sigma));
}

export function consultation(s: MonthState, day: number, doctor: Professional, specialist: boolean, aldRelated: boolean): void {
  const { tariffs: t, billing: b, majorations: maj } = s.ctx.care;
  const own = specialist ? t.specialistConsultationBySpecialty[doctor.spe] : undefined;
  const price = tariffAt(own ? own.price : specialist ? t.specialistConsultation : t.gpConsultation, day, s.tariffs);
  const ex = exemption(s, aldRelated);
  const rate = ex.rate ?? b.rates.consultation;
  const extra = extraBilling(s, doctor, specialist ? b.extraBilling.specialistConsultation : b.extraBilling.gpConsultation);
  const nat = own ? own.nat : specialist ? b.natures.specialistConsultation : b.natures.gpConsultation;
  const sh = openSheet();
  sh.line(nat, price, price, rate, doctor, day).extraBilled(extra).exempted(ex.exo);
  const complement = specialist ? (s.rng.chance(maj.specialistCoordination.share) ? maj.specialistCoordination : null) : s.age < maj.childGp.maxAge ? maj.childGp : null;
  if (complement) sh.line(complement.nat, complement.amount, complement.amount, rate, doctor, day).complement(1, complement.cplAff).exempted(ex.exo);
  deductible(s, sh, b.deductibles.consultation, 1, day, doctor);
  emitSheet(s, sh, false);
}

export function pickDrug(s: MonthState, atc: string): Drug {
  const e = s.ctx.drugsByAtc.get(atc);
  if (!e) throw new Error(`no reimbursed presentation for ATC ${atc}`);
  return e.drugs[s.rng.pickCumulative(e.cumulative)];
}

export interface Dispensed {
  drug: Drug;
  boxes: number;
  ald: boolean;
}

/** One pharmacy sheet: a PRS line per reimbursement rate, a PHA line per presentation, the fees and the franchise. */
export function dispense(s: MonthState, day: number, items: Dispensed[], prescriber: Professional, prescriptionDay: number): void {
  if (items.length === 0) return;
  const b = s.ctx.care.billing;
  const rateOf = (it: Dispensed) => (it.ald ? b.rates.ald : s.pregnantLate ? b.rates.maternity : it.drug.rate);
  // The distinct rates, highest first (a sheet has one to three: kept in place, no set or sort).
  const rates: number[] = [];
  for (let i = 0; i < items.length; i++) {
    const rate = rateOf(items[i]);
    if (rates.includes(rate)) continue;
    let k = rates.length;
    rates.push(rate);
    while (k > 0 && rates[k - 1] < rate) {
      rates[k] = rates[k - 1];
      k--;
    }
    rates[k] = rate;
  }
  const sh = openSheet();
  let boxes = 0;
  for (const rate of rates) {
    // The line's amounts first (its details follow it), then the line and the presentations of its rate.
    let base = 0;
    let quantity = 0;
    let ald = false;
    for (const it of items) {
      if (rateOf(it) !== rate) continue;
      base += it.drug.price * it.boxes;
      quantity += it.boxes;
      ald ||= it.ald;
    }
    boxes += quantity;
    base = round2(base);
    const exo = ald ? b.exemptions.ald : s.pregnantLate ? b.exemptions.maternity : b.exemptions.none;
    sh.line(b.natures.pharmacyByRate[rate] ?? b.natures.pharmacyOtherRate, round2(base / quantity), base, rate, s.p.pharmacy, day)
      .quantityOf(quantity).exempted(exo).prescribedBy(prescriber).prescribedOn(prescriptionDay);
    for (const it of items) if (rateOf(it) === rate) sh.pha(it.drug, it.boxes);
  }
  // Dispensing fees: one per box, one per sheet for the youngest and the oldest, at the sheet's first rate.
  const fees = s.ctx.care.pharmacyFees;
  const firstRate = sh.rate[0];
  const firstExo = sh.exo[0];
  const fee = (nat: string, quantity: number, unit: number) =>
    sh.line(nat, unit, round2(unit * quantity), firstRate, s.p.pharmacy, day).quantityOf(quantity).exempted(firstExo).prescribedBy(prescriber).prescribedOn(prescriptionDay);
  fee(fees.perBox.nat, boxes, fees.perBox.amount);
  if (s.age < fees.ageRelated.under || s.age >= fees.ageRelated.from) fee(fees.ageRelated.nat, 1, fees.ageRelated.amount);
  deductible(s, sh, b.deductibles.pharmacyBox, boxes, day, s.p.pharmacy);
  emitSheet(s, sh, true);
}

export function labSheet(s: MonthState, day: number, codes: string[], prescriber: Professional, aldRelated: boolean): void {
  if (codes.length === 0) return;
  const { tariffs: t, billing: b } = s.ctx.care;
  const lab = s.ctx.refs.pick(s.rng, 'lab', s.p.dept);
  const unique: string[] = [];
  for (let i = 0; i < codes.length; i++) if (!unique.includes(codes[i])) unique.push(codes[i]);
  for (const [c, p] of s.ctx.care.labCompanions) if (s.rng.chance(p) && !unique.includes(c)) unique.push(c);
  for (const c of s.ctx.care.labSheetForfaits) if (!unique.includes(c)) unique.push(c);
  let coefficient = 0;
  for (const c of unique) coefficient += s.ctx.bioCoefficient.get(c) ?? 0;
  const base = round2(coefficient * t.bioKeyLetterB);
  const ex = exemption(s, aldRelated);
  const rate = ex.rate ?? b.rates.biology;
  const sh = openSheet();
  sh.line(b.natures.biology, t.bioKeyLetterB, base, rate, lab, day).quantityOf(unique.length).coefficientOf(coefficient).exempted(ex.exo).prescribedBy(prescriber).prescribedOn(day);
  for (const nabm of unique) sh.bio(nabm, 1);
  deductible(s, sh, b.deductibles.biology, 1, day, lab);
  emitSheet(s, sh, false);
}

/** A CCAM act billed in town by a physician of specialty `spe` (the person's GP for the GPs' specialty). */
export function technicalAct(s: MonthState, day: number, ccam: string, spe: string, aldRelated: boolean): void {
  const b = s.ctx.care.billing;
  const doctor = spe === b.roles.gp ? s.p.gp : s.ctx.refs.pick(s.rng, spe, s.p.dept);
  const price = s.ctx.ccamTariff.get(ccam) ?? 0;
  const ex = exemption(s, aldRelated);
  const rate = ex.rate ?? b.rates.acts;
  const extra = extraBilling(s, doctor, b.extraBilling.technicalAct);
  const sh = openSheet();
  sh.line(s.ctx.ccamNature.get(ccam) as string, price, price, rate, doctor, day).extraBilled(extra).exempted(ex.exo).prescribedBy(s.p.gp).cam(ccam, price, price);
  const forfait = s.ctx.care.technicalForfaits[ccam];
  if (forfait) sh.line(forfait.nat, forfait.amount, forfait.amount, rate, doctor, day).exempted(ex.exo).prescribedBy(s.p.gp);
  emitSheet(s, sh, false);
}

/** `count` sessions of a medical auxiliary in the month, on one sheet, with the travel fee for home sessions. */
export function auxiliaryCare(s: MonthState, kind: AuxiliaryKind, count: number, aldRelated: boolean, coefficients?: [number, number]): void {
  if (count === 0) return;
  const { tariffs: t, billing: b } = s.ctx.care;
  const a = t.auxiliary[kind];
  const who = s.ctx.refs.pick(s.rng, kind, s.p.dept);
  const [cLo, cHi] = coefficients ?? a.coefficient;
  const coefficient = s.rng.int(cLo, cHi);
  const unit = a.keyLetter * coefficient;
  const first = dayIn(s);
  const last = Math.min(s.end, first + count * 2);
  const ex = exemption(s, aldRelated);
  const rate = ex.rate ?? b.rates.auxiliary;
  const sh = openSheet();
  const line = (nat: string, unitPrice: number, coefficientOf: number, quantity: number) =>
    sh.line(nat, round2(unitPrice), round2(unitPrice * quantity), rate, who, first).quantityOf(quantity).coefficientOf(coefficientOf).exempted(ex.exo)
      .prescribedBy(s.p.gp).until(last).prescribedOn(first);
  line(a.nat, unit, coefficient, count);
  if (a.travel && s.rng.chance(a.travel.homeShare)) line(a.travel.nat, a.travel.amount, 1, count);
  deductible(s, sh, b.deductibles.auxiliaryAct, Math.min(count, b.deductibles.auxiliaryAct.maxActs), last, who);
  emitSheet(s, sh, false);
}
