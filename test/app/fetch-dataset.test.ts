import { readFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/core/pipeline/manifest.js';
import { InputError } from '../../src/core/errors.js';
import { writeDataset } from '../../src/node/dataset-writer.js';
import { fetchDataset } from '../../src/node/fetch-dataset.js';
import { startServer, type RunningServer } from '../../src/node/server.js';
import { tempDir } from '../helpers/cli.js';

const spec = { seed: 5, scale: 0.003, parts: 3 };

/** A proxy in front of the app that answers 503 to the first request of every URL. */
function flakyProxy(target: string): Promise<Server> {
  const seen = new Set<string>();
  const server = createServer((req, res) => {
    if (!seen.has(req.url ?? '')) {
      seen.add(req.url ?? '');
      res.writeHead(503, { 'Content-Type': 'application/json' }).end('{"error":{"code":"busy","message":"try again"}}');
      return;
    }
    const upstream = request(`${target}${req.url}`, { method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    req.pipe(upstream);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('hdsbench gen --from (fan-out client) against hdsbench serve', () => {
  let app: RunningServer;
  let local: Manifest;
  let localDir: string;

  beforeAll(async () => {
    app = await startServer({ port: 0, host: '127.0.0.1' });
    localDir = tempDir('local');
    local = (await writeDataset({ out: localDir, spec, format: 'parquet' })).manifest;
  });
  afterAll(async () => {
    await app.close();
  });

  it('writes the same files and manifest as local generation, verified by sha256', async () => {
    const out = tempDir('fetched');
    const result = await fetchDataset({ from: app.url, out, spec, format: 'parquet', concurrency: 3 });
    expect(result.manifest.dataset_sha256).toBe(local.dataset_sha256);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))).toEqual(local);
    for (const f of local.files) expect(readFileSync(join(out, f.path)).equals(readFileSync(join(localDir, f.path))), f.path).toBe(true);

    const again = await fetchDataset({ from: app.url, out, spec, format: 'parquet' });
    expect(again.generated).toHaveLength(0);
    expect(again.skipped).toHaveLength(local.files.length);
  });

  it('retries requests the server could not answer', async () => {
    const proxy = await flakyProxy(app.url);
    try {
      const out = tempDir('flaky');
      const { port } = proxy.address() as AddressInfo;
      const result = await fetchDataset({ from: `http://127.0.0.1:${port}`, out, spec, format: 'csv', tables: ['IR_BEN_R', 'DA_PRA_R'], retryDelayMs: 5 });
      expect(result.manifest.complete).toBe(true);
      expect(result.generated).toHaveLength(4);
    } finally {
      await new Promise((r) => proxy.close(r));
    }
  });

  it('passes on the server\'s advice when a part is too large for one request', async () => {
    const small = await startServer({ port: 0, host: '127.0.0.1', limits: { maxBeneficiariesPerRequest: 100, maxPageScale: 0.1 } });
    try {
      const attempt = fetchDataset({ from: small.url, out: tempDir('refused'), spec: { ...spec, parts: 1 }, format: 'parquet' });
      await expect(attempt).rejects.toThrow(InputError);
      await expect(attempt).rejects.toThrow(/parts=3/);
    } finally {
      await small.close();
    }
  });

  it('refuses a --from that is not a URL, with a usage message', async () => {
    await expect(fetchDataset({ from: 'localhost 8787', out: tempDir('bad-url'), spec, format: 'parquet' })).rejects.toThrow(/--from must be a URL/);
  });
});
