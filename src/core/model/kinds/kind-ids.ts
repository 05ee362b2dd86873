import { hashString } from '../../rng.js';

/**
 * The kinds of care, in the order they are simulated each month. Each draws from its own stream,
 * keyed by (seed, kind, person, month), and numbers its own care sheets (DCT_ORD_NUM) and stays
 * (RSA_NUM) in a range of its own: changing one kind's parameters never changes another kind's rows.
 * Kinds placed after others receive their orders (rehabilitation and transport after a stay,
 * the private clinic's bill of a stay). Add a kind at the end: its name keys its stream.
 */
export const CARE_KINDS = [
  'birth', 'chronic', 'acute', 'visits', 'hospitalStays', 'pregnancy', 'abortion', 'contraception', 'dental', 'auxiliaryCourses', 'rehabilitation', 'privateClinic', 'transport',
  'hospitalOutpatient', 'rehabilitationStays', 'homeHospitalisation', 'psychiatry',
] as const;

export type CareKindName = (typeof CARE_KINDS)[number];
/** Index of a kind in CARE_KINDS. */
export type CareKindId = number;

export const KIND = Object.fromEntries(CARE_KINDS.map((k, i) => [k, i])) as Record<CareKindName, CareKindId>;

/** Stream identifier of each kind (by index). */
export const KIND_STREAMS: readonly number[] = CARE_KINDS.map((k) => hashString(`care.${k}`));

/** Kinds the sheet numbering has room for: DCT_ORD_NUM and FLX_EMT_ORD encode (person, kind, sheet). */
export const MAX_KINDS = 32;
/** Care sheets a kind may bill for one person over the period. */
export const SHEETS_PER_KIND = 2048;

/**
 * Stay numbers (RSA_NUM, 10 digits) of a person: 100 per person, in a range per kind that places
 * stays, so that 10^8 beneficiaries (scale 1,000) still fit.
 */
export const STAYS_PER_PERSON = 100;
export const STAY_RANGES: Partial<Record<CareKindName, { first: number; count: number }>> = {
  birth: { first: 0, count: 2 },
  pregnancy: { first: 2, count: 6 },
  hospitalStays: { first: 8, count: 32 },
  chronic: { first: 40, count: 60 },
};

/**
 * PMSI records of the fields other than MCO stays (an external visit's SEQ_NUM, a rehabilitation,
 * home-hospitalisation or psychiatric stay's number): RECORDS_PER_PERSON per person and kind, numbered
 * person * RECORDS_PER_PERSON + ordinal (10 digits up to 10^8 beneficiaries), unique within each table.
 */
export const RECORDS_PER_PERSON = 100;
