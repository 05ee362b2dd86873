import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { packageRoot } from './package-root.js';
import type { SutDeclaration } from './result.js';
import type { TuningProfile } from './target.js';

/** The system under test as the bidder declares it (sut.json), validated against bench/sut.schema.json. */
export const DEFAULT_SUT: SutDeclaration = {
  bidder: 'undeclared',
  product: 'embedded DuckDB on the driver machine',
  version: 'n/a',
  nodes: 1,
  region: 'local',
  certifications: [],
  price_eur_per_hour: null,
  tuning: {},
  notes: 'No --sut file was given: figures describe the machine running the driver.',
};

/** A JSON file validated against one of bench/*.schema.json; errors name the file and the problems. */
async function readValidatedJson(path: string, schemaFile: string, what: string): Promise<unknown> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    throw new Error(`cannot read the ${what} ${path}: ${(e as Error).message}`);
  }
  const validate = new Ajv({ allErrors: true, allowUnionTypes: true }).compile(JSON.parse(await readFile(join(packageRoot(), 'bench', schemaFile), 'utf8')) as object);
  if (!validate(data)) throw new Error(`${path} is not a valid ${what}: ${(validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ')}`);
  return data;
}

/** A tuning profile file (--tuning), validated against bench/tuning.schema.json. */
export async function readTuning(path: string | undefined): Promise<TuningProfile | undefined> {
  return path ? ((await readValidatedJson(path, 'tuning.schema.json', 'tuning profile')) as TuningProfile) : undefined;
}

export async function readSut(path: string | undefined): Promise<SutDeclaration> {
  if (!path) return DEFAULT_SUT;
  const data = await readValidatedJson(path, 'sut.schema.json', 'system declaration');
  const sut = data as SutDeclaration;
  return { ...sut, tuning: sut.tuning ?? {} };
}
