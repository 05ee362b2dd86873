import type { Catalog } from '../catalog/catalog.js';
import { Rng, cumulate, hashString } from '../rng.js';
import type { ProfessionKind, WorkforceModel } from './model-data.js';

export type { ProfessionKind };

/**
 * Health professionals and establishments: functions of (seed, scale) only, identical whatever the
 * number of parts, so that every part's care lines point at the same referential rows.
 */

export interface Department {
  /** 3-character code as in IR_BEN_R.BEN_RES_DPT ('075', '02A', '971'). */
  code: string;
  /** 2-character code as in PMSI and FINESS ('75', '2A', '97'). */
  code2: string;
  population: number;
}


export interface Professional {
  num: string;
  kind: ProfessionKind;
  /** PSE_SPE_COD (IR_SPE_V): physicians' specialty, '0' for other professions. */
  spe: string;
  /** PSE_ACT_NAT (IR_ACT_V): nature of activity. */
  actNat: string;
  dept: Department;
  sex: '1' | '2';
  /** Sector 2 (extra-billing allowed) for physicians. */
  sector2: boolean;
}

export interface Hospital {
  /** ETA_NUM: e-PMSI FINESS, 9 characters. */
  etaNum: string;
  /** FINESS without its check digit, 8 characters (BE_IDE_R.IDE_ETA_NU8, ETB_*_FIN). */
  finess8: string;
  dept: Department;
  /** true for private for-profit clinics, billed through DCIR (ER_ETE_F). */
  private: boolean;
  name: string;
  /**
   * Geographic FINESS of the sites of a multi-site legal entity (a CHU-CHR), whose records carry the legal
   * `etaNum`; empty for a single-site hospital, whose geographic FINESS is its `etaNum`.
   */
  sites: string[];
}

/** The geographic FINESS of the site a stay of `hospital` takes place in (one site per stay, T_MCOaaUM.ETA_NUM_GEO). */
export function siteOf(hospital: Hospital, stayNumber: number): string {
  const n = hospital.sites.length;
  return n ? hospital.sites[Math.floor(((Math.imul(stayNumber, 0x9e3779b1) >>> 0) / 2 ** 32) * n)] : hospital.etaNum;
}

export interface Referentials {
  departments: Department[];
  departmentWeights: Float64Array;
  /** Number of professionals (DA_PRA_R rows). */
  professionalCount: number;
  /** Professional i, built on demand from compact columns (memory stays small at any scale). */
  professional(i: number): Professional;
  hospitals: Hospital[];
  /** Professionals of a kind/specialty in a department, falling back to the whole country. */
  pick(rng: Rng, spe: string, dept: Department): Professional;
  hospitalFor(rng: Rng, dept: Department, wantPrivate: boolean | null): Hospital;
}

/** Professionals kept built (a power of two): those of a part's care lines, most of them, at every scale. */
const PROFESSIONAL_CACHE = 1 << 14;

interface CachedProfessional extends Professional {
  readonly index: number;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export function loadDepartments(catalog: Catalog): Department[] {
  return catalog.records('departments-population').map((r) => {
    const code = r.BEN_RES_DPT;
    return { code, code2: code.startsWith('0') ? code.slice(1) : code.slice(0, 2), population: Number(r.population) };
  });
}

const STREAM_PROFESSIONAL = hashString('referential.professional');
const STREAM_HOSPITAL = hashString('referential.hospital');

export function buildReferentials(seed: number, beneficiaries: number, catalog: Catalog, workforce: WorkforceModel): Referentials {
  const departments = loadDepartments(catalog);
  const departmentWeights = cumulate(departments.map((d) => d.population));
  const professions = workforce.professions;
  const specialties = workforce.specialties;
  const kindCum = cumulate(professions.map((k) => k.weight));
  const speCum = cumulate(specialties.map(([, w]) => w));
  const specialistKind = professions.findIndex((k) => k.kind === 'specialist');

  // Every kind and every specialty exists at least once, whatever the scale.
  const otherKinds = professions.map((_, i) => i).filter((i) => i !== specialistKind);
  const minimum = otherKinds.length + specialties.length;
  const professionalCount = Math.max(minimum * 2, Math.round(beneficiaries / workforce.peoplePerProfessional));
  // Compact columns: one byte or two per professional and attribute (about 460,000 at SF 690).
  const kinds = new Uint8Array(professionalCount);
  const spes = new Uint8Array(professionalCount);
  const depts = new Uint16Array(professionalCount);
  const flags = new Uint8Array(professionalCount); // bit 0: woman, bit 1: sector 2
  const speCodes = ['0', '1', ...specialties.map(([c]) => c)];
  for (let i = 0; i < professionalCount; i++) {
    const rng = Rng.of(seed, STREAM_PROFESSIONAL, i);
    let kind: number;
    let spe: number; // index into speCodes
    if (i < specialties.length) {
      kind = specialistKind;
      spe = 2 + i;
    } else if (i < minimum) {
      kind = otherKinds[i - specialties.length];
      spe = professions[kind].kind === 'gp' ? 1 : 0;
    } else {
      kind = rng.pickCumulative(kindCum);
      spe = professions[kind].kind === 'gp' ? 1 : kind === specialistKind ? 2 + rng.pickCumulative(speCum) : 0;
    }
    const profession = professions[kind];
    const dept = rng.pickCumulative(departmentWeights);
    const woman = rng.chance(profession.womenShare);
    const sector2 = profession.sector2Share > 0 && rng.chance(profession.sector2Share);
    kinds[i] = kind;
    spes[i] = spe;
    depts[i] = dept;
    flags[i] = (woman ? 1 : 0) | (sector2 ? 2 : 0);
  }
  // The professionals last asked for, by index modulo the cache size: one object (and one PFS number
  // string) per professional in use, not one per care line, in memory bounded whatever the scale.
  const cached: (CachedProfessional | undefined)[] = new Array(PROFESSIONAL_CACHE).fill(undefined);
  const professional = (i: number): Professional => {
    const slot = i & (PROFESSIONAL_CACHE - 1);
    const hit = cached[slot];
    if (hit !== undefined && hit.index === i) return hit;
    const profession = professions[kinds[i]];
    const dept = departments[depts[i]];
    const made: CachedProfessional = { num: `${dept.code2}${pad(i, 6)}`, kind: profession.kind, spe: speCodes[spes[i]], actNat: profession.actNat, dept, sex: flags[i] & 1 ? '2' : '1', sector2: (flags[i] & 2) !== 0, index: i };
    cached[slot] = made;
    return made;
  };

  const hospitalCount = Math.max(4, Math.round(beneficiaries / workforce.peoplePerHospital));
  const hospitals: Hospital[] = [];
  for (let h = 0; h < hospitalCount; h++) {
    const rng = Rng.of(seed, STREAM_HOSPITAL, h);
    const dept = departments[rng.pickCumulative(departmentWeights)];
    // Every fourth hospital is a private clinic, so that every scale has one; the others are with the model's share.
    const every = workforce.hospitals.privateEvery;
    const isPrivate = h % every === 1 || (h >= every && rng.chance(workforce.hospitals.privateShare));
    const finess8 = `${dept.code2}${pad(h, 6)}`;
    // Every `multiSiteEvery`-th public hospital is a legal entity of several sites (a CHU-CHR), numbered apart.
    const { multiSiteEvery, multiSiteSites } = workforce.hospitals;
    const siteCount = !isPrivate && h % multiSiteEvery === 2 ? rng.int(multiSiteSites[0], multiSiteSites[1]) : 0;
    const sites = Array.from({ length: siteCount }, (_, s) => `${dept.code2}${pad(500000 + h * 10 + s, 6)}${(h + s) % 10}`);
    const name = `${isPrivate ? 'CLINIQUE' : siteCount ? 'CHU' : 'CENTRE HOSPITALIER'} ${dept.code2}-${pad(h, 4)}`;
    hospitals.push({ etaNum: `${finess8}${h % 10}`, finess8, dept, private: isPrivate, name, sites });
  }

  // Index lists of professionals by lookup key (specialty code, or kind for other professions), and by key and department.
  const keyOf = (i: number) => (spes[i] > 0 ? speCodes[spes[i]] : professions[kinds[i]].kind);
  const lists = new Map<string, number[]>();
  for (let i = 0; i < professionalCount; i++) {
    const key = keyOf(i);
    for (const k of [key, `${key}|${depts[i]}`]) {
      const list = lists.get(k);
      if (list) list.push(i);
      else lists.set(k, [i]);
    }
  }
  const bySpeDept = new Map<string, Int32Array>([...lists.entries()].map(([k, v]) => [k, Int32Array.from(v)]));
  const deptIndex = new Map(departments.map((d, i) => [d, i]));
  // Per lookup key, the professionals of each department (indexed like `departments`) and of all of
  // them: a pick is then two array reads, with no key string built per care line.
  const byKey = new Map<string, { byDept: (Int32Array | undefined)[]; anywhere: Int32Array }>();
  const listsOf = (spe: string) => {
    let e = byKey.get(spe);
    if (!e) {
      e = { byDept: departments.map((_, d) => bySpeDept.get(`${spe}|${d}`)), anywhere: (bySpeDept.get(spe) ?? bySpeDept.get('1')) as Int32Array };
      byKey.set(spe, e);
    }
    return e;
  };
  // Hospitals by (department, ownership), 'any' meaning either: built once, not filtered per stay.
  const ownership = (p: boolean | null) => (p === null ? 'any' : p ? 'private' : 'public');
  const hospitalLists = new Map<string, Hospital[]>();
  for (const h of hospitals) {
    for (const key of [`${h.dept.code}|any`, `${h.dept.code}|${ownership(h.private)}`, `*|${ownership(h.private)}`]) {
      const list = hospitalLists.get(key);
      if (list) list.push(h);
      else hospitalLists.set(key, [h]);
    }
  }

  return {
    departments,
    departmentWeights,
    professionalCount,
    professional,
    hospitals,
    pick(rng, spe, dept) {
      const e = listsOf(spe);
      const local = e.byDept[deptIndex.get(dept) as number];
      const near = rng.chance(workforce.localShare);
      if (local && near) return professional(local[Math.floor(rng.uniform() * local.length)]);
      const anywhere = e.anywhere;
      return professional(anywhere[Math.floor(rng.uniform() * anywhere.length)]);
    },
    hospitalFor(rng, dept, wantPrivate) {
      const local = hospitalLists.get(`${dept.code}|${ownership(wantPrivate)}`);
      if (local && local.length && rng.chance(workforce.hospitals.localShare)) return rng.pick(local);
      const all = wantPrivate === null ? hospitals : hospitalLists.get(`*|${ownership(wantPrivate)}`);
      return rng.pick(all?.length ? all : hospitals);
    },
  };
}
