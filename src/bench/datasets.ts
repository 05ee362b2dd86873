import { join } from 'node:path';
import type { Format } from '../core/encode/encoder.js';
import type { DatasetSpec } from '../core/pipeline/dataset.js';
import type { Manifest } from '../core/pipeline/manifest.js';
import { readManifest, writeDataset } from '../node/dataset-writer.js';

/** Generate a dataset into `dir` unless it is already there and complete (then it is reused as is). */
export async function ensureDataset(dir: string, spec: DatasetSpec, format: Format, log: (line: string) => void): Promise<Manifest> {
  const existing = await readManifest(dir).catch(() => null);
  if (existing?.complete && existing.seed === spec.seed && existing.scale === spec.scale && existing.parts === spec.parts && existing.format === format) {
    log(`dataset: reusing ${dir} (sha256 ${existing.dataset_sha256?.slice(0, 16)}…)`);
    return existing;
  }
  log(`dataset: generating seed ${spec.seed}, scale ${spec.scale}, ${format} into ${dir}`);
  const r = await writeDataset({ out: dir, spec, format, threads: 2 });
  if (!r.manifest.complete) throw new Error(`dataset in ${dir} is incomplete after generation`);
  return r.manifest;
}

export function defaultDatasetDir(root: string, spec: DatasetSpec, format: Format): string {
  return join(root, `sf${spec.scale}-seed${spec.seed}-${spec.parts}p-${format}`);
}
