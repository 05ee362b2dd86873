import type { Stay } from './pmsi.js';

/**
 * What one kind of care asks of another within a person's month: a stay discharged (rehabilitation
 * or a transport home), treatment sessions or visits to reach (transport), a stay in a private
 * clinic to bill. The receiving kind draws from its own stream, so an order never shifts the
 * draws of the kind that placed it.
 */
export interface Discharge {
  day: number;
  ald: boolean;
  /** Stays of the model's reasons may lead to rehabilitation; births and readmissions go home. */
  rehabilitation: boolean;
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

export interface Orders {
  discharges: Discharge[];
  transport: TransportOrder[];
  privateStays: PrivateStayBill[];
}

export function emptyOrders(): Orders {
  return { discharges: [], transport: [], privateStays: [] };
}

export function clearOrders(o: Orders): void {
  o.discharges.length = 0;
  o.transport.length = 0;
  o.privateStays.length = 0;
}
