/** Types of the model files in schemas/model/ (the care model as data). */

/** Piecewise-constant curve: [[ageFrom, value], ...] sorted by ageFrom. */
export type AgeCurve = [number, number][];
export type Weighted<T = string> = [T, number][];

export interface DemographyModel {
  referenceDate: string;
  ageBands: { from: number; to: number; male: number; female: number }[];
  birthsPerYearShare: number;
  femaleShareOfBirths: number;
  deathProbability: { from: number; male: number; female: number }[];
  otherDeathCauses: Weighted;
  pseudoNir: { secondNirShare: { under20: number; adult: number }; twinShare: number };
}

export interface StaySpec {
  perYear?: number;
  dp: Weighted;
  ghm: string;
  losMedian: number;
  ambulatoryShare: number;
  acts: Weighted;
  /** A second, similar stay some days later (second eye, staged procedure). */
  repeat?: { share: number; afterDays: [number, number] };
}

export interface ConditionSpec {
  id: string;
  label: string;
  sex?: 'male' | 'female';
  prevalence: AgeCurve;
  sexRatio: { male: number; female: number };
  riskIf?: Record<string, number>;
  icd10: Weighted;
  aldShare: number;
  drugs: { atc: string; share: number; boxesPerYear: number }[];
  labs: { nabm: string; perYear: number }[];
  gpVisitsPerYear: number;
  nursePerYear?: number;
  physioPerYear?: number;
  specialistVisits?: { spe: string; perYear: number }[];
  acts?: { ccam: string; perYear: number; spe: string }[];
  stays?: StaySpec & { perYear: number };
  sessions?: { share: number; perYear: number; dp: string; ghm: string };
  mortalityRR: number;
  deathCause: Weighted;
  /** Treatments without a diagnosis of their own: never listed as an associated diagnosis. */
  noDiagnosis?: boolean;
}

export interface AcuteEpisodeSpec {
  id: string;
  rate: AgeCurve;
  sex?: 'male' | 'female';
  seasonality: number[];
  gpVisit: number;
  drugs: Weighted;
  labs: Weighted;
}

export interface GeneralStaySpec extends StaySpec {
  id: string;
  ages: [number, number];
  rate: number;
  sex?: 'male' | 'female';
  winter?: boolean;
  ageSlope?: number;
  maleRatio?: number;
}

export interface CareModel {
  gpVisits: AgeCurve;
  specialistVisits: { spe: string; ages: [number, number]; sex?: 'male' | 'female'; perYear: number }[];
  outpatientActs: { ccam: string; ages: [number, number]; sex?: 'male' | 'female'; perYear: number; spe: string }[];
  checkupLabs: { ages: [number, number]; perYear: number; nabm: string[]; perPrescription: [number, number] };
  acuteEpisodes: AcuteEpisodeSpec[];
  contraception: { sex: 'female'; ages: [number, number]; share: number; atc: string; boxesPerYear: number };
  pregnancy: {
    ratePerYear: AgeCurve;
    caesareanShare: number;
    delivery: { dp: Weighted; ghm: string; losMedian: number; acts: Weighted };
    labs: string[];
    drugs: Weighted;
    gynecologistVisits: number;
    ultrasounds: number;
    ultrasoundAct: string;
  };
  newborn: { dp: string; ghm: string; losMedian: number };
  readmission: { share: number; afterDays: [number, number] };
  majorations: {
    childGp: { nat: string; amount: number; maxAge: number; cplAff: string };
    specialistCoordination: { nat: string; amount: number; share: number; cplAff: string };
  };
  ivg: { ages: [number, number]; ratePerYear: number; nat: string; amount: number; fictitiousNirCode: string; fictitiousBirthYear: number };
  /** Boxes dispensed per drug of an acute prescription: [min, max] by ATC code, and a default. */
  acuteBoxes: Record<string, [number, number]> & { default: [number, number] };
  stays: GeneralStaySpec[];
  tariffs: {
    gpConsultation: [string, number][];
    specialistConsultation: [string, number][];
    participationForfaitaire: [string, number][];
    franchisePerBox: [string, number][];
    bioKeyLetterB: number;
    nurseAct: number;
    nurseCoefficient: [number, number];
    physioAct: number;
    physioCoefficient: [number, number];
    reimbursementRates: { consultation: number; biology: number; auxiliary: number; acts: number; ald: number };
    extraBillingShare: { specialist: number; gp: number };
    extraBillingMedian: { specialist: number; gp: number };
  };
  flux: {
    lagMedianDays: { pharmacy: number; default: number };
    lagSigma: number;
    lateShare: number;
    lateMonths: [number, number];
    regularisationShare: number;
  };
  period: { firstCareDay: string; lastFluxMonth: string; careYears: number[] };
}

export interface ConditionsModel {
  conditions: ConditionSpec[];
}

/** Value of an age curve at `age`. */
export function curveAt(curve: AgeCurve, age: number): number {
  let v = 0;
  for (const [from, value] of curve) {
    if (age >= from) v = value;
    else break;
  }
  return v;
}
