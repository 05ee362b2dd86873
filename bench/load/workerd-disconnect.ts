/**
 * Does a client that disconnects from `wrangler dev` (local workerd, over TCP) free the isolate's
 * generation slot? For each format, two clients: one that reads the first chunk and then stops
 * reading (its socket fills up) before it disconnects, one that reads for a few seconds and then
 * disconnects. Each downloads the largest file a request may ask for (ER_PRS_F, SF 0.03 in one
 * part: seconds of generation), then /v1/health is polled until the slot is free (at most 30 s).
 *   node dist/bench/load/workerd-disconnect.js [--formats parquet,arrow,csv] [--read-ms 3000]
 * A slot left taken costs a restart of wrangler dev before the next case.
 * This is also the reproduction of what docs/serving.md says workerd does not deliver.
 */
import { GENERATOR_VERSION } from '../../src/core/version.js';
import { textTable } from '../../src/format/text.js';
import { scriptArgs, usageError } from '../script-args.js';
import { startWorkerd, stop } from './local-servers.js';

const EXTENSIONS: Record<string, string> = { parquet: 'parquet', arrow: 'arrows', csv: 'csv' };
const USAGE = 'usage: node dist/bench/load/workerd-disconnect.js [--formats parquet,arrow,csv] [--read-ms 3000]';
const args = scriptArgs({ usage: USAGE, strings: { formats: 'parquet,arrow,csv', 'read-ms': '3000' } });
const formats = args.string('formats').split(',');
for (const f of formats) if (!(f in EXTENSIONS)) usageError(USAGE, `formats: '${f}' is not parquet, arrow or csv`);
const readMs = args.number('read-ms', { min: 0 });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let server = await startWorkerd();
const running = async (): Promise<number> => ((await (await fetch(`${server.url}/v1/health`)).json()) as { generations: { running: number } }).generations.running;

/** Download, read as the client does, disconnect; the ms until the slot is free, or undefined after 30 s. */
async function disconnect(format: string, seed: number, keepReading: boolean): Promise<{ bytes: number; freedMs?: number }> {
  const client = new AbortController();
  const res = await fetch(`${server.url}/v1/datasets/hdsbench-${GENERATOR_VERSION}/seed-${seed}/sf-0.03/parts-1/${format}/ER_PRS_F/part-1-of-1.${EXTENSIONS[format]}`, { signal: client.signal });
  if (res.status !== 200) throw new Error(`${format}: status ${res.status}`);
  const reader = res.body!.getReader();
  let bytes = (await reader.read()).value?.length ?? 0;
  const until = performance.now() + readMs;
  while (keepReading && performance.now() < until) {
    const chunk = await reader.read();
    if (chunk.done) break;
    bytes += chunk.value.length;
  }
  client.abort();
  const t = performance.now();
  while (performance.now() - t < 30_000) {
    if ((await running()) === 0) return { bytes, freedMs: Math.round(performance.now() - t) };
    await sleep(250);
  }
  return { bytes };
}

const rows: string[][] = [];
try {
  let seed = 7100;
  for (const format of formats) {
    for (const keepReading of [false, true]) {
      // A slot the previous case never freed would give this one a 503: start a new wrangler dev.
      if ((await running()) > 0) {
        stop(server);
        server = await startWorkerd();
      }
      const r = await disconnect(format, seed++, keepReading);
      rows.push([format, keepReading ? `reads ${readMs} ms, then disconnects` : 'reads one chunk, stops reading, disconnects', r.bytes.toLocaleString('en-US'), r.freedMs === undefined ? 'NOT freed in 30 s' : `freed after ${r.freedMs} ms`]);
    }
  }
} finally {
  stop(server);
}
console.log(`hdsbench ${GENERATOR_VERSION}, wrangler dev (local workerd), a client disconnecting from an ER_PRS_F download of SF 0.03`);
console.log(textTable(['format', 'client', 'bytes read', 'generation slot'], rows));
