import { deductible } from '../billing.js';
import { exemption, type MonthState } from '../care-month.js';
import { openSheet, round2 } from '../care-sheet.js';
import { emitSheet } from '../dcir.js';
import { curveAt } from '../model-data.js';

/**
 * Prescribed patient transport (care.json `transport`): taxis, light vehicles and ambulances to
 * treatment sessions, home after a stay, and to the specialist for patients in ALD, ordered by the
 * other kinds of care this month. A sheet bills the legs of one reason, with the franchise per leg
 * as its own line.
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
  const sh = openSheet();
  sh.line(mode.nat, leg, base, rate, driver, first).quantityOf(legs).exempted(ex.exo).prescribedBy(s.p.gp).until(last).prescribedOn(first);
  deductible(s, sh, s.ctx.care.billing.deductibles.transportLeg, legs, last, driver);
  emitSheet(s, sh, false);
}

export function transportMonth(s: MonthState): void {
  const t = s.ctx.care.transport;
  for (const o of s.orders.transport) {
    if (o.reason === 'sessions') {
      // Round trips to the month's treatment sessions (dialysis, chemotherapy, radiotherapy), grouped on one sheet.
      const share = t.sessionShare[o.ghmRoot] ?? t.sessionShare.default;
      let trips = 0;
      for (let k = 0; k < o.sessions; k++) if (s.rng.chance(share)) trips++;
      if (trips > 0) billTransport(s, 2 * trips, s.start, s.end, o.ald);
    } else if (o.reason === 'home') {
      // Home from a stay with nights, more often for the elderly.
      if (s.rng.chance(curveAt(t.stayShare, s.age))) billTransport(s, 1, o.day, o.day, o.ald);
    } else if (s.rng.chance(curveAt(t.aldVisitShare, s.age))) {
      // To and from a visit in relation to an ALD (in town, or in a public hospital's outpatient clinic).
      billTransport(s, 2, o.day, o.day, true);
    }
  }
}
