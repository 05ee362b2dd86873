import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/core/catalog/catalog.js';
import type { Format } from '../../src/core/encode/encoder.js';
import { generateFiles, type GenerateRequest } from '../../src/core/pipeline/generate.js';
import { initParquetForNode } from '../../src/node/parquet-node.js';

/**
 * A server (workerd) hands its thread to other requests between beneficiaries (`between`) and
 * within each batch (`pause`: the batch's rule-driven fills, its Arrow conversion, its Parquet
 * slices). None of it may change a byte: the same files with and without the hooks, in every
 * format, for a part of several batches of the widest table. The hooks really run inside the
 * fills (counted from the caller's frame), which is what a batch's longest block used to be.
 */
const SPEC = { seed: 31, scale: 0.003, parts: 1 };
const FILES = [{ table: 'ER_PRS_F', kind: 'fact' as const, part: 1, parts: 1 }, { table: 'ER_PHA_F', kind: 'fact' as const, part: 1, parts: 1 }];

async function digests(format: Format, hooks: Pick<GenerateRequest, 'between' | 'pause'>): Promise<Record<string, string>> {
  const hashers = new Map<string, ReturnType<typeof sha256.create>>();
  await generateFiles({
    spec: SPEC,
    format,
    files: FILES,
    catalog: defaultCatalog(),
    sinkFor: (file) => {
      const h = sha256.create();
      hashers.set(file.table, h);
      return { write: async (chunk) => void h.update(chunk) };
    },
    ...hooks,
  });
  return Object.fromEntries([...hashers].map(([t, h]) => [t, bytesToHex(h.digest())]));
}

describe('handing the thread over while generating changes no byte', () => {
  beforeAll(() => initParquetForNode());

  for (const format of ['parquet', 'arrow', 'csv'] as const) {
    it(`${format}: same bytes with the Worker's hooks as without`, async () => {
      const sites = { fills: 0, other: 0, between: 0 };
      const yieldNow = () => new Promise<void>((r) => setTimeout(r, 0));
      const paused = await digests(format, {
        between: () => {
          sites.between++;
          return yieldNow();
        },
        pause: () => {
          if (/applyFillsPausing/.test(new Error().stack ?? '')) sites.fills++;
          else sites.other++;
          return yieldNow();
        },
      });
      const plain = await digests(format, {});
      expect(paused).toEqual(plain);
      expect(sites.between).toBeGreaterThan(100);
      // ER_PRS_F's batches (8,192 rows, dozens of rule-driven columns) are filled in several slices
      // each; CSV writes rows ahead of their batch about 1,024 at a time, each less than a slice.
      if (format === 'csv') expect(sites.fills).toBe(0);
      else expect(sites.fills).toBeGreaterThan(5);
    });
  }
});
