import type { Catalog } from '../core/catalog/catalog.js';
import type { ByteSink } from '../core/encode/byte-sink.js';
import type { Format } from '../core/encode/encoder.js';
import type { DatasetSpec, FileSpec } from '../core/pipeline/dataset.js';
import { generateFiles, type FileResult } from '../core/pipeline/generate.js';
import type { RequestWaits } from './request-waits.js';

/** What the app asks a runner to generate: one generation group (the fact files of a part, or scale-only files). */
export interface GenerationJob {
  spec: DatasetSpec;
  format: Format;
  files: FileSpec[];
}

/** The generation of a client that went away: not an error of the server, nothing is logged. */
export class GenerationCancelled extends Error {
  constructor() {
    super('generation cancelled: the client went away');
    this.name = 'GenerationCancelled';
  }
}

/**
 * Where the app's generation runs. Each runtime brings its own: in Workers (and when nothing else
 * is given) in the request's own thread, handing it back to other requests every few beneficiaries;
 * in Node a pool of worker threads (src/node/generation-pool.ts), so the event loop only moves bytes.
 * `run` writes every file into its sink (awaiting each write: backpressure) and rejects with
 * GenerationCancelled soon after `signal` aborts, having stopped the work. A runner that waits on
 * the request's own timers reports those waits to `waits` (the slot's watch for dead requests).
 */
export interface GenerationRunner {
  run(job: GenerationJob, sinkFor: (file: FileSpec) => ByteSink, signal: AbortSignal, waits?: RequestWaits): Promise<FileResult[]>;
}

/**
 * Beneficiaries generated between two yields of the in-process runner: a beneficiary costs about
 * 3 ms of CPU with every fact table (generator 0.3.0, docs/serving.md), so other requests wait
 * about 6 ms plus the encoding of a batch. Measured with `npm run bench:serve` under wrangler dev:
 * 2 halved the health median and p99 of 8, and 1 did no better.
 */
export const BENEFICIARIES_PER_YIELD = 2;

/**
 * How long a handover leaves the thread idle. A request needs several turns of workerd's event
 * loop (accept, read, dispatch, write), and with 0 the generation resumed first at each of them;
 * a short sleep lets a health check through in one handover. Measured with `npm run bench:serve`
 * under wrangler dev (one client downloading): 0 ms gave health p50/p99 44/424 ms, 2 ms 30/227 ms;
 * it costs the generation wall time (not CPU, which is what a Worker is billed and bounded by).
 */
export const HANDOVER_DELAY_MS = 2;

/**
 * Hand the thread to other requests (a timer: their I/O runs first), then go on; stop as soon as
 * `signal` aborts, without waiting for the timer: workerd does not run a request's timers any more
 * once its client has disconnected, so a generation waiting for one would never end (nor free its
 * slot). The abort event itself is delivered (a task workerd runs for the disconnect), when
 * workerd sends it (cloudflare/workerd#3488: not always): the wait is reported to `waits`, so that
 * a timer that never fires costs the generation its slot (GenerationSlots).
 */
export function handOver(signal: AbortSignal, waits?: RequestWaits): Promise<void> {
  if (signal.aborted) return Promise.reject(new GenerationCancelled());
  return new Promise<void>((resolve, reject) => {
    const waited = waits?.begin();
    const stop = () => {
      clearTimeout(timer);
      waited?.();
      reject(new GenerationCancelled());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', stop);
      waited?.();
      resolve();
    }, HANDOVER_DELAY_MS);
    signal.addEventListener('abort', stop, { once: true });
  });
}

/**
 * Wall time after which a generation hands over at its next beneficiary, whatever the count: where
 * the clock moves during computation (Node; workerd as `wrangler dev` runs it), a slow or busy
 * machine then hands over after every beneficiary instead of every BENEFICIARIES_PER_YIELD. In
 * Cloudflare's workerd the clock stands still while a request computes (it moves on I/O, such as
 * the handover's timer), so there the count alone decides.
 */
export const HANDOVER_AFTER_MS = 4;

/**
 * The `between` and `pause` hooks of one generation (see generateFiles), sharing one clock: `pause`
 * (within a batch's encoding) hands over each time; `between` (after each beneficiary) every
 * `every` beneficiaries, or sooner once HANDOVER_AFTER_MS have passed since the generation last
 * got the thread back. Both throw GenerationCancelled once `signal` aborts.
 */
export function handovers(signal: AbortSignal, waits?: RequestWaits, every = BENEFICIARIES_PER_YIELD, now: () => number = () => performance.now()) {
  let count = 0;
  let resumed = now();
  const hand = async () => {
    count = 0;
    await handOver(signal, waits);
    resumed = now();
  };
  return {
    between(): Promise<void> | void {
      if (signal.aborted) throw new GenerationCancelled();
      if (++count >= every || now() - resumed >= HANDOVER_AFTER_MS) return hand();
    },
    pause: hand,
  };
}

/**
 * Generation in the calling thread (Workers: one isolate serves many requests), handing the thread
 * back between beneficiaries (see handovers) and within the encoding of each batch (every few columns, every
 * slice of rows: a Parquet row group of the widest table is otherwise a few hundred ms in one block).
 */
export function inProcessRunner(catalog: Catalog): GenerationRunner {
  return {
    run(job, sinkFor, signal, waits) {
      if (signal.aborted) return Promise.reject(new GenerationCancelled());
      const { between, pause } = handovers(signal, waits);
      return generateFiles({ spec: job.spec, format: job.format, files: job.files, catalog, sinkFor, between, pause });
    },
  };
}
