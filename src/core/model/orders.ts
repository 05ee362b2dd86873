import type { Stay } from './pmsi.js';
import type { Hospital } from './referentials.js';

/**
 * What one kind of care asks of another within a person's month: a stay discharged (rehabilitation
 * or a transport home), treatment sessions or visits to reach (transport), a stay in a private
 * clinic to bill. The receiving kind draws from its own stream, so an order never shifts the
 * draws of the kind that placed it.
 */
export interface Discharge {
  day: number;
  ald: boolean;
  /**
   * Rehabilitation decided at discharge (stays of the model's reasons only; births and readmissions go
   * home): in a public SSR establishment (the MCO stay's own when `mutation`), in a private clinic, or none.
   */
  rehabilitation: 'public' | 'private' | null;
  mutation: boolean;
  /** The MCO establishment discharging the patient. */
  hospital: Hospital;
  /** Principal diagnosis of the stay (the morbid manifestation of a rehabilitation that follows). */
  dp: string;
}

export type TransportOrder =
  | { reason: 'sessions'; ghmRoot: string; sessions: number; ald: boolean }
  | { reason: 'home'; day: number; ald: boolean }
  | { reason: 'aldVisit'; day: number };

export interface PrivateStayBill {
  stay: Stay;
  ghs: string;
  /** RSA number of the stay: keys the private clinic's stream for this stay. */
  stayNumber: number;
}

/** A stay billed by the day in a private clinic (rehabilitation, psychiatry), to be recorded in its PMSI field. */
export interface ClinicDayStay {
  first: number;
  last: number;
  clinic: Hospital;
  ald: boolean;
  /** The condition treated (psychiatry), or null. */
  icd10: string | null;
}

export interface Orders {
  discharges: Discharge[];
  transport: TransportOrder[];
  privateStays: PrivateStayBill[];
  rehabilitationStays: ClinicDayStay[];
  psychiatryStays: ClinicDayStay[];
}

export function emptyOrders(): Orders {
  return { discharges: [], transport: [], privateStays: [], rehabilitationStays: [], psychiatryStays: [] };
}

export function clearOrders(o: Orders): void {
  o.discharges.length = 0;
  o.transport.length = 0;
  o.privateStays.length = 0;
  o.rehabilitationStays.length = 0;
  o.psychiatryStays.length = 0;
}
