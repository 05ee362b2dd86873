import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import type { FieldSchema } from '../../../core/catalog/catalog-types.js';
import type { Format } from '../../../core/encode/encoder.js';
import { packageRoot } from '../../package-root.js';

/** A script target's folder as target.json declares it (bench/script-target.schema.json). */
export interface ScriptTargetJson {
  name: string;
  version_command: string;
  format: Format;
  capabilities: { restartable: boolean; durable: boolean; concurrent: boolean };
  rows: 'csv' | 'jsonl';
  session?: boolean;
  endpoint?: string;
  ddl?: { types: Record<FieldSchema['type'], string>; table_suffix?: string };
  timeouts?: Partial<Record<Step, number>>;
}

export type Step = 'start' | 'load' | 'query' | 'size' | 'append' | 'restart' | 'stop';

/** Seconds before an executable is stopped, unless target.json says otherwise. */
export const DEFAULT_TIMEOUTS: Record<Step, number> = { start: 300, load: 7200, query: 3600, size: 600, append: 3600, restart: 300, stop: 300 };

export const REQUIRED_EXECUTABLES = ['load', 'query', 'size'] as const;
export const OPTIONAL_EXECUTABLES = ['start', 'stop', 'restart', 'append', 'session'] as const;
export type Executable = (typeof REQUIRED_EXECUTABLES)[number] | (typeof OPTIONAL_EXECUTABLES)[number];

export interface ScriptFolder {
  dir: string;
  spec: ScriptTargetJson;
  /** Absolute paths of the executables present. */
  executables: Partial<Record<Executable, string>>;
  timeouts: Record<Step, number>;
}

/** The folder is not a usable script target: the message names the file and the problem. */
export class ScriptFolderError extends Error {}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Read and check a script target folder before anything runs: target.json against its schema,
 * the required executables present and executable, and what the capabilities promise backed by an
 * executable (a restartable engine needs `restart` or a session; session mode needs `session`).
 */
export function readScriptFolder(folder: string): ScriptFolder {
  const dir = resolve(folder);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new ScriptFolderError(`script target ${folder}: no such folder`);
  const file = join(dir, 'target.json');
  if (!existsSync(file)) throw new ScriptFolderError(`script target ${folder}: target.json is missing (see bench/script-target.schema.json)`);
  let spec: unknown;
  try {
    spec = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ScriptFolderError(`script target ${file}: not valid JSON (${(e as Error).message})`);
  }
  const schema = JSON.parse(readFileSync(join(packageRoot(), 'bench', 'script-target.schema.json'), 'utf8')) as object;
  const validate = new Ajv({ allErrors: true, allowUnionTypes: true }).compile(schema);
  if (!validate(spec)) throw new ScriptFolderError(`script target ${file} does not match bench/script-target.schema.json: ${(validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`).join('; ')}`);
  const s = spec as ScriptTargetJson;
  const executables: ScriptFolder['executables'] = {};
  const problems: string[] = [];
  for (const name of [...REQUIRED_EXECUTABLES, ...OPTIONAL_EXECUTABLES]) {
    const path = join(dir, name);
    if (!existsSync(path)) {
      if ((REQUIRED_EXECUTABLES as readonly string[]).includes(name)) problems.push(`${name} is missing`);
      continue;
    }
    if (!isExecutable(path)) {
      problems.push(`${name} is not executable (chmod +x ${name})`);
      continue;
    }
    executables[name] = path;
  }
  if (s.session && !executables.session && !problems.some((p) => p.startsWith('session'))) problems.push('target.json asks for session mode but the session executable is missing');
  if (s.capabilities.restartable && !executables.restart && !s.session) problems.push('target.json declares the engine restartable but there is no restart executable');
  if (problems.length) throw new ScriptFolderError(`script target ${folder}: ${problems.join('; ')}`);
  return { dir, spec: s, executables, timeouts: { ...DEFAULT_TIMEOUTS, ...(s.timeouts ?? {}) } };
}

/** What --target names a script folder: a path (./, ../, /) or any folder holding a target.json. */
export function isScriptFolderSpec(spec: string): boolean {
  return /^(\.{1,2}\/|\/)/.test(spec) || existsSync(join(spec, 'target.json'));
}
