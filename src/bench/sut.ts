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

/** A tuning profile file (--tuning), validated against bench/tuning.schema.json. */
export async function readTuning(path: string | undefined): Promise<TuningProfile | undefined> {
  if (!path) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    throw new Error(`cannot read the tuning profile ${path}: ${(e as Error).message}`);
  }
  const validate = new Ajv({ allErrors: true }).compile(JSON.parse(await readFile(join(packageRoot(), 'bench', 'tuning.schema.json'), 'utf8')) as object);
  if (!validate(data)) throw new Error(`${path} is not a valid tuning profile: ${(validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ')}`);
  return data as TuningProfile;
}

export async function readSut(path: string | undefined): Promise<SutDeclaration> {
  if (!path) return DEFAULT_SUT;
  let data: unknown;
  try {
    data = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    throw new Error(`cannot read the system declaration ${path}: ${(e as Error).message}`);
  }
  const schema = JSON.parse(await readFile(join(packageRoot(), 'bench', 'sut.schema.json'), 'utf8')) as object;
  const ajv = new Ajv({ allErrors: true });
  const validate = ajv.compile(schema);
  if (!validate(data)) {
    throw new Error(`${path} is not a valid system declaration: ${(validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ')}`);
  }
  const sut = data as SutDeclaration;
  return { ...sut, tuning: sut.tuning ?? {} };
}
