import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/core/pipeline/manifest.js';
import { GENERATOR_VERSION } from '../../src/core/version.js';
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

const golden = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'golden', 'datasets.json'), 'utf8')) as Golden[];

describe('golden digests: the same inputs give the same bytes', () => {
  for (const g of golden) {
    it(`seed ${g.seed}, scale ${g.scale}, ${g.parts} part(s), ${g.format}`, async () => {
      const dir = tempDir('golden');
      const r = await runCli(['gen', '--scale', String(g.scale), '--seed', String(g.seed), '--parts', String(g.parts), '--format', g.format, '--out', dir, '--no-progress']);
      expect(r.code).toBe(0);
      const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
      const changed = m.files.filter((f) => g.files[f.path] !== f.sha256).map((f) => f.path);
      const hint =
        g.generator === GENERATOR_VERSION
          ? `generator ${GENERATOR_VERSION} now writes different bytes for ${changed.join(', ')}: a change of output needs a new generator version (package.json and src/core/version.ts) and \`npm run golden:update\``
          : `golden digests are for generator ${g.generator}, this is ${GENERATOR_VERSION}: run \`npm run golden:update\``;
      expect(changed, hint).toEqual([]);
      expect(m.dataset_sha256, hint).toBe(g.dataset_sha256);
    });
  }
});
