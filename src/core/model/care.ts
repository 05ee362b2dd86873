import { civilFromDays } from '../calendar-fast.js';
import { Rng, hash4Head, type StreamHeads } from '../rng.js';
import type { MonthState, TariffCache } from './care-month.js';
import { abortionMonth } from './kinds/abortion.js';
import { acuteMonth } from './kinds/acute.js';
import { auxiliaryCoursesMonth } from './kinds/auxiliary-courses.js';
import { birthMonth } from './kinds/birth.js';
import { chronicMonth } from './kinds/chronic.js';
import { contraceptionMonth } from './kinds/contraception.js';
import { dentalMonth } from './kinds/dental.js';
import { hospitalOutpatientMonth } from './kinds/hospital-outpatient.js';
import { homeHospitalisationMonth } from './kinds/home-hospitalisation.js';
import { hospitalStaysMonth } from './kinds/hospital-stays.js';
import { CARE_KINDS, KIND, KIND_STREAMS, MAX_KINDS, type CareKindName } from './kinds/kind-ids.js';
import { pregnancyMonth } from './kinds/pregnancy.js';
import { privateClinicMonth } from './kinds/private-clinic.js';
import { psychiatryMonth } from './kinds/psychiatry.js';
import { rehabilitationStaysMonth } from './kinds/rehabilitation-stays.js';
import { rehabilitationMonth } from './kinds/rehabilitation.js';
import { transportMonth } from './kinds/transport.js';
import { visitsMonth } from './kinds/visits.js';
import type { ModelContext } from './model-context.js';
import type { ModelOutput } from './model-output.js';
import { clearOrders, emptyOrders } from './orders.js';
import { ageAt, type Person } from './person.js';
import { stayBook, type StayBook } from './stays.js';

/**
 * A person's care, month by month and kind by kind (src/core/model/kinds/). Each kind of care draws
 * from its own counter-based stream (seed, kind, person, month): the care of a month never depends on
 * how many months are simulated, and one kind's parameters never shift another kind's draws.
 */

if (CARE_KINDS.length > MAX_KINDS) throw new Error(`${CARE_KINDS.length} kinds of care, the sheet numbering has room for ${MAX_KINDS}`);

/**
 * The month of kind `kind` (kinds that place hospital stays get their book of stays). One call site
 * per kind: each has one target, which the JIT can inline (a table of seventeen functions called
 * from one site is a slow megamorphic call, made 17 times a month per person).
 */
function kindMonth(kind: CareKindName, s: MonthState, stays: StayBook): void {
  switch (kind) {
    case 'birth': return birthMonth(s, stays);
    case 'chronic': return chronicMonth(s, stays);
    case 'acute': return acuteMonth(s);
    case 'visits': return visitsMonth(s);
    case 'hospitalStays': return hospitalStaysMonth(s, stays);
    case 'pregnancy': return pregnancyMonth(s, stays);
    case 'abortion': return abortionMonth(s);
    case 'contraception': return contraceptionMonth(s);
    case 'dental': return dentalMonth(s);
    case 'auxiliaryCourses': return auxiliaryCoursesMonth(s);
    case 'rehabilitation': return rehabilitationMonth(s);
    case 'privateClinic': return privateClinicMonth(s);
    case 'transport': return transportMonth(s);
    case 'hospitalOutpatient': return hospitalOutpatientMonth(s);
    case 'rehabilitationStays': return rehabilitationStaysMonth(s);
    case 'homeHospitalisation': return homeHospitalisationMonth(s);
    case 'psychiatry': return psychiatryMonth(s);
    default: {
      const unknown: never = kind;
      throw new Error(`no month for the kind of care ${String(unknown)}`);
    }
  }
}
const STAY_KINDS = new Set<number>([KIND.birth, KIND.chronic, KIND.hospitalStays, KIND.pregnancy]);
const NO_STAYS: StayBook = { first: 0, count: 0, placed: 0, pending: [] };

/** The heads of each kind's stream hashes (Rng.seedFromHeads): `a` per run, `b` per person, `c` and `d` per month. */
let headsSeed: number | null = null;
const heads: StreamHeads[] = KIND_STREAMS.map(() => ({ a: 0, b: 0, c: 0, d: 0 }));

/** The tariffs parsed for the model context last simulated (its dated lists, parsed once per run, not per person). */
let tariffsFor: ModelContext | null = null;
let tariffs: TariffCache = new Map();

/** Simulate and write all the care of one person over the dataset's months. */
export function simulateCare(ctx: ModelContext, out: ModelOutput, p: Person): void {
  if (headsSeed !== ctx.seed) {
    headsSeed = ctx.seed;
    for (let k = 0; k < heads.length; k++) heads[k].a = hash4Head(ctx.seed, KIND_STREAMS[k]);
  }
  for (let k = 0; k < heads.length; k++) heads[k].b = hash4Head(KIND_STREAMS[k], p.ben);
  const books = CARE_KINDS.map((_, k) => (STAY_KINDS.has(k) ? stayBook(k) : NO_STAYS));
  const hasAld = p.conditions.some((c) => c.aldStart >= 0);
  if (tariffsFor !== ctx) {
    tariffsFor = ctx;
    tariffs = new Map();
  }
  const s: MonthState = {
    ctx, out, p, rng: new Rng(0, 0, 0, 0), kind: 0, month: 0, start: 0, end: 0, age: 0, year: 0, monthOfYear: 0, hasAld, pregnantLate: false,
    tariffs, orders: emptyOrders(),
  };
  const cover = ctx.care.pregnancy.maternityCoverDays;
  for (let m = 0; m < ctx.months.length; m++) {
    const monthStartDay = ctx.months[m];
    const monthEnd = (m + 1 < ctx.months.length ? ctx.months[m + 1] : monthStartDay + 31) - 1;
    if (p.deathDay >= 0 && p.deathDay < monthStartDay) break;
    if (p.birthDay > monthEnd) continue;
    s.month = m;
    s.start = Math.max(monthStartDay, p.birthDay);
    s.end = p.deathDay >= 0 ? Math.min(monthEnd, p.deathDay) : monthEnd;
    s.age = Math.max(0, ageAt(p, s.start));
    s.pregnantLate = false;
    for (let i = 0; i < p.deliveries.length; i++) if (s.start >= p.deliveries[i] - cover && s.start <= p.deliveries[i]) s.pregnantLate = true;
    const [year, month] = civilFromDays(monthStartDay);
    s.year = year;
    s.monthOfYear = month - 1;
    clearOrders(s.orders);
    const personMonth = hash4Head(p.ben, m);
    const monthSeed = hash4Head(m, ctx.seed);
    for (let k = 0; k < CARE_KINDS.length; k++) {
      s.kind = k;
      const h = heads[k];
      h.c = personMonth;
      h.d = monthSeed;
      s.rng.seedLazily(h, ctx.seed, KIND_STREAMS[k], p.ben, m);
      kindMonth(CARE_KINDS[k], s, books[k]);
    }
  }
}
