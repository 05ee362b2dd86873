import { describe, expect, it } from 'vitest';
import { Catalog, defaultCatalog } from '../../src/core/catalog/catalog.js';
import { CATALOG_DATA } from '../../src/core/catalog/catalog-data.generated.js';
import { buildModelContext } from '../../src/core/model/model-context.js';
import type { CareModel } from '../../src/core/model/model-data.js';
import { buildPyramid, drawPerson, type Person } from '../../src/core/model/person.js';

/**
 * Each person's lab follow-up (care.json `labFollowUp`): one class drawn per person from a stream of
 * its own, whose multipliers average 1 so that the volume of biology keeps its level.
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
});
