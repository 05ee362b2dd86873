import { join } from 'node:path';
import type { Format } from '../core/encode/encoder.js';
import { filePath, type DatasetSpec, type FileSpec } from '../core/pipeline/dataset.js';
import { generateFiles } from '../core/pipeline/generate.js';
import type { ManifestFile } from '../core/pipeline/manifest.js';
import { AtomicFileSink } from './fs-sink.js';

/** A unit of work for one thread: the fact files of one part, or the scale-only tables. */
export interface GenerateJob {
  spec: DatasetSpec;
  format: Format;
  out: string;
  files: FileSpec[];
}

/** Generate a job's files into OUT atomically; on failure no partial file is left behind. */
export async function runJob(job: GenerateJob, onProgress?: (done: number, total: number) => void): Promise<ManifestFile[]> {
  const sinks = new Map<FileSpec, AtomicFileSink>();
  try {
    const results = await generateFiles({
      spec: job.spec,
      format: job.format,
      files: job.files,
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
