import type { Catalog } from '../catalog/catalog.js';
import { addMonths, dayOfIso } from '../calendar.js';
import { cumulate } from '../rng.js';
import type { CareModel, ConditionSpec, ConditionsModel, DemographyModel, Weighted } from './model-data.js';
import { SPECIALIST_WEIGHTS, buildReferentials, type Referentials } from './referentials.js';

/** A drug presentation of IR_PHA_R. */
export interface Drug {
  cip13: string;
  cip7: string;
  atc: string;
  price: number;
  rate: number;
  weight: number;
}

/** Everything the care model reads, resolved once per (seed, scale) and checked against the nomenclatures. */
export interface ModelContext {
  seed: number;
  beneficiaries: number;
  catalog: Catalog;
  demography: DemographyModel;
  care: CareModel;
  conditions: ConditionSpec[];
  refs: Referentials;
  /** Drug presentations by ATC code, with cumulative volume weights. */
  drugsByAtc: Map<string, { drugs: Drug[]; cumulative: Float64Array }>;
  /** Cumulative shares of care.transport.modes. */
  transportModeCumulative: Float64Array;
  /** NABM code → B coefficient. */
  bioCoefficient: Map<string, number>;
  /** CCAM code → tariff in euros. */
  ccamTariff: Map<string, number>;
  /** CCAM code → nature of benefit (PRS_NAT_REF) of its billing group (CAM_PRS_RGT = IR_NAT_V.PRS_NAT_CB2); present for every act billed in town. */
  ccamNature: Map<string, string>;
  /** ICD-10 code → ALD number ('0' when none). */
  icdAld: Map<string, string>;
  /** First day of every care month simulated, in order. */
  months: number[];
  firstCareDay: number;
  /** Last flux date held by the dataset (FLX_DIS_DTD ≤ this day). */
  lastFluxDay: number;
  /** Care years whose PMSI stays and deaths are complete in the dataset. */
  careYearStart: number;
  careYearEnd: number;
}

function checkCodes(what: string, codes: Iterable<string>, known: (c: string) => boolean, problems: string[]) {
  for (const c of codes) if (!known(c)) problems.push(`${what} ${c}`);
}

function weightedCodes(w: Weighted | undefined): string[] {
  return (w ?? []).map(([c]) => c);
}

/** The dataset's care period, from the care model alone (no nomenclature or referential needed). */
export function carePeriod(care: CareModel, lastFluxOverride?: number) {
  return {
    firstCareDay: dayOfIso(care.period.firstCareDay),
    lastFluxDay: lastFluxOverride ?? dayOfIso(care.period.lastFluxMonth),
    careYearStart: Math.min(...care.period.careYears),
    careYearEnd: Math.max(...care.period.careYears),
  };
}

/** Build and validate the model context: an unknown code in schemas/model is reported here, by name. */
export function buildModelContext(seed: number, beneficiaries: number, catalog: Catalog, lastFluxOverride?: number): ModelContext {
  const demography = catalog.model<DemographyModel>('demography');
  const care = catalog.model<CareModel>('care');
  const conditions = catalog.model<ConditionsModel>('conditions').conditions;

  const drugsByAtc = new Map<string, { drugs: Drug[]; cumulative: Float64Array }>();
  for (const r of catalog.records('IR_PHA_R')) {
    const rate = Number(r.PHA_TAU_REM);
    if (!(rate > 0)) continue; // not reimbursed: never in DCIR
    const d: Drug = { cip13: r.PHA_CIP_C13, cip7: r.PHA_PRS_IDE, atc: r.PHA_ATC_C07, price: Number(r.PHA_PRX_PUB), rate, weight: Number(r.PHA_VOL_POI) || 1 };
    const e = drugsByAtc.get(d.atc);
    if (e) e.drugs.push(d);
    else drugsByAtc.set(d.atc, { drugs: [d], cumulative: new Float64Array() });
  }
  for (const e of drugsByAtc.values()) e.cumulative = cumulate(e.drugs.map((d) => d.weight));

  const bioCoefficient = new Map(catalog.records('IR_BIO_R').map((r) => [r.BIO_PRS_IDE, Number(r.BIO_TAR_COF)]));
  const ccamTariff = new Map(catalog.records('IR_CCAM_V63').map((r) => [r.CAM_PRS_IDE_COD, Number(r.CAM_TARIF)]));
  const natures = new Set(catalog.column('IR_NAT_V', 'PRS_NAT'));
  const natureByGroup = new Map<string, string>();
  // A nature whose key is exactly the group wins over a shared key ('ADI' is 1351, not the closed 'ZM/ADI' 1335).
  const natRecords = catalog.records('IR_NAT_V');
  for (const r of natRecords) if (r.PRS_NAT_CB2 && !natureByGroup.has(r.PRS_NAT_CB2)) natureByGroup.set(r.PRS_NAT_CB2, r.PRS_NAT);
  for (const r of natRecords) for (const g of (r.PRS_NAT_CB2 ?? '').split('/')) if (g && !natureByGroup.has(g)) natureByGroup.set(g, r.PRS_NAT);
  const ccamNature = new Map<string, string>();
  for (const r of catalog.records('IR_CCAM_V63')) {
    const nat = natureByGroup.get(r.CAM_PRS_RGT);
    if (nat) ccamNature.set(r.CAM_PRS_IDE_COD, nat);
  }
  const icdAld = new Map(catalog.records('IR_CIM_V').map((r) => [r.CIM_COD, r.ALD_030_COD || '0']));
  const icdPmsi = new Set(catalog.column('MS_CIM_V', 'CIM_COD'));

  const problems: string[] = [];
  const atcs = new Set<string>();
  const nabms = new Set<string>();
  const ccams = new Set<string>();
  const icds = new Set<string>();
  for (const c of conditions) {
    c.drugs.forEach((d) => atcs.add(d.atc));
    c.labs.forEach((l) => nabms.add(l.nabm));
    c.acts?.forEach((a) => ccams.add(a.ccam));
    weightedCodes(c.icd10).forEach((x) => icds.add(x));
    weightedCodes(c.deathCause).forEach((x) => icds.add(x));
    weightedCodes(c.deathCause).filter((x) => x.length > 4).forEach((x) => problems.push(`condition ${c.id}: death cause ${x} is longer than KI_CCI_R.DCD_CIM_COD's 4 characters`));
    if (c.stays) {
      weightedCodes(c.stays.dp).forEach((x) => icds.add(x));
      weightedCodes(c.stays.acts).forEach((x) => ccams.add(x));
    }
    if (c.sessions) icds.add(c.sessions.dp);
    if (c.clinicStays && !natures.has(c.clinicStays.nat)) problems.push(`condition ${c.id}: clinic stay nature ${c.clinicStays.nat} is not in IR_NAT_V`);
    for (const other of Object.keys(c.riskIf ?? {})) if (!conditions.some((o) => o.id === other)) problems.push(`condition ${c.id}: riskIf names unknown condition ${other}`);
  }
  for (const e of care.acuteEpisodes) {
    weightedCodes(e.drugs).forEach((x) => atcs.add(x));
    weightedCodes(e.labs).forEach((x) => nabms.add(x));
  }
  for (const s of care.stays) {
    weightedCodes(s.dp).forEach((x) => icds.add(x));
    weightedCodes(s.acts).forEach((x) => ccams.add(x));
  }
  care.outpatientActs.forEach((a) => ccams.add(a.ccam));
  care.checkupLabs.nabm.forEach((x) => nabms.add(x));
  atcs.add(care.contraception.atc);
  weightedCodes(care.pregnancy.drugs).forEach((x) => atcs.add(x));
  care.pregnancy.labs.forEach((x) => nabms.add(x));
  weightedCodes(care.pregnancy.delivery.dp).forEach((x) => icds.add(x));
  weightedCodes(care.pregnancy.delivery.acts).forEach((x) => ccams.add(x));
  ccams.add(care.pregnancy.ultrasoundAct);
  icds.add(care.newborn.dp);
  // Acts billed in town (DCIR lines of their own): their nature comes from their CCAM billing group.
  const townActs = [
    ...conditions.flatMap((c) => [...(c.acts ?? []).map((a) => a.ccam), ...(c.radiotherapy ? [c.radiotherapy.preparation, c.radiotherapy.session] : [])]),
    ...care.outpatientActs.map((a) => a.ccam),
    care.pregnancy.ultrasoundAct,
    ...care.dental.visitActs.map((a) => a.ccam),
    ...care.dental.prostheses.map((a) => a.ccam),
  ];
  townActs.forEach((x) => ccams.add(x));
  care.labSheetForfaits.forEach((x) => nabms.add(x));
  weightedCodes(care.labCompanions).forEach((x) => nabms.add(x));
  checkCodes('CCAM code billed in town (its billing group CAM_PRS_RGT has no nature in IR_NAT_V)', townActs, (c) => !ccamTariff.has(c) || ccamNature.has(c), problems);
  Object.keys(care.technicalForfaits).forEach((x) => ccams.add(x));
  const auxiliaryNats = Object.values(care.tariffs.auxiliary).flatMap((a) => (a.travel ? [a.nat, a.travel.nat] : [a.nat]));
  const pc = care.privateClinic;
  Object.keys(pc.implants.byAct).forEach((x) => ccams.add(x));
  const nats = [
    ...auxiliaryNats,
    ...Object.values(care.tariffs.specialistConsultationBySpecialty).map((c) => c.nat),
    ...Object.values(care.technicalForfaits).map((f) => f.nat),
    care.pharmacyFees.perBox.nat, care.pharmacyFees.ageRelated.nat,
    care.dental.consultation.nat, care.dental.orthodontics.nat,
    ...care.transport.modes.map((m) => m.nat), care.transport.franchiseNat,
    pc.dailyCharge.nat, pc.implants.nat, pc.anaesthesia.nat, ...Object.values(pc.sessionDrugs).map((x) => x.nat), care.privateRehabilitation.nat,
  ];
  checkCodes('nature of benefit (not in IR_NAT_V)', nats, (c) => natures.has(c), problems);
  checkCodes('auxiliary course kind (no tariff in care.tariffs.auxiliary)', care.auxiliaryCourses.map((c) => c.kind), (k) => k in care.tariffs.auxiliary, problems);
  weightedCodes(demography.otherDeathCauses).forEach((x) => icds.add(x));

  const specialties = new Set<string>(['1', ...SPECIALIST_WEIGHTS.map(([s]) => s)]);
  const used = new Set<string>();
  for (const c of conditions) {
    c.specialistVisits?.forEach((v) => used.add(v.spe));
    c.acts?.forEach((a) => used.add(a.spe));
    if (c.radiotherapy) used.add(c.radiotherapy.spe);
  }
  care.specialistVisits.forEach((v) => used.add(v.spe));
  care.outpatientActs.forEach((a) => used.add(a.spe));
  checkCodes('specialty (no professional of it in src/core/model/referentials.ts)', used, (s) => specialties.has(s), problems);
  checkCodes('ATC code (no reimbursed presentation in IR_PHA_R)', atcs, (c) => drugsByAtc.has(c), problems);
  checkCodes('NABM code (not in IR_BIO_R)', nabms, (c) => bioCoefficient.has(c), problems);
  checkCodes('CCAM code (not in IR_CCAM_V63)', ccams, (c) => ccamTariff.has(c), problems);
  checkCodes('ICD-10 code (not in MS_CIM_V and IR_CIM_V)', icds, (c) => icdPmsi.has(c) && icdAld.has(c), problems);
  if (problems.length) throw new Error(`schemas/model refers to codes the nomenclatures do not ship:\n  ${problems.join('\n  ')}`);

  const period = carePeriod(care, lastFluxOverride);
  const { firstCareDay, lastFluxDay } = period;
  const months: number[] = [];
  for (let m = firstCareDay; m <= lastFluxDay; m = addMonths(m, 1)) months.push(m);

  return {
    seed,
    beneficiaries,
    catalog,
    demography,
    care,
    conditions,
    refs: buildReferentials(seed, beneficiaries, catalog),
    drugsByAtc,
    transportModeCumulative: cumulate(care.transport.modes.map((m) => m.share)),
    bioCoefficient,
    ccamTariff,
    ccamNature,
    icdAld,
    months,
    ...period,
  };
}
