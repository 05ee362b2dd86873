import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareRefresh, type RefreshFiles } from '../../src/bench/phases/refresh.js';
import { defaultCatalog } from '../../src/core/catalog/catalog.js';
import { FLUX_TABLES } from '../../src/core/pipeline/flux.js';
import { emptyManifest } from '../../src/core/pipeline/manifest.js';
import { initParquetForNode } from '../../src/node/parquet-node.js';
import { tempDir } from '../helpers/cli.js';
import { openDataset, scalar } from '../helpers/duckdb.js';

/**
 * The refresh's monthly flux is laid out in the dataset's parts (so that its preparation runs on
 * several threads): its rows must be the same whatever the number of parts.
 */
const SCALE = 0.003;
const SEED = 11;
const catalog = defaultCatalog();
const tables = catalog.outputTables().map((t) => t.name);

/** What prepareRefresh reads of a dataset: its manifest (seed, scale, parts, period, tables). */
function datasetManifest(parts: number) {
  return emptyManifest({ seed: SEED, scale: SCALE, parts }, 'parquet', tables, catalog);
}

let one: RefreshFiles;
let three: RefreshFiles;

beforeAll(async () => {
  initParquetForNode();
  one = await prepareRefresh(datasetManifest(1), tempDir('refresh-1'), { threads: 1 });
  three = await prepareRefresh(datasetManifest(3), tempDir('refresh-3'), { threads: 1 });
}, 300_000);

describe('refresh flux preparation', () => {
  it('lays the flux out in the dataset parts: one file per flux table and part, all listed in its manifest', () => {
    expect(one.tables).toEqual([...FLUX_TABLES]);
    expect(three.fluxMonth).toBe(one.fluxMonth);
    expect(three.manifest.flux).toBe(three.fluxMonth);
    expect(three.manifest.parts).toBe(3);
    expect(three.manifest.complete).toBe(true);
    for (const t of three.tables) {
      const files = three.manifest.files.filter((f) => f.table === t);
      expect(files.map((f) => f.part).sort(), t).toEqual([1, 2, 3]);
      expect(three.paths.get(t), t).toEqual(files.map((f) => join(three.dir, f.path)));
      expect(three.rows.get(t), t).toBe(files.reduce((n, f) => n + f.rows, 0));
    }
  });

  it('holds the same rows, per table, at parts=1 and at parts=3', async () => {
    const c = await openDataset(one.dir, one.tables);
    try {
      for (const t of one.tables) {
        const at3 = `read_parquet([${(three.paths.get(t) as string[]).map((p) => `'${p}'`).join(', ')}])`;
        expect(await scalar(c, `select count(*) from "${t}"`), t).toBe(one.rows.get(t));
        expect(three.rows.get(t), t).toBe(one.rows.get(t));
        const diff = `(select * from "${t}" except all select * from ${at3}) union all (select * from ${at3} except all select * from "${t}")`;
        expect(await scalar(c, `select count(*) from (${diff})`), t).toBe(0);
      }
      // Not a vacuous comparison: the flux has rows, spread over the three parts.
      expect(one.rows.get('ER_PRS_F')).toBeGreaterThan(20);
      expect(three.manifest.files.filter((f) => f.table === 'ER_PRS_F' && f.rows > 0).length).toBe(3);
    } finally {
      c.closeSync();
    }
  });
});
