import { civilFromDays } from '../../calendar-fast.js';
import { dayIn, type MonthState } from '../care-month.js';
import { curveAt } from '../model-data.js';
import { nextRecord, writeChaining } from '../pmsi-chaining.js';
import { inPmsiPeriod } from '../pmsi-period.js';
import { ageAt, diesAt, stayEnd } from '../person.js';
import type { Hospital } from '../referentials.js';

/**
 * Rehabilitation stays of PMSI SSR (care.json `rehabilitationStays`; T_SSRaaC, and T_SSRaaB one row
 * per week): the stays a private clinic bills after an MCO stay (ordered by the rehabilitation kind),
 * stays in public establishments after the MCO stays whose discharge sent the patient there (transfers,
 * or mutations within the establishment: entry mode 7 or 6 from MCO), and admissions from home for the elderly.
 */

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const yearMonth = (day: number) => {
  const [y, m] = civilFromDays(day);
  return `${y}${pad(m, 2)}`;
};

/** Entry mode of an SSR stay: from home (8), transferred from an MCO stay (7), or a mutation within the establishment (6). */
type Entry = '6' | '7' | '8';

/** One SSR stay (`terminal`: the one the person dies in): never past death nor past a terminal stay's admission. */
function writeSsrStay(s: MonthState, hospital: Hospital, admission: number, plannedLast: number, entry: Entry, manifestation: string, terminal = false): void {
  const { rng, p, ctx, out } = s;
  const r = ctx.care.rehabilitationStays;
  const discharge = terminal ? plannedLast : stayEnd(p, admission, plannedLast);
  if (discharge === null) return;
  const died = diesAt(p, discharge, terminal);
  if (died) p.deathPlace = hospital.private ? '3' : '2';
  const purpose = rng.pickWeighted(r.purposes);
  const group = rng.pickWeighted(r.groups);
  // A stay the patient dies in keeps a valid chaining (pmsi.ts).
  const failed = rng.chance(ctx.care.pmsi.chainingFailureShare) && !died;
  const dateFailed = failed && rng.chance(ctx.care.pmsi.dateFailureShare);
  if (!inPmsiPeriod(ctx, discharge)) return;
  const rha = nextRecord(s);
  if (rha === null) return;
  const eta = hospital.etaNum;
  const ordinal = p.records[s.kind];
  writeChaining(s, out.T_SSRaaC, ['ETA_NUM', eta, 'RHA_NUM', rha], admission, discharge, failed, dateFailed, ordinal);
  const w = out.T_SSRaaB;
  if (!w) return;
  const { buffer, set } = w;
  const days = discharge - admission + 1;
  for (let week = 0; week * 7 < days; week++) {
    const start = admission + week * 7;
    const present = Math.min(7, days - week * 7);
    const row = buffer.addRow(p.ben, ordinal * 64 + week);
    set.ETA_NUM(row, eta);
    set.RHA_NUM(row, rha);
    set.RHS_NUM(row, pad(week + 1, 3));
    set.AGE_ANN(row, ageAt(p, admission));
    set.COD_SEX(row, String(p.sex));
    set.BDI_DEP(row, p.dept.code2);
    set.BDI_COD(row, `${p.dept.code2}${p.commune}`.slice(0, 5));
    set.RHS_ANT_SEJ_ENT(row, week * 7);
    set.MOI_ANN_SOR_SEJ(row, yearMonth(discharge));
    set.MOI_ANN(row, yearMonth(start));
    set.ENT_MOD(row, entry);
    set.ENT_PRV(row, entry === '8' ? null : '1');
    set.SOR_MOD(row, died ? '9' : '8');
    set.SOR_DES(row, null);
    set.JP_HWE(row, String(Math.min(5, present)));
    set.JP_WE(row, String(Math.max(0, present - 5)));
    set.FP_PEC(row, purpose);
    set.MOR_PRP(row, manifestation);
    set.ETL_AFF(row, manifestation);
    set.GRG_GME(row, group);
    set.GRG_CMC(row, group.slice(0, 2));
    set.NBR_DGN(row, 0);
  }
}

export function rehabilitationStaysMonth(s: MonthState): void {
  const { rng, p, ctx } = s;
  const r = ctx.care.rehabilitationStays;
  for (const st of s.orders.rehabilitationStays) writeSsrStay(s, st.clinic, st.first, st.last, '7', st.icd10 ?? rng.pickWeighted(r.fromHomeManifestations));
  // Public rehabilitation decided at the MCO discharge (stays.ts): the same day, in the same establishment for a mutation.
  for (const d of s.orders.discharges) {
    if (d.rehabilitation !== 'public') continue;
    const los = Math.max(1, Math.round(rng.lognormal(r.losMedian, r.losSigma)));
    writeSsrStay(s, d.mutation ? d.hospital : ctx.refs.hospitalFor(rng, p.dept, false), d.day, d.day + los, d.mutation ? '6' : '7', d.dp);
  }
  // The stay a person dies in (demography.json `deathPlace`), admitted this month from home.
  if (p.terminalField === 'SSR' && p.terminalAdmission >= s.start && p.terminalAdmission <= s.end) {
    writeSsrStay(s, ctx.refs.hospitalFor(rng, p.dept, false), p.terminalAdmission, p.deathDay, '8', rng.pickWeighted(r.fromHomeManifestations), true);
  }
  for (let k = rng.poisson(curveAt(r.fromHomePerYear, s.age) / 12); k > 0; k--) {
    const first = dayIn(s);
    const los = Math.max(1, Math.round(rng.lognormal(r.losMedian, r.losSigma)));
    writeSsrStay(s, ctx.refs.hospitalFor(rng, p.dept, false), first, first + los, '8', rng.pickWeighted(r.fromHomeManifestations));
  }
}
