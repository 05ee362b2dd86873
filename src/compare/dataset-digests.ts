import { readSha256Map } from './sha256-map-file.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchmarkResult } from '../bench/result.js';
import { FORMATS, type Format } from '../core/encode/encoder.js';
import { GENERATOR_VERSION } from '../core/version.js';
import { writeDataset } from '../node/dataset-writer.js';
import { MAX_GENERATED_SCALE } from './rules.js';

/**
 * The digest of the standard dataset for (generator version, seed, scale, parts, format): either
 * given by the evaluator (--digests FILE, a JSON object whose keys are `digestKey(...)` strings)
 * or, for small scales of this generator version, recomputed by generating the dataset into a
 * temporary folder (the manifest is a pure function of those five values).
 */
export type DatasetIdentity = Pick<BenchmarkResult['dataset'], 'generator_version' | 'seed' | 'scale' | 'parts' | 'format'>;

export type ExpectedDigest = { digest: string; source: 'given' | 'generated' } | { digest: null; why: string };

/** e.g. "generator=0.2.0,seed=42,scale=1,parts=1,format=parquet" */
export function digestKey(d: DatasetIdentity): string {
  return `generator=${d.generator_version},seed=${d.seed},scale=${d.scale},parts=${d.parts},format=${d.format}`;
}

export async function readDigestsFile(path: string): Promise<Map<string, string>> {
  const example = digestKey({ generator_version: GENERATOR_VERSION, seed: 42, scale: 1, parts: 1, format: 'parquet' });
  return readSha256Map('--digests', path, `{"${example}": "<sha256>", …}`, (key) => `the digest of "${key}"`);
}

/** Worker threads need the compiled worker script: generate in this thread when running from sources (tests). */
function generationThreads(): number {
  return import.meta.url.endsWith('.ts') ? 1 : 2;
}

export class DatasetDigests {
  private readonly generated = new Map<string, Promise<ExpectedDigest>>();

  constructor(private readonly given: ReadonlyMap<string, string> = new Map()) {}

  expected(d: DatasetIdentity): Promise<ExpectedDigest> {
    const key = digestKey(d);
    const given = this.given.get(key);
    if (given) return Promise.resolve({ digest: given, source: 'given' });
    let pending = this.generated.get(key);
    if (!pending) {
      pending = this.generate(d);
      this.generated.set(key, pending);
    }
    return pending;
  }

  private async generate(d: DatasetIdentity): Promise<ExpectedDigest> {
    if (d.generator_version !== GENERATOR_VERSION) return { digest: null, why: `generator ${d.generator_version} is not this hdsbench's (${GENERATOR_VERSION}): give its digest with --digests` };
    if (!(FORMATS as readonly string[]).includes(d.format)) return { digest: null, why: `unknown dataset format "${d.format}"` };
    if (d.scale > MAX_GENERATED_SCALE) return { digest: null, why: `scale ${d.scale} is above ${MAX_GENERATED_SCALE}, too large to regenerate here: give its digest with --digests (key "${digestKey(d)}")` };
    const dir = await mkdtemp(join(tmpdir(), 'hdsbench-digest-'));
    try {
      const r = await writeDataset({ out: dir, spec: { seed: d.seed, scale: d.scale, parts: d.parts }, format: d.format as Format, threads: generationThreads() });
      if (!r.manifest.complete || !r.manifest.dataset_sha256) return { digest: null, why: 'the standard dataset could not be generated completely' };
      return { digest: r.manifest.dataset_sha256, source: 'generated' };
    } catch (e) {
      return { digest: null, why: `the standard dataset cannot be generated: ${(e as Error).message}` };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
