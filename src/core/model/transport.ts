import { deductible, exemption, tariffAt, type MonthState } from './care-month.js';
import { billLine, emitSheet, round2, type Line } from './dcir.js';
import { curveAt } from './model-data.js';

/**
 * Prescribed patient transport (schemas/model/care.json, `transport`): taxis, light vehicles and
 * ambulances to treatment sessions, home after a stay, and to the specialist for the elderly in
 * ALD. A sheet bills the legs of one reason, with the franchise per leg as its own line.
 */

/** Bill `legs` legs between `first` and `last` (days), prescribed by the person's GP. */
function billTransport(s: MonthState, legs: number, first: number, last: number, aldRelated: boolean): void {
  if (legs <= 0) return;
  const t = s.ctx.care.transport;
  const { rng } = s;
  const mode = t.modes[rng.pickCumulative(s.ctx.transportModeCumulative)];
  const driver = s.ctx.refs.pick(rng, mode.kind, s.p.dept);
  const leg = round2(rng.lognormal(mode.legMedian, mode.legSigma));
  const base = round2(leg * legs);
  const ex = exemption(s, aldRelated);
  const rate = ex.rate ?? t.rate;
  const lines: Line[] = [billLine({
    nat: mode.nat, quantity: legs, unitPrice: leg, base, rate, exo: ex.exo, executor: driver, prescriber: s.p.gp,
    start: first, end: last, prescriptionDay: first,
  })];
  const franchise = deductible(s, t.franchiseNat, round2(tariffAt(t.franchisePerLeg, last, s.tariffs) * legs), last, driver);
  if (franchise) lines.push(franchise);
  emitSheet(s.ctx, s.out, s.p, rng, lines, false);
}

/** Round trips to the month's treatment sessions (dialysis, chemotherapy, radiotherapy), grouped on one sheet. */
export function sessionTransport(s: MonthState, ghmRoot: string, sessions: number, aldRelated: boolean): void {
  const share = s.ctx.care.transport.sessionShare[ghmRoot] ?? s.ctx.care.transport.sessionShare.default;
  let trips = 0;
  for (let k = 0; k < sessions; k++) if (s.rng.chance(share)) trips++;
  if (trips > 0) billTransport(s, 2 * trips, s.start, s.end, aldRelated);
}

/** Home from a stay with nights, more often for the elderly. */
export function stayReturnTransport(s: MonthState, discharge: number, aldRelated: boolean): void {
  if (s.rng.chance(curveAt(s.ctx.care.transport.stayShare, s.age))) billTransport(s, 1, discharge, discharge, aldRelated);
}

/** To and from a specialist visit in relation to an ALD (in town, or in a public hospital's outpatient clinic). */
export function aldVisitTransport(s: MonthState, day: number): void {
  if (s.rng.chance(curveAt(s.ctx.care.transport.aldVisitShare, s.age))) billTransport(s, 2, day, day, true);
}

