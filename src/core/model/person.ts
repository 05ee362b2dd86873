import { addMonths, dayOf, dayOfIso } from '../calendar.js';
import { civilFromDays } from '../calendar-fast.js';
import { Rng, cumulate, hashString } from '../rng.js';
import { pseudonym } from './identifiers.js';
import { MAX_KINDS } from './kinds/kind-ids.js';
import { curveAt, type ConditionSpec } from './model-data.js';
import type { ModelContext } from './model-context.js';
import type { Department, Professional } from './referentials.js';

/** One chronic condition as a person has it. */
export interface HeldCondition {
  spec: ConditionSpec;
  icd10: string;
  /** ALD exemption (IR_IMB_R) start day, or -1 when the condition is not in ALD. */
  aldStart: number;
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
  gp: Professional;
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
  const [by, bm, bd] = civilFromDays(p.birthDay);
  let a = y - by;
  if (m < bm || (m === bm && d < bd)) a--;
  return a;
}

/** The person's fictitious NIR (abortions are billed under one): a pseudonym of its own. */
export function fictitiousNir(ctx: ModelContext, p: Person): string {
  return pseudonym('psa', ctx.seed, p.ben, 2);
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
    const inAld = rng.chance(spec.aldShare);
    const aldNumber = ctx.icdAld.get(icd10) ?? '0';
    // ALD exemptions started up to `startedUpToYears` before the period (never before birth).
    const aldStart = inAld ? Math.max(refDay - Math.floor(rng.uniform() * (ald.startedUpToYears * 365)), refDay - age * 365) : -1;
    const drugs = spec.drugs.filter((d) => rng.chance(d.share)).map((d) => ({ atc: d.atc, boxesPerYear: d.boxesPerYear }));
    held.push({ spec, icd10, aldStart, aldNumber: inAld ? (aldNumber === '0' || aldNumber === '99' ? '31' : aldNumber) : '0', drugs, sessions: !!spec.sessions && rng.chance(spec.sessions.share) });
  }
  return held;
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
  const [birthYear, birthMonth] = civilFromDays(birthDay);
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
  const causes = conditions.filter((c) => c.spec.deathCause.length);
  let deathCause = '';
  if (deathDay >= 0) deathCause = dr.pickWeighted(causes.length && dr.chance(mortality.conditionCauseShare) ? dr.pick(causes).spec.deathCause : ctx.demography.otherDeathCauses);

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
    gp: ctx.refs.pick(rng, ctx.care.billing.roles.gp, dept),
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
