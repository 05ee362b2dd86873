import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { GenerationCancelled, type GenerationJob, type GenerationRunner } from '../app/generation-runner.js';
import type { ByteSink } from '../core/encode/byte-sink.js';
import { InputError } from '../core/errors.js';
import type { FileSpec } from '../core/pipeline/dataset.js';
import type { FileResult } from '../core/pipeline/generate.js';
import type { FromWorker, ServeWorkerData, ToWorker } from './serve-worker.js';

const WORKER_URL = new URL('./serve-worker.js', import.meta.url);

/** Whether the compiled worker entry is there (it is not when this module runs from its TypeScript source, e.g. under vitest). */
export function generationPoolAvailable(): boolean {
  return existsSync(fileURLToPath(WORKER_URL));
}

/**
 * `hdsbench serve`'s generation runner: a pool of worker threads, so that generating never holds
 * the event loop (health checks, other downloads, cancellations go on). The main thread only
 * moves bytes from a thread to the response, acknowledging them as the client takes them. A job
 * whose client goes away is stopped at once by terminating its thread; a new one replaces it.
 * Concurrency is bounded by the app's slots; the pool holds at most `size` idle threads.
 */
export class GenerationPool implements GenerationRunner {
  private readonly idle: Worker[] = [];
  private readonly busy = new Set<Worker>();
  private closed = false;

  /** `parquet`: the compiled Parquet module, handed to each thread, which then compiles none. */
  constructor(
    private readonly size: number,
    private readonly parquet?: WebAssembly.Module,
  ) {}

  private take(): Worker {
    const w = this.idle.pop() ?? new Worker(WORKER_URL, { workerData: { parquet: this.parquet } satisfies ServeWorkerData });
    this.busy.add(w);
    return w;
  }

  private give(w: Worker) {
    this.busy.delete(w);
    w.removeAllListeners('message').removeAllListeners('error').removeAllListeners('exit');
    if (this.closed || this.idle.length >= this.size) void w.terminate();
    else this.idle.push(w);
  }

  private kill(w: Worker) {
    this.busy.delete(w);
    w.removeAllListeners('message').removeAllListeners('error').removeAllListeners('exit');
    void w.terminate();
  }

  run(job: GenerationJob, sinkFor: (file: FileSpec) => ByteSink, signal: AbortSignal): Promise<FileResult[]> {
    if (signal.aborted) return Promise.reject(new GenerationCancelled());
    if (this.closed) return Promise.reject(new Error('the generation pool is closed'));
    const worker = this.take();
    const sinks = job.files.map((f) => sinkFor(f));
    return new Promise<FileResult[]>((resolve, reject) => {
      let settled = false;
      // Chunks are written in order, one after the other; each acknowledged once its sink took it.
      let writes: Promise<void> = Promise.resolve();
      const finish = (outcome: () => void, keep: boolean) => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        if (keep) this.give(worker);
        else this.kill(worker);
        outcome();
      };
      const fail = (e: unknown) => finish(() => reject(signal.aborted ? new GenerationCancelled() : e), false);
      const onAbort = () => finish(() => reject(new GenerationCancelled()), false);
      signal.addEventListener('abort', onAbort, { once: true });
      worker.on('message', (msg: FromWorker) => {
        if (msg.type === 'chunk') {
          writes = writes.then(async () => {
            if (settled) return;
            await sinks[msg.file].write(msg.chunk);
            if (!settled) worker.postMessage({ type: 'ack', bytes: msg.chunk.length } satisfies ToWorker);
          });
          writes.catch(fail);
        } else if (msg.type === 'done') {
          writes.then(() => finish(() => resolve(msg.results.map((r) => ({ file: job.files[r.file], rows: r.rows }))), true), fail);
        } else {
          finish(() => reject(msg.input ? new InputError(msg.message) : new Error(`generation failed in a worker thread: ${msg.message}`)), false);
        }
      });
      worker.on('error', fail);
      worker.on('exit', (code) => fail(new Error(`a generation thread exited (code ${code})`)));
      worker.postMessage({ type: 'run', job } satisfies ToWorker);
    });
  }

  /** Stops every thread, idle or busy. */
  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.idle, ...this.busy];
    this.idle.length = 0;
    this.busy.clear();
    await Promise.all(all.map((w) => w.terminate()));
  }
}
