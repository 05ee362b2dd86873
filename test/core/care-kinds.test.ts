import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { Catalog, defaultCatalog } from '../../src/core/catalog/catalog.js';
import { CATALOG_DATA } from '../../src/core/catalog/catalog-data.generated.js';
import { MemorySink } from '../../src/core/encode/byte-sink.js';
import { CARE_KINDS, MAX_KINDS, SHEETS_PER_KIND, STAY_RANGES, STAYS_PER_PERSON, type CareKindName } from '../../src/core/model/kinds/kind-ids.js';
import type { CareModel } from '../../src/core/model/model-data.js';
import { datasetFiles } from '../../src/core/pipeline/dataset.js';
import { generateFiles } from '../../src/core/pipeline/generate.js';

/**
 * One kind of care can be changed without changing the rows of the others: every kind draws from its
 * own stream and numbers its own sheets and stays, so the rows of a kind (told by their DCIR keys or
 * RSA number) are identical when another kind's parameters change.
 */

const base = defaultCatalog();
const spec = { seed: 11, scale: 0.002, parts: 1 };
const DCIR = ['ER_PRS_F', 'ER_PHA_F', 'ER_BIO_F', 'ER_CAM_F', 'ER_ETE_F'];
const PMSI = ['T_MCOaaB', 'T_MCOaaC', 'T_MCOaaD', 'T_MCOaaA', 'T_MCOaaUM'];
/** Tables written by one kind only. */
const OWN_TABLES: Record<string, CareKindName> = {
  T_MCOaaCSTC: 'hospitalOutpatient', T_MCOaaFBSTC: 'hospitalOutpatient', T_MCOaaFMSTC: 'hospitalOutpatient', T_HADaaB: 'homeHospitalisation', T_HADaaC: 'homeHospitalisation',
};

/** The default catalog with care.json edited in memory. */
function withCare(edit: (care: CareModel) => void): Catalog {
  const data = CATALOG_DATA;
  const care = structuredClone(data.model.care) as CareModel;
  edit(care);
  return new Catalog({ ...data, model: { ...data.model, care } }, `${base.version}+edited`);
}

type Rows = Map<string, string[]>;

/** Rows of the DCIR and PMSI tables, each labelled with the kind of care that wrote it. */
async function rowsByKind(catalog: Catalog): Promise<Map<CareKindName, Rows>> {
  const sinks = new Map<string, MemorySink>();
  await generateFiles({
    spec, format: 'csv', catalog, files: datasetFiles(catalog, spec, [...DCIR, ...PMSI, ...Object.keys(OWN_TABLES)]),
    sinkFor: (f) => {
      const s = new MemorySink();
      sinks.set(f.table, s);
      return s;
    },
  });
  const stayKind = (rsa: number): CareKindName => {
    const slot = rsa % STAYS_PER_PERSON;
    const found = Object.entries(STAY_RANGES).find(([, r]) => slot >= r.first && slot < r.first + r.count);
    return found?.[0] as CareKindName;
  };
  const out = new Map<CareKindName, Rows>(CARE_KINDS.map((k) => [k, new Map()]));
  for (const [table, sink] of sinks) {
    const records = parse(new TextDecoder().decode(sink.bytes()), { columns: true }) as Record<string, string>[];
    for (const r of records) {
      let kind: CareKindName;
      if (table in OWN_TABLES) kind = OWN_TABLES[table];
      else if (DCIR.includes(table)) {
        const sheet = Number(r.FLX_EMT_ORD) * 1_000_000_000 + Number(r.DCT_ORD_NUM);
        kind = CARE_KINDS[Math.floor(sheet / SHEETS_PER_KIND) % MAX_KINDS];
      } else kind = stayKind(Number(r.RSA_NUM));
      expect(kind, `${table} row of an unknown kind`).toBeDefined();
      const rows = out.get(kind) as Rows;
      const list = rows.get(table);
      if (list) list.push(JSON.stringify(r));
      else rows.set(table, [JSON.stringify(r)]);
    }
  }
  return out;
}

function expectOnlyChanged(before: Map<CareKindName, Rows>, after: Map<CareKindName, Rows>, changed: CareKindName[]) {
  for (const kind of CARE_KINDS) {
    const a = before.get(kind) as Rows;
    const b = after.get(kind) as Rows;
    const same = [...new Set([...a.keys(), ...b.keys()])].every((t) => JSON.stringify(a.get(t)) === JSON.stringify(b.get(t)));
    expect(same, `rows of ${kind} ${changed.includes(kind) ? 'should change' : 'should not change'}`).toBe(!changed.includes(kind));
  }
}

describe('kinds of care are independent', async () => {
  const before = await rowsByKind(base);

  it('writes rows for most kinds (the test would prove nothing otherwise)', () => {
    const present = CARE_KINDS.filter((k) => [...(before.get(k) as Rows).values()].some((r) => r.length > 0));
    for (const k of ['chronic', 'acute', 'visits', 'hospitalStays', 'dental', 'auxiliaryCourses', 'transport', 'privateClinic', 'hospitalOutpatient'] as const) expect(present).toContain(k);
  });

  it('changing dental care changes the dental rows only', async () => {
    const after = await rowsByKind(withCare((c) => (c.dental.visitsPerPatient *= 2)));
    expectOnlyChanged(before, after, ['dental']);
  });

  it('changing transport changes the transport rows only', async () => {
    const after = await rowsByKind(withCare((c) => c.transport.modes.forEach((m) => (m.legMedian += 7))));
    expectOnlyChanged(before, after, ['transport']);
  });

  it('changing external visits to public hospitals changes those visits only', async () => {
    const after = await rowsByKind(withCare((c) => (c.hospitalOutpatient.consultationsPerYear = c.hospitalOutpatient.consultationsPerYear.map(([a, v]) => [a, v * 2]))));
    expectOnlyChanged(before, after, ['hospitalOutpatient']);
  });

  it('changing home hospitalisation changes those stays only', async () => {
    const after = await rowsByKind(withCare((c) => (c.homeHospitalisation.losMedian += 5)));
    expectOnlyChanged(before, after, ['homeHospitalisation']);
  });

  it('changing acute episodes changes the acute rows only', async () => {
    const after = await rowsByKind(withCare((c) => c.acuteEpisodes.forEach((e) => (e.gpVisit *= 0.5))));
    expectOnlyChanged(before, after, ['acute']);
  });

  it("changing the hospital stays' reasons changes those stays and what they order (rehabilitation, private bills, transport), nothing else", async () => {
    const after = await rowsByKind(withCare((c) => c.stays.forEach((st) => (st.rate *= 3))));
    expectOnlyChanged(before, after, ['hospitalStays', 'rehabilitation', 'privateClinic', 'transport']);
  });
});
