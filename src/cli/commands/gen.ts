import { Command } from 'commander';
import cliProgress from 'cli-progress';
import { FORMATS, type Format } from '../../core/encode/encoder.js';
import { MAX_SEED } from '../../core/pipeline/dataset.js';
import type { ManifestFile } from '../../core/pipeline/manifest.js';
import { MAX_SCALE } from '../../core/partition.js';
import { InputError } from '../../core/errors.js';
import { parseLocation, resolveS3Config } from '../../node/s3-location.js';
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
  flux?: string;
  finalize?: boolean;
  s3Endpoint?: string;
  s3Region?: string;
  s3Addressing?: 'path' | 'virtual';
  s3PartSize: number;
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
    .option('--concurrency <n>', 'with --from: requests in flight at once (with --out s3://…: parts written by the server at once)', integerIn('--concurrency', 1, 1000), 4)
    .option('--flux <YYYY-MM>', "write only that month's flux (new care, late lines, regularisations) of the DCIR tables ER_*: the rows whose FLX_DIS_DTD is that month, as in the dataset running up to it")
    .option('--finalize', 'with --out s3://…: write no file, check that every part is there and write the manifest (after runs of single parts on many machines)')
    .option('--s3-endpoint <url>', 'S3 service URL (default: AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL, the profile, or AWS for the region)')
    .option('--s3-region <region>', 'S3 region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile, or us-east-1)')
    .option('--s3-addressing <style>', 'path (endpoint/bucket/key) or virtual (bucket.endpoint/key); default: virtual on AWS, path elsewhere', oneOf('--s3-addressing', ['path', 'virtual'] as const))
    .option('--s3-part-size <MiB>', 'multipart upload part size in MiB (5 to 512)', integerIn('--s3-part-size', 5, 512), 8)
    .addHelpText('after', '\nExamples:\n  hdsbench gen --scale 0.1 --seed 7 --out data/sf0.1\n  hdsbench gen --scale 1 --parts 8 --threads 2 --out data/sf1\n  hdsbench gen --scale 1 --parts 8 --part 3 --out data/sf1   # one part, e.g. on another machine\n  hdsbench gen --from http://127.0.0.1:8787 --scale 0.1 --parts 8 --out data/sf0.1   # fetched from a server, verified\n  hdsbench gen --scale 1 --parts 8 --out s3://bench/sf1 --s3-endpoint https://s3.fr-par.scw.cloud   # straight into object storage\n  hdsbench gen --scale 1 --parts 8 --part 3 --out s3://bench/sf1   # one part per machine, then:\n  hdsbench gen --scale 1 --parts 8 --out s3://bench/sf1 --finalize   # writes the manifest once all parts are there\n  hdsbench gen --scale 1 --flux 2025-07 --out data/flux-2025-07   # one monthly flux on its own\n  HDSBENCH_WRITE_TOKEN=… hdsbench gen --from https://hdsbench.example.workers.dev --scale 10 --parts 100 --concurrency 50 --out s3://bench/sf10\n      # fan-out: the Worker writes each part into the bucket, this machine checks them and writes the manifest\n\nObject storage: credentials from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (/ AWS_SESSION_TOKEN) or the\nprofile AWS_PROFILE of ~/.aws/credentials; files are streamed as multipart uploads; the manifest is written\nlast. Exit status: 0 done, 1 failure or parts still missing (--finalize), 2 bad input or unreachable storage.\n')
    .action(async (o: GenOptions) => {
      const bar = o.progress && process.stderr.isTTY
        ? new cliProgress.SingleBar({ stream: process.stderr, format: 'gen {bar} {percentage}% | {value}/{total} {unit} | {eta_formatted} left', hideCursor: true }, cliProgress.Presets.shades_classic)
        : undefined;
      let started = false;
      // Parquet's WebAssembly module compiles on V8's compiler threads while this thread loads the
      // generator and prepares the output (awaited before the first file is opened).
      if (o.format === 'parquet' && !o.from && !o.finalize) void import('../../node/parquet-node.js').then((m) => m.compileParquetWasm()).catch(() => undefined);
      const outLoc = parseLocation(o.out);
      if (outLoc.kind === 'local') await checkWritableDir(outLoc.path, '--out');
      try {
        const onProgress = (done: number, total: number) => {
          if (!bar) return;
          if (!started) {
            bar.start(total, 0, { unit: o.from ? 'files' : 'beneficiaries' });
            started = true;
          }
          bar.update(done);
        };
        // Said as soon as it is done, before a generation that may take hours.
        const reportAborted = (keys: string[], kind: 'stale' | 'superseded') =>
          console.log(
            kind === 'stale'
              ? `aborted ${keys.length} incomplete multipart upload(s) left by an interrupted run: ${keys.join(', ')}`
              : `aborted ${keys.length} incomplete multipart upload(s) under files now complete (left by an interrupted run, or a copy another writer was still sending): ${keys.join(', ')}`,
          );
        const spec = { seed: o.seed, scale: o.scale, parts: o.parts };
        const loc = parseLocation(o.out);
        if (o.finalize && loc.kind !== 's3') throw new InputError('--finalize is for --out s3://…: a local folder\'s manifest is updated as each part completes');
        if (o.flux !== undefined && o.from && loc.kind !== 's3') throw new InputError('--flux with --from needs --out s3://… (the server writes the flux into the bucket)');
        let finalized: boolean | undefined;
        let result;
        // Each way of writing is loaded when it is asked for: a local run loads no HTTP or S3 client code.
        if (loc.kind === 's3') {
          const s3 = await resolveS3Config(loc, { endpoint: o.s3Endpoint, region: o.s3Region, addressing: o.s3Addressing });
          const token = process.env.HDSBENCH_WRITE_TOKEN;
          if (o.from && !o.finalize && !token) throw new InputError('--from with --out s3://… asks the server to write the parts: set HDSBENCH_WRITE_TOKEN to the token the server was given');
          const r = o.from && !o.finalize
            ? await (await import('../../node/remote-store-writer.js')).writeRemoteToStore({ from: o.from, token: token as string, url: loc.url, prefix: loc.prefix, s3, spec, format: o.format, tables: o.tables, part: o.part, flux: o.flux, concurrency: o.concurrency, onProgress })
            : await (await import('../../node/store-dataset-writer.js')).writeDatasetToStore({ url: loc.url, prefix: loc.prefix, s3, spec, format: o.format, tables: o.tables, part: o.part, threads: o.threads, flux: o.flux, partBytes: o.s3PartSize * 1024 * 1024, finalizeOnly: o.finalize, onProgress, onAborted: reportAborted });
          finalized = r.finalized;
          result = r;
        } else if (o.from) result = await (await import('../../node/fetch-dataset.js')).fetchDataset({ from: o.from, out: loc.path, spec, format: o.format, tables: o.tables, part: o.part, concurrency: o.concurrency, onProgress });
        else result = await (await import('../../node/dataset-writer.js')).writeDataset({ out: loc.path, spec, format: o.format, tables: o.tables, part: o.part, threads: o.threads, flux: o.flux, onProgress });
        bar?.stop();
        const m = result.manifest;
        console.log(`${m.flux ? `flux ${m.flux} of the dataset` : 'dataset'}: seed ${m.seed}, scale ${m.scale} (${formatCount(m.beneficiaries)} beneficiaries), ${m.parts} part(s), ${m.format}, generator ${m.generator.version}`);
        if (result.generated.length) console.log(summarise(result.generated, result.seconds));
        if (result.removed.length) console.log(`removed ${result.removed.length} temporary file(s) left by an interrupted run: ${result.removed.join(', ')}`);
        if (result.skipped.length) console.log(`${result.skipped.length} file(s) already up to date, kept`);
        console.log(`${result.generated.length} file(s) written in ${result.seconds.toFixed(2)} s to ${o.out}`);
        if (finalized === false) console.log(`part ${o.part} of ${o.parts} is complete in ${o.out}; once every part is there, write the manifest with: hdsbench gen --scale ${o.scale} --seed ${o.seed} --parts ${o.parts} --format ${o.format}${o.flux ? ` --flux ${o.flux}` : ''} --out ${o.out} --finalize`);
        else console.log(m.complete ? `dataset sha256: ${m.dataset_sha256}` : `dataset incomplete (${m.files.length} file(s) so far): generate the other parts into ${o.out} to complete it`);
      } finally {
        bar?.stop();
      }
    });
}
