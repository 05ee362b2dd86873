import { SELF } from 'cloudflare:test';
import { describe, expect, inject, it } from 'vitest';
import type { Manifest } from '../../src/core/pipeline/manifest.js';
import { DEFAULT_LIMITS, partsThatFit } from '../../src/app/limits.js';
import { BENEFICIARIES_PER_SF } from '../../src/core/partition.js';
import { GENERATOR_VERSION } from '../../src/core/version.js';
import { REFERENCE_DATASETS, referenceKey } from './reference-datasets.js';

/** These tests run inside workerd, against workers/index.ts as wrangler bundles it. */

const ORIGIN = 'http://hdsbench.test';
const GEN = `hdsbench-${GENERATOR_VERSION}`;

function datasetBase(seed: number, scale: number, parts: number, format: string) {
  return `${ORIGIN}/v1/datasets/${GEN}/seed-${seed}/sf-${scale}/parts-${parts}/${format}`;
}

async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

describe('the Worker in workerd', () => {
  it('answers the health check from workerd with parquet-wasm ready', async () => {
    const res = await SELF.fetch(`${ORIGIN}/v1/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', runtime: 'workerd', parquet: true, generator: { version: GENERATOR_VERSION } });
  });

  it('lists tables and serves their schemas', async () => {
    const list = (await (await SELF.fetch(`${ORIGIN}/v1/tables`)).json()) as { tables: { name: string; kind: string }[] };
    expect(list.tables.map((t) => t.name)).toContain('ER_PRS_F');
    const schema = (await (await SELF.fetch(`${ORIGIN}/v1/tables/ER_PRS_F`)).json()) as { name: string; fields: { name: string }[] };
    expect(schema.name).toBe('ER_PRS_F');
    expect(schema.fields.map((f) => f.name)).toContain('BEN_NIR_PSA');
  });

  for (const d of REFERENCE_DATASETS) {
    it(`produces the same bytes as Node: ${d.format}, ${d.tables ? d.tables.join(', ') : 'all tables'}`, async () => {
      const node = inject('nodeManifests')[referenceKey(d)];
      const base = datasetBase(d.spec.seed, d.spec.scale, d.spec.parts, d.format);
      const query = d.tables ? `?tables=${d.tables.join(',')}` : '';
      const res = await SELF.fetch(`${base}/manifest.json${query}`);
      expect(res.status).toBe(200);
      const worker = (await res.json()) as Manifest;
      expect(worker.files).toEqual(node.files);
      expect(worker.dataset_sha256).toBe(node.dataset_sha256);
      expect(worker.complete).toBe(true);
      for (const f of node.files) {
        const file = await SELF.fetch(`${base}/${f.path}`);
        expect(file.status, f.path).toBe(200);
        expect(file.headers.get('ETag')).toBe(`"${f.sha256}"`);
        expect(await sha256Hex(await file.arrayBuffer()), f.path).toBe(f.sha256);
      }
    });
  }

  it('streams a file before its hash is known, then serves it with a strong ETag, HEAD and 304', async () => {
    const url = `${datasetBase(11, 0.001, 1, 'csv')}/IR_BEN_R/part-1-of-1.csv`;
    const first = await SELF.fetch(url);
    expect(first.status).toBe(200);
    expect(first.headers.get('ETag')).toBeNull();
    expect(first.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    const bytes = await first.arrayBuffer();
    const hash = await sha256Hex(bytes);
    expect(new TextDecoder().decode(bytes.slice(0, 11))).toBe('BEN_NIR_PSA');

    const head = await SELF.fetch(url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('ETag')).toBe(`"${hash}"`);
    expect(head.headers.get('Content-Length')).toBe(String(bytes.byteLength));
    expect((await head.arrayBuffer()).byteLength).toBe(0);

    const notModified = await SELF.fetch(url, { headers: { 'If-None-Match': `"${hash}"` } });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get('ETag')).toBe(`"${hash}"`);
  });

  const base = datasetBase(42, 0.01, 1, 'parquet');
  const mistakes: [string, string, number, string, RegExp][] = [
    ['unknown table', `${base}/NO_SUCH/part-1-of-1.parquet`, 400, 'invalid_request', /unknown table NO_SUCH/],
    ['absurd scale', `${datasetBase(42, 1e9, 1, 'parquet')}/manifest.json`, 400, 'invalid_request', /above the maximum/],
    ['scale that is not a number', `${ORIGIN}/v1/datasets/${GEN}/seed-42/sf-lots/parts-1/parquet/manifest.json`, 400, 'invalid_scale', /positive decimal number/],
    ['part out of range', `${base}/ER_PRS_F/part-3-of-1.parquet`, 404, 'part_out_of_range', /part-1-of-1\.parquet/],
    ['parts of another dataset', `${base}/ER_PRS_F/part-1-of-4.parquet`, 404, 'part_out_of_range', /split into the dataset's 1 parts/],
    ['malformed seed', `${ORIGIN}/v1/datasets/${GEN}/seed-4x2/sf-0.01/parts-1/parquet/manifest.json`, 400, 'invalid_seed', /integer from 0/],
    ['unknown format', `${ORIGIN}/v1/datasets/${GEN}/seed-42/sf-0.01/parts-1/xlsx/manifest.json`, 400, 'invalid_format', /parquet, arrow, csv/],
    ['wrong extension', `${base}/IR_BEN_R/part-1-of-1.csv`, 400, 'invalid_file', /end in \.parquet/],
    ['other generator version', `${ORIGIN}/v1/datasets/hdsbench-9.9.9/seed-42/sf-0.01/parts-1/parquet/manifest.json`, 404, 'generator_mismatch', new RegExp(`use /v1/datasets/${GEN.replace(/\./g, '\\.')}/`)],
    ['oversized part', `${datasetBase(42, 1, 1, 'parquet')}/ER_PRS_F/part-1-of-1.parquet`, 422, 'part_too_large', new RegExp(`parts=${partsThatFit(BENEFICIARIES_PER_SF, DEFAULT_LIMITS.maxBeneficiariesPerRequest)}\\b`)],
    ['oversized manifest', `${datasetBase(42, 1, 10, 'parquet')}/manifest.json`, 422, 'dataset_too_large', /manifest\.json\?part=1/],
    ['part manifest out of range', `${datasetBase(42, 0.01, 2, 'parquet')}/manifest.json?part=3`, 400, 'invalid_part', /from 1 to 2/],
    ['unknown route', `${ORIGIN}/v2/anything`, 404, 'not_found', /GET \/v1/],
  ];
  for (const [what, url, status, code, message] of mistakes) {
    it(`answers ${what} with a ${status} JSON error that says what to change`, async () => {
      const res = await SELF.fetch(url);
      expect(res.status).toBe(status);
      expect(res.headers.get('Content-Type')).toMatch(/application\/json/);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe(code);
      expect(body.error.message).toMatch(message);
    });
  }

  it('serves the researchers\' page with row counts and a DuckDB snippet', async () => {
    const res = await SELF.fetch(`${ORIGIN}/?tables=IR_BEN_R&scale=0.001&seed=3&format=parquet`);
    expect(res.status).toBe(200);
    const page = (await res.text()).replaceAll('&#39;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&');
    expect(page).toContain('data-rows="IR_BEN_R"');
    // No HDSBENCH_BASE_URL: paths on this server (never the Host header); the page's script prefixes the browser's origin.
    expect(page).toContain(`read_parquet('${datasetBase(3, 0.001, 1, 'parquet').slice(ORIGIN.length)}/IR_BEN_R/part-1-of-1.parquet')`);
    expect(page).not.toContain(ORIGIN);
    expect(page).toContain('data-relative-urls');
  });
});
