/**
 * Does a server stay responsive while it generates? 64 clients download dataset files (each one
 * generated on request) while one more client polls GET /v1/health every 100 ms; prints the health
 * latency (p50, p90, p99, max), its errors, and what the downloads got, for `hdsbench serve`
 * (Node) and `wrangler dev` (local workerd). Goal: /v1/health under 100 ms. Before the load, the
 * same poller runs alone for a third of the time against the same server: the baseline of this
 * machine in this run (a shared machine adds its own delays), to read the loaded figures against.
 *   npm run bench:serve [-- --runtime node|workerd|both] [--clients 64] [--seconds 30] [--url U] [--warm-up]
 * Clients are well behaved: a 503 (the server's generation slots and queue are full) is counted
 * and retried after its Retry-After. An error is anything else: a network error, a timeout (health
 * 10 s, a file 120 s), a status other than 200 and 503.
 * Under `wrangler dev` a request goes through wrangler's proxy (a second workerd process) before
 * the Worker's workerd; health is polled both ways (the direct address found from /proc), so that
 * the figures tell the proxy's share from the Worker's.
 */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { GENERATOR_VERSION } from '../../src/core/version.js';
import { scriptArgs } from '../script-args.js';
import { textTable } from '../../src/format/text.js';
import { startNode, startWorkerd, stop, workerdDirectUrl, type Started } from './local-servers.js';

const TABLES = ['IR_BEN_R', 'ER_PRS_F', 'ER_PHA_F', 'ER_BIO_F', 'T_MCOaaB', 'IR_IMB_R'];
const SCALE = 0.01;
const PARTS = 4;

/** The i-th file a client asks for: a different seed each time, so each is generated afresh. */
function fileUrl(base: string, client: number, i: number): string {
  const seed = 1000 + client * 1000 + i;
  const table = TABLES[(client + i) % TABLES.length];
  const part = ((client + i) % PARTS) + 1;
  return `${base}/v1/datasets/hdsbench-${GENERATOR_VERSION}/seed-${seed}/sf-${SCALE}/parts-${PARTS}/parquet/${table}/part-${part}-of-${PARTS}.parquet`;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Figures {
  runtime: string;
  health: { requests: number; errors: number; p50: number; p90: number; p99: number; max: number };
  downloads: { ok: number; refused_503: number; errors: number; mib: number };
  first_errors: string[];
  /** The machine's 1-minute load average at the start and at the end of the measurement. */
  load: [number, number];
}

/** Where health is polled: the server's address, and for wrangler dev also its workerd directly. */
interface Poller {
  name: string;
  url: string;
}

/** Health latency as polled at `url` every 100 ms until `end`. */
async function pollHealth(url: string, end: number): Promise<{ times: number[]; errors: string[] }> {
  const times: number[] = [];
  const errors: string[] = [];
  while (performance.now() < end) {
    const t = performance.now();
    try {
      const res = await fetch(`${url}/v1/health`, { signal: AbortSignal.timeout(10_000) });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`status ${res.status}`);
      times.push(performance.now() - t);
    } catch (e) {
      errors.push(`health: ${(e as Error).message}`);
    }
    await sleep(Math.max(0, 100 - (performance.now() - t)));
  }
  return { times, errors };
}

/** One measurement: every poller polls health while `clients` download; one row of figures per poller. */
async function measure(pollers: Poller[], url: string, clients: number, seconds: number): Promise<Figures[]> {
  const loadBefore = loadavg()[0];
  const end = performance.now() + seconds * 1000;
  const errors: string[] = [];
  let ok = 0;
  let refused = 0;
  let bytes = 0;
  // Pollers start 50 ms apart, so that their requests do not arrive together.
  const polls = pollers.map(async (p, i) => {
    await sleep((i * 50) % 100);
    return pollHealth(p.url, end);
  });
  const downloaders = Array.from({ length: clients }, async (_, c) => {
    for (let i = 0; performance.now() < end; i++) {
      const u = fileUrl(url, c, i);
      try {
        const res = await fetch(u, { signal: AbortSignal.timeout(Math.round(Math.max(1000, Math.min(120_000, end - performance.now())))) });
        if (res.status === 503) {
          refused++;
          await res.arrayBuffer();
          await sleep(Math.round(Math.min(Number(res.headers.get('retry-after') ?? 1) * 1000, Math.max(0, end - performance.now()))));
          continue;
        }
        const body = await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`status ${res.status}`);
        ok++;
        bytes += body.byteLength;
      } catch (e) {
        // A download cut by the end of the measurement is not an error of the server.
        if (performance.now() >= end) break;
        errors.push(`file: ${(e as Error).message}`);
        await sleep(1000);
      }
    }
  });
  const [health] = await Promise.all([Promise.all(polls), ...downloaders]);
  const r = (x: number) => Math.round(x * 10) / 10;
  const load: [number, number] = [loadBefore, loadavg()[0]];
  return pollers.map((p, i) => {
    const times = health[i].times.sort((a, b) => a - b);
    return {
      runtime: clients === 0 ? `${p.name}, idle` : p.name,
      health: { requests: times.length, errors: health[i].errors.length, p50: r(percentile(times, 50)), p90: r(percentile(times, 90)), p99: r(percentile(times, 99)), max: r(times[times.length - 1] ?? NaN) },
      downloads: { ok, refused_503: refused, errors: errors.filter((e) => e.startsWith('file')).length, mib: r(bytes / 2 ** 20) },
      first_errors: [...health[i].errors, ...errors].slice(0, 5),
      load,
    };
  });
}

const args = scriptArgs({
  usage: 'usage: npm run bench:serve [-- --runtime node|workerd|both] [--clients 64] [--seconds 30] [--url U] [--warm-up]',
  strings: { runtime: 'both', clients: '64', seconds: '30', url: '' },
  flags: ['warm-up'],
});
const runtime = args.choice('runtime', ['node', 'workerd', 'both'] as const);
const runtimes = runtime === 'both' ? ['node', 'workerd'] : [runtime];
const clients = args.number('clients', { min: 1, integer: true });
const seconds = args.number('seconds', { min: 1 });
const given = args.string('url');
const warmUp = args.flag('warm-up');
let wrangler = 'not run';
try {
  wrangler = execFileSync('npx', ['wrangler', '--version'], { encoding: 'utf8', env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } }).trim().split('\n').pop() ?? '';
} catch {
  // reported as 'not run'
}
const results: Figures[] = [];
for (const runtime of given ? ['given'] : runtimes) {
  const server: Started = given ? { url: given } : runtime === 'node' ? await startNode() : await startWorkerd();
  try {
    // One health request first, so that both runtimes answer warm; then the idle baseline.
    await fetch(`${server.url}/v1/health`).then((r) => r.arrayBuffer());
    // --warm-up: one file generated first, so that the measurement starts after the process's (the
    // isolate's) first generation, which compiles and warms everything (the model's seed-independent
    // context, the wasm writer): its longest blocks, once per isolate.
    if (warmUp) await fetch(fileUrl(server.url, clients, 0)).then((r) => r.arrayBuffer());
    const pollers: Poller[] = [{ name: given ? given : runtime === 'node' ? 'node (hdsbench serve)' : 'workerd (wrangler dev)', url: server.url }];
    // Under wrangler dev, health is also polled at workerd itself, behind wrangler's proxy: what the proxy adds.
    let direct: string | undefined;
    // The Worker's workerd may still be starting when the proxy answers: a few tries.
    for (let i = 0; runtime === 'workerd' && !direct && i < 5; i++) {
      direct = await workerdDirectUrl(server);
      if (!direct) await sleep(1000);
    }
    if (direct) pollers.push({ name: 'workerd, direct (no proxy)', url: direct });
    else if (runtime === 'workerd') console.error('workerd: its own address was not found; health is polled through wrangler\'s proxy only');
    results.push(...(await measure(pollers, server.url, 0, Math.max(5, Math.round(seconds / 3)))));
    results.push(...(await measure(pollers, server.url, clients, seconds)));
  } finally {
    stop(server);
  }
}
console.log(`hdsbench ${GENERATOR_VERSION}, node ${process.version}, wrangler ${wrangler}, ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} CPUs, ${Math.round(totalmem() / 2 ** 30)} GiB)`);
console.log(`${clients} clients downloading SF ${SCALE} files (parts of ${PARTS}, a new seed each time) for ${seconds} s while one client polls /v1/health every 100 ms${warmUp ? ' (each server warmed up by one generated file first)' : ''}\n`);
console.log(textTable(
  ['runtime', 'health n', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'health errors', 'files ok', '503', 'file errors', 'MiB', 'load avg'],
  results.map((f) => [f.runtime, f.health.requests, f.health.p50, f.health.p90, f.health.p99, f.health.max, f.health.errors, f.downloads.ok, f.downloads.refused_503, f.downloads.errors, f.downloads.mib, `${f.load[0].toFixed(1)}-${f.load[1].toFixed(1)}`]),
));
for (const f of results) if (f.first_errors.length) console.log(`\n${f.runtime}, first errors:\n  ${f.first_errors.join('\n  ')}`);
console.log(`\ngoal: /v1/health p99 under 100 ms under load: ${results.filter((f) => !f.runtime.endsWith(', idle')).map((f) => `${f.runtime} ${f.health.p99 < 100 && f.health.errors === 0 ? 'met' : 'NOT met'}`).join(', ')}`);
