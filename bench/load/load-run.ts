/**
 * Bounded load run against the local Worker (wrangler dev) or any hdsbench server:
 *   npm run build && node dist/bench/load/load-run.js [--url http://127.0.0.1:8787] [--clients 32] [--requests 20]
 * Without --url it starts `wrangler dev` on a free port and stops it at the end. Each client sends
 * its requests one after the other over a mix of routes (health, tables, page, manifests, small
 * part files in all formats); prints requests/s, latency percentiles and errors as JSON.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { GENERATOR_VERSION } from '../../src/core/version.js';
import { freePort, scriptArgs } from '../script-args.js';

async function startWrangler(): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn('npx', ['wrangler', 'dev', '--ip', '127.0.0.1', '--port', String(port)], {
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('wrangler dev was not ready after 60 s')), 60_000);
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes('Ready on')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`wrangler dev exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

function routes(base: string): string[] {
  const ds = (seed: number, format: string) => `${base}/v1/datasets/hdsbench-${GENERATOR_VERSION}/seed-${seed}/sf-0.001/parts-2/${format}`;
  const list = [`${base}/v1/health`, `${base}/v1/tables`, `${base}/v1/tables/ER_PRS_F`, `${base}/?tables=IR_BEN_R&scale=0.001&seed=1&format=parquet`];
  for (const seed of [1, 2]) {
    list.push(`${ds(seed, 'parquet')}/manifest.json?part=1`, `${ds(seed, 'parquet')}/IR_BEN_R/part-1-of-2.parquet`, `${ds(seed, 'parquet')}/ER_PRS_F/part-2-of-2.parquet`);
    list.push(`${ds(seed, 'csv')}/ER_PHA_F/part-1-of-2.csv`, `${ds(seed, 'arrow')}/IR_IMB_R/part-2-of-2.arrows`, `${ds(seed, 'parquet')}/IR_NAT_V/part-1-of-1.parquet`);
  }
  return list;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const args = scriptArgs({
  usage: 'usage: node dist/bench/load/load-run.js [--url http://127.0.0.1:8787] [--clients 32] [--requests 20]',
  strings: { clients: '32', requests: '20', url: '' },
});
const clients = args.number('clients', { min: 1, integer: true });
const perClient = args.number('requests', { min: 1, integer: true });
const given = args.string('url');
const server = given ? { url: given, child: undefined } : await startWrangler();
try {
  const mix = routes(server.url);
  const latencies: number[] = [];
  const errors: string[] = [];
  let bytes = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = 0; i < perClient; i++) {
        const url = mix[(c * 7 + i) % mix.length];
        const start = performance.now();
        try {
          const res = await fetch(url);
          const body = new Uint8Array(await res.arrayBuffer());
          if (res.status !== 200) errors.push(`${res.status} ${url}`);
          bytes += body.length;
        } catch (e) {
          errors.push(`${(e as Error).message} ${url}`);
        }
        latencies.push(performance.now() - start);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  console.log(JSON.stringify({
    target: given || 'wrangler dev (local workerd)',
    clients,
    requests: latencies.length,
    errors: errors.length,
    seconds: Math.round(seconds * 100) / 100,
    requests_per_second: Math.round((latencies.length / seconds) * 10) / 10,
    mib_per_second: Math.round((bytes / 2 ** 20 / seconds) * 10) / 10,
    latency_ms: { p50: Math.round(percentile(latencies, 50)), p95: Math.round(percentile(latencies, 95)), p99: Math.round(percentile(latencies, 99)), max: Math.round(latencies[latencies.length - 1]) },
    first_errors: errors.slice(0, 5),
  }, null, 2));
  if (errors.length) process.exitCode = 1;
} finally {
  if (server.child?.pid) process.kill(-server.child.pid, 'SIGTERM');
}
