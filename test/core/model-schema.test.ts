import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { defaultCatalog, type Catalog } from '../../src/core/catalog/catalog.js';
import { SchemaValidator } from '../../src/core/catalog/json-schema.js';
import { buildModelContext, checkModel } from '../../src/core/model/model-context.js';
import { MODEL_FILES, loadModelFiles } from '../../src/core/model/model-files.js';

/** The model files follow schemas/model/model.schema.json, checked when they are loaded. */

const catalog = defaultCatalog();
const schema = catalog.model<Record<string, unknown>>('model.schema');

/** The default catalog with one model file replaced (a researcher's edit of schemas/model/). */
function withModel(name: string, edit: (m: any) => void): Catalog {
  const data = structuredClone(catalog.model<unknown>(name));
  edit(data);
  return Object.create(catalog, { model: { value: <T>(n: string): T => (n === name ? data : catalog.model<T>(n)) as T } });
}

describe('model schema', () => {
  it('accepts the shipped model files', () => {
    expect(() => loadModelFiles(catalog)).not.toThrow();
  });

  it('passes every check of the build on the shipped catalog (schema and codes: the build runs them, not each start)', () => {
    expect(() => checkModel(catalog)).not.toThrow();
  });

  it('is a valid JSON Schema 2020-12, and Ajv agrees with the validator on the shipped files', () => {
    // Strict on unknown keywords and tuples; Ajv's required/type lints do not see $ref'd or additional properties.
    const ajv = new Ajv2020({ allErrors: true, strictSchema: true, strictTuples: true, strictNumbers: true, strictTypes: false, strictRequired: false });
    ajv.addKeyword({ keyword: 'x-code', schemaType: 'string' });
    ajv.addSchema(schema);
    for (const name of MODEL_FILES) {
      const validate = ajv.getSchema(`${schema.$id as string}#/$defs/${name}`);
      expect(validate, name).toBeDefined();
      expect(validate?.(catalog.model(name)), `${name}: ${JSON.stringify(validate?.errors?.slice(0, 3))}`).toBe(true);
    }
  });

  it('refuses a misspelt key, naming the file, the path and the reason', () => {
    const bad = withModel('care', (m) => {
      m.dental.visitsPerPatiant = m.dental.visitsPerPatient;
      delete m.dental.visitsPerPatient;
    });
    expect(() => buildModelContext(42, 1000, bad)).toThrow(/schemas\/model\/care\.json \/dental\/visitsPerPatiant: unknown key "visitsPerPatiant"/);
    expect(() => buildModelContext(42, 1000, bad)).toThrow(/schemas\/model\/care\.json \/dental: missing key "visitsPerPatient"/);
  });

  it('refuses a value of the wrong type or out of range', () => {
    expect(() => loadModelFiles(withModel('conditions', (m) => (m.conditions[0].aldShare = '0.6')))).toThrow(/conditions\.json \/conditions\/0\/aldShare: expected number, got string "0\.6"/);
    expect(() => loadModelFiles(withModel('care', (m) => (m.billing.rates.acts = 170)))).toThrow(/care\.json \/billing\/rates\/acts: 170 is above the maximum 100/);
    expect(() => loadModelFiles(withModel('workforce', (m) => (m.professions[0].kind = 'surgeon')))).toThrow(/workforce\.json \/professions\/0\/kind: "surgeon" is not one of/);
  });

  it('refuses codes the nomenclatures do not ship, through the schema’s code types', () => {
    const bad = withModel('care', (m) => {
      m.billing.natures.biology = '3999';
      m.technicalForfaits.ZZZZ999 = { nat: '2351', amount: 10 };
      m.pregnancy.ultrasoundAct = 'HBZZ999';
    });
    const message = (() => {
      try {
        buildModelContext(42, 1000, bad);
        return '';
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(message).toMatch(/care\.json \/billing\/natures\/biology: nature of benefit \(not in IR_NAT_V\) 3999/);
    expect(message).toMatch(/care\.json \/technicalForfaits\/ZZZZ999: CCAM code \(not in IR_CCAM_V63\) ZZZZ999/);
    expect(message).toMatch(/care\.json \/pregnancy\/ultrasoundAct: CCAM code billed in town [^\n]* HBZZ999/);
  });

  it('refuses a condition risk naming an unknown condition', () => {
    const bad = withModel('conditions', (m) => (m.conditions[1].riskIf = { diabetis: 1.5 }));
    expect(() => buildModelContext(42, 1000, bad)).toThrow(/conditions\.json \/conditions\/1\/riskIf\/diabetis: condition \(no such id/);
  });

  it('refuses schema keywords the validator does not implement, instead of ignoring them', () => {
    expect(() => new SchemaValidator({ type: 'object', patternProperties: { '^a': { type: 'string' } } })).toThrow(/keyword "patternProperties" is not supported/);
  });
});
