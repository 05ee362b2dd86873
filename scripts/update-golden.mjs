#!/usr/bin/env node
// Regenerates test/golden/datasets.json: the digests of small reference datasets. Run it (after
// `npm run build`) only when a change to the generator's output is intended, and bump the
// generator version in package.json and src/core/version.ts in the same commit.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const GOLDEN = [
  { seed: 42, scale: 0.002, parts: 1, format: 'parquet' },
  { seed: 42, scale: 0.002, parts: 2, format: 'parquet' },
  { seed: 42, scale: 0.002, parts: 1, format: 'arrow' },
  { seed: 42, scale: 0.002, parts: 1, format: 'csv' },
];
const out = [];
for (const g of GOLDEN) {
  const dir = mkdtempSync(join(tmpdir(), 'hdsbench-golden-'));
  execFileSync(process.execPath, [join(root, 'dist/src/cli/main.js'), 'gen', '--scale', String(g.scale), '--seed', String(g.seed), '--parts', String(g.parts), '--format', g.format, '--out', dir, '--no-progress'], { stdio: 'ignore' });
  const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  out.push({ ...g, generator: m.generator.version, schema_version: m.schema_version, dataset_sha256: m.dataset_sha256, files: Object.fromEntries(m.files.map((f) => [f.path, f.sha256])) });
}
writeFileSync(join(root, 'test/golden/datasets.json'), JSON.stringify(out, null, 2) + '\n');
console.log(`test/golden/datasets.json: ${out.length} datasets`);
