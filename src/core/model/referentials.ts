import type { Catalog } from '../catalog/catalog.js';
import { Rng, cumulate, hashString } from '../rng.js';

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

export type ProfessionKind = 'gp' | 'specialist' | 'nurse' | 'physio' | 'pharmacy' | 'lab' | 'dentist' | 'ambulance' | 'taxi' | 'speech';

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

/** Physicians' specialties (IR_SPE_V codes) and their relative numbers. */
export const SPECIALIST_WEIGHTS: [string, number][] = [
  ['3', 7], ['5', 4], ['6', 9], ['7', 6], ['8', 4], ['9', 2], ['12', 4], ['13', 3], ['14', 3], ['15', 6], ['16', 2], ['2', 5],
  ['32', 3], ['33', 7], ['35', 2], ['41', 4], ['42', 2], ['73', 2], ['11', 3], ['4', 3], ['84', 1], ['74', 1],
];

const KIND_WEIGHTS: [ProfessionKind, number][] = [
  ['gp', 30], ['specialist', 30], ['nurse', 45], ['physio', 35], ['pharmacy', 10], ['lab', 2], ['dentist', 14], ['ambulance', 3], ['taxi', 6], ['speech', 8],
];

const ACT_NAT: Record<ProfessionKind, string> = {
  gp: '0', specialist: '0', nurse: '24', physio: '26', pharmacy: '50', lab: '30', dentist: '19', ambulance: '55', taxi: '56', speech: '28',
};

/** People per professional, establishment and MCO hospital in the real system (about 68 M people). */
const PEOPLE_PER_PROFESSIONAL = 150;
const PEOPLE_PER_HOSPITAL = 25_000;

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

export function buildReferentials(seed: number, beneficiaries: number, catalog: Catalog): Referentials {
  const departments = loadDepartments(catalog);
  const departmentWeights = cumulate(departments.map((d) => d.population));
  const kindCum = cumulate(KIND_WEIGHTS.map(([, w]) => w));
  const speCum = cumulate(SPECIALIST_WEIGHTS.map(([, w]) => w));

  // Every kind and every specialty exists at least once, whatever the scale.
  const minimum = KIND_WEIGHTS.length - 1 + SPECIALIST_WEIGHTS.length;
  const professionalCount = Math.max(minimum * 2, Math.round(beneficiaries / PEOPLE_PER_PROFESSIONAL));
  // Compact columns: one byte or two per professional and attribute (about 460,000 at SF 690).
  const kinds = new Uint8Array(professionalCount);
  const spes = new Uint8Array(professionalCount);
  const depts = new Uint16Array(professionalCount);
  const flags = new Uint8Array(professionalCount); // bit 0: woman, bit 1: sector 2
  const speCodes = ['0', '1', ...SPECIALIST_WEIGHTS.map(([c]) => c)];
  const speIndex = new Map(speCodes.map((c, i) => [c, i]));
  for (let i = 0; i < professionalCount; i++) {
    const rng = Rng.of(seed, STREAM_PROFESSIONAL, i);
    let kind: ProfessionKind;
    let spe: string;
    if (i < SPECIALIST_WEIGHTS.length) {
      kind = 'specialist';
      spe = SPECIALIST_WEIGHTS[i][0];
    } else if (i < minimum) {
      kind = KIND_WEIGHTS.filter(([k]) => k !== 'specialist')[i - SPECIALIST_WEIGHTS.length][0];
      spe = kind === 'gp' ? '1' : '0';
    } else {
      kind = KIND_WEIGHTS[rng.pickCumulative(kindCum)][0];
      spe = kind === 'gp' ? '1' : kind === 'specialist' ? SPECIALIST_WEIGHTS[rng.pickCumulative(speCum)][0] : '0';
    }
    const dept = rng.pickCumulative(departmentWeights);
    const physician = kind === 'gp' || kind === 'specialist';
    const woman = rng.chance(physician ? 0.5 : 0.75);
    const sector2 = physician && rng.chance(kind === 'gp' ? 0.05 : 0.45);
    kinds[i] = KIND_WEIGHTS.findIndex(([k]) => k === kind);
    spes[i] = speIndex.get(spe) as number;
    depts[i] = dept;
    flags[i] = (woman ? 1 : 0) | (sector2 ? 2 : 0);
  }
  const professional = (i: number): Professional => {
    const kind = KIND_WEIGHTS[kinds[i]][0];
    const dept = departments[depts[i]];
    return { num: `${dept.code2}${pad(i, 6)}`, kind, spe: speCodes[spes[i]], actNat: ACT_NAT[kind], dept, sex: flags[i] & 1 ? '2' : '1', sector2: (flags[i] & 2) !== 0 };
  };

  const hospitalCount = Math.max(4, Math.round(beneficiaries / PEOPLE_PER_HOSPITAL));
  const hospitals: Hospital[] = [];
  for (let h = 0; h < hospitalCount; h++) {
    const rng = Rng.of(seed, STREAM_HOSPITAL, h);
    const dept = departments[rng.pickCumulative(departmentWeights)];
    const isPrivate = h % 4 === 1 || (h >= 4 && rng.chance(0.3));
    const finess8 = `${dept.code2}${pad(h, 6)}`;
    hospitals.push({ etaNum: `${finess8}${h % 10}`, finess8, dept, private: isPrivate, name: `${isPrivate ? 'CLINIQUE' : 'CENTRE HOSPITALIER'} ${dept.code2}-${pad(h, 4)}` });
  }

  // Index lists of professionals by lookup key (specialty code, or kind for other professions), and by key and department.
  const keyOf = (i: number) => (kinds[i] === 0 || kinds[i] === 1 ? speCodes[spes[i]] : KIND_WEIGHTS[kinds[i]][0]);
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
      const local = bySpeDept.get(`${spe}|${deptIndex.get(dept)}`);
      const near = rng.chance(0.9);
      if (local && near) return professional(local[Math.floor(rng.uniform() * local.length)]);
      const anywhere = (bySpeDept.get(spe) ?? bySpeDept.get('1')) as Int32Array;
      return professional(anywhere[Math.floor(rng.uniform() * anywhere.length)]);
    },
    hospitalFor(rng, dept, wantPrivate) {
      const local = hospitalLists.get(`${dept.code}|${ownership(wantPrivate)}`);
      if (local && local.length && rng.chance(0.85)) return rng.pick(local);
      const all = wantPrivate === null ? hospitals : hospitalLists.get(`*|${ownership(wantPrivate)}`);
      return rng.pick(all?.length ? all : hospitals);
    },
  };
}
