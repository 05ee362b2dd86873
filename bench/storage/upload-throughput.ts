/**
 * Upload throughput into S3-compatible storage: the same dataset folder copied by the project's own
 * client (ObjectSink, streamed in multipart parts of --part-size MiB as `gen --out s3://` writes,
 * --concurrency files at once, 10 by default as the AWS CLI) and by a standard client (`aws s3 cp
 * --recursive`, when --aws names one),
 * back to back, --rounds times. Prints bytes, wall seconds, MB/s and the CPU seconds of each.
 *
 *   node dist/bench/storage/upload-throughput.js --from data/sf1 --to s3://bench/copy [--aws aws] [--rounds 2] [--part-size 8] [--concurrency 10]
 * The endpoint, region and credentials come from the usual AWS variables (as for gen --out s3://).
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, readFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { ObjectSink } from '../../src/core/storage/object-sink.js';
import { objectKey } from '../../src/core/storage/object-store.js';
import { S3Store } from '../../src/core/storage/s3-store.js';
import { nodeSha256 } from '../../src/node/node-sha256.js';
import { parseLocation, resolveS3Config } from '../../src/node/s3-location.js';
import { formatBytes, textTable } from '../../src/format/text.js';
import { scriptArgs, usageError } from '../script-args.js';

const USAGE = 'usage: node dist/bench/storage/upload-throughput.js --from DIR --to s3://bucket/prefix [--aws aws] [--rounds 1] [--part-size 8] [--concurrency 10]';
const args = scriptArgs({ usage: USAGE, strings: { from: '', to: '', aws: '', rounds: '1', 'part-size': '8', concurrency: '10' } });
const from = args.string('from');
if (!from || !args.string('to')) usageError(USAGE, '--from and --to are required');
const to = parseLocation(args.string('to'), '--to');
if (to.kind !== 's3') usageError(USAGE, `--to must be an s3:// location, got '${args.string('to')}'`);
const aws = args.string('aws');
const rounds = args.number('rounds', { min: 1, integer: true });
const partBytes = args.number('part-size', { min: 5 }) * 1024 * 1024;
/** Files uploaded at once by the project's client: 10, as the AWS CLI (max_concurrent_requests). */
const concurrency = args.number('concurrency', { min: 1, integer: true });
const config = await resolveS3Config(to);
const store = new S3Store(config);

async function files(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await files(p)));
    else if (e.isFile()) out.push(p);
  }
  return out.sort();
}

const paths = await files(from);
let total = 0;
for (const p of paths) total += (await stat(p)).size;

async function ours(prefix: string) {
  let next = 0;
  const one = async () => {
    while (next < paths.length) {
      const p = paths[next++];
      const sink = new ObjectSink(store, objectKey(prefix, relative(from, p)), { partBytes, sha256: nodeSha256 });
      for await (const chunk of createReadStream(p, { highWaterMark: 1 << 20 })) await sink.write(chunk as Buffer);
      await sink.commit();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, one));
}

function theirs(prefix: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, AWS_ACCESS_KEY_ID: config.accessKeyId, AWS_SECRET_ACCESS_KEY: config.secretAccessKey, AWS_DEFAULT_REGION: config.region };
  if (!env.AWS_PROFILE) delete env.AWS_PROFILE;
  execFileSync(aws, ['s3', 'cp', '--recursive', '--quiet', '--endpoint-url', config.endpoint, from, `s3://${config.bucket}/${prefix}`], { env, stdio: 'inherit' });
}

/** Wall and CPU seconds of f: this process's CPU for ours, the finished children's for a spawned client. */
async function timed(f: () => Promise<void> | void, child: boolean) {
  const cpu = () => (child ? childCpu() : (process.cpuUsage().user + process.cpuUsage().system) / 1e6);
  const cpuBefore = cpu();
  const t = performance.now();
  await f();
  return { wall: (performance.now() - t) / 1000, cpu: cpu() - cpuBefore };
}

/** CPU seconds of the finished children of this process (from /proc, Linux). */
function childCpu(): number {
  const fields = readFileSync(`/proc/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const ticks = Number(fields[13]) + Number(fields[14]); // cutime and cstime: fields 16 and 17 of stat
  return ticks / 100;
}

const rows: (string | number)[][] = [];
console.log(`upload of ${paths.length} files, ${formatBytes(total)}, from ${from} into s3://${config.bucket} at ${config.endpoint}`);
for (let r = 1; r <= rounds; r++) {
  const a = await timed(() => ours(objectKey(to.prefix, `ours-${r}`)), false);
  rows.push([r, `hdsbench ObjectSink (${concurrency} files at once)`, a.wall.toFixed(1), (total / a.wall / 1e6).toFixed(1), a.cpu.toFixed(1)]);
  if (aws) {
    const b = await timed(() => theirs(objectKey(to.prefix, `aws-${r}`)), true);
    rows.push([r, 'aws s3 cp --recursive', b.wall.toFixed(1), (total / b.wall / 1e6).toFixed(1), b.cpu.toFixed(1)]);
  }
}
console.log(textTable(['round', 'client', 'wall s', 'MB/s', 'CPU s'], rows));
