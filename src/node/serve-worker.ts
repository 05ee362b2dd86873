import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { InputError } from '../core/errors.js';
import { generateFiles } from '../core/pipeline/generate.js';
import type { GenerationJob } from '../app/generation-runner.js';
import { initParquetForNode } from './parquet-node.js';

/**
 * Worker-thread entry of `hdsbench serve`'s generation pool (generation-pool.ts): runs one job at
 * a time and posts its bytes to the main thread as they are encoded, waiting for the main thread's
 * acknowledgements once MAX_UNACKED_BYTES are on their way (backpressure from the HTTP client).
 * A job is stopped by terminating the thread.
 */
const MAX_UNACKED_BYTES = 4 << 20;

export type ToWorker = { type: 'run'; job: GenerationJob } | { type: 'ack'; bytes: number };
export type FromWorker =
  | { type: 'chunk'; file: number; chunk: Uint8Array }
  | { type: 'done'; results: { file: number; rows: number }[] }
  | { type: 'error'; message: string; input: boolean };

/**
 * Generation threads yield the CPU to the event loop: on Linux a thread's nice value is its own
 * (setpriority(2) on "process" 0 is the calling thread), so this lowers this thread only and the
 * main thread keeps answering health checks and moving bytes when the cores are busy. Elsewhere
 * it lowers the whole server relative to other processes, which is harmless. Not allowed: ignored.
 */
const GENERATION_NICE = 10;
try {
  setPriority(GENERATION_NICE);
} catch {
  // no permission to change priorities here: generation runs at the server's priority
}

/** What a thread is started with: the pool's compiled Parquet module, when it has one. */
export interface ServeWorkerData {
  parquet?: WebAssembly.Module;
}

initParquetForNode((workerData as ServeWorkerData | null)?.parquet);
const port = parentPort;
if (!port) throw new Error('serve-worker must run in a worker thread');
const post = (msg: FromWorker, transfer?: ArrayBuffer[]) => port.postMessage(msg, transfer);

let unacked = 0;
let drained: (() => void) | undefined;

async function run(job: GenerationJob) {
  const results = await generateFiles({
    spec: job.spec,
    format: job.format,
    files: job.files,
    sinkFor: (file) => {
      const index = job.files.indexOf(file);
      return {
        async write(chunk: Uint8Array) {
          if (chunk.length === 0) return;
          // A copy the thread gives away: encoders may reuse their buffers.
          const copy = chunk.slice();
          unacked += copy.length;
          post({ type: 'chunk', file: index, chunk: copy }, [copy.buffer as ArrayBuffer]);
          while (unacked > MAX_UNACKED_BYTES) await new Promise<void>((resolve) => (drained = resolve));
        },
      };
    },
  });
  return results.map((r) => ({ file: job.files.indexOf(r.file), rows: r.rows }));
}

port.on('message', (msg: ToWorker) => {
  if (msg.type === 'ack') {
    unacked -= msg.bytes;
    const d = drained;
    drained = undefined;
    d?.();
    return;
  }
  unacked = 0;
  run(msg.job).then(
    (results) => post({ type: 'done', results }),
    (e: unknown) => post({ type: 'error', message: e instanceof Error ? e.message : String(e), input: e instanceof InputError }),
  );
});
