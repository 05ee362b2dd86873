import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { openDataset, rows as query, scalar } from '../helpers/duckdb.js';

/**
 * The pharmacy lines of a generated dataset carry real drugs: every CIP13 dispensed is a presentation
 * of the BDPM copy in schemas/sources/bdpm, billed at its published price, and reimbursed at its
 * published rate unless the line is exempted (ALD, maternity: 100 %).
 */

const ROOT = join(import.meta.dirname, '..', '..');
const dir = tempDir('real-drugs');
let c: DuckDBConnection;

/** CIP13 → { price, rate } of the BDPM presentation lines shipped in the repository. */
const bdpm = new Map(
  readFileSync(join(ROOT, 'schemas', 'sources', 'bdpm', 'CIS_CIP_bdpm.txt'), 'utf8').split('\n').filter(Boolean).map((l) => {
    const f = l.split('\t');
    const t = f[9].replace(/\s/g, '');
    const i = t.lastIndexOf(',');
    return [f[6], { price: Number(`${t.slice(0, i).replace(/,/g, '')}.${t.slice(i + 1)}`), rate: Number(f[8].replace(/[\s%]/g, '')) }];
  }),
);

beforeAll(async () => {
  const r = await runCli(['gen', '--scale', '0.01', '--seed', '11', '--threads', '2', '--no-progress', '--out', dir, '--tables', 'ER_PRS_F,ER_PHA_F,IR_PHA_R']);
  expect(r.stderr).toBe('');
  c = await openDataset(dir, ['ER_PRS_F', 'ER_PHA_F', 'IR_PHA_R']);
}, 300_000);

describe('generated ER_PHA_F', () => {
  it('dispenses only CIP13 codes of the BDPM, at their published price', async () => {
    const rows = (await query(c, 'select PHA_PRS_C13 as cip, PHA_PRS_IDE as cip7, min(PHA_ACT_PRU) as lo, max(PHA_ACT_PRU) as hi from ER_PHA_F group by all')) as { cip: string; cip7: number; lo: number; hi: number }[];
    expect(rows.length).toBeGreaterThan(100);
    const wrong = rows.filter((r) => {
      const b = bdpm.get(r.cip);
      return !b || Number(r.lo) !== b.price || Number(r.hi) !== b.price || String(r.cip7) !== r.cip.slice(5, 12);
    });
    expect(wrong).toEqual([]);
  });

  it('reimburses each line at the presentation\'s published rate, or 100 % when exempted', async () => {
    const rows = (await query(c, `
      select f.PHA_PRS_C13 as cip, r.RGO_REM_TAU as rate, r.EXO_MTF as exo, count(*) as n
      from ER_PHA_F f join ER_PRS_F r using (FLX_DIS_DTD, FLX_TRT_DTD, FLX_EMT_TYP, FLX_EMT_NUM, FLX_EMT_ORD, ORG_CLE_NUM, DCT_ORD_NUM, PRS_ORD_NUM, REM_TYP_AFF)
      group by all`)) as { cip: string; rate: number; exo: string; n: number }[];
    const wrong = rows.filter((r) => Number(r.rate) !== bdpm.get(r.cip)?.rate && Number(r.rate) !== 100);
    expect(wrong).toEqual([]);
    // Most lines are not exempted: the published rates show through.
    const published = rows.filter((r) => Number(r.rate) === bdpm.get(r.cip)?.rate).reduce((a, r) => a + Number(r.n), 0);
    const all = rows.reduce((a, r) => a + Number(r.n), 0);
    expect(published / all).toBeGreaterThan(0.5);
  });

  it('joins IR_PHA_R on the CIP13 and on the CIP7 (same types on both sides)', async () => {
    expect(await scalar(c, 'select count(*) from ER_PHA_F f anti join IR_PHA_R a on a.PHA_CIP_C13 = f.PHA_PRS_C13')).toBe(0);
    expect(await scalar(c, 'select count(*) from ER_PHA_F f anti join IR_PHA_R a on a.PHA_PRS_IDE = f.PHA_PRS_IDE')).toBe(0);
    expect(await scalar(c, "select count(*) from ER_PHA_F f join IR_PHA_R a on a.PHA_CIP_C13 = f.PHA_PRS_C13 where a.PHA_ATC_C07 = 'A10BA02' and a.PHA_NOM_PA not like '%METFORMINE%'")).toBe(0);
  });
});
