/** Types of the model files in schemas/model/ (the care model as data). */

/** Piecewise-constant curve: [[ageFrom, value], ...] sorted by ageFrom. */
export type AgeCurve = [number, number][];
export type Weighted<T = string> = [T, number][];
/** Values in force from a date on: [[ISO date, value], ...] sorted by date. */
export type DatedValues = [string, number][];

/** A line billed on a dated amount, with its nature of benefit. */
export interface DatedCharge {
  nat: string;
  amount: DatedValues;
}

/** Extra-billing of a kind of line: share of lines, lognormal amount. */
export interface ExtraBilling {
  share: number;
  median: number;
  sigma: number;
}

/** How care becomes DCIR lines (care.json, `billing`). */
export interface BillingModel {
  natures: {
    gpConsultation: string;
    specialistConsultation: string;
    biology: string;
    /** Pharmacy line nature by the reimbursement rate of its drugs. */
    pharmacyByRate: Record<string, string>;
    pharmacyOtherRate: string;
    privateStay: string;
    surgeon: string;
  };
  /** EXO_MTF: `ald` for care related to a list ALD (42), `aldOffList` when the person's exempting ALD are all off the list (ALD 31: 44). */
  exemptions: { none: string; ald: string; aldOffList: string; maternity: string; privateClinicCare: string };
  rates: {
    consultation: number;
    biology: number;
    auxiliary: number;
    acts: number;
    ald: number;
    maternity: number;
    privateStay: number;
    privateStayWithActsOrSessions: number;
    privateClinicCare: number;
    privateDayStay: number;
  };
  deductibles: {
    exemptUnderAge: number;
    cplAff: string;
    consultation: DatedCharge;
    biology: DatedCharge;
    pharmacyBox: DatedCharge;
    auxiliaryAct: DatedCharge & { maxActs: number };
    transportLeg: DatedCharge;
  };
  extraBilling: { gpConsultation: ExtraBilling; specialistConsultation: ExtraBilling; technicalAct: ExtraBilling; surgeon: ExtraBilling; anaesthetist: ExtraBilling };
  /** Specialty (IR_SPE_V) of the physician playing each role. */
  roles: { gp: string; gynecologist: string; surgeon: string; anaesthetist: string };
}

/** Health professionals and hospitals (workforce.json). */
export interface WorkforceModel {
  peoplePerProfessional: number;
  peoplePerHospital: number;
  professions: { kind: ProfessionKind; weight: number; actNat: string; womenShare: number; sector2Share: number }[];
  /** Physicians' specialties (IR_SPE_V) and their relative numbers. */
  specialties: Weighted;
  /** Share of visits to a professional of the patient's own department. */
  localShare: number;
  /** Hospitals 1, 1 + privateEvery, ... are private; the others past the first privateEvery with privateShare. */
  hospitals: { privateShare: number; localShare: number; privateEvery: number; multiSiteEvery: number; multiSiteSites: [number, number] };
}

export type ProfessionKind = 'gp' | 'specialist' | 'nurse' | 'physio' | 'pharmacy' | 'lab' | 'dentist' | 'ambulance' | 'taxi' | 'speech';

/** PMSI field of the stay a person dies in. */
export type TerminalField = 'MCO' | 'SSR' | 'HAD';

export interface DemographyModel {
  referenceDate: string;
  ageBands: { from: number; to: number; male: number; female: number }[];
  birthsPerYearShare: number;
  femaleShareOfBirths: number;
  /** BEN_RES_COM is drawn in 001..communesPerDepartment. */
  communesPerDepartment: number;
  deathProbability: { from: number; male: number; female: number }[];
  otherDeathCauses: Weighted;
  pseudoNir: {
    secondNirShare: { under20: number; adult: number };
    twinShare: number;
    /** IR_BEN_R_ARC: pseudo-NIRs without care since `cutoff` (ISO date), a former child's NIR for a share of those who were under `childUntil` between `since` and it. */
    archive: { since: string; cutoff: string; childUntil: number; formerNirShare: number };
  };
  /** Causes of a death certificate besides the initial one (KI_ECD_R). */
  deathCertificate: { immediateCauseShare: number; immediateCauses: Weighted; maxContributingCauses: number };
  /** C2S (ex CMU-C) rights: share of beneficiaries, contract type of IR_ORC_R, months of a contract. */
  complementaryCoverage: { share: number; contractType: number; contractMonths: number };
  /** Place of death: PMSI field of the stay a death ends ('none': no terminal stay); places (DS_LIE_V) of the deaths outside hospital. */
  deathPlace: { terminalStay: [TerminalField | 'none', number][]; outside: Weighted };
  /** ALD exemptions the register lists but claims never apply, and exemptions claims apply that the register lacks (shares of ALD conditions). */
  aldRegister: { registerOnlyShare: number; claimsOnlyShare: number };
  /** People without the modelled conditions keep baselineShare of deathProbability; conditions multiply it (capped at maxRiskRatio). */
  mortality: { baselineShare: number; maxRiskRatio: number };
  /** ORG_AFF_BEN's fund: the department's primary fund with primaryFundShare, else otherFund. */
  affiliation: { primaryFundShare: number; primaryFund: string; otherFund: string };
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
  /** The ALD exemption goes only to patients the condition's drugs treat (diet-only diabetics are not in ALD 8). */
  aldIfTreated?: boolean;
  drugs: { atc: string; share: number; boxesPerYear: number }[];
  /**
   * Follow-up tests: `perYear` at an average follow-up; `followUpWeight` (default 1) is how much of the
   * person's lab follow-up multiplier applies to the test (labFollowUpFactor).
   */
  labs: { nabm: string; perYear: number; followUpWeight?: number }[];
  gpVisitsPerYear: number;
  nursePerYear?: number;
  physioPerYear?: number;
  specialistVisits?: { spe: string; perYear: number }[];
  acts?: { ccam: string; perYear: number; spe: string }[];
  stays?: StaySpec & { perYear: number };
  /** Stays in a private specialised clinic billed by the day in DCIR (psychiatry): not MCO, so not in the PMSI tables. */
  clinicStays?: { perYear: number; nat: string; days: [number, number]; dailyPrice: number; sigma: number };
  /** Follow-up consultations in public hospital outpatient clinics: outside DCIR, but the prescribed transport to them is billed there. */
  hospitalVisitsPerYear?: number;
  sessions?: { share: number; perYear: number; dp: string; ghm: string };
  /** Courses of external radiotherapy: a preparation and its sessions, billed in DCIR when given in a private centre. */
  radiotherapy?: { perYear: number; sessions: [number, number]; preparation: string; session: string; spe: string; privateShare: number };
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

/** A dental act drawn at a visit, with its probability and age range. */
export interface DentalAct {
  ccam: string;
  share: number;
  ages: [number, number];
  count?: [number, number];
}

/** Prosthetic work (crowns, dentures): free prices above the reimbursement base. */
export interface DentalProsthesis {
  ccam: string;
  /** Probability per dental patient and year, by age. */
  perYear: AgeCurve;
  count: [number, number];
  paidMedian: number;
  paidSigma: number;
  /** Price ceiling of the 100 % santé basket, when the act belongs to it. */
  paidCap?: number;
}

export interface DentalModel {
  /** Share of people seen by a dentist in a year, by age. */
  patientShare: AgeCurve;
  visitsPerPatient: number;
  consultation: { nat: string; price: number; share: number };
  visitActs: DentalAct[];
  prostheses: DentalProsthesis[];
  orthodontics: { nat: string; ages: [number, number]; share: number; semesterBase: number; coefficient: number; paidMedian: number; paidSigma: number };
  rates: { care: number; prosthesis: number; orthodontics: number };
}

/** A transport mode: nature of benefit, who drives, price of one leg. */
export interface TransportMode {
  nat: string;
  kind: 'ambulance' | 'taxi';
  share: number;
  legMedian: number;
  legSigma: number;
}

export interface TransportModel {
  modes: TransportMode[];
  /** Share of treatment sessions (dialysis, chemotherapy) reached by a prescribed transport. */
  sessionShare: Record<string, number>;
  /** Share of stays with nights followed by a prescribed return home, by age. */
  stayShare: AgeCurve;
  /** Share of specialist visits of ALD patients reached by a prescribed transport, by age. */
  aldVisitShare: AgeCurve;
  rate: number;
}

export type AuxiliaryKind = 'nurse' | 'physio' | 'speech';

/** A course of auxiliary care (physiotherapy, nursing, speech therapy) that is not tied to a chronic condition. */
export interface AuxiliaryCourse {
  id: string;
  kind: AuxiliaryKind;
  /** Probability of following such a course in a calendar year, by age. */
  share: AgeCurve;
  /** Consecutive months of care, from a start month drawn in the year. */
  months: [number, number];
  sessionsPerMonth: [number, number];
  /** Coefficient of the key letter (AMI, AMK) of a session, when not the tariffs' default. */
  coefficient?: [number, number];
}

export interface PrivateClinicModel {
  /** GHS price of a stay = base + perNight × nights (× a lognormal spread), by the GHM root's type letter (C, K, M). */
  ghs: Record<string, { base: number; perNight: number }>;
  spreadSigma: number;
  /** Price of one treatment session, by GHM root (28Z04 dialysis, 28Z07 chemotherapy). */
  perSession: Record<string, number> & { default: number };
  /** Share of session records treated in a private clinic. */
  sessionShare: number;
  /** Forfait journalier billed per day of a stay with nights. */
  dailyCharge: { nat: string; amount: number; cplAff: string };
  /** Expensive drugs billed on top of a session's GHS (liste en sus), by GHM root: share of sessions and lognormal cost. */
  sessionDrugs: Record<string, { nat: string; share: number; median: number; sigma: number }>;
  /** Implantable devices billed on top of the GHS (hip and knee prostheses, stents), by CCAM act. */
  implants: { nat: string; byAct: Record<string, number> };
  /** Anaesthetist's fee for stays with acts: a share of the surgeon's CCAM fee, billed as activity 4. */
  anaesthesia: { nat: string; share: number; feeRatio: number };
}

export interface CareModel {
  /** Share of gpVisits that are neither acute episodes nor a chronic condition's follow-up. */
  gpVisitsBackgroundShare: number;
  chronicFollowUp: { aldGpVisitShare: number; refillJitterDays: number; refillDayOfMonth: [number, number]; prescriptionAgeDays: [number, number] };
  gpVisits: AgeCurve;
  specialistVisits: { spe: string; ages: [number, number]; sex?: 'male' | 'female'; perYear: number }[];
  outpatientActs: { ccam: string; ages: [number, number]; sex?: 'male' | 'female'; perYear: number; spe: string }[];
  checkupLabs: { ages: [number, number]; perYear: number; nabm: string[]; perPrescription: [number, number] };
  acuteEpisodes: AcuteEpisodeSpec[];
  contraception: { sex: 'male' | 'female'; ages: [number, number]; share: number; atc: string; boxesPerYear: number; prescriptionAgeDays: [number, number] };
  pregnancy: {
    ratePerYear: AgeCurve;
    caesareanShare: number;
    delivery: { dp: Weighted; ghm: string; losMedian: number; acts: Weighted; privateShare: number; losSigma: number; caesareanExtraNights: number };
    labs: string[];
    drugs: Weighted;
    gynecologistVisits: number;
    /** Months of pregnancy (1-9) with an ultrasound scan. */
    ultrasoundMonths: number[];
    ultrasoundAct: string;
    /** Probability of each test of `labs` at a monthly check. */
    labShare: number;
    durationDays: number;
    /** Days before the delivery from which maternity care is covered at 100 % (exemption 55). */
    maternityCoverDays: number;
    minDaysBetweenDeliveries: number;
  };
  newborn: { dp: string; ghm: string; losMedian: number; losSigma: number };
  readmission: { share: number; afterDays: [number, number]; losRatio: number; losSigma: number };
  /** Relative monthly rate (January to December) of the stays marked `winter`. */
  winterSeasonality: number[];
  stayHospital: { privateShareWithActs: number; privateShare: number; losSigma: number };
  billing: BillingModel;
  /** Return codes of the PMSI chaining checks: share of records failing them, and of those failing on dates too. */
  pmsi: { chainingFailureShare: number; dateFailureShare: number };
  /** Medical units of MCO stays (T_MCOaaUM): shares of 1, 2, 3... units for stays with nights; authorisation of a first unit. */
  pmsiUnits: { unitsWithNights: number[]; firstUnitAuthorisedShare: number; firstUnitAuthorisations: Weighted };
  /** The MCO stay a person dies in: length, private share, principal diagnosis when the cause cannot be one, GHM root by the diagnosis' first letter. */
  terminalStay: { losMedian: number; losSigma: number; privateShare: number; dpIfCauseUnfit: Weighted; ghmRoots: [string, string][]; defaultGhmRoot: string };
  /** Discharge modes of MCO stays: share of public SSR transfers that are mutations within the establishment. */
  dischargeModes: { mutationShare: number };
  /** When the related diagnosis (DGN_REL) is filled: principal diagnoses (or their start) and the codes the related one starts with. */
  relatedDiagnosis: { rules: { dp: string; related: string[] }[] };
  /** Rehabilitation (SSR) stays: after an MCO stay with nights, or from home; length; codes of their summaries. */
  rehabilitationStays: {
    afterStayShare: AgeCurve;
    fromHomePerYear: AgeCurve;
    losMedian: number;
    losSigma: number;
    purposes: Weighted;
    fromHomeManifestations: Weighted;
    groups: Weighted;
  };
  /** Home hospitalisation (HAD): yearly rate by age, raised by conditions; length; modes of care (IR_HAD_PEC_PAL). */
  homeHospitalisation: {
    perYear: AgeCurve;
    conditionRatio: Record<string, number>;
    losMedian: number;
    losSigma: number;
    modes: Weighted;
    associatedModeShare: number;
    dpIfNoCondition: Weighted;
  };
  /** Psychiatric stays (RIM-P): yearly probability per condition and for others; full time or day hospitalisation. */
  psychiatry: {
    conditionPerYear: Record<string, number>;
    otherPerYear: AgeCurve;
    dayHospitalShare: number;
    losMedian: number;
    losSigma: number;
    dayHospitalWeeks: [number, number];
    dayHospitalDaysPerWeek: number;
    dpIfNoCondition: Weighted;
  };
  /** External visits to public hospitals (ACE): rates by age, prestation codes and their prices, reimbursement rates. */
  hospitalOutpatient: {
    consultationsPerYear: AgeCurve;
    emergenciesPerYear: AgeCurve;
    consultationActs: Weighted;
    emergencyActs: string[];
    prices: Record<string, number>;
    rate: number;
    aldRate: number;
    aldShare: number;
    /** Visits sent to the DCIR for information (DPN_QLF 71): their share and the nature of each prestation code. */
    information: { share: number; natures: Record<string, string> };
    /** CCAM acts of visits (T_MCOaaFMSTC): share of consultations and of emergency visits with one, and the acts drawn. */
    ccamActs: { consultationShare: number; consultation: Weighted; emergencyShare: number; emergency: Weighted };
  };
  majorations: {
    childGp: { nat: string; amount: number; maxAge: number; cplAff: string };
    specialistCoordination: { nat: string; amount: number; share: number; cplAff: string };
  };
  ivg: { ages: [number, number]; ratePerYear: number; nat: string; amount: number; fictitiousNirCode: string; fictitiousBirthYear: number; gpShare: number };
  /** Boxes dispensed per drug of an acute prescription: [min, max] by ATC code, and a default. */
  acuteBoxes: { default: [number, number]; byAtc: Record<string, [number, number]> };
  stays: GeneralStaySpec[];
  dental: DentalModel;
  transport: TransportModel;
  auxiliaryCourses: AuxiliaryCourse[];
  privateClinic: PrivateClinicModel;
  /** Rehabilitation (SSR) in a private clinic after a stay with nights, billed by the day in DCIR. */
  privateRehabilitation: { nat: string; share: AgeCurve; days: [number, number]; dailyPrice: number; sigma: number };
  /** NABM forfaits added to every blood sample sheet (pre-analytical, safety). */
  labSheetForfaits: string[];
  /** Tests commonly prescribed along with others (blood count, ionogram...): each added to a lab sheet with its probability. */
  labCompanions: Weighted;
  /** Each person's lab follow-up: classes of (multiplier of the lab rates of chronic conditions and check-ups, share of persons). */
  labFollowUp: { classes: Weighted<number> };
  /** Pharmacists' dispensing fees, their own lines on a pharmacy sheet. */
  pharmacyFees: { perBox: { nat: string; amount: number }; ageRelated: { nat: string; amount: number; under: number; from: number } };
  /** Technical forfaits billed with a CCAM act (CT and MRI equipment), by CCAM code. */
  technicalForfaits: Record<string, { nat: string; amount: number }>;
  tariffs: {
    gpConsultation: DatedValues;
    specialistConsultation: DatedValues;
    /** Specialties with a consultation of their own (cardiology CSC, psychiatry CNPSY): nature and dated tariff. */
    specialistConsultationBySpecialty: Record<string, { nat: string; price: DatedValues }>;
    bioKeyLetterB: number;
    /** Medical auxiliaries by profession: nature, key letter value (AMI, AMK, AMO), usual coefficients, and a travel fee per home session. */
    auxiliary: Record<AuxiliaryKind, { nat: string; keyLetter: number; coefficient: [number, number]; travel?: { nat: string; amount: number; homeShare: number } }>;
  };
  flux: {
    lagMedianDays: { pharmacy: number; default: number };
    lagSigma: number;
    lateShare: number;
    lateMonths: [number, number];
    regularisationShare: number;
    /** Days between a sheet's processing and its cancellation when it is regularised. */
    regularisationDelayDays: [number, number];
  };
  period: { firstCareDay: string; lastFluxMonth: string; careYears: number[] };
}

export interface ConditionsModel {
  conditions: ConditionSpec[];
  /** Cap of a person's probability of having a condition. */
  maxProbability: number;
  /** ALD exemptions: started up to startedUpToYears before the reference date, granted for durationYears. */
  ald: { startedUpToYears: number; durationYears: number };
}

/**
 * The factor of a test's rate for a person of lab follow-up `followUp` (care.json labFollowUp): the whole
 * multiplier at weight 1, none at weight 0, in between `1 + weight x (followUp - 1)`, which keeps the
 * mean factor at 1 since the multipliers average 1.
 */
export function labFollowUpFactor(followUp: number, weight: number | undefined): number {
  return weight === undefined || weight === 1 ? followUp : 1 + weight * (followUp - 1);
}

/** Value of an age curve at `age`. */
export function curveAt(curve: AgeCurve, age: number): number {
  let v = 0;
  // Indexed loop: the hot path of the model (an iterator with destructuring costs several times more).
  for (let i = 0; i < curve.length; i++) {
    const point = curve[i];
    if (age >= point[0]) v = point[1];
    else break;
  }
  return v;
}
