import { Command } from 'commander';
import cliProgress from 'cli-progress';
import { FORMATS, type Format } from '../../core/encode/encoder.js';
import { MAX_SEED } from '../../core/pipeline/dataset.js';
import type { ManifestFile } from '../../core/pipeline/manifest.js';
import { MAX_SCALE } from '../../core/partition.js';
import { writeDataset } from '../../node/dataset-writer.js';
import { fetchDataset } from '../../node/fetch-dataset.js';
import { checkWritableDir } from '../../node/path-checks.js';
import { formatBytes, formatCount, textTable } from '../../format/text.js';
import { integerIn, list, oneOf, positiveNumber } from '../options.js';

interface GenOptions {
  scale: number;
  seed: number;
  format: Format;
  out: string;
  parts: number;
  part?: number;
  threads: number;
  tables?: string[];
  progress: boolean;
  from?: string;
  concurrency: number;
}

export function summarise(files: ManifestFile[], seconds: number): string {
  const byTable = new Map<string, { rows: number; bytes: number; files: number }>();
  for (const f of files) {
    const t = byTable.get(f.table) ?? { rows: 0, bytes: 0, files: 0 };
    t.rows += f.rows;
    t.bytes += f.bytes;
    t.files++;
    byTable.set(f.table, t);
  }
  const rows = [...byTable.entries()].map(([table, t]) => [table, t.files, formatCount(t.rows), formatBytes(t.bytes), formatCount(Math.round(t.rows / seconds))]);
  const totalRows = files.reduce((a, f) => a + f.rows, 0);
  const totalBytes = files.reduce((a, f) => a + f.bytes, 0);
  rows.push(['total', files.length, formatCount(totalRows), formatBytes(totalBytes), formatCount(Math.round(totalRows / seconds))]);
  return textTable(['table', 'files', 'rows', 'bytes', 'rows/s'], rows);
}

export function genCommand(): Command {
  return new Command('gen')
    .description('generate a deterministic SNDS-like dataset (Parquet, Arrow IPC or CSV) with its manifest')
    .option('--scale <sf>', `scale factor: 1 = 100,000 beneficiaries (max ${MAX_SCALE})`, positiveNumber('--scale'), 0.01)
    .option('--seed <n>', `dataset seed, 0..${MAX_SEED}`, integerIn('--seed', 0, MAX_SEED), 42)
    .option('--format <format>', `output format: ${FORMATS.join(', ')}`, oneOf('--format', FORMATS), 'parquet')
    .option('--out <dir>', 'output directory (OUT/<TABLE>/part-<k>-of-<K>.<ext> and OUT/manifest.json)', 'data')
    .option('--parts <K>', 'split the beneficiaries into K parts (one file per table and part)', integerIn('--parts', 1, 1_000_000), 1)
    .option('--part <k>', 'generate only part k of K (1..K); default: all parts', integerIn('--part', 1, 1_000_000))
    .option('--threads <N>', 'worker threads generating parts in parallel', integerIn('--threads', 1, 256), 1)
    .option('--tables <list>', 'comma-separated subset of tables (default: all)', list)
    .option('--no-progress', 'no progress bar')
    .option('--from <url>', "fetch the dataset from an hdsbench server (hdsbench serve or the Worker) instead of generating it; every file is checked against the server's sha256")
    .option('--concurrency <n>', 'with --from: requests in flight at once', integerIn('--concurrency', 1, 64), 4)
    .addHelpText('after', '\nExamples:\n  hdsbench gen --scale 0.1 --seed 7 --out data/sf0.1\n  hdsbench gen --scale 1 --parts 8 --threads 2 --out data/sf1\n  hdsbench gen --scale 1 --parts 8 --part 3 --out data/sf1   # one part, e.g. on another machine\n  hdsbench gen --from http://127.0.0.1:8787 --scale 0.1 --parts 8 --out data/sf0.1   # fetched from a server, verified\n')
    .action(async (o: GenOptions) => {
      const bar = o.progress && process.stderr.isTTY
        ? new cliProgress.SingleBar({ stream: process.stderr, format: 'gen {bar} {percentage}% | {value}/{total} {unit} | {eta_formatted} left', hideCursor: true }, cliProgress.Presets.shades_classic)
        : undefined;
      let started = false;
      await checkWritableDir(o.out, '--out');
      try {
        const onProgress = (done: number, total: number) => {
          if (!bar) return;
          if (!started) {
            bar.start(total, 0, { unit: o.from ? 'files' : 'beneficiaries' });
            started = true;
          }
          bar.update(done);
        };
        const spec = { seed: o.seed, scale: o.scale, parts: o.parts };
        const result = o.from
          ? await fetchDataset({ from: o.from, out: o.out, spec, format: o.format, tables: o.tables, part: o.part, concurrency: o.concurrency, onProgress })
          : await writeDataset({ out: o.out, spec, format: o.format, tables: o.tables, part: o.part, threads: o.threads, onProgress });
        bar?.stop();
        const m = result.manifest;
        console.log(`dataset: seed ${m.seed}, scale ${m.scale} (${formatCount(m.beneficiaries)} beneficiaries), ${m.parts} part(s), ${m.format}, generator ${m.generator.version}`);
        if (result.generated.length) console.log(summarise(result.generated, result.seconds));
        if (result.removed.length) console.log(`removed ${result.removed.length} temporary file(s) left by an interrupted run: ${result.removed.join(', ')}`);
        if (result.skipped.length) console.log(`${result.skipped.length} file(s) already up to date, kept`);
        console.log(`${result.generated.length} file(s) written in ${result.seconds.toFixed(2)} s to ${o.out}`);
        console.log(m.complete ? `dataset sha256: ${m.dataset_sha256}` : `dataset incomplete (${m.files.length} file(s) so far): generate the other parts into ${o.out} to complete it`);
      } finally {
        bar?.stop();
      }
    });
}
