import { addMonths, dayOf, dayOfIso } from '../calendar.js';
import { civilFromDays } from '../calendar-fast.js';
import { Rng, cumulate, hashString } from '../rng.js';
import { pseudonym } from './identifiers.js';
import { MAX_KINDS } from './kinds/kind-ids.js';
import { curveAt, type ConditionSpec, type TerminalField } from './model-data.js';
import type { ModelContext } from './model-context.js';
import type { Department, Professional } from './referentials.js';

/** One chronic condition as a person has it. */
export interface HeldCondition {
  spec: ConditionSpec;
  icd10: string;
  /** Start day of the ALD exemption the claims apply (EXO_MTF), or -1 when the condition's care is not exempted. */
  aldStart: number;
  /** Start day of the condition's exemption in the ALD register (IR_IMB_R), or -1 when the register does not list it. */
  registerStart: number;
  aldNumber: string;
  /** ATC codes this person takes for the condition, with boxes a year. */
  drugs: { atc: string; boxesPerYear: number }[];
  /** Receives treatment sessions (chemotherapy, dialysis). */
  sessions: boolean;
}

export interface Person {
  ben: number;
  sex: 1 | 2;
  birthDay: number;
  birthYear: number;
  birthMonth: number;
  /** Month × 32 + day of month of the birth day (ageAt compares a day's with it). */
  birthMonthDay: number;
  dept: Department;
  commune: string;
  /** Pseudonymised NIRs over time: versions[i] is in use from switchDays[i]. */
  nirs: string[];
  switchDays: number[];
  rngGem: number;
  nirAno: string;
  idtAno: string;
  assNirAno: string;
  cmu: number;
  orgAff: string;
  conditions: HeldCondition[];
  /** Death day, or -1 when alive at the end of the simulated period. */
  deathDay: number;
  deathCause: string;
  /** Admission day of the stay the person dies in (demography.json `deathPlace`), or -1. */
  terminalAdmission: number;
  /** PMSI field of that stay, or null. */
  terminalField: TerminalField | null;
  /** Place of death (KI_CCI_R.DCD_LIE_COD): set to a hospital's when a stay ends with the death, else drawn outside. */
  deathPlace: string;
  gp: Professional;
  /** Multiplier of the rates of the person's chronic-condition and check-up lab tests (care.json labFollowUp): how closely they are followed. */
  labFollowUp: number;
  /** Day of the month on which chronic prescriptions are renewed (a person's habit). */
  refillDay: number;
  pharmacy: Professional;
  /** Delivery days of the pregnancies in the period. */
  deliveries: number[];
  /** Contraception user. */
  contraception: boolean;
  /** Running count of care sheets (décomptes) per kind of care: part of the DCIR key, never reset. */
  sheets: Int32Array;
  /** Running count of PMSI records (external visits, stays of the other PMSI fields) per kind of care: their numbers. */
  records: Int32Array;
  /** Latest FLX_TRT_DTD of the sheets in the dataset (MAX_TRT_DTD), -1 when none. */
  lastProcessed: number;
  /** Some care was billed under a fictitious NIR, which IR_BEN_R then lists. */
  usedFictitiousNir: boolean;
}

const S_PERSON = hashString('person');
const S_CONDITIONS = hashString('person.conditions');
const S_DEATH = hashString('person.death');
const S_PREGNANCY = hashString('person.pregnancy');
const S_DEATH_PLACE = hashString('person.deathPlace');
const S_ALD_SOURCES = hashString('person.aldSources');
const S_LAB_FOLLOW_UP = hashString('person.labFollowUp');
/** Place of death of DS_LIE_V: home. */
const HOME = '1';

/** Pre-computed cumulative weights of the pyramid (shared by every person). */
export interface Pyramid {
  cumulative: Float64Array;
  bands: { from: number; to: number; sex: 1 | 2 }[];
}

export function buildPyramid(ctx: ModelContext): Pyramid {
  const bands: Pyramid['bands'] = [];
  const weights: number[] = [];
  for (const b of ctx.demography.ageBands) {
    bands.push({ from: b.from, to: b.to, sex: 1 });
    weights.push(b.male);
    bands.push({ from: b.from, to: b.to, sex: 2 });
    weights.push(b.female);
  }
  return { cumulative: cumulate(weights), bands };
}

/** Age in whole years at `day`. */
export function ageAt(p: Person, day: number): number {
  const [y, m, d] = civilFromDays(day);
  let a = y - p.birthYear;
  if (m * 32 + d < p.birthMonthDay) a--;
  return a;
}

/** The person's fictitious NIR (abortions are billed under one): a pseudonym of its own. */
export function fictitiousNir(ctx: ModelContext, p: Person): string {
  return pseudonym('psa', ctx.seed, p.ben, 2);
}

/**
 * The day a stay admitted on `admission` and planned to end on `planned` ends: never past death, and,
 * for a person who dies in a terminal stay (MCO, SSR or HAD), never past its admission (the stays the person
 * is in then end as it begins). Null when the stay cannot take place.
 */
export function stayEnd(p: Person, admission: number, planned: number): number | null {
  if (p.terminalAdmission >= 0) return admission >= p.terminalAdmission ? null : Math.min(planned, p.terminalAdmission);
  if (p.deathDay >= 0) return admission > p.deathDay ? null : Math.min(planned, p.deathDay);
  return planned;
}

/** Does a stay ending on `discharge` end with the person's death? Only the terminal stay does when the person has one. */
export function diesAt(p: Person, discharge: number, terminal = false): boolean {
  return p.deathDay >= 0 && discharge === p.deathDay && (terminal || p.terminalAdmission < 0);
}

/** The pseudonymised NIR in use at `day`. */
export function nirAt(p: Person, day: number): string {
  let v = 0;
  for (let i = 1; i < p.switchDays.length; i++) if (day >= p.switchDays[i]) v = i;
  return p.nirs[v];
}

function drawConditions(ctx: ModelContext, rng: Rng, sex: 1 | 2, age: number, refDay: number): HeldCondition[] {
  const held: HeldCondition[] = [];
  const { maxProbability, ald } = ctx.conditionsModel;
  const ids = new Set<string>();
  for (const spec of ctx.conditions) {
    if (spec.sex && (spec.sex === 'male') !== (sex === 1)) {
      rng.uniform();
      continue;
    }
    let p = curveAt(spec.prevalence, age) * (sex === 1 ? spec.sexRatio.male : spec.sexRatio.female);
    for (const [other, rr] of Object.entries(spec.riskIf ?? {})) if (ids.has(other)) p *= rr;
    if (!rng.chance(Math.min(p, maxProbability))) continue;
    ids.add(spec.id);
    const icd10 = rng.pickWeighted(spec.icd10);
    let inAld = rng.chance(spec.aldShare);
    const aldNumber = ctx.icdAld.get(icd10) ?? '0';
    // ALD exemptions started up to `startedUpToYears` before the period (never before birth).
    let aldStart = inAld ? Math.max(refDay - Math.floor(rng.uniform() * (ald.startedUpToYears * 365)), refDay - age * 365) : -1;
    const drugs = spec.drugs.filter((d) => rng.chance(d.share)).map((d) => ({ atc: d.atc, boxesPerYear: d.boxesPerYear }));
    if (spec.aldIfTreated && drugs.length === 0) {
      inAld = false;
      aldStart = -1;
    }
    held.push({ spec, icd10, aldStart, registerStart: aldStart, aldNumber: inAld ? (aldNumber === '0' || aldNumber === '99' ? '31' : aldNumber) : '0', drugs, sessions: !!spec.sessions && rng.chance(spec.sessions.share) });
  }
  return held;
}

/**
 * The ALD register (IR_IMB_R) and the exempted claims disagree both ways (demography.json `aldRegister`):
 * some registered exemptions are never applied to claims, and some exemptions applied to claims are
 * missing from the register. Drawn from a stream of its own, after the conditions.
 */
function splitAldSources(ctx: ModelContext, ben: number, conditions: HeldCondition[]): void {
  const a = ctx.demography.aldRegister;
  const rng = Rng.of(ctx.seed, S_ALD_SOURCES, ben);
  for (const c of conditions) {
    if (c.aldStart < 0) continue;
    const u = rng.uniform();
    if (u < a.registerOnlyShare) c.aldStart = -1;
    else if (u < a.registerOnlyShare + a.claimsOnlyShare) c.registerStart = -1;
  }
}

/**
 * The initial cause of a death: the person's conditions share it in proportion to the excess risk each
 * brings (mortalityRR - 1), and the baseline risk gives a cause of `otherDeathCauses`.
 */
function drawDeathCause(ctx: ModelContext, rng: Rng, conditions: HeldCondition[], rr: number): string {
  const causes = conditions.filter((c) => c.spec.deathCause.length && c.spec.mortalityRR > 1);
  let excess = 0;
  for (const c of causes) excess += c.spec.mortalityRR - 1;
  if (excess > 0 && rng.chance(Math.min(1, (rr - 1) / rr))) {
    let u = rng.uniform() * excess;
    for (const c of causes) {
      u -= c.spec.mortalityRR - 1;
      if (u < 0) return rng.pickWeighted(c.spec.deathCause);
    }
    return rng.pickWeighted(causes[causes.length - 1].spec.deathCause);
  }
  return rng.pickWeighted(ctx.demography.otherDeathCauses);
}

function deathProbability(ctx: ModelContext, sex: 1 | 2, age: number): number {
  let q = 0;
  for (const b of ctx.demography.deathProbability) if (age >= b.from) q = sex === 1 ? b.male : b.female;
  return q;
}

/** Draw one beneficiary: a pure function of (seed, beneficiary index). */
export function drawPerson(ctx: ModelContext, pyramid: Pyramid, ben: number): Person {
  const rng = Rng.of(ctx.seed, S_PERSON, ben);
  const refDay = dayOfIso(ctx.demography.referenceDate);
  const periodDays = ctx.lastFluxDay - ctx.firstCareDay;
  let sex: 1 | 2;
  let birthDay: number;
  const bornInPeriod = rng.chance(ctx.demography.birthsPerYearShare * (periodDays / 365.25));
  if (bornInPeriod) {
    sex = rng.chance(ctx.demography.femaleShareOfBirths) ? 2 : 1;
    birthDay = ctx.firstCareDay + Math.floor(rng.uniform() * periodDays);
  } else {
    const band = pyramid.bands[rng.pickCumulative(pyramid.cumulative)];
    sex = band.sex;
    const ageDays = Math.floor((band.from + rng.uniform() * (band.to - band.from + 1)) * 365.25);
    birthDay = refDay - 1 - ageDays;
  }
  const [birthYear, birthMonth, birthDayOfMonth] = civilFromDays(birthDay);
  const dept = ctx.refs.departments[rng.pickCumulative(ctx.refs.departmentWeights)];
  const commune = String(1 + Math.floor(rng.uniform() * ctx.demography.communesPerDepartment)).padStart(3, '0');
  const ageRef = Math.max(0, Math.floor((refDay - birthDay) / 365.25));

  // Pseudonymised NIRs: a second one for some (covered by a parent as a child, then own rights).
  const nirs = [pseudonym('psa', ctx.seed, ben, 0)];
  const switchDays = [-Infinity];
  const secondShare = ageRef < 20 ? ctx.demography.pseudoNir.secondNirShare.under20 : ctx.demography.pseudoNir.secondNirShare.adult;
  if (rng.chance(secondShare)) {
    nirs.push(pseudonym('psa', ctx.seed, ben, 1));
    switchDays.push(ctx.firstCareDay + Math.floor(rng.uniform() * periodDays));
  }
  const rngGem = rng.chance(ctx.demography.pseudoNir.twinShare) ? 2 : 1;

  const conditions = drawConditions(ctx, Rng.of(ctx.seed, S_CONDITIONS, ben), sex, ageRef, refDay);
  splitAldSources(ctx, ben, conditions);

  // Death: an annual hazard by age and sex, raised by the person's conditions.
  const dr = Rng.of(ctx.seed, S_DEATH, ben);
  let rr = 1;
  for (const c of conditions) rr *= c.spec.mortalityRR;
  const mortality = ctx.demography.mortality;
  rr = Math.min(rr, mortality.maxRiskRatio);
  let deathDay = -1;
  for (let m = 0; m < ctx.months.length && deathDay < 0; m++) {
    const start = ctx.months[m];
    const end = m + 1 < ctx.months.length ? ctx.months[m + 1] : addMonths(start, 1);
    const u = dr.uniform();
    const day = start + Math.floor(dr.uniform() * (end - start));
    if (day <= birthDay) continue;
    const age = Math.max(0, Math.floor((start - birthDay) / 365.25));
    // Hazards calibrated on the whole population already include the average condition burden.
    const q = (deathProbability(ctx, sex, age) * mortality.baselineShare * rr) / 12;
    if (u < q) deathDay = day;
  }
  const deathCause = deathDay >= 0 ? drawDeathCause(ctx, dr, conditions, rr) : '';
  // Where the person dies: in a terminal stay (MCO, SSR, HAD) for a share of deaths (its admission drawn now, so that
  // every kind of care knows it), else outside hospital unless a stay of another reason ends with the death.
  let terminalAdmission = -1;
  let terminalField: TerminalField | null = null;
  let deathPlace = '';
  if (deathDay >= 0) {
    const pr = Rng.of(ctx.seed, S_DEATH_PLACE, ben);
    deathPlace = pr.pickWeighted(ctx.demography.deathPlace.outside);
    const field = pr.pickWeighted(ctx.demography.deathPlace.terminalStay);
    if (field !== 'none') {
      terminalField = field;
      // A death in home hospitalisation happens at home.
      if (field === 'HAD') deathPlace = HOME;
      const t = ctx.care.terminalStay;
      const los = Math.max(1, Math.round(pr.lognormal(t.losMedian, t.losSigma)));
      terminalAdmission = Math.max(deathDay - los, ctx.firstCareDay, birthDay);
    }
  }

  // Pregnancies ending in a delivery during the period.
  const deliveries: number[] = [];
  if (sex === 2) {
    const pr = Rng.of(ctx.seed, S_PREGNANCY, ben);
    for (let y = ctx.careYearStart; y <= ctx.careYearEnd; y++) {
      const day = dayOf(y, 1, 1) + Math.floor(pr.uniform() * 365);
      const age = Math.floor((day - birthDay) / 365.25);
      if (pr.chance(curveAt(ctx.care.pregnancy.ratePerYear, age)) && (deliveries.length === 0 || day - deliveries[deliveries.length - 1] > ctx.care.pregnancy.minDaysBetweenDeliveries)) deliveries.push(day);
    }
  }
  const contraception = sex === (ctx.care.contraception.sex === 'male' ? 1 : 2) && ageRef >= ctx.care.contraception.ages[0] && ageRef < ctx.care.contraception.ages[1] && rng.chance(ctx.care.contraception.share);

  return {
    ben,
    sex,
    birthDay,
    birthYear,
    birthMonth,
    birthMonthDay: birthMonth * 32 + birthDayOfMonth,
    dept,
    commune,
    nirs,
    switchDays,
    rngGem,
    nirAno: pseudonym('ano', ctx.seed, ben),
    idtAno: pseudonym('idt', ctx.seed, ben),
    assNirAno: ageRef < 18 ? pseudonym('ass', ctx.seed, ben) : pseudonym('ano', ctx.seed, ben),
    cmu: rng.chance(ctx.demography.complementaryCoverage.share) ? 1 : 0,
    orgAff: `01${dept.code}${rng.chance(ctx.demography.affiliation.primaryFundShare) ? ctx.demography.affiliation.primaryFund : ctx.demography.affiliation.otherFund}`,
    conditions,
    deathDay,
    deathCause,
    terminalAdmission,
    terminalField,
    deathPlace,
    gp: ctx.refs.pick(rng, ctx.care.billing.roles.gp, dept),
    labFollowUp: Rng.of(ctx.seed, S_LAB_FOLLOW_UP, ben).pickWeighted(ctx.care.labFollowUp.classes),
    refillDay: rng.int(ctx.care.chronicFollowUp.refillDayOfMonth[0], ctx.care.chronicFollowUp.refillDayOfMonth[1]),
    pharmacy: ctx.refs.pick(rng, 'pharmacy', dept),
    deliveries,
    contraception,
    sheets: new Int32Array(MAX_KINDS),
    records: new Int32Array(MAX_KINDS),
    lastProcessed: -1,
    usedFictitiousNir: false,
  };
}
