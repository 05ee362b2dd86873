import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Format } from '../core/encode/encoder.js';
import type { DatasetSpec } from '../core/pipeline/dataset.js';
import { datasetDigest, sameDataset, type Manifest } from '../core/pipeline/manifest.js';
import { readManifest, writeDataset } from '../node/dataset-writer.js';
import { fileSha256 } from '../node/fs-sink.js';
import { GENERATOR_NAME, GENERATOR_VERSION } from '../core/version.js';

/**
 * Generate a dataset into `dir`, or reuse the one already there. Reuse goes through the generator's
 * own resume: every file is hashed against the manifest, and a missing or altered file is generated
 * again, so a run never loads files that differ from the manifest whose digest it reports.
 */
export async function ensureDataset(dir: string, spec: DatasetSpec, format: Format, log: (line: string) => void): Promise<Manifest> {
  const existing = await readManifest(dir).catch(() => null);
  const reusable = existing !== null && existing.complete && sameDataset(existing, spec, format) === null;
  log(reusable ? `dataset: reusing ${dir} (sha256 ${existing.dataset_sha256?.slice(0, 16)}…) after checking its files` : `dataset: generating seed ${spec.seed}, scale ${spec.scale}, ${format} into ${dir}`);
  const r = await writeDataset({ out: dir, spec, format, threads: generationThreads() });
  if (!r.manifest.complete) throw new Error(`dataset in ${dir} is incomplete after generation`);
  if (r.removed.length) log(`dataset: removed ${r.removed.length} temporary file(s) left by an interrupted run: ${r.removed.join(', ')}`);
  if (reusable && r.generated.length) log(`dataset: ${r.generated.length} file(s) did not match the manifest and were generated again`);
  return r.manifest;
}

/** Worker threads need the compiled worker script: generate in this thread when running from sources (tests). */
function generationThreads(): number {
  return import.meta.url.endsWith('.ts') ? 1 : 2;
}

/**
 * Where a dataset is generated under `root` when no folder is named: one folder per generator
 * version, so that upgrading hdsbench generates the new version's datasets beside the old ones
 * instead of refusing a folder that holds another dataset.
 */
export function defaultDatasetDir(root: string, spec: DatasetSpec, format: Format): string {
  return join(root, `${GENERATOR_NAME}-${GENERATOR_VERSION}`, `sf${spec.scale}-seed${spec.seed}-${spec.parts}p-${format}`);
}

/**
 * What is wrong with the files of a dataset the bidder supplies (--dataset): each file must have
 * the size and sha256 its manifest lists, and the manifest's digest must follow from those lines.
 * An empty list means the files are exactly those the reported digest stands for.
 */
export async function datasetFileProblems(dir: string, manifest: Manifest): Promise<string[]> {
  const problems: string[] = [];
  for (const f of manifest.files) {
    const path = join(dir, f.path);
    const size = await stat(path).then((s) => s.size, () => null);
    if (size === null) problems.push(`${f.path} is missing`);
    else if (size !== f.bytes) problems.push(`${f.path} has ${size} bytes, the manifest lists ${f.bytes}`);
    else if ((await fileSha256(path)) !== f.sha256) problems.push(`${f.path} does not match its sha256 in the manifest`);
  }
  if (manifest.dataset_sha256 !== datasetDigest(manifest.files)) problems.push(`the manifest's dataset_sha256 does not follow from its file list`);
  return problems;
}
