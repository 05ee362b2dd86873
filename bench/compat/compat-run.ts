/**
 * The compatibility suite: extraction rules of public SNDS programmes (Health Data Hub documentation
 * fiches, sndsTools, SCALPEL-Extraction, pysnds, published case definitions), rewritten as DuckDB SQL
 * and run on a generated dataset. Prints, per rule, whether it runs (or the engine's error), its
 * answer, whether the answer is plausible, and a summary "N rules, R run, P plausible".
 *
 *   npm run bench:compat [DIR] [-- --json] [-- --only id,id] [-- --data data]
 *
 * Without DIR, generates (or reuses) the reference dataset: scale 0.1, seed 7, Parquet, under
 * <data>/hdsbench-<version>/. Exit status: 0 when every rule behaves as bench/compat/rules.json lists
 * it (plausible, or failing for its known gap), 1 when one does not (a rule broke, or a gap closed and
 * rules.json must move it), 2 for bad input (no such dataset, unreadable manifest, unknown option).
 */
import { resolve } from 'node:path';
import { defaultDatasetDir, ensureDataset } from '../../src/bench/datasets.js';
import { loadRules } from '../../src/compat/rules.js';
import { runCompat } from '../../src/compat/run.js';
import { renderCompat } from '../../src/compat/render.js';
import { InputError } from '../../src/core/errors.js';

/** The dataset the plausible ranges of rules.json are set for. */
const REFERENCE_DATASET = { seed: 7, scale: 0.1, parts: 1 } as const;

const USAGE = 'usage: npm run bench:compat [DIR] [-- --json] [-- --only id,id] [-- --data <root>]';

interface Args {
  dir?: string;
  json: boolean;
  only?: string[];
  data: string;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { json: false, data: 'data' };
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i];
    if (v === '--json') a.json = true;
    else if (v === '--only' || v === '--data') {
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new InputError(`${v} needs a value\n${USAGE}`);
      if (v === '--only') a.only = next.split(',').map((s) => s.trim()).filter(Boolean);
      else a.data = next;
    } else if (v === '--help' || v === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else if (v.startsWith('-')) throw new InputError(`unknown option ${v}\n${USAGE}`);
    else if (a.dir === undefined) a.dir = v;
    else throw new InputError(`one dataset folder only (got ${a.dir} and ${v})\n${USAGE}`);
  }
  return a;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const suite = loadRules();
  if (args.only) {
    const unknown = args.only.filter((id) => !suite.rules.some((r) => r.id === id));
    if (unknown.length) throw new InputError(`unknown rule${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);
  }
  let dir: string;
  if (args.dir !== undefined) dir = resolve(args.dir);
  else {
    dir = defaultDatasetDir(args.data, REFERENCE_DATASET, 'parquet');
    await ensureDataset(dir, REFERENCE_DATASET, 'parquet', (l) => process.stderr.write(`${l}\n`));
  }
  const report = await runCompat(dir, { suite, only: args.only });
  process.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : `${renderCompat(report)}\n`);
  return report.summary.unexpected + report.summary.gapsClosed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`bench:compat: ${message}\n`);
    process.exit(e instanceof InputError ? 2 : 1);
  },
);
