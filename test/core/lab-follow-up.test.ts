import { describe, expect, it } from 'vitest';
import { Catalog, defaultCatalog } from '../../src/core/catalog/catalog.js';
import { CATALOG_DATA } from '../../src/core/catalog/catalog-data.generated.js';
import { buildModelContext } from '../../src/core/model/model-context.js';
import { labFollowUpFactor, type CareModel, type ConditionSpec } from '../../src/core/model/model-data.js';
import { loadModelFiles } from '../../src/core/model/model-files.js';
import { buildPyramid, drawPerson, type Person } from '../../src/core/model/person.js';

/**
 * Each person's lab follow-up (care.json `labFollowUp`): one class drawn per person from a stream of
 * its own, whose multipliers average 1 so that the volume of biology keeps its level; a condition's
 * test takes the share of it its `followUpWeight` says (conditions.json).
 */

const base = defaultCatalog();
const classes = () => (CATALOG_DATA.model.care as CareModel).labFollowUp.classes;

function withClasses(next: [number, number][]): Catalog {
  const care = structuredClone(CATALOG_DATA.model.care) as CareModel;
  care.labFollowUp.classes = next;
  return new Catalog({ ...CATALOG_DATA, model: { ...CATALOG_DATA.model, care } }, `${base.version}+edited`);
}

function people(catalog: Catalog, n: number): Person[] {
  const ctx = buildModelContext(3, n, catalog);
  const pyramid = buildPyramid(ctx);
  return Array.from({ length: n }, (_, ben) => drawPerson(ctx, pyramid, ben));
}

describe('lab follow-up', () => {
  it('has shares summing to 1 and multipliers averaging 1', () => {
    const c = classes();
    expect(c.reduce((s, [, w]) => s + w, 0)).toBeCloseTo(1, 9);
    expect(Math.abs(c.reduce((s, [m, w]) => s + m * w, 0) - 1)).toBeLessThan(0.005);
  });

  it('draws one of the classes per person, at their shares', () => {
    const n = 6000;
    const drawn = people(base, n).map((p) => p.labFollowUp);
    for (const [m, w] of classes()) {
      const share = drawn.filter((x) => x === m).length / n;
      expect(Math.abs(share - w), `class ${m}`).toBeLessThan(4 * Math.sqrt((w * (1 - w)) / n));
    }
    expect(drawn.every((x) => classes().some(([m]) => m === x))).toBe(true);
  });

  it('leaves the person\'s other draws as they were when the classes change', () => {
    const n = 300;
    const before = people(base, n);
    const after = people(withClasses([[0.5, 0.5], [1.5, 0.5]]), n);
    const strip = (p: Person) => JSON.stringify({ ...p, labFollowUp: undefined });
    expect(after.map(strip)).toEqual(before.map(strip));
    expect(after.some((p, i) => p.labFollowUp !== before[i].labFollowUp)).toBe(true);
  });

  it('applies to a test the share of the multiplier its weight says, keeping the mean factor at 1', () => {
    const c = classes();
    for (const m of [0.03, 0.35, 1.649]) {
      expect(labFollowUpFactor(m, undefined)).toBe(m);
      expect(labFollowUpFactor(m, 1)).toBe(m);
      expect(labFollowUpFactor(m, 0)).toBe(1);
      expect(labFollowUpFactor(m, 0.5)).toBeCloseTo((1 + m) / 2, 12);
    }
    for (const w of [0, 0.25, 0.5, 1]) {
      const mean = c.reduce((s, [m, share]) => s + labFollowUpFactor(m, w) * share, 0);
      expect(Math.abs(mean - 1), `weight ${w}`).toBeLessThan(0.005);
    }
  });

  it('lets the poorly followed diabetics keep part of their HbA1c tests, and the other follow-up tests none', () => {
    const conditions = (CATALOG_DATA.model.conditions as { conditions: ConditionSpec[] }).conditions;
    const labs = conditions.find((c) => c.id === 'diabetes')?.labs ?? [];
    const hba1c = labs.find((l) => l.nabm === '1577');
    expect(hba1c?.followUpWeight).toBeGreaterThan(0);
    expect(hba1c?.followUpWeight).toBeLessThan(1);
    for (const code of ['0593', '0996', '1133']) expect(labs.find((l) => l.nabm === code)?.followUpWeight, code).toBeUndefined();
  });

  it('refuses a weight outside [0, 1] and a misspelt key in a lab entry', () => {
    const edited = (edit: (lab: Record<string, unknown>) => void): Catalog => {
      const conditions = structuredClone(CATALOG_DATA.model.conditions) as { conditions: { labs: Record<string, unknown>[] }[] };
      edit(conditions.conditions[0].labs[0]);
      return new Catalog({ ...CATALOG_DATA, model: { ...CATALOG_DATA.model, conditions } }, `${base.version}+edited`);
    };
    expect(() => loadModelFiles(edited((l) => (l.followUpWeight = 1.5)))).toThrow(/conditions\.json \/conditions\/0\/labs\/0\/followUpWeight: 1\.5 is above the maximum 1/);
    expect(() => loadModelFiles(edited((l) => (l.followupWeight = 0.5)))).toThrow(/conditions\.json \/conditions\/0\/labs\/0\/followupWeight: unknown key "followupWeight"/);
  });
});
