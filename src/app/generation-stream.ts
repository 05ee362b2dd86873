import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { ByteSink } from '../core/encode/byte-sink.js';
import { GenerationCancelled } from './generation-runner.js';
import type { RequestWaits } from './request-waits.js';

/** Bytes queued ahead of the client before the generator waits: backpressure keeps memory flat. */
const QUEUED_BYTES = 1 << 20;

export interface StreamedFile {
  bytes: number;
  /** Hex sha256 of everything streamed (only when hashing was asked for). */
  sha256?: string;
}

export interface GenerationStreamOptions {
  /** Hash the bytes as they pass (skipped when the file's hash is already known). */
  hash: boolean;
  /** Runs once the last byte is queued, before the stream closes (e.g. to cache the hash). */
  onComplete?(file: StreamedFile): Promise<void> | void;
  /** The request's signal: its client going away stops the generation like a cancelled body does. */
  signal?: AbortSignal;
  /** Runs once when the generation is over: finished, failed, cancelled, or never started because the client left. */
  onEnd?(): void;
  /** Told when the generation waits for the client to take bytes (and given to `run` for its own waits). */
  waits?: RequestWaits;
  /** Aborts when the generation lost its slot (it waited on its client too long): the response is cut, not completed. */
  evicted?: AbortSignal;
}

class ClientGone extends Error {
  constructor() {
    super('the client closed the response before the end');
  }
}

/** Why the response of an evicted generation ends early (the client sees a cut body, never a complete-looking one). */
export class ClientStalled extends Error {
  constructor() {
    super('the client took no bytes for too long: the generation gave its slot up');
    this.name = 'ClientStalled';
  }
}

/**
 * A response body fed by a generator: `run` writes into a sink whose write() waits while the
 * client is slow, and stops (throws) when the client goes away; its signal aborts then too, so a
 * runner can stop work that is not writing. Generation starts on the first read, so a body that
 * is never read (HEAD) costs nothing. Waiting for the client to take bytes is reported to
 * `options.waits`; when `options.evicted` aborts, the generation stops and the body errors.
 */
export function generationStream(run: (sink: ByteSink, signal: AbortSignal, waits?: RequestWaits) => Promise<void>, options: GenerationStreamOptions): ReadableStream<Uint8Array> {
  const hasher = options.hash ? sha256.create() : undefined;
  let bytes = 0;
  let started = false;
  let cancelled = false;
  let resume: (() => void) | undefined;
  const stop = new AbortController();
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    options.signal?.removeEventListener('abort', gone);
    options.evicted?.removeEventListener('abort', evicted);
    options.onEnd?.();
  };
  const gone = () => {
    cancelled = true;
    stop.abort();
    resume?.();
    // Not started: nothing will run, so the end is now. Started: `run` ends soon and calls end().
    if (!started) end();
  };
  if (options.signal?.aborted) gone();
  else options.signal?.addEventListener('abort', gone, { once: true });
  let errorBody: ((e: Error) => void) | undefined;
  const evicted = () => {
    gone();
    // Cut the response: a client that comes back must not take a short body for a whole file.
    try {
      errorBody?.(new ClientStalled());
    } catch {
      // already closed, or (workerd) a request context that is gone
    }
    end();
  };
  if (options.evicted?.aborted) evicted();
  else options.evicted?.addEventListener('abort', evicted, { once: true });

  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        errorBody = (e) => controller.error(e);
      },
      pull(controller) {
        if (resume) {
          const r = resume;
          resume = undefined;
          r();
        }
        if (started) return;
        started = true;
        const sink: ByteSink = {
          async write(chunk) {
            if (cancelled) throw new ClientGone();
            if (chunk.length === 0) return;
            hasher?.update(chunk);
            bytes += chunk.length;
            controller.enqueue(chunk);
            if ((controller.desiredSize ?? 1) <= 0) {
              const waited = options.waits?.begin();
              await new Promise<void>((r) => (resume = r));
              waited?.();
            }
            if (cancelled) throw new ClientGone();
          },
        };
        if (cancelled) return;
        run(sink, stop.signal, options.waits)
          .then(async () => {
            end();
            await options.onComplete?.({ bytes, sha256: hasher ? bytesToHex(hasher.digest()) : undefined });
            controller.close();
          })
          .catch((e: unknown) => {
            end();
            if (e instanceof ClientGone || e instanceof GenerationCancelled || cancelled) return;
            console.error('hdsbench app: generation failed while streaming:', e);
            controller.error(e);
          });
      },
      cancel() {
        gone();
      },
    },
    { highWaterMark: QUEUED_BYTES, size: (chunk) => chunk.byteLength },
  );
}
