#!/usr/bin/env node
// Regenerates the goldens of the current generator version, test/golden/<version>/:
//   datasets.json  the digests of small reference datasets (every file's sha256);
//   sample/*.csv   the first rows of every table of the CSV one, readable, so that a golden failure
//                  shows which rows changed.
// Goldens of earlier versions stay as they are: they record what those versions wrote.
// Run it (after `npm run build`) only when a change of the generator's output is intended, and
// bump the generator version in package.json and src/core/version.ts in the same commit.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GOLDEN_DATASETS, SAMPLE_DATASET, SAMPLE_ROWS, sampleOf } from './golden-sample.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
const target = join(root, 'test', 'golden', version);

function generate(g) {
  const dir = mkdtempSync(join(tmpdir(), 'hdsbench-golden-'));
  execFileSync(process.execPath, [join(root, 'dist/src/cli/main.js'), 'gen', '--scale', String(g.scale), '--seed', String(g.seed), '--parts', String(g.parts), '--format', g.format, '--out', dir, '--no-progress'], { stdio: 'ignore' });
  return dir;
}

const out = [];
let sample;
for (const g of GOLDEN_DATASETS) {
  const dir = generate(g);
  const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  if (m.generator.version !== version) throw new Error(`dist/ is generator ${m.generator.version}, package.json says ${version}: run npm run build first`);
  out.push({ ...g, generator: m.generator.version, schema_version: m.schema_version, dataset_sha256: m.dataset_sha256, files: Object.fromEntries(m.files.map((f) => [f.path, f.sha256])) });
  if (JSON.stringify(g) === JSON.stringify(SAMPLE_DATASET)) sample = sampleOf(dir, m);
  rmSync(dir, { recursive: true, force: true });
}
if (!sample) throw new Error('SAMPLE_DATASET is not one of GOLDEN_DATASETS');

rmSync(target, { recursive: true, force: true });
mkdirSync(join(target, 'sample'), { recursive: true });
writeFileSync(join(target, 'datasets.json'), JSON.stringify(out, null, 2) + '\n');
for (const [table, text] of Object.entries(sample)) writeFileSync(join(target, 'sample', `${table}.csv`), text);
console.log(`test/golden/${version}/: ${out.length} datasets, first ${SAMPLE_ROWS} rows of ${Object.keys(sample).length} tables`);
