import { describe, expect, it } from 'vitest';
import { defaultCatalog, type Catalog } from '../../src/core/catalog/catalog.js';
import { buildModelContext } from '../../src/core/model/model-context.js';
import type { CareModel, ConditionsModel } from '../../src/core/model/model-data.js';

/** The care model as data: codes resolved once against the nomenclatures, unknown codes refused by name. */

const catalog = defaultCatalog();
const context = buildModelContext(42, 1000, catalog);

/** The default catalog with one model file replaced (a researcher's edit of schemas/model/). */
function withModel(name: 'care' | 'conditions', edit: (m: any) => void): Catalog {
  const data = structuredClone(catalog.model<CareModel | ConditionsModel>(name));
  edit(data);
  return Object.create(catalog, { model: { value: <T>(n: string): T => (n === name ? data : catalog.model<T>(n)) as T } });
}

describe('nature of benefit of a CCAM act', () => {
  it('follows its billing group, an exact group key winning over a shared one', () => {
    // ADI is both 1351 (ADI) and the closed 1335 (ZM/ADI): the open, exact one is used.
    expect(context.ccamNature.get('LHQN001')).toBe('1351');
    expect(context.ccamNature.get('HBJD001')).toBe('1453'); // AXI prophylaxis
    expect(context.ccamNature.get('HBMD049')).toBe('1451'); // SDE dental care
    expect(context.ccamNature.get('HBLD634')).toBe('1401'); // PF0 crown of the 100 % santé basket
    expect(context.ccamNature.get('HBLD734')).toBe('1476'); // PFC crown at a free price
    expect(context.ccamNature.get('NEKA020')).toBe('1321'); // ADC surgery
  });

  it('exists in IR_NAT_V for every act the care model bills', () => {
    const natures = new Set(catalog.column('IR_NAT_V', 'PRS_NAT'));
    const care = context.care;
    for (const ccam of [...care.dental.visitActs.map((a) => a.ccam), ...care.dental.prostheses.map((a) => a.ccam)]) {
      expect(natures.has(context.ccamNature.get(ccam) as string), ccam).toBe(true);
    }
  });
});

describe('codes of schemas/model checked against the nomenclatures', () => {
  it('refuses a dental act that IR_CCAM_V63 does not ship, naming it', () => {
    const bad = withModel('care', (m: CareModel) => m.dental.visitActs.push({ ccam: 'HBZZ999', share: 0.1, ages: [0, 120] }));
    expect(() => buildModelContext(42, 1000, bad)).toThrow(/visitActs\/9\/ccam: CCAM code billed in town [^\n]* HBZZ999/);
  });

  it('refuses a transport nature that IR_NAT_V does not ship, naming it', () => {
    const bad = withModel('care', (m: CareModel) => (m.transport.modes[0].nat = '4999'));
    expect(() => buildModelContext(42, 1000, bad)).toThrow(/nature of benefit \(not in IR_NAT_V\) 4999/);
  });

  it("refuses a condition's specialty drug without a reimbursed presentation, naming it", () => {
    const bad = withModel('conditions', (m: ConditionsModel) => m.conditions[0].drugs.push({ atc: 'L01XX99', share: 0.1, boxesPerYear: 12 }));
    expect(() => buildModelContext(42, 1000, bad)).toThrow(/ATC code \(no reimbursed presentation in IR_PHA_R\) L01XX99/);
  });

  it("refuses a radiotherapy course billed by a specialty no professional has, naming it", () => {
    const bad = withModel('conditions', (m: ConditionsModel) => {
      const c = m.conditions.find((x) => x.radiotherapy);
      if (c?.radiotherapy) c.radiotherapy.spe = '99';
    });
    expect(() => buildModelContext(42, 1000, bad)).toThrow(/specialty[^\n]*99/);
  });
});
