import { hashString } from '../../rng.js';
import { dayIn, exemption, yearStream, type MonthState } from '../care-month.js';
import { openSheet, round2, type CareSheet } from '../care-sheet.js';
import { emitSheet } from '../dcir.js';
import { curveAt } from '../model-data.js';
import type { Person } from '../person.js';
import type { Professional } from '../referentials.js';

/**
 * Dental care (schemas/model/care.json, `dental`): whether a person sees a dentist in a year is drawn
 * once per (person, year); visits bring a consultation and acts billed under their CCAM group's nature;
 * crowns and dentures are billed above their base (free prices, capped for the 100 % santé basket);
 * children in orthodontic treatment are billed each semester.
 */

const S_DENTAL_YEAR = hashString('care.dental.year');

interface DentalYear {
  dentist: Professional;
  /** Month (0-11) of the first semester billed when in orthodontic treatment, else -1. */
  orthodonticMonth: number;
}

/** The dental year last drawn, by (person, year, age): drawn once, not again every month of the year. */
let drawnFor: Person | null = null;
let drawnYear = 0;
let drawnAge = 0;
let drawn: DentalYear | null = null;

function dentalYear(s: MonthState): DentalYear | null {
  if (drawnFor !== s.p || drawnYear !== s.year || drawnAge !== s.age) {
    drawnFor = s.p;
    drawnYear = s.year;
    drawnAge = s.age;
    drawn = drawDentalYear(s);
  }
  return drawn;
}

/** The person's dental year (their dentist, orthodontic treatment), or null when they see no dentist this year. */
function drawDentalYear(s: MonthState): DentalYear | null {
  const d = s.ctx.care.dental;
  const rng = yearStream(s, S_DENTAL_YEAR);
  if (!rng.chance(curveAt(d.patientShare, s.age))) return null;
  const dentist = s.ctx.refs.pick(rng, 'dentist', s.p.dept);
  const o = d.orthodontics;
  const inTreatment = s.age >= o.ages[0] && s.age < o.ages[1] && rng.chance(o.share);
  return { dentist, orthodonticMonth: inTreatment ? rng.int(0, 5) : -1 };
}

function actLine(s: MonthState, sh: CareSheet, dentist: Professional, day: number, ccam: string, count: number, rate: number, exo: string, paidEach: number | null): void {
  const price = s.ctx.ccamTariff.get(ccam) ?? 0;
  const base = round2(price * count);
  const paid = paidEach === null ? base : round2(Math.max(price, paidEach) * count);
  sh.line(s.ctx.ccamNature.get(ccam) as string, price, base, rate, dentist, day).quantityOf(count).paying(paid).extraBilled(round2(paid - base)).exempted(exo).cam(ccam, price, base);
}

/** The dental care of one month: visits, prosthetic work and orthodontic semesters. */
export function dentalMonth(s: MonthState): void {
  const year = dentalYear(s);
  if (!year) return;
  const d = s.ctx.care.dental;
  const { rng } = s;
  const ex = exemption(s, false);
  for (let k = rng.poisson(d.visitsPerPatient / 12); k > 0; k--) {
    const day = dayIn(s);
    const rate = ex.rate ?? d.rates.care;
    const sh = openSheet();
    if (rng.chance(d.consultation.share)) {
      const price = d.consultation.price;
      sh.line(d.consultation.nat, price, price, rate, year.dentist, day).exempted(ex.exo);
    }
    for (const a of d.visitActs) {
      if (s.age < a.ages[0] || s.age >= a.ages[1] || !rng.chance(a.share)) continue;
      actLine(s, sh, year.dentist, day, a.ccam, a.count ? rng.int(a.count[0], a.count[1]) : 1, rate, ex.exo, null);
    }
    emitSheet(s, sh, false);
  }
  for (const pr of d.prostheses) {
    if (!rng.chance(curveAt(pr.perYear, s.age) / 12)) continue;
    const paid = Math.min(pr.paidCap ?? Infinity, rng.lognormal(pr.paidMedian, pr.paidSigma));
    const sh = openSheet();
    actLine(s, sh, year.dentist, dayIn(s), pr.ccam, rng.int(pr.count[0], pr.count[1]), ex.rate ?? d.rates.prosthesis, ex.exo, paid);
    emitSheet(s, sh, false);
  }
  const o = d.orthodontics;
  if (year.orthodonticMonth >= 0 && (s.monthOfYear === year.orthodonticMonth || s.monthOfYear === year.orthodonticMonth + 6)) {
    const day = dayIn(s);
    const base = o.semesterBase;
    const paid = round2(Math.max(base, rng.lognormal(o.paidMedian, o.paidSigma)));
    const sh = openSheet();
    sh.line(o.nat, round2(base / o.coefficient), base, d.rates.orthodontics, year.dentist, day).coefficientOf(o.coefficient).paying(paid).extraBilled(round2(paid - base));
    emitSheet(s, sh, false);
  }
}
