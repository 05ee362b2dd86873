import { SELF, env } from 'cloudflare:test';
import { describe, expect, inject, it } from 'vitest';
import type { ManifestFile } from '../../src/core/pipeline/manifest.js';
import { GENERATOR_VERSION } from '../../src/core/version.js';
import { REFERENCE_DATASETS, referenceKey } from './reference-datasets.js';

/** The part-writing route inside workerd, writing into the local R2 bucket of the test pool. */
const ORIGIN = 'http://hdsbench.test';
const TOKEN = 'workers-test-token';
const d = REFERENCE_DATASETS[0];
const base = `${ORIGIN}/v1/datasets/hdsbench-${GENERATOR_VERSION}/seed-${d.spec.seed}/sf-${d.spec.scale}/parts-${d.spec.parts}/${d.format}`;

function write(part: number, body: unknown, token: string | null = TOKEN) {
  return SELF.fetch(`${base}/parts/${part}/write`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...(token === null ? {} : { Authorization: `Bearer ${token}` }) }, body: JSON.stringify(body) });
}

async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  return [...new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function objects(prefix: string) {
  return (await env.DATASETS.list({ prefix })).objects;
}

describe('POST {dataset}/parts/{k}/write in workerd (R2)', () => {
  it('is not an open write endpoint: no token or a wrong one is 401, and nothing is written', async () => {
    const none = await write(1, { prefix: 'r2/denied' }, null);
    expect(none.status).toBe(401);
    expect(none.headers.get('WWW-Authenticate')).toContain('Bearer');
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    expect((await write(1, { prefix: 'r2/denied' }, 'not-the-token')).status).toBe(401);
    expect(await objects('r2/denied')).toEqual([]);
  });

  it('generates every table of part k in one request into R2, byte-identical to Node, and records the part', async () => {
    const node = inject('nodeManifests')[referenceKey(d)];
    for (const part of [1, 2]) {
      const res = await write(part, { prefix: 'r2/ds' });
      expect(res.status, await res.clone().text()).toBe(200);
      const answer = (await res.json()) as { files: ManifestFile[] };
      const expected = node.files.filter((f) => f.part === part && (f.parts === d.spec.parts || part === 1));
      expect([...answer.files].sort((a, b) => a.path.localeCompare(b.path))).toEqual([...expected].sort((a, b) => a.path.localeCompare(b.path)));
    }
    const stored = await objects('r2/ds/');
    for (const f of node.files) {
      const o = await env.DATASETS.get(`r2/ds/${f.path}`);
      expect(o, f.path).not.toBeNull();
      expect(await sha256Hex(await (o as { arrayBuffer(): Promise<ArrayBuffer> }).arrayBuffer()), f.path).toBe(f.sha256);
    }
    expect(stored.filter((o) => o.key.startsWith('r2/ds/_hdsbench/parts/')).map((o) => o.key).sort()).toEqual(['r2/ds/_hdsbench/parts/part-1-of-2.json', 'r2/ds/_hdsbench/parts/part-2-of-2.json', 'r2/ds/_hdsbench/parts/shared.json']);
    // Writing a part again overwrites the same keys with the same bytes: no duplicates.
    expect((await write(2, { prefix: 'r2/ds' })).status).toBe(200);
    expect((await objects('r2/ds/')).length).toBe(stored.length);
  });

  it('refuses a bad prefix, a part out of range and another dataset under the same prefix', async () => {
    expect((await write(1, { prefix: '../x' })).status).toBe(400);
    expect((await write(3, { prefix: 'r2/x' })).status).toBe(400);
    const other = await SELF.fetch(`${ORIGIN}/v1/datasets/hdsbench-${GENERATOR_VERSION}/seed-8/sf-${d.spec.scale}/parts-${d.spec.parts}/${d.format}/parts/1/write`, { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}` }, body: JSON.stringify({ prefix: 'r2/ds', tables: ['ER_PHA_F'] }) });
    expect(other.status).toBe(409);
    expect(((await other.json()) as { error: { message: string } }).error.message).toContain('another dataset (seed 7)');
  });
});
