// What the goldens hold, shared by scripts/update-golden.mjs (which writes them) and
// test/gen/golden.test.ts (which checks them).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Small reference datasets whose every file's sha256 is pinned. */
export const GOLDEN_DATASETS = [
  { seed: 42, scale: 0.002, parts: 1, format: 'parquet' },
  { seed: 42, scale: 0.002, parts: 2, format: 'parquet' },
  { seed: 42, scale: 0.002, parts: 1, format: 'arrow' },
  { seed: 42, scale: 0.002, parts: 1, format: 'csv' },
];

/** The dataset whose first rows are kept as readable CSV (one of GOLDEN_DATASETS, CSV format). */
export const SAMPLE_DATASET = GOLDEN_DATASETS[3];

/** Data rows kept per table (after the header line). */
export const SAMPLE_ROWS = 8;

/**
 * The header and first SAMPLE_ROWS lines of every table of a generated CSV dataset, by table name.
 * The generator writes no line break inside a field, so a line is a row.
 */
export function sampleOf(dir, manifest) {
  const out = {};
  for (const f of [...manifest.files].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    if (out[f.table] !== undefined) continue;
    const lines = readFileSync(join(dir, f.path), 'utf8').split('\n');
    out[f.table] = lines.slice(0, SAMPLE_ROWS + 1).join('\n') + '\n';
  }
  return out;
}
