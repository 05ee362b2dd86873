import type { MonthState } from '../care-month.js';
import { billLine, emitSheet, round2, type Line } from '../dcir.js';
import { KIND_STREAMS } from './kind-ids.js';
import type { PrivateStayBill } from '../orders.js';
import { extraBilling } from '../billing.js';
import { dailyChargeLine } from './rehabilitation.js';

/**
 * What private clinics bill through DCIR for an MCO stay or session record (care.json
 * `privateClinic`): the GHS or the sessions, drugs and implants on top of the GHS, the forfait
 * journalier, surgeons' and anaesthetists' fees. Each stay's bill draws from a stream keyed by its
 * RSA number, so it depends on the stay alone.
 */
function billPrivateStay(s: MonthState, bill: PrivateStayBill): void {
  const { ctx, p, rng } = s;
  const { stay, ghs } = bill;
  const pc = ctx.care.privateClinic;
  const b = ctx.care.billing;
  const discharge = stay.admission + stay.los;
  const clinic = stay.hospital.finess8;
  const rate = stay.ald || stay.acts.length > 0 || stay.sessions > 0 ? b.rates.privateStayWithActsOrSessions : b.rates.privateStay;
  const exo = stay.ald ? b.exemptions.ald : rate === b.rates.privateStayWithActsOrSessions ? b.exemptions.privateClinicCare : b.exemptions.none;
  const onTopExo = stay.ald ? b.exemptions.ald : b.exemptions.privateClinicCare;
  const spread = rng.lognormal(1, pc.spreadSigma);
  const tariff = pc.ghs[stay.ghmRoot[2]] ?? pc.ghs.M;
  const unit = stay.sessions > 0 ? round2((pc.perSession[stay.ghmRoot] ?? pc.perSession.default) * spread) : round2((tariff.base + tariff.perNight * stay.los) * spread);
  const quantity = Math.max(1, stay.sessions);
  const lines: Line[] = [
    billLine({
      nat: b.natures.privateStay, quantity, unitPrice: unit, base: round2(unit * quantity), rate, exo, executor: p.gp, prescribingEstablishment: clinic,
      start: stay.admission, end: stay.sessions > 0 ? stay.admission : discharge, details: [{ kind: 'ete', hospital: stay.hospital, ghs }],
    }),
  ];
  const onTop = (nat: string, amount: number): Line =>
    billLine({ nat, unitPrice: amount, base: amount, rate: b.rates.privateClinicCare, exo: onTopExo, executor: p.gp, prescribingEstablishment: clinic, start: stay.admission });
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
  if (stay.los > 0) lines.push(dailyChargeLine(s, clinic, stay.los, stay.admission, discharge, p.gp));
  if (stay.acts.length) {
    const surgeon = ctx.refs.pick(rng, b.roles.surgeon, stay.hospital.dept);
    const details = stay.acts.map((ccam) => {
      const price = ctx.ccamTariff.get(ccam) ?? 0;
      return { kind: 'cam' as const, ccam, price, base: price };
    });
    const fee = round2(details.reduce((sum, d) => sum + d.base, 0));
    const extra = extraBilling(s, surgeon, b.extraBilling.surgeon);
    lines.push(billLine({ nat: b.natures.surgeon, unitPrice: fee, base: fee, rate: b.rates.privateClinicCare, extraBilling: extra, exo: b.exemptions.privateClinicCare, executor: surgeon, prescribingEstablishment: clinic, start: stay.admission, details }));
    const an = pc.anaesthesia;
    if (rng.chance(an.share)) {
      const anaesthetist = ctx.refs.pick(rng, b.roles.anaesthetist, stay.hospital.dept);
      const anDetails = details.map((d) => ({ ...d, price: round2(d.price * an.feeRatio), base: round2(d.base * an.feeRatio), activity: '4' }));
      const anFee = round2(anDetails.reduce((sum, d) => sum + d.base, 0));
      const anExtra = extraBilling(s, anaesthetist, b.extraBilling.anaesthetist);
      lines.push(billLine({
        nat: an.nat, unitPrice: anFee, base: anFee, rate: b.rates.privateClinicCare, extraBilling: anExtra, exo: b.exemptions.privateClinicCare, executor: anaesthetist, prescribingEstablishment: clinic,
        start: stay.admission, details: anDetails,
      }));
    }
  }
  emitSheet(s, lines, false);
}

/** Bill this month's stays in private clinics, each from its own stream (seed, kind, person, stay). */
export function privateClinicMonth(s: MonthState): void {
  for (const bill of s.orders.privateStays) {
    s.rng.seed(s.ctx.seed, KIND_STREAMS[s.kind], s.p.ben, bill.stayNumber);
    billPrivateStay(s, bill);
  }
}
