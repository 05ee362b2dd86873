import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/core/pipeline/manifest.js';
import { GENERATOR_VERSION } from '../../src/core/version.js';
import { GOLDEN_DATASETS, SAMPLE_DATASET, sampleOf } from '../../scripts/golden-sample.mjs';
import { runCli, tempDir } from '../helpers/cli.js';

interface Golden {
  seed: number;
  scale: number;
  parts: number;
  format: string;
  generator: string;
  dataset_sha256: string;
  files: Record<string, string>;
}

const goldenRoot = join(import.meta.dirname, '..', 'golden');
const here = join(goldenRoot, GENERATOR_VERSION);
const UPDATE = 'a change of output needs a new generator version (package.json and src/core/version.ts) and `npm run golden:update`';

/** Semantic-version order of x.y.z strings. */
function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
  return 0;
}

describe('goldens are kept per generator version', () => {
  it(`the current generator (${GENERATOR_VERSION}) has goldens, and it is the newest version that has any`, () => {
    expect(existsSync(join(here, 'datasets.json')), `no goldens for generator ${GENERATOR_VERSION} in test/golden/${GENERATOR_VERSION}/: run \`npm run golden:update\``).toBe(true);
    const versions = readdirSync(goldenRoot, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    for (const v of versions) expect(v, `test/golden/${v} is not a version`).toMatch(/^\d+\.\d+\.\d+$/);
    expect(versions.sort(compareVersions).at(-1)).toBe(GENERATOR_VERSION);
  });

  it('the goldens of a version were written by that version, for the datasets the update script generates', () => {
    for (const v of readdirSync(goldenRoot, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name)) {
      const golden = JSON.parse(readFileSync(join(goldenRoot, v, 'datasets.json'), 'utf8')) as Golden[];
      for (const g of golden) expect(g.generator, `test/golden/${v}/datasets.json`).toBe(v);
    }
    const current = JSON.parse(readFileSync(join(here, 'datasets.json'), 'utf8')) as Golden[];
    expect(current.map(({ seed, scale, parts, format }) => ({ seed, scale, parts, format }))).toEqual(GOLDEN_DATASETS);
  });
});

describe(`golden datasets of generator ${GENERATOR_VERSION}: the same inputs give the same bytes`, () => {
  const golden = existsSync(join(here, 'datasets.json')) ? (JSON.parse(readFileSync(join(here, 'datasets.json'), 'utf8')) as Golden[]) : [];
  for (const g of golden) {
    const isSample = g.seed === SAMPLE_DATASET.seed && g.scale === SAMPLE_DATASET.scale && g.parts === SAMPLE_DATASET.parts && g.format === SAMPLE_DATASET.format;
    it(`seed ${g.seed}, scale ${g.scale}, ${g.parts} part(s), ${g.format}${isSample ? ' (and its readable sample)' : ''}`, async () => {
      const dir = tempDir('golden');
      const r = await runCli(['gen', '--scale', String(g.scale), '--seed', String(g.seed), '--parts', String(g.parts), '--format', g.format, '--out', dir, '--no-progress']);
      expect(r.code, r.stderr).toBe(0);
      const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
      if (isSample) {
        // First: the rows, so that a failure shows which rows of which table changed.
        const sampleDir = join(here, 'sample');
        const expected = Object.fromEntries(readdirSync(sampleDir).filter((f) => f.endsWith('.csv')).sort().map((f) => [f.replace(/\.csv$/, ''), readFileSync(join(sampleDir, f), 'utf8').split('\n')]));
        const actual = Object.fromEntries(Object.entries(sampleOf(dir, m)).sort(([a], [b]) => (a < b ? -1 : 1)).map(([t, text]) => [t, text.split('\n')]));
        expect(actual, `the first rows of some table changed (test/golden/${GENERATOR_VERSION}/sample/): ${UPDATE}`).toEqual(expected);
      }
      const changed = m.files.filter((f) => g.files[f.path] !== f.sha256).map((f) => f.path);
      const missing = Object.keys(g.files).filter((p) => !m.files.some((f) => f.path === p));
      expect({ changed, missing }, `generator ${GENERATOR_VERSION} now writes different bytes: ${UPDATE}`).toEqual({ changed: [], missing: [] });
      expect(m.dataset_sha256).toBe(g.dataset_sha256);
    });
  }
});
