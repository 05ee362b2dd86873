import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { digestKey } from '../../src/compare/dataset-digests.js';
import { GENERATOR_VERSION } from '../../src/core/version.js';
import type { CliResult } from '../helpers/cli.js';
import { fixtureDigest } from './result-fixture.js';

/** The built `compare` command (npm run build first), run in its own process as the CLI runs it. */
const COMMAND = pathToFileURL(join(import.meta.dirname, '..', '..', 'dist', 'src', 'cli', 'commands', 'compare.js')).href;

export function runCompare(args: string[]): Promise<CliResult> {
  const script = `import { compareCommand } from ${JSON.stringify(COMMAND)}; await compareCommand().parseAsync(JSON.parse(process.env.COMPARE_ARGS), { from: 'user' });`;
  return new Promise((resolve) => {
    execFile(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, COMPARE_ARGS: JSON.stringify(args) }, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/** A --digests file knowing the fixtures' datasets at these scales. */
export async function writeDigestsFile(dir: string, scales: number[]): Promise<string> {
  const path = join(dir, 'digests.json');
  const map = Object.fromEntries(scales.map((scale) => [digestKey({ generator_version: GENERATOR_VERSION, seed: 42, scale, parts: 1, format: 'parquet' }), fixtureDigest(scale)]));
  await writeFile(path, JSON.stringify(map, null, 2));
  return path;
}
