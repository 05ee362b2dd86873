import type { Catalog } from '../catalog/catalog.js';
import { SchemaValidator, type CodeUse } from '../catalog/json-schema.js';
import type { CareModel, ConditionsModel, DemographyModel, WorkforceModel } from './model-data.js';

/**
 * The generative model files of schemas/model/, validated against schemas/model/model.schema.json
 * when they are loaded: an unknown or misspelt key, a wrong type or a value out of range fails here,
 * naming the file, the path in it and the reason. The codes the schema marks with `x-code` are
 * returned with their type, for the nomenclature checks of the model context.
 */

export const MODEL_FILES = ['demography', 'workforce', 'conditions', 'care'] as const;
export type ModelFileName = (typeof MODEL_FILES)[number];

export interface ModelFiles {
  demography: DemographyModel;
  workforce: WorkforceModel;
  conditions: ConditionsModel;
  care: CareModel;
  /** Every code of the model files, with its type (from the schema's `x-code`) and where it is. */
  codes: (CodeUse & { file: ModelFileName })[];
}

/** Thrown when a model file does not follow its schema; `problems` lists "file path: reason" lines. */
export class ModelFileError extends Error {
  constructor(readonly problems: string[]) {
    super(`schemas/model does not follow schemas/model/model.schema.json:\n  ${problems.join('\n  ')}`);
    this.name = 'ModelFileError';
  }
}

/**
 * The model files as they are, unvalidated and without their codes: for the bundled catalog, whose
 * files the build has checked (see checkModel in model-context.ts).
 */
export function readModelFiles(catalog: Catalog): ModelFiles {
  const files: Record<string, unknown> = {};
  for (const name of MODEL_FILES) files[name] = catalog.model<unknown>(name);
  return { ...(files as Omit<ModelFiles, 'codes'>), codes: [] };
}

const validators = new WeakMap<object, SchemaValidator>();

export function loadModelFiles(catalog: Catalog): ModelFiles {
  const schema = catalog.model<Record<string, unknown>>('model.schema');
  let validator = validators.get(schema);
  if (!validator) {
    validator = new SchemaValidator(schema);
    validators.set(schema, validator);
  }
  const problems: string[] = [];
  const codes: ModelFiles['codes'] = [];
  const files: Record<string, unknown> = {};
  for (const name of MODEL_FILES) {
    const data = catalog.model<unknown>(name);
    const result = validator.validate(data, validator.resolve(`#/$defs/${name}`));
    for (const e of result.errors) problems.push(`schemas/model/${name}.json ${e.path || '/'}: ${e.message}`);
    for (const c of result.codes) codes.push({ ...c, file: name });
    files[name] = data;
  }
  if (problems.length) throw new ModelFileError(problems);
  return { ...(files as Omit<ModelFiles, 'codes'>), codes };
}
