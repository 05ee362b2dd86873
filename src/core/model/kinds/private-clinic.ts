import type { MonthState } from '../care-month.js';
import { openSheet, round2 } from '../care-sheet.js';
import { emitSheet } from '../dcir.js';
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
  const sh = openSheet();
  sh.line(b.natures.privateStay, unit, round2(unit * quantity), rate, p.gp, stay.admission).quantityOf(quantity).exempted(exo).establishedAt(clinic)
    .until(stay.sessions > 0 ? stay.admission : discharge).ete(stay.hospital, ghs);
  const onTop = (nat: string, amount: number) => sh.line(nat, amount, amount, b.rates.privateClinicCare, p.gp, stay.admission).exempted(onTopExo).establishedAt(clinic);
  const drugs = pc.sessionDrugs[stay.ghmRoot];
  if (drugs && stay.sessions > 0) {
    let cost = 0;
    for (let k = 0; k < stay.sessions; k++) if (rng.chance(drugs.share)) cost += rng.lognormal(drugs.median, drugs.sigma);
    if (cost > 0) onTop(drugs.nat, round2(cost));
  }
  for (const act of stay.acts) {
    const implant = pc.implants.byAct[act];
    if (implant) onTop(pc.implants.nat, implant);
  }
  if (stay.los > 0) dailyChargeLine(s, sh, clinic, stay.los, stay.admission, discharge, p.gp);
  if (stay.acts.length) {
    const surgeon = ctx.refs.pick(rng, b.roles.surgeon, stay.hospital.dept);
    // The fee is the sum of the acts' prices (summed in the acts' order).
    let fee = 0;
    for (const ccam of stay.acts) fee += ctx.ccamTariff.get(ccam) ?? 0;
    fee = round2(fee);
    const extra = extraBilling(s, surgeon, b.extraBilling.surgeon);
    sh.line(b.natures.surgeon, fee, fee, b.rates.privateClinicCare, surgeon, stay.admission).extraBilled(extra).exempted(b.exemptions.privateClinicCare).establishedAt(clinic);
    for (const ccam of stay.acts) {
      const price = ctx.ccamTariff.get(ccam) ?? 0;
      sh.cam(ccam, price, price);
    }
    const an = pc.anaesthesia;
    if (rng.chance(an.share)) {
      const anaesthetist = ctx.refs.pick(rng, b.roles.anaesthetist, stay.hospital.dept);
      // Each act's anaesthesia at its share of the act's price; the fee is their sum.
      let anFee = 0;
      for (const ccam of stay.acts) anFee += round2((ctx.ccamTariff.get(ccam) ?? 0) * an.feeRatio);
      anFee = round2(anFee);
      const anExtra = extraBilling(s, anaesthetist, b.extraBilling.anaesthetist);
      sh.line(an.nat, anFee, anFee, b.rates.privateClinicCare, anaesthetist, stay.admission).extraBilled(anExtra).exempted(b.exemptions.privateClinicCare).establishedAt(clinic);
      for (const ccam of stay.acts) {
        const price = round2((ctx.ccamTariff.get(ccam) ?? 0) * an.feeRatio);
        sh.cam(ccam, price, price, '4');
      }
    }
  }
  emitSheet(s, sh, false);
}

/** Bill this month's stays in private clinics, each from its own stream (seed, kind, person, stay). */
export function privateClinicMonth(s: MonthState): void {
  for (const bill of s.orders.privateStays) {
    s.rng.seed(s.ctx.seed, KIND_STREAMS[s.kind], s.p.ben, bill.stayNumber);
    billPrivateStay(s, bill);
  }
}
