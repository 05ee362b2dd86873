import type { DuckDBConnection } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/core/catalog/catalog.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { openDataset, scalar } from '../helpers/duckdb.js';

/** Keys and joins on a multi-part dataset: every invariant holds on 100 % of rows. */
const dir = tempDir('integrity');
const catalog = defaultCatalog();
const tables = catalog.outputTables().map((t) => t.name);
const NINE = ['FLX_DIS_DTD', 'FLX_TRT_DTD', 'FLX_EMT_TYP', 'FLX_EMT_NUM', 'FLX_EMT_ORD', 'ORG_CLE_NUM', 'DCT_ORD_NUM', 'PRS_ORD_NUM', 'REM_TYP_AFF'];
let c: DuckDBConnection;

beforeAll(async () => {
  const r = await runCli(['gen', '--scale', '0.01', '--seed', '3', '--parts', '2', '--threads', '2', '--no-progress', '--out', dir]);
  expect(r.stderr).toBe('');
  c = await openDataset(dir, tables);
});

async function duplicates(table: string, key: string[]): Promise<number> {
  return scalar(c, `select count(*) from (select ${key.join(', ')} from "${table}" group by all having count(*) > 1)`);
}

async function orphans(child: string, parent: string, on: string, where = 'true'): Promise<number> {
  return scalar(c, `select count(*) from "${child}" c anti join "${parent}" p on ${on} where ${where}`);
}
/** Records whose NIR failed the PMSI chaining checks link to no beneficiary; the others all do. */
const VALID_NIR = `cast(c.NIR_RET as varchar) = '0'`;
async function failedThatLink(chaining: string): Promise<number> {
  return scalar(c, `select count(*) from "${chaining}" c semi join IR_BEN_R p on c.NIR_ANO_17 = p.BEN_NIR_PSA where cast(c.NIR_RET as varchar) <> '0'`);
}

describe('primary keys', () => {
  for (const t of catalog.outputTables().filter((t) => t.primaryKey?.length)) {
    it(`${t.name} (${t.primaryKey?.join(', ')}) is unique and not null`, async () => {
      const key = t.primaryKey as string[];
      expect(await scalar(c, `select count(*) from "${t.name}"`)).toBeGreaterThan(0);
      expect(await duplicates(t.name, key)).toBe(0);
      expect(await scalar(c, `select count(*) from "${t.name}" where ${key.map((k) => `${k} is null`).join(' or ')}`)).toBe(0);
    });
  }
});

describe('foreign keys', () => {
  const nine = NINE.map((k) => `c.${k} = p.${k}`).join(' and ');
  for (const detail of ['ER_PHA_F', 'ER_BIO_F', 'ER_CAM_F', 'ER_ETE_F']) {
    it(`every ${detail} row joins exactly one ER_PRS_F row on the 9 DCIR keys`, async () => {
      expect(await scalar(c, `select count(*) from "${detail}"`)).toBeGreaterThan(0);
      expect(await orphans(detail, 'ER_PRS_F', nine)).toBe(0);
    });
  }
  it('ER_PRS_F beneficiaries exist in IR_BEN_R', async () => {
    expect(await orphans('ER_PRS_F', 'IR_BEN_R', 'c.BEN_NIR_PSA = p.BEN_NIR_PSA and c.BEN_RNG_GEM = p.BEN_RNG_GEM')).toBe(0);
  });
  it('IR_IMB_R beneficiaries exist in IR_BEN_R', async () => {
    expect(await orphans('IR_IMB_R', 'IR_BEN_R', 'c.BEN_NIR_PSA = p.BEN_NIR_PSA and c.BEN_RNG_GEM = p.BEN_RNG_GEM')).toBe(0);
  });
  it('PMSI NIR_ANO_17 links to IR_BEN_R (DCIR ↔ PMSI chaining) when its chaining codes are valid, and never when its NIR failed them', async () => {
    expect(await orphans('T_MCOaaC', 'IR_BEN_R', 'c.NIR_ANO_17 = p.BEN_NIR_PSA', VALID_NIR)).toBe(0);
    expect(await failedThatLink('T_MCOaaC')).toBe(0);
  });
  it('archived pseudo-NIRs (IR_BEN_R_ARC) belong to people of IR_BEN_R and are not in it', async () => {
    expect(await scalar(c, `select count(*) from IR_BEN_R_ARC`)).toBeGreaterThan(0);
    expect(await orphans('IR_BEN_R_ARC', 'IR_BEN_R', 'c.BEN_IDT_ANO = p.BEN_IDT_ANO')).toBe(0);
    expect(await scalar(c, `select count(*) from IR_BEN_R_ARC a semi join IR_BEN_R b using (BEN_NIR_PSA, BEN_RNG_GEM)`)).toBe(0);
  });
  it('PMSI stays: B ↔ C one to one, D and A rows have their stay, stays have their hospital', async () => {
    const on = 'c.ETA_NUM = p.ETA_NUM and c.RSA_NUM = p.RSA_NUM';
    expect(await orphans('T_MCOaaC', 'T_MCOaaB', on)).toBe(0);
    expect(await orphans('T_MCOaaB', 'T_MCOaaC', on)).toBe(0);
    expect(await orphans('T_MCOaaD', 'T_MCOaaB', on)).toBe(0);
    expect(await orphans('T_MCOaaA', 'T_MCOaaB', on)).toBe(0);
    expect(await orphans('T_MCOaaB', 'T_MCOaaE', 'c.ETA_NUM = p.ETA_NUM')).toBe(0);
  });
  it('deaths link to beneficiaries through BEN_IDT_ANO', async () => {
    expect(await orphans('KI_CCI_R', 'IR_BEN_R', 'c.BEN_IDT_ANO = p.BEN_IDT_ANO')).toBe(0);
  });
  it('MCO units: NBR_RUM rows per stay, numbered 1..NBR_RUM, their nights adding up to the stay\'s', async () => {
    const on = 'c.ETA_NUM = p.ETA_NUM and c.RSA_NUM = p.RSA_NUM';
    expect(await orphans('T_MCOaaUM', 'T_MCOaaB', on)).toBe(0);
    expect(await scalar(c, `select count(*) from T_MCOaaB where NBR_RUM > 1`)).toBeGreaterThan(0);
    expect(
      await scalar(c, `select count(*) from T_MCOaaB b left join (select ETA_NUM, RSA_NUM, count(*) n, max(UM_ORD_NUM) m, sum(PAR_DUR_SEJ) nights from T_MCOaaUM group by all) u using (ETA_NUM, RSA_NUM)
        where u.n is distinct from b.NBR_RUM or u.m is distinct from b.NBR_RUM or u.nights is distinct from b.SEJ_NBJ`),
    ).toBe(0);
  });
  it('public-hospital external visits: FBSTC and FMSTC rows have their CSTC visit, visits link to IR_BEN_R (valid chaining codes) and happen in public hospitals', async () => {
    expect(await scalar(c, `select count(*) from T_MCOaaFBSTC`)).toBeGreaterThan(0);
    expect(await orphans('T_MCOaaFBSTC', 'T_MCOaaCSTC', 'c.ETA_NUM = p.ETA_NUM and c.SEQ_NUM = p.SEQ_NUM')).toBe(0);
    expect(await orphans('T_MCOaaCSTC', 'T_MCOaaFBSTC', 'c.ETA_NUM = p.ETA_NUM and c.SEQ_NUM = p.SEQ_NUM')).toBe(0);
    expect(await orphans('T_MCOaaCSTC', 'IR_BEN_R', 'c.NIR_ANO_17 = p.BEN_NIR_PSA', VALID_NIR)).toBe(0);
    expect(await failedThatLink('T_MCOaaCSTC')).toBe(0);
    expect(await orphans('T_MCOaaFMSTC', 'T_MCOaaCSTC', 'c.ETA_NUM = p.ETA_NUM and c.SEQ_NUM = p.SEQ_NUM and c.NIR_ANO_17 = p.NIR_ANO_17')).toBe(0);
    expect(await scalar(c, `select count(*) from T_MCOaaCSTC c join T_MCOaaE e using (ETA_NUM) where e.STA_ETA <> 'DGF'`)).toBe(0);
  });
  it('rehabilitation, home-hospitalisation and psychiatric stays: summaries have their chaining row and back, NIR_ANO_17 links to IR_BEN_R (valid chaining codes)', async () => {
    for (const [summary, chaining, eta, num] of [['T_SSRaaB', 'T_SSRaaC', 'ETA_NUM', 'RHA_NUM'], ['T_HADaaB', 'T_HADaaC', 'ETA_NUM_EPMSI', 'RHAD_NUM'], ['T_RIPaaRSA', 'T_RIPaaC', 'ETA_NUM_EPMSI', 'RIP_NUM']]) {
      const on = `c.${eta} = p.${eta} and c.${num} = p.${num}`;
      expect(await scalar(c, `select count(*) from "${chaining}"`), chaining).toBeGreaterThan(0);
      expect(await orphans(summary, chaining, on), summary).toBe(0);
      expect(await orphans(chaining, summary, on), chaining).toBe(0);
      expect(await orphans(chaining, 'IR_BEN_R', 'c.NIR_ANO_17 = p.BEN_NIR_PSA', VALID_NIR), chaining).toBe(0);
      expect(await failedThatLink(chaining), chaining).toBe(0);
      expect(await scalar(c, `select count(*) from "${chaining}" where EXE_SOI_DTF < EXE_SOI_DTD`), chaining).toBe(0);
    }
  });
  it('every death certificate of KI_CCI_R has its causes in KI_ECD_R, its initial cause among them', async () => {
    expect(await orphans('KI_ECD_R', 'KI_CCI_R', 'c.BEN_IDT_ANO = p.BEN_IDT_ANO')).toBe(0);
    expect(await scalar(c, `select count(*) from KI_CCI_R k where not exists (select 1 from KI_ECD_R e where e.BEN_IDT_ANO = k.BEN_IDT_ANO and e.ECD_CIM_COD = k.DCD_CIM_COD)`)).toBe(0);
  });
  it('complementary coverage: contracts belong to beneficiaries, and every C2S-flagged claim of a real NIR falls in a contract', async () => {
    expect(await scalar(c, `select count(*) from IR_ORC_R`)).toBeGreaterThan(0);
    expect(await orphans('IR_ORC_R', 'IR_BEN_R', 'c.BEN_NIR_PSA = p.BEN_NIR_PSA and c.BEN_RNG_GEM = p.BEN_RNG_GEM')).toBe(0);
    expect(
      await scalar(c, `select count(*) from ER_PRS_F r join IR_BEN_R b using (BEN_NIR_PSA, BEN_RNG_GEM) where r.BEN_CMU_TOP = 1 and b.BEN_NIR_ANO is not null
        and not exists (select 1 from IR_ORC_R o where o.BEN_NIR_PSA = r.BEN_NIR_PSA and o.BEN_RNG_GEM = r.BEN_RNG_GEM and r.EXE_SOI_DTD between o.MLL_CTA_DSD and o.MLL_CTA_DSF)`),
    ).toBe(0);
  });
  it('professionals and establishments referenced by care lines exist', async () => {
    expect(await orphans('ER_PRS_F', 'DA_PRA_R', 'c.PFS_EXE_NUM = p.PFS_PFS_NUM')).toBe(0);
    expect(await scalar(c, `select count(*) from ER_PRS_F c where PFS_PRE_NUM is not null and not exists (select 1 from DA_PRA_R p where p.PFS_PFS_NUM = c.PFS_PRE_NUM)`)).toBe(0);
    expect(await scalar(c, `select count(*) from ER_PRS_F c where ETB_PRE_FIN is not null and not exists (select 1 from BE_IDE_R p where p.IDE_ETA_NU8 = c.ETB_PRE_FIN)`)).toBe(0);
    expect(await orphans('ER_ETE_F', 'BE_IDE_R', 'c.ETB_EXE_FIN = p.IDE_ETA_NU8')).toBe(0);
  });
});

describe('coded columns within their nomenclature', () => {
  const cases: [string, string, string, string][] = [
    ['ER_PHA_F', 'PHA_PRS_C13', 'IR_PHA_R', 'PHA_CIP_C13'],
    ['ER_BIO_F', 'BIO_PRS_IDE', 'IR_BIO_R', 'BIO_PRS_IDE'],
    ['ER_CAM_F', 'CAM_PRS_IDE', 'IR_CCAM_V63', 'CAM_PRS_IDE_COD'],
    ['T_MCOaaA', 'CDC_ACT', 'IR_CCAM_V63', 'CAM_PRS_IDE_COD'],
    ['T_MCOaaB', 'DGN_PAL', 'MS_CIM_V', 'CIM_COD'],
    ['T_MCOaaD', 'ASS_DGN', 'MS_CIM_V', 'CIM_COD'],
    ['IR_IMB_R', 'MED_MTF_COD', 'IR_CIM_V', 'CIM_COD'],
    ['KI_CCI_R', 'DCD_CIM_COD', 'IR_CIM_V', 'CIM_COD'],
    ['KI_ECD_R', 'ECD_CIM_COD', 'IR_CIM_V', 'CIM_COD'],
    ['T_MCOaaUM', 'DGN_PAL', 'MS_CIM_V', 'CIM_COD'],
    ['ER_PRS_F', 'PRS_NAT_REF', 'IR_NAT_V', 'PRS_NAT'],
    ['ER_PRS_F', 'PSE_SPE_COD', 'IR_SPE_V', 'PFS_SPE_COD'],
    ['IR_BEN_R', 'BEN_RES_DPT', 'IR_DPT_V', 'GEO_DPT_COD'],
  ];
  for (const [t, col, nom, code] of cases) {
    it(`${t}.${col} ∈ ${nom}.${code}`, async () => {
      expect(await scalar(c, `select count(*) from "${t}" where ${col} is not null and ${col} not in (select ${code} from "${nom}")`)).toBe(0);
    });
  }
  it('rule-filled coded columns draw from their nomenclature', async () => {
    let checked = 0;
    for (const t of catalog.outputTables()) {
      for (const f of t.fields) {
        const rule = f.gen;
        if (!rule || !('nomenclature' in rule)) continue;
        const codes = new Set(catalog.column(rule.nomenclature, rule.column));
        const values = await c.runAndReadAll(`select distinct ${f.name}::varchar v from "${t.name}" where ${f.name} is not null`);
        for (const [v] of values.getRows()) expect(codes.has(String(v)), `${t.name}.${f.name} = ${String(v)}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});

describe('dates', () => {
  it('care lines: birth ≤ care start ≤ care end < processing < flux availability', async () => {
    expect(
      await scalar(
        c,
        `select count(*) from ER_PRS_F where not (make_date(BEN_NAI_ANN, 1, 1) <= EXE_SOI_DTD and EXE_SOI_DTD <= EXE_SOI_DTF and EXE_SOI_DTF < FLX_TRT_DTD and FLX_TRT_DTD < FLX_DIS_DTD)`,
      ),
    ).toBe(0);
  });
  it('no care after death', async () => {
    expect(await scalar(c, `select count(*) from ER_PRS_F p join IR_BEN_R b using (BEN_NIR_PSA, BEN_RNG_GEM) where b.BEN_DCD_DTE is not null and p.EXE_SOI_DTD > b.BEN_DCD_DTE`)).toBe(0);
    expect(await scalar(c, `select count(*) from T_MCOaaC s join IR_BEN_R b on s.NIR_ANO_17 = b.BEN_NIR_PSA where b.BEN_DCD_DTE is not null and s.EXE_SOI_DTF > b.BEN_DCD_DTE`)).toBe(0);
  });
  it('stay length equals discharge minus admission', async () => {
    expect(await scalar(c, `select count(*) from T_MCOaaB b join T_MCOaaC s using (ETA_NUM, RSA_NUM) where b.SEJ_NBJ <> s.EXE_SOI_DTF - s.EXE_SOI_DTD`)).toBe(0);
  });
});
