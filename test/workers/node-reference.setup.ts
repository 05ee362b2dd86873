import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import type { Manifest } from '../../src/core/pipeline/manifest.js';
import { writeDataset } from '../../src/node/dataset-writer.js';
import { REFERENCE_DATASETS, referenceKey } from './reference-datasets.js';

declare module 'vitest' {
  export interface ProvidedContext {
    nodeManifests: Record<string, Manifest>;
  }
}

/** Runs in Node before the workerd tests: the reference datasets written by the Node dataset writer. */
export default async function setup(project: TestProject) {
  const root = mkdtempSync(join(tmpdir(), 'hdsbench-node-reference-'));
  try {
    const manifests: Record<string, Manifest> = {};
    for (const [i, d] of REFERENCE_DATASETS.entries()) {
      const { manifest } = await writeDataset({ out: join(root, String(i)), spec: d.spec, format: d.format, tables: d.tables });
      manifests[referenceKey(d)] = manifest;
    }
    project.provide('nodeManifests', manifests);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
