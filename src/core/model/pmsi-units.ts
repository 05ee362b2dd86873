import { Rng, hashString } from '../rng.js';
import type { ModelContext } from './model-context.js';
import type { ModelOutput } from './model-output.js';

/**
 * The medical units (RUM) of an MCO stay, written to T_MCOaaUM: one for a stay without a night or a
 * séance, one to a few for a stay with nights (care.json `pmsiUnits`). The unit where the patient
 * stays longest carries the stay's principal diagnosis and its acts; the others a diagnosis of their
 * own among the stay's. Drawn from a stream of the stay (seed, person, stay number), so the units
 * never shift the draws of the kind of care that placed the stay.
 */

const S_UNITS = hashString('pmsi.units');

/** What the units need of a stay (pmsi.ts `Stay`). */
export interface UnitStay {
  los: number;
  sessions: number;
  dp: string;
  das: string[];
  acts: string[];
}

export interface Unit {
  /** Nights in the unit (PAR_DUR_SEJ); they add up to the stay's. */
  nights: number;
  dp: string;
  /** Authorisation type of the unit (AUT_TYP1_UM), null for a conventional unit. */
  authorisation: string | null;
  /** This unit carries the stay's principal diagnosis, associated diagnoses and acts. */
  main: boolean;
}

export function drawUnits(ctx: ModelContext, ben: number, stayNumber: number, stay: UnitStay): Unit[] {
  const u = ctx.care.pmsiUnits;
  const rng = Rng.of(ctx.seed, S_UNITS, ben, stayNumber);
  const count = stay.los > 0 && stay.sessions === 0 ? 1 + rng.pickCumulative(ctx.pmsiUnitCountCumulative) : 1;
  if (count === 1) return [{ nights: stay.los, dp: stay.dp, authorisation: null, main: true }];
  // A first short unit (emergency short stay, intensive or continuous care), then the units of the stay proper.
  const authorisation = rng.chance(u.firstUnitAuthorisedShare) ? rng.pickWeighted(u.firstUnitAuthorisations) : null;
  const first = Math.min(stay.los, rng.int(0, Math.max(1, Math.floor(stay.los / 3))));
  let left = stay.los - first;
  const nights = [first];
  for (let i = 1; i < count; i++) {
    const n = i === count - 1 ? left : rng.int(0, left);
    nights.push(n);
    left -= n;
  }
  let main = 1;
  for (let i = 2; i < count; i++) if (nights[i] > nights[main]) main = i;
  return nights.map((n, i) => ({
    nights: n,
    dp: i === main || stay.das.length === 0 ? stay.dp : rng.pick(stay.das),
    authorisation: i === 0 ? authorisation : null,
    main: i === main,
  }));
}

/**
 * Write the unit rows of a stay (`index` is the person's stay ordinal, as for its other PMSI rows). `site` is the
 * geographic FINESS of the site the stay takes place in (ETA_NUM_GEO): the legal `eta` for a single-site hospital.
 */
export function writeUnits(out: ModelOutput, ben: number, eta: string, site: string, rsa: string, stay: UnitStay, units: Unit[], index: number, related: string | null): void {
  const w = out.T_MCOaaUM;
  if (!w) return;
  const { buffer, set } = w;
  for (let i = 0; i < units.length; i++) {
    const unit = units[i];
    const r = buffer.addRow(ben, index * 256 + i);
    set.ETA_NUM(r, eta);
    set.RSA_NUM(r, rsa);
    set.ETA_NUM_GEO(r, site);
    set.ETA_NUM_GEO1(r, site);
    set.UM_ORD_NUM(r, i + 1);
    set.AUT_TYP1_UM(r, unit.authorisation);
    set.PAR_DUR_SEJ(r, unit.nights);
    set.DGN_PAL(r, unit.dp);
    set.DGN_REL(r, unit.main ? related : null);
    set.DGN_ASS_NBR(r, unit.main ? stay.das.length : 0);
    set.ACT_RUM_NBR(r, unit.main ? stay.acts.length : 0);
  }
}
