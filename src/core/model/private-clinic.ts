import type { Rng } from '../rng.js';
import type { MonthState } from './care-month.js';
import { billLine, emitSheet, round2, type Line } from './dcir.js';
import { curveAt } from './model-data.js';
import type { ModelContext } from './model-context.js';
import type { ModelOutput } from './model-output.js';
import type { Person } from './person.js';
import type { Stay } from './pmsi.js';
import type { Professional } from './referentials.js';

/**
 * What private clinics bill through DCIR (schemas/model/care.json, `privateClinic` and
 * `privateRehabilitation`): an MCO stay's GHS or its sessions, drugs and implants on top of the GHS,
 * the forfait journalier, surgeons' and anaesthetists' fees; and stays billed by the day
 * (rehabilitation after a stay, psychiatry), which have no PMSI table in the dataset.
 */

/** Forfait journalier of `days` days of a stay: paid by the patient (or a complementary), not reimbursed. */
function dailyChargeLine(ctx: ModelContext, clinic: string, days: number, first: number, last: number, executor: Professional): Line {
  const charge = ctx.care.privateClinic.dailyCharge;
  return billLine({
    nat: charge.nat, quantity: days, unitPrice: charge.amount, base: 0, rate: 0, paid: round2(charge.amount * days), cplMaj: 1, cplAff: '12', executor,
    prescribingEstablishment: clinic, start: first, end: last,
  });
}

/** The DCIR sheet of an MCO stay or session record in a private clinic. */
export function billPrivateStay(ctx: ModelContext, out: ModelOutput, p: Person, rng: Rng, stay: Stay, ghs: string): void {
  const pc = ctx.care.privateClinic;
  const discharge = stay.admission + stay.los;
  const clinic = stay.hospital.finess8;
  const rate = stay.ald || stay.acts.length > 0 || stay.sessions > 0 ? 100 : 80;
  const exo = stay.ald ? '42' : rate === 100 ? '91' : '0';
  const spread = rng.lognormal(1, pc.spreadSigma);
  const tariff = pc.ghs[stay.ghmRoot[2]] ?? pc.ghs.M;
  const unit = stay.sessions > 0 ? round2((pc.perSession[stay.ghmRoot] ?? pc.perSession.default) * spread) : round2((tariff.base + tariff.perNight * stay.los) * spread);
  const quantity = Math.max(1, stay.sessions);
  const lines: Line[] = [
    billLine({
      nat: '2111', quantity, unitPrice: unit, base: round2(unit * quantity), rate, exo, executor: p.gp, prescribingEstablishment: clinic,
      start: stay.admission, end: stay.sessions > 0 ? stay.admission : discharge, details: [{ kind: 'ete', hospital: stay.hospital, ghs }],
    }),
  ];
  const onTop = (nat: string, amount: number): Line =>
    billLine({ nat, unitPrice: amount, base: amount, rate: 100, exo: stay.ald ? '42' : '91', executor: p.gp, prescribingEstablishment: clinic, start: stay.admission });
  const drugs = pc.sessionDrugs[stay.ghmRoot];
  if (drugs && stay.sessions > 0) {
    let cost = 0;
    for (let k = 0; k < stay.sessions; k++) if (rng.chance(drugs.share)) cost += rng.lognormal(drugs.median, drugs.sigma);
    if (cost > 0) lines.push(onTop(drugs.nat, round2(cost)));
  }
  for (const act of stay.acts) {
    const implant = pc.implants.byAct[act];
    if (implant) lines.push(onTop(pc.implants.nat, implant));
  }
  if (stay.los > 0) lines.push(dailyChargeLine(ctx, clinic, stay.los, stay.admission, discharge, p.gp));
  if (stay.acts.length) {
    const surgeon = ctx.refs.pick(rng, '4', stay.hospital.dept);
    const details = stay.acts.map((ccam) => {
      const price = ctx.ccamTariff.get(ccam) ?? 0;
      return { kind: 'cam' as const, ccam, price, base: price };
    });
    const fee = round2(details.reduce((s, d) => s + d.base, 0));
    const extra = surgeon.sector2 ? round2(rng.lognormal(pc.surgeonExtraBillingMedian, 0.6)) : 0;
    lines.push(billLine({ nat: '1321', unitPrice: fee, base: fee, rate: 100, extraBilling: extra, exo: '91', executor: surgeon, prescribingEstablishment: clinic, start: stay.admission, details }));
    const an = pc.anaesthesia;
    if (rng.chance(an.share)) {
      const anaesthetist = ctx.refs.pick(rng, '2', stay.hospital.dept);
      const anDetails = details.map((d) => ({ ...d, price: round2(d.price * an.feeRatio), base: round2(d.base * an.feeRatio), activity: '4' }));
      const anFee = round2(anDetails.reduce((s, d) => s + d.base, 0));
      const anExtra = anaesthetist.sector2 ? round2(rng.lognormal(an.extraBillingMedian, 0.6)) : 0;
      lines.push(billLine({
        nat: an.nat, unitPrice: anFee, base: anFee, rate: 100, extraBilling: anExtra, exo: '91', executor: anaesthetist, prescribingEstablishment: clinic,
        start: stay.admission, details: anDetails,
      }));
    }
  }
  emitSheet(ctx, out, p, rng, lines, false);
}

/**
 * A stay in a private clinic billed by the day (frais de séjour and forfait journalier): rehabilitation
 * after a stay, psychiatry. Starts on `first`, never runs past death.
 */
export function privateDayStay(s: MonthState, first: number, r: { nat: string; days: [number, number]; dailyPrice: number; sigma: number }, ald: boolean, prescribed: number): void {
  const planned = s.rng.int(r.days[0], r.days[1]);
  const last = s.p.deathDay >= 0 ? Math.min(first + planned - 1, s.p.deathDay) : first + planned - 1;
  if (last < first) return;
  const days = last - first + 1;
  const clinic = s.ctx.refs.hospitalFor(s.rng, s.p.dept, true);
  const daily = round2(s.rng.lognormal(r.dailyPrice, r.sigma));
  const rate = ald ? 100 : 80;
  emitSheet(s.ctx, s.out, s.p, s.rng, [
    billLine({
      nat: r.nat, quantity: days, unitPrice: daily, base: round2(daily * days), rate, exo: ald ? '42' : '0', executor: s.p.gp, prescriber: s.p.gp,
      prescribingEstablishment: clinic.finess8, start: first, end: last, prescriptionDay: prescribed,
    }),
    dailyChargeLine(s.ctx, clinic.finess8, days, first, last, s.p.gp),
  ], false);
}

/**
 * Rehabilitation in a private clinic after a stay with nights, more often for the elderly. True when
 * the person went there rather than home.
 */
export function privateRehabilitation(s: MonthState, discharge: number, ald: boolean): boolean {
  if (!s.rng.chance(curveAt(s.ctx.care.privateRehabilitation.share, s.age))) return false;
  privateDayStay(s, discharge + 1, s.ctx.care.privateRehabilitation, ald, discharge);
  return true;
}
