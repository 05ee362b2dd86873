import { dayOf } from '../calendar.js';
import { Rng } from '../rng.js';
import { billLine, type Line } from './dcir.js';
import type { ModelContext } from './model-context.js';
import type { ModelOutput } from './model-output.js';
import type { Person } from './person.js';
import type { Professional } from './referentials.js';

/** What every kind of care of a person's month shares: the month's stream, dates, age and tariffs. */

/** Value in force at `day` of a dated tariff list [[ISO date, value], ...]. */
export function tariffAt(list: [string, number][], day: number, cache: Map<[string, number][], [number, number][]>): number {
  let parsed = cache.get(list);
  if (!parsed) {
    parsed = list.map(([d, v]) => {
      const [y, m, dd] = d.split('-').map(Number);
      return [dayOf(y, m, dd), v];
    });
    cache.set(list, parsed);
  }
  let v = parsed[0][1];
  for (const [d, x] of parsed) if (day >= d) v = x;
  return v;
}

export interface MonthState {
  ctx: ModelContext;
  out: ModelOutput;
  p: Person;
  rng: Rng;
  start: number;
  end: number;
  age: number;
  /** Calendar year and month (0-11) of the month simulated. */
  year: number;
  monthOfYear: number;
  hasAld: boolean;
  pregnantLate: boolean;
  tariffs: Map<[string, number][], [number, number][]>;
}

/** A stream for a whole calendar year of one person (who sees a dentist this year, a course of physiotherapy...). */
export function yearStream(s: MonthState, stream: number, sub = 0): Rng {
  return Rng.of(s.ctx.seed, stream, s.p.ben, s.year * 64 + sub);
}

export function dayIn(s: MonthState): number {
  return s.start + Math.floor(s.rng.uniform() * (s.end - s.start + 1));
}

export function exemption(s: MonthState, aldRelated: boolean): { rate: number | null; exo: string } {
  if (aldRelated) return { rate: 100, exo: '42' };
  if (s.pregnantLate) return { rate: 100, exo: '55' };
  return { rate: null, exo: '0' };
}

/** Participation forfaitaire / franchise line: a negative reimbursement, CPL_MAJ_TOP = 2. */
export function deductible(s: MonthState, nat: string, amount: number, day: number, executor: Professional): Line | null {
  if (s.age < 18 || s.p.cmu || s.pregnantLate || amount === 0) return null;
  return billLine({ nat, unitPrice: amount, base: 0, rate: 0, reimbursed: -amount, paid: 0, cplMaj: 2, cplAff: '16', executor, start: day });
}
