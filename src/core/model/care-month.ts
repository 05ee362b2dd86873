import { dayOf } from '../calendar.js';
import { Rng } from '../rng.js';
import type { CareKindId } from './kinds/kind-ids.js';
import type { DatedValues } from './model-data.js';
import type { ModelContext } from './model-context.js';
import type { ModelOutput } from './model-output.js';
import type { Orders } from './orders.js';
import type { Person } from './person.js';

/**
 * What every kind of care of a person's month shares: dates, age, coverage, the orders kinds pass to
 * each other, and the stream of the kind being simulated, keyed by (seed, kind, person, month).
 */

export type TariffCache = Map<DatedValues, [number, number][]>;

/** Value in force at `day` of a dated list [[ISO date, value], ...]. */
export function tariffAt(list: DatedValues, day: number, cache: TariffCache): number {
  let parsed = cache.get(list);
  if (!parsed) {
    parsed = list.map(([d, v]) => {
      const [y, m, dd] = d.split('-').map(Number);
      return [dayOf(y, m, dd), v];
    });
    cache.set(list, parsed);
  }
  let v = parsed[0][1];
  for (let i = 0; i < parsed.length; i++) if (day >= parsed[i][0]) v = parsed[i][1];
  return v;
}

export interface MonthState {
  ctx: ModelContext;
  out: ModelOutput;
  p: Person;
  /** The stream of the kind of care being simulated (reseeded for each kind). */
  rng: Rng;
  /** The kind of care being simulated: its stream, and the range of its sheet and stay numbers. */
  kind: CareKindId;
  /** Index of the month in the dataset's months. */
  month: number;
  start: number;
  end: number;
  age: number;
  /** Calendar year and month (0-11) of the month simulated. */
  year: number;
  monthOfYear: number;
  hasAld: boolean;
  pregnantLate: boolean;
  tariffs: TariffCache;
  orders: Orders;
}

/** A stream for a whole calendar year of one person (who sees a dentist this year, a course of physiotherapy...). */
export function yearStream(s: MonthState, stream: number, sub = 0): Rng {
  return Rng.of(s.ctx.seed, stream, s.p.ben, s.year * 64 + sub);
}

export function dayIn(s: MonthState): number {
  return s.start + Math.floor(s.rng.uniform() * (s.end - s.start + 1));
}

export interface Coverage {
  /** Rate of the exemption, or null when the kind of care's own rate applies. */
  rate: number | null;
  exo: string;
}

/** The person's ALD exemptions in force this month are all off the list (ALD 31, 'hors liste'): their related care is coded 44, not 42. */
function offListOnly(s: MonthState): boolean {
  let any = false;
  for (const c of s.p.conditions) {
    if (c.aldStart < 0 || c.aldStart > s.end) continue;
    if (c.aldNumber !== OFF_LIST_ALD) return false;
    any = true;
  }
  return any;
}
const OFF_LIST_ALD = '31';

/** The four coverages of the last billing section asked for, built once (they are read, never changed). */
let coveragesOf: MonthState['ctx']['care']['billing'] | null = null;
let coverages: { ald: Coverage; aldOffList: Coverage; maternity: Coverage; none: Coverage } | null = null;
function coveragesFor(b: MonthState['ctx']['care']['billing']) {
  if (coveragesOf !== b || coverages === null) {
    coveragesOf = b;
    coverages = {
      ald: { rate: b.rates.ald, exo: b.exemptions.ald },
      aldOffList: { rate: b.rates.ald, exo: b.exemptions.aldOffList },
      maternity: { rate: b.rates.maternity, exo: b.exemptions.maternity },
      none: { rate: null, exo: b.exemptions.none },
    };
  }
  return coverages;
}

/** Exemption of a line (billing.exemptions): care related to an ALD, maternity from its 6th month, or none. */
export function exemption(s: MonthState, aldRelated: boolean): Readonly<Coverage> {
  const c = coveragesFor(s.ctx.care.billing);
  if (aldRelated) return offListOnly(s) ? c.aldOffList : c.ald;
  return s.pregnantLate ? c.maternity : c.none;
}
