import { ApiError } from './errors.js';
import { GenerationCancelled } from './generation-runner.js';

/** How many generations may run at once, how many more may wait for a slot, and what a refused client is told. */
export interface SlotLimits {
  /** Generations running at once. */
  running: number;
  /** Requests waiting for a slot; beyond them a request gets 503. */
  queued: number;
  /** Seconds a refused client is asked to wait (Retry-After). */
  retryAfterSeconds: number;
}

/**
 * Workers: one isolate serves many requests in one thread, so one generation at a time, and no
 * queue: workerd does not let one request's code resume another request's waiting promise, so a
 * request either gets the slot at once or a 503 (Cloudflare spreads load over more isolates).
 */
export const DEFAULT_SLOT_LIMITS: SlotLimits = { running: 1, queued: 0, retryAfterSeconds: 5 };

export interface SlotStats {
  running: number;
  queued: number;
  max_running: number;
  max_queued: number;
}

/**
 * Bounds concurrent generation: `running` at once, `queued` more waiting in arrival order, the
 * rest refused at once with 503 and Retry-After (cheap to send, and the client knows when to come
 * back). A waiting request whose client goes away leaves the queue.
 */
export class GenerationSlots {
  private running = 0;
  private readonly waiting: { grant: () => void }[] = [];

  constructor(readonly limits: SlotLimits) {
    if (!(limits.running >= 1) || !(limits.queued >= 0)) throw new RangeError('GenerationSlots: running must be >= 1 and queued >= 0');
  }

  stats(): SlotStats {
    return { running: this.running, queued: this.waiting.length, max_running: this.limits.running, max_queued: this.limits.queued };
  }

  /** Wait for a slot; the returned function frees it (once, whatever the number of calls). */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (this.running < this.limits.running) {
      this.running++;
      return this.releaser();
    }
    if (this.waiting.length >= this.limits.queued) {
      throw new ApiError(
        503,
        'busy',
        `the server is generating as many datasets as it can (${this.limits.running} at once, ${this.limits.queued} waiting): retry in ${this.limits.retryAfterSeconds} s`,
        { 'Retry-After': String(this.limits.retryAfterSeconds), 'Cache-Control': 'no-store' },
      );
    }
    await new Promise<void>((resolve, reject) => {
      const waiter = {
        grant: () => {
          signal?.removeEventListener('abort', leave);
          resolve();
        },
      };
      const leave = () => {
        const i = this.waiting.indexOf(waiter);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(new GenerationCancelled());
      };
      if (signal?.aborted) return leave();
      signal?.addEventListener('abort', leave, { once: true });
      this.waiting.push(waiter);
    });
    return this.releaser();
  }

  private releaser(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = this.waiting.shift();
      if (next) next.grant();
      else this.running--;
    };
  }
}
