import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, PART_OVERHEAD_BENEFICIARIES } from '../../src/app/limits.js';
import { BENEFICIARIES_PER_SF } from '../../src/core/partition.js';
import { GENERATOR_VERSION } from '../../src/core/version.js';
import { fetchDataset } from '../../src/node/fetch-dataset.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { rawGet, startServe, type ServeProcess } from '../helpers/serve.js';

/**
 * `hdsbench serve` under work it cannot do at once: generation off the event loop, cancelled
 * when the client goes away, bounded (503 + Retry-After), parts counted in the cost, canonical
 * URLs only, links never built from the Host header. A real server from the built CLI, with one
 * generation at a time and one waiting, so that the bounds are reached with three requests.
 */
const path = (seed: number | string, scale: number | string, parts: number | string, format = 'parquet') => `/v1/datasets/hdsbench-${GENERATOR_VERSION}/seed-${seed}/sf-${scale}/parts-${parts}/${format}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Beneficiaries one request may generate, and the scale whose one part holds exactly that many: the largest file served. */
const LIMIT = DEFAULT_LIMITS.maxBeneficiariesPerRequest;
const LARGEST = LIMIT / BENEFICIARIES_PER_SF;

interface Generations {
  running: number;
  queued: number;
  max_running: number;
  max_queued: number;
}

describe('hdsbench serve stays responsive', () => {
  let server: ServeProcess;
  const generations = async (): Promise<Generations> => (await (await fetch(`${server.url}/v1/health`)).json()).generations;
  /** Poll the health route until `ok` holds (bounded, so that a regression fails instead of hanging). */
  const until = async (ok: (g: Generations) => boolean, what: string) => {
    for (let i = 0; i < 600; i++) {
      const g = await generations();
      if (ok(g)) return g;
      await sleep(100);
    }
    throw new Error(`the server never reported ${what}: ${JSON.stringify(await generations())}`);
  };
  /** Start downloading the largest file a request may ask for (many seconds of generation) and read its first bytes. */
  const download = async (seed: number) => {
    const stop = new AbortController();
    const res = await fetch(`${server.url}${path(seed, LARGEST, 1)}/ER_PRS_F/part-1-of-1.parquet`, { signal: stop.signal });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    await reader.read();
    return { stop: () => stop.abort(), res };
  };

  beforeAll(async () => {
    server = await startServe(['--max-generations', '1', '--max-queued', '1']);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('answers /v1/health while a generation runs', async () => {
    let answered = false;
    const manifest = fetch(`${server.url}${path(11, 0.02, 1)}/manifest.json?tables=IR_BEN_R`).then((r) => {
      answered = true;
      return r;
    });
    const g = await until((x) => x.running === 1 || answered, 'the generation running');
    // Health answered while the manifest was still being generated: the event loop was free.
    expect(answered).toBe(false);
    expect(g).toMatchObject({ running: 1, max_running: 1, max_queued: 1 });
    expect((await manifest).status).toBe(200);
    await until((x) => x.running === 0, 'the generation finished');
  });

  it('stops a generation whose client went away, and frees its slot', async () => {
    const d = await download(12);
    expect((await generations()).running).toBe(1);
    d.stop();
    await until((x) => x.running === 0, 'the slot freed');
    // The file was not generated to its end: its entry (sha256, known only at the end) was never cached.
    const head = await fetch(`${server.url}${path(12, LARGEST, 1)}/ER_PRS_F/part-1-of-1.parquet`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBeNull();
  });

  it('refuses generations beyond the running and waiting bounds with 503 and Retry-After', async () => {
    const first = await download(13);
    const waiting = new AbortController();
    const second = fetch(`${server.url}${path(14, LARGEST, 1)}/ER_PRS_F/part-1-of-1.parquet`, { signal: waiting.signal }).catch(() => undefined);
    await until((g) => g.running === 1 && g.queued === 1, 'one generation running and one waiting');
    const third = await fetch(`${server.url}${path(15, LARGEST, 1)}/ER_PRS_F/part-1-of-1.parquet`);
    expect(third.status).toBe(503);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    // Never cached as the file: the headers the route had set for it are not on the refusal.
    expect(third.headers.get('cache-control')).toBe('no-store');
    expect(third.headers.get('content-disposition')).toBeNull();
    expect((await third.json()).error.code).toBe('busy');
    // Health and cheap routes are never refused.
    expect((await fetch(`${server.url}/v1/tables`)).status).toBe(200);
    waiting.abort();
    first.stop();
    await second;
    await until((g) => g.running === 0 && g.queued === 0, 'every slot freed');
  });

  it('counts parts as well as beneficiaries in the cost of a request', async () => {
    // Half the limit's beneficiaries in enough parts cost more than the limit in one part; the limit in two parts too.
    const manyParts = Math.floor(LIMIT / 2 / PART_OVERHEAD_BENEFICIARIES) + 2;
    for (const [scale, parts] of [[LARGEST / 2, manyParts], [LARGEST, 2]] as const) {
      const res = await fetch(`${server.url}${path(1, scale, parts)}/manifest.json`);
      expect(res.status, `SF ${scale} in ${parts} parts`).toBe(422);
      const body = await res.json();
      expect(body.error.code).toBe('dataset_too_large');
      expect(body.error.message).toMatch(new RegExp(`in ${parts} parts costs as much as`));
      expect(body.error.message).toMatch(/part by part/);
    }
    expect((await generations()).running).toBe(0);
    const index = await (await fetch(`${server.url}/v1`)).json();
    expect(index.limits.part_overhead_beneficiaries).toBeGreaterThan(0);
  });

  it('redirects alias dataset URLs (301) to their canonical form, without generating', async () => {
    const file = 'ER_PRS_F/part-1-of-8.parquet';
    const aliases: [string, string][] = [
      [`${path('007', 0.01, 8)}/${file}`, `${path(7, 0.01, 8)}/${file}`],
      [`${path(7, '1e-2', 8)}/${file}`, `${path(7, 0.01, 8)}/${file}`],
      [`${path(7, '0.010', 8)}/${file}`, `${path(7, 0.01, 8)}/${file}`],
      [`${path(7, 0.01, '08')}/${file}`, `${path(7, 0.01, 8)}/${file}`],
      [`${path(7, 0.01, 8)}/ER_PRS_F/part-01-of-08.parquet`, `${path(7, 0.01, 8)}/${file}`],
      [`${path(7, '1e-3', 1)}/IR_BEN_R/part-1-of-1.parquet`, `${path(7, 0.001, 1)}/IR_BEN_R/part-1-of-1.parquet`],
      [`${path('007', 0.01, 8)}/manifest.json?part=02&tables=IR_BEN_R`, `${path(7, 0.01, 8)}/manifest.json?part=2&tables=IR_BEN_R`],
      [`${path(7, 0.01, 8)}/manifest.json?part=02`, `${path(7, 0.01, 8)}/manifest.json?part=2`],
    ];
    for (const [alias, canonical] of aliases) {
      const res = await fetch(`${server.url}${alias}`, { redirect: 'manual' });
      expect(res.status, alias).toBe(301);
      expect(res.headers.get('location'), alias).toBe(canonical);
      expect(res.headers.get('cache-control')).toMatch(/immutable/);
    }
    // A URL that names no dataset has no canonical form: 4xx, not a redirect.
    expect((await fetch(`${server.url}${path('x7', 0.01, 8)}/${file}`, { redirect: 'manual' })).status).toBe(400);
    expect((await fetch(`${server.url}/v1/datasets/hdsbench-0.0.1/seed-7/sf-0.01/parts-8/parquet/${file}`, { redirect: 'manual' })).status).toBe(404);
    expect((await generations()).running).toBe(0);
  });

  it('never builds links from the Host header: relative links without a configured base URL', async () => {
    const page = await rawGet(`${server.url}/?seed=3&scale=0.001&tables=IR_BEN_R&format=csv`, { Host: 'evil.example:666' });
    expect(page.status).toBe(200);
    expect(page.body).not.toContain('evil.example');
    expect(page.body).toContain(`href="${path(3, 0.001, 1, 'csv')}/IR_BEN_R/part-1-of-1.csv"`);
    const redirect = await rawGet(`${server.url}${path('03', 0.001, 1, 'csv')}/IR_BEN_R/part-1-of-1.csv`, { Host: 'evil.example:666' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.location).toBe(`${path(3, 0.001, 1, 'csv')}/IR_BEN_R/part-1-of-1.csv`);
  });
});

describe('hdsbench gen --from against a busy server', () => {
  it('waits out 503 answers (Retry-After) without using up its retries', async () => {
    // One generation at a time and no queue: three of four concurrent requests are refused each round.
    const server = await startServe(['--max-generations', '1', '--max-queued', '0']);
    try {
      const result = await fetchDataset({ from: server.url, out: tempDir('busy'), spec: { seed: 5, scale: 0.002, parts: 4 }, format: 'csv', tables: ['IR_BEN_R'], concurrency: 4, retries: 1 });
      expect(result.manifest.files.length).toBe(4);
    } finally {
      await server.stop();
    }
  });
});

describe('hdsbench serve --base-url', () => {
  it('builds links and redirects from the configured base URL, whatever the Host header', async () => {
    const server = await startServe(['--base-url', 'https://samples.example.org/hdsbench/']);
    try {
      const page = await rawGet(`${server.url}/?seed=3&scale=0.001&tables=IR_BEN_R&format=csv`, { Host: 'evil.example' });
      expect(page.body).not.toContain('evil.example');
      expect(page.body).toContain(`href="https://samples.example.org/hdsbench${path(3, 0.001, 1, 'csv')}/IR_BEN_R/part-1-of-1.csv"`);
      expect(page.body).toContain('hdsbench gen --from https://samples.example.org/hdsbench ');
      const redirect = await rawGet(`${server.url}${path('03', 0.001, 1, 'csv')}/IR_BEN_R/part-1-of-1.csv`, { Host: 'evil.example' });
      expect(redirect.headers.location).toBe(`https://samples.example.org/hdsbench${path(3, 0.001, 1, 'csv')}/IR_BEN_R/part-1-of-1.csv`);
    } finally {
      await server.stop();
    }
  });

  it('refuses a base URL that is not an absolute http(s) URL (status 2)', async () => {
    // Each refusal says what is wrong with the value and quotes it: an option serve does not know
    // also exits 2 and names --base-url, so the status alone would not show that the value was checked.
    const problems: Record<string, RegExp> = {
      'ftp://example.org': /http or https/,
      'example.org': /absolute/,
      'https://example.org/?x=1': /no query/,
    };
    for (const [bad, problem] of Object.entries(problems)) {
      const r = await runCli(['serve', '--port', '0', '--base-url', bad]);
      expect(r.code, bad).toBe(2);
      expect(r.stderr, bad).toMatch(/--base-url must/);
      expect(r.stderr, bad).toMatch(problem);
      expect(r.stderr, bad).toContain(`"${bad}"`);
      expect(r.stderr, bad).not.toMatch(/unknown option/);
    }
  });
});
