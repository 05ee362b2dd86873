import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { GENERATOR_VERSION } from '../../src/core/version.js';

/**
 * Inside workerd: a client that goes away stops its generation and frees the isolate's one
 * generation slot, so that the next request generates instead of getting 503 (issue 16). workerd
 * stops running a request's timers once its client has gone, so a generation waiting for its
 * handover timer must stop on the abort itself (handOver in src/app/generation-runner.ts): before
 * that, this test hung with the slot taken.
 */
const ORIGIN = 'http://hdsbench.test';
const file = (seed: number, format: 'csv' | 'arrow' = 'csv') =>
  `${ORIGIN}/v1/datasets/hdsbench-${GENERATOR_VERSION}/seed-${seed}/sf-0.03/parts-1/${format}/ER_PRS_F/part-1-of-1.${format === 'arrow' ? 'arrows' : 'csv'}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Generations {
  running: number;
  queued: number;
}

const generations = async (): Promise<Generations> => ((await (await SELF.fetch(`${ORIGIN}/v1/health`)).json()) as { generations: Generations }).generations;

/** Poll the health route until `ok` holds (bounded, so that a regression fails instead of hanging). */
async function until(ok: (g: Generations) => boolean, what: string, seconds = 120): Promise<Generations> {
  for (let i = 0; i < seconds * 10; i++) {
    const g = await generations();
    if (ok(g)) return g;
    await sleep(100);
  }
  throw new Error(`the Worker never reported ${what}: ${JSON.stringify(await generations())}`);
}

describe('client disconnects in workerd', () => {
  it('stops the generation of a client that cancels its download, and frees the slot for the next request', async () => {
    // SF 0.03 in one part: 3,000 beneficiaries, seconds of work before the end.
    const res = await SELF.fetch(file(21));
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value).startsWith('BEN_AMA_COD,')).toBe(true);
    expect(await generations()).toMatchObject({ running: 1 });
    // While it runs, the isolate's one slot is taken: another generation is refused.
    const refused = await SELF.fetch(file(22));
    expect(refused.status).toBe(503);
    await refused.arrayBuffer();

    await reader.cancel();
    await until((g) => g.running === 0, 'the slot freed');
    // Stopped, not finished: the file's entry (its sha256, known only at the end) was never cached.
    const head = await SELF.fetch(file(21), { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('ETag')).toBeNull();
    // The next request gets the slot.
    const next = await SELF.fetch(file(23));
    expect(next.status).toBe(200);
    const nextReader = next.body!.getReader();
    await nextReader.read();
    await nextReader.cancel();
    await until((g) => g.running === 0, 'the slot freed again');
  });

  // What a client that vanished without workerd aborting its request looks like from the app
  // (cloudflare/workerd#3488: no abort, no cancel(), no more reads): an Arrow download whose
  // client took one chunk and then nothing, without cancelling. Before the stall watch
  // (GenerationSlots, STALLED_AFTER_SECONDS) the generation waited for a read forever and the
  // isolate's slot stayed taken: this test failed at the first `until`.
  it('takes the slot back from a download whose client stopped reading without cancelling, and cuts its body', async () => {
    // (Cutting a streamed body errors the stream: workerd reports its pump's and the reader's
    // rejections as unhandled; vitest.workers.config.ts lets these ClientStalled ones through.)
    const res = await SELF.fetch(file(31, 'arrow'));
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    expect((await reader.read()).done).toBe(false);
    expect(await generations()).toMatchObject({ running: 1 });
    const t = Date.now();
    // STALLED_AFTER_SECONDS (10) after the queue filled up, with room for a slow machine.
    await until((g) => g.running === 0, 'the slot of the stalled download freed', 60);
    expect(Date.now() - t).toBeGreaterThanOrEqual(9_000);
    // The next request generates.
    const next = await SELF.fetch(file(32, 'arrow'));
    expect(next.status).toBe(200);
    const nextReader = next.body!.getReader();
    await nextReader.read();
    await nextReader.cancel();
    await until((g) => g.running === 0, 'the slot freed again');
    // The stalled body was cut, not ended as if complete: reading on fails before any end.
    await expect((async () => {
      for (;;) if ((await reader.read()).done) return 'ended';
    })()).rejects.toThrow();
  });
});
