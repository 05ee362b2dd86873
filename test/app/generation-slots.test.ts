import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../src/app/errors.js';
import { GenerationSlots } from '../../src/app/generation-slots.js';
import { generationStream } from '../../src/app/generation-stream.js';

/**
 * A generation that waits on its request too long loses its slot (issue 16): its client takes no
 * bytes, or its request's handover timer never fires (workerd after a disconnect whose abort never
 * came: cloudflare/workerd#3488). Inside workerd: test/workers/cancellation.test.ts.
 */
afterEach(() => {
  vi.useRealTimers();
});

describe('GenerationSlots stall watch', () => {
  it('frees the slot of a stream whose client takes no bytes, and cuts its body', async () => {
    const slots = new GenerationSlots({ running: 1, queued: 0, retryAfterSeconds: 5, stalledAfterSeconds: 0.3 });
    const lease = await slots.lease();
    let stopped = false;
    const body = generationStream(
      async (sink, signal) => {
        signal.addEventListener('abort', () => (stopped = true));
        for (;;) await sink.write(new Uint8Array(64 * 1024));
      },
      { hash: false, waits: lease, evicted: lease.evicted, onEnd: () => lease.release() },
    );
    const reader = body.getReader();
    await reader.read();
    expect(slots.stats().running).toBe(1);
    await expect(slots.lease()).rejects.toBeInstanceOf(ApiError);
    // The client reads nothing more: after 0.3 s of backpressure the slot is taken back.
    await vi.waitFor(() => expect(slots.stats().running).toBe(0), { timeout: 5000, interval: 50 });
    expect(stopped).toBe(true);
    await expect((async () => {
      for (;;) if ((await reader.read()).done) return 'ended as if complete';
    })()).rejects.toThrow(/took no bytes for too long/);
    (await slots.lease()).release();
  });

  it('frees, when asked for a slot or stats, a slot whose wait never ends and whose timers never run', async () => {
    vi.useFakeTimers();
    const slots = new GenerationSlots({ running: 1, queued: 0, retryAfterSeconds: 5, stalledAfterSeconds: 10 });
    const lease = await slots.lease();
    lease.begin(); // a handover whose timer never fires
    vi.setSystemTime(Date.now() + 9_000);
    expect(slots.stats().running).toBe(1);
    vi.setSystemTime(Date.now() + 2_000);
    // No timer has run (fake timers, not advanced): the request for a slot finds it stalled.
    const next = await slots.lease();
    expect(lease.evicted.aborted).toBe(true);
    expect(slots.stats().running).toBe(1);
    next.release();
    lease.release(); // the stalled generation ending later frees nothing twice
    expect(slots.stats().running).toBe(0);
  });

  it('keeps the slot of a generation that waits briefly and often (handovers, a reading client)', async () => {
    const slots = new GenerationSlots({ running: 1, queued: 0, retryAfterSeconds: 5, stalledAfterSeconds: 0.2 });
    const lease = await slots.lease();
    for (let i = 0; i < 10; i++) {
      const end = lease.begin();
      await new Promise((r) => setTimeout(r, 50));
      end();
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(lease.evicted.aborted).toBe(false);
    expect(slots.stats().running).toBe(1);
    lease.release();
  });
});
