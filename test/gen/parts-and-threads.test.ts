import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/core/pipeline/manifest.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { openDataset, scalar } from '../helpers/duckdb.js';

const SCALE = '0.005';
const dirs = { one: tempDir('one'), threeSerial: tempDir('three-serial'), threeThreads: tempDir('three-threads'), alone: tempDir('alone') };

function manifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
}

beforeAll(async () => {
  const common = ['gen', '--scale', SCALE, '--seed', '11', '--no-progress'];
  const results = await Promise.all([
    runCli([...common, '--out', dirs.one]),
    runCli([...common, '--parts', '3', '--out', dirs.threeSerial]),
    runCli([...common, '--parts', '3', '--threads', '3', '--out', dirs.threeThreads]),
  ]);
  // Each table generated on its own (as a Worker serves it) into one folder, table after table.
  for (const t of ['IR_BEN_R', 'ER_PHA_F', 'T_MCOaaC', 'KI_CCI_R']) results.push(await runCli([...common, '--tables', t, '--out', dirs.alone]));
  for (const r of results) expect(r.stderr).toBe('');
});

describe('parts and threads', () => {
  it('gives byte-identical files whatever the thread count', () => {
    const serial = manifest(dirs.threeSerial);
    const threaded = manifest(dirs.threeThreads);
    expect(serial.complete).toBe(true);
    expect(threaded.files).toEqual(serial.files);
    expect(threaded.dataset_sha256).toBe(serial.dataset_sha256);
  });

  it('gives each table the same bytes whether generated alone or with all the others', () => {
    const all = new Map(manifest(dirs.one).files.map((f) => [f.path, f.sha256]));
    const alone = manifest(dirs.alone).files;
    expect(alone.map((f) => f.table)).toEqual(['ER_PHA_F', 'IR_BEN_R', 'KI_CCI_R', 'T_MCOaaC']);
    for (const f of alone) expect(f.sha256, f.path).toBe(all.get(f.path));
  });

  it('writes scale-only tables identically whatever the number of parts', () => {
    const one = new Map(manifest(dirs.one).files.map((f) => [f.path, f.sha256]));
    const three = manifest(dirs.threeSerial).files.filter((f) => f.parts === 1);
    expect(three.length).toBeGreaterThan(5);
    for (const f of three) expect(one.get(f.path), f.path).toBe(f.sha256);
  });

  it('splits fact tables into K part files whose union is the one-part run', async () => {
    const m = manifest(dirs.threeSerial);
    const facts = [...new Set(m.files.filter((f) => f.parts === 3).map((f) => f.table))];
    expect(facts).toContain('ER_PRS_F');
    const c = await openDataset(dirs.one, []);
    for (const t of facts) {
      const one = `read_parquet('${dirs.one}/${t}/*.parquet')`;
      const three = `read_parquet('${dirs.threeSerial}/${t}/*.parquet')`;
      const total = await scalar(c, `select count(*) from ${one}`);
      expect(await scalar(c, `select count(*) from ${three}`), t).toBe(total);
      expect(await scalar(c, `select count(*) from (select * from ${one} except all select * from ${three})`), t).toBe(0);
      expect(await scalar(c, `select count(*) from (select * from ${three} except all select * from ${one})`), t).toBe(0);
    }
  });

  it('gives each part a contiguous, disjoint range of beneficiaries', async () => {
    const c = await openDataset(dirs.threeSerial, []);
    const overlap = await scalar(
      c,
      `select count(*) from (select BEN_NIR_ANO, count(distinct filename) n from read_parquet('${dirs.threeSerial}/IR_BEN_R/*.parquet', filename = true) where BEN_NIR_ANO is not null group by 1) where n > 1`,
    );
    expect(overlap).toBe(0);
  });
});
