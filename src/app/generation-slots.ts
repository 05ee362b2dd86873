import { ApiError } from './errors.js';
import { GenerationCancelled } from './generation-runner.js';
import type { RequestWaits } from './request-waits.js';

/** How many generations may run at once, how many more may wait for a slot, and what a refused client is told. */
export interface SlotLimits {
  /** Generations running at once. */
  running: number;
  /** Requests waiting for a slot; beyond them a request gets 503. */
  queued: number;
  /** Seconds a refused client is asked to wait (Retry-After). */
  retryAfterSeconds: number;
  /**
   * Seconds a generation may wait on its request without progress (its client reading nothing, or a
   * handover timer of its request never firing) before it loses its slot; default
   * STALLED_AFTER_SECONDS.
   */
  stalledAfterSeconds?: number;
}

/**
 * A generation that has waited this long on its request loses its slot (its response is cut). Like a
 * web server's send timeout (nginx's send_timeout is 60 s), but shorter because a slot is scarce (a
 * Worker isolate has one): a client that takes no byte of the 1 MiB queued for it in 10 s is gone
 * or stalled. In workerd it is also the only way out of a request whose client disconnected but
 * whose abort never came (cloudflare/workerd#3488: then its timers never run again either).
 */
export const STALLED_AFTER_SECONDS = 10;

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
 * A slot held by one generation. It is released once (whatever the number of calls); `evicted`
 * aborts when the slot was taken back from a generation that waited on its request too long
 * (the generation should stop: its response is cut).
 */
export class SlotLease implements RequestWaits {
  private waits = 0;
  /** Date.now() when the current wait began (undefined while the generation runs). */
  waitingSince: number | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly eviction = new AbortController();
  private released = false;

  constructor(
    private readonly free: () => void,
    private readonly stalledAfterMs: number,
  ) {}

  get evicted(): AbortSignal {
    return this.eviction.signal;
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    clearTimeout(this.timer);
    this.free();
  }

  begin(): () => void {
    if (this.waits++ === 0) {
      this.waitingSince = Date.now();
      // In the request's own context: frees the slot without anyone asking (Node; workerd while the client is there).
      // (Cleared when the wait ends: when it fires, the wait has lasted stalledAfterMs.)
      this.timer = setTimeout(() => this.evict(), this.stalledAfterMs);
    }
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      if (--this.waits === 0) {
        this.waitingSince = undefined;
        clearTimeout(this.timer);
      }
    };
  }

  stalled(now: number): boolean {
    return !this.released && this.waitingSince !== undefined && now - this.waitingSince >= this.stalledAfterMs;
  }

  /** Take the slot back and tell the generation to stop. */
  evict(): void {
    this.release();
    try {
      this.eviction.abort(new GenerationCancelled());
    } catch {
      // A listener in a request context that is gone (workerd): the slot is free all the same.
    }
  }
}

/**
 * Bounds concurrent generation: `running` at once, `queued` more waiting in arrival order, the
 * rest refused at once with 503 and Retry-After (cheap to send, and the client knows when to come
 * back). A waiting request whose client goes away leaves the queue. A running generation that has
 * waited on its request for `stalledAfterSeconds` loses its slot: checked by its own timer, and by
 * every request that asks for a slot or for the stats, because in workerd a request whose client
 * vanished without an abort never runs its timers again (cloudflare/workerd#3488).
 */
export class GenerationSlots {
  private running = 0;
  private readonly waiting: { grant: () => void }[] = [];
  private readonly holders = new Set<SlotLease>();
  private readonly stalledAfterMs: number;

  constructor(readonly limits: SlotLimits) {
    if (!(limits.running >= 1) || !(limits.queued >= 0)) throw new RangeError('GenerationSlots: running must be >= 1 and queued >= 0');
    const stalled = limits.stalledAfterSeconds ?? STALLED_AFTER_SECONDS;
    if (!(stalled > 0)) throw new RangeError('GenerationSlots: stalledAfterSeconds must be > 0');
    this.stalledAfterMs = stalled * 1000;
  }

  stats(): SlotStats {
    this.evictStalled();
    return { running: this.running, queued: this.waiting.length, max_running: this.limits.running, max_queued: this.limits.queued };
  }

  /** Free the slots of generations that have waited on their requests too long. */
  evictStalled(now = Date.now()): number {
    let evicted = 0;
    for (const lease of [...this.holders]) {
      if (lease.stalled(now)) {
        lease.evict();
        evicted++;
      }
    }
    return evicted;
  }

  /** Wait for a slot; the returned function frees it (once, whatever the number of calls). */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    const lease = await this.lease(signal);
    return () => lease.release();
  }

  /** Wait for a slot, as a lease whose waits on the request are watched (see SlotLease). */
  async lease(signal?: AbortSignal): Promise<SlotLease> {
    this.evictStalled();
    if (this.running < this.limits.running) {
      this.running++;
      return this.newLease();
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
    return this.newLease();
  }

  private newLease(): SlotLease {
    const lease: SlotLease = new SlotLease(
      () => {
        this.holders.delete(lease);
        const next = this.waiting.shift();
        if (next) next.grant();
        else this.running--;
      },
      this.stalledAfterMs,
    );
    this.holders.add(lease);
    return lease;
  }
}
