import { describe, expect, it } from 'vitest';
import { BENEFICIARIES_PER_YIELD, GenerationCancelled, HANDOVER_AFTER_MS, handovers } from '../../src/app/generation-runner.js';

/**
 * When the in-process runner (workerd) hands its thread to other requests: every
 * BENEFICIARIES_PER_YIELD beneficiaries where the clock stands still during computation (Cloudflare's
 * workerd), and sooner once HANDOVER_AFTER_MS have passed where it moves (wrangler dev, Node). The
 * clock is given, so that no assertion depends on this machine's speed.
 */
function clock() {
  let t = 1000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

/** Call `between` n times, awaiting each handover; which calls (1-based) handed over. */
async function betweenCalls(between: () => Promise<void> | void, n: number, beforeEach?: (call: number) => void): Promise<number[]> {
  const handed: number[] = [];
  for (let call = 1; call <= n; call++) {
    beforeEach?.(call);
    const p = between();
    if (p) {
      handed.push(call);
      await p;
    }
  }
  return handed;
}

describe('handovers of a generation in the request thread', () => {
  it('with a clock that stands still, hands over every BENEFICIARIES_PER_YIELD beneficiaries', async () => {
    const c = clock();
    const h = handovers(new AbortController().signal, undefined, BENEFICIARIES_PER_YIELD, c.now);
    const handed = await betweenCalls(h.between, 6 * BENEFICIARIES_PER_YIELD);
    expect(handed).toEqual(Array.from({ length: 6 }, (_, i) => (i + 1) * BENEFICIARIES_PER_YIELD));
  });

  it('with a clock that moves, hands over at the first beneficiary after HANDOVER_AFTER_MS, whatever the count', async () => {
    const c = clock();
    const h = handovers(new AbortController().signal, undefined, 100, c.now);
    // Beneficiaries of 1 ms: a handover once HANDOVER_AFTER_MS have passed since the last one.
    const quick = await betweenCalls(h.between, 3 * HANDOVER_AFTER_MS, () => c.advance(1));
    expect(quick).toEqual([HANDOVER_AFTER_MS, 2 * HANDOVER_AFTER_MS, 3 * HANDOVER_AFTER_MS]);
    // A slow beneficiary (a busy machine): a handover after each one.
    const slow = await betweenCalls(h.between, 3, () => c.advance(HANDOVER_AFTER_MS * 3));
    expect(slow).toEqual([1, 2, 3]);
  });

  it('a pause (within a batch) restarts both the count and the clock', async () => {
    const c = clock();
    const h = handovers(new AbortController().signal, undefined, 3, c.now);
    expect(h.between()).toBeUndefined();
    c.advance(HANDOVER_AFTER_MS - 1);
    await h.pause();
    c.advance(HANDOVER_AFTER_MS - 1);
    // Two beneficiaries since the pause, less than HANDOVER_AFTER_MS: no handover yet.
    expect(h.between()).toBeUndefined();
    expect(h.between()).toBeUndefined();
    await expect(h.between()).resolves.toBeUndefined();
  });

  it('stops once the signal aborts, at a beneficiary or at a pause', async () => {
    const ac = new AbortController();
    const h = handovers(ac.signal, undefined, BENEFICIARIES_PER_YIELD, clock().now);
    ac.abort();
    expect(() => h.between()).toThrow(GenerationCancelled);
    await expect(h.pause()).rejects.toBeInstanceOf(GenerationCancelled);
  });

  it('reports each handover as a wait of the request (the slot watch for requests whose timers stopped)', async () => {
    const c = clock();
    let begun = 0;
    let ended = 0;
    const waits = {
      begin: () => {
        begun++;
        return () => void ended++;
      },
    };
    const h = handovers(new AbortController().signal, waits, 1, c.now);
    await h.between();
    await h.pause();
    expect([begun, ended]).toEqual([2, 2]);
  });
});
