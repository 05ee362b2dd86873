import { join } from 'node:path';
import type { Format } from '../core/encode/encoder.js';
import { filePath, type DatasetSpec, type FileSpec } from '../core/pipeline/dataset.js';
import { generateFiles } from '../core/pipeline/generate.js';
import type { ManifestFile } from '../core/pipeline/manifest.js';
import type { S3Config } from '../core/storage/s3-store.js';
import { AtomicFileSink } from './fs-sink.js';

/** A unit of work for one thread: the fact files of one part, or the scale-only tables. */
export interface GenerateJob {
  spec: DatasetSpec;
  format: Format;
  /** Local folder (when `s3` is absent). */
  out: string;
  files: FileSpec[];
  /** Write into an S3-compatible bucket under `prefix` instead of OUT. */
  s3?: { config: S3Config; prefix: string; partBytes: number };
  /** 'YYYY-MM': only that month's flux. */
  flux?: string;
}

/** Generate a job's files into OUT atomically (or into object storage); on failure no partial file is left behind. */
export async function runJob(job: GenerateJob, onProgress?: (done: number, total: number) => void): Promise<ManifestFile[]> {
  // The WebAssembly module is compiled only when Parquet is asked for (a tenth of a small run's
  // start-up), once per process; a caller may have started its compilation earlier.
  if (job.format === 'parquet') await (await import('./parquet-node.js')).initParquetForNodeAsync();
  if (job.s3) {
    // Object storage code (the S3 client, its signing and hashing) is loaded for a bucket only.
    const [{ S3Store }, { writeFilesToStore }, { nodeSha256 }] = await Promise.all([import('../core/storage/s3-store.js'), import('../core/storage/store-dataset.js'), import('./node-sha256.js')]);
    return writeFilesToStore({ store: new S3Store(job.s3.config), prefix: job.s3.prefix, spec: job.spec, format: job.format, files: job.files, partBytes: job.s3.partBytes, sha256: nodeSha256, flux: job.flux, onProgress });
  }
  const sinks = new Map<FileSpec, AtomicFileSink>();
  try {
    const results = await generateFiles({
      spec: job.spec,
      format: job.format,
      files: job.files,
      flux: job.flux,
      onProgress,
      sinkFor: (file) => {
        const sink = new AtomicFileSink(join(job.out, filePath(file, job.format)));
        sinks.set(file, sink);
        return sink;
      },
    });
    const entries: ManifestFile[] = [];
    for (const r of results) {
      const sink = sinks.get(r.file) as AtomicFileSink;
      const sha256 = await sink.commit();
      entries.push({ path: filePath(r.file, job.format), table: r.file.table, part: r.file.part, parts: r.file.parts, rows: r.rows, bytes: sink.bytes, sha256 });
    }
    return entries;
  } catch (e) {
    await Promise.all([...sinks.values()].map((s) => s.abort()));
    throw e;
  }
}
