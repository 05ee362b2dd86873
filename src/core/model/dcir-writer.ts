import type { TableBuffer } from '../columns/table-buffer.js';
import { bigintColumn, codeColumn, intColumn, numberColumn, putBigInt, valueColumn, type CodeColumn } from '../columns/direct.js';
import { HELD_SLOTS, type F64Column, type I32Column } from '../columns/column.js';
import type { Drug, ModelContext } from './model-context.js';
import { fictitiousNir, type Person } from './person.js';
import type { ModelOutput } from './model-output.js';

/**
 * The columns of the five DCIR tables the care lines are written into, resolved once per output:
 * a care line is then a run of stores into typed arrays (no setter per field). ER_PRS_F's columns
 * are listed in model-output.ts (MODEL_COLUMNS), which the schema's `by: model` marks are checked
 * against when the output is built.
 */

/** Slot of the organisation code held by KeyColumns. */
const HELD_ORG = 0;

/** The nine DCIR keys of a table (model-output.ts NINE_KEYS). */
export class KeyColumns {
  readonly dis: I32Column;
  readonly trt: I32Column;
  readonly emtTyp: I32Column;
  readonly emtNum: I32Column;
  readonly emtOrd: I32Column;
  readonly org: CodeColumn;
  readonly dct: I32Column;
  readonly line: I32Column;
  readonly remTyp: I32Column;
  constructor(readonly buffer: TableBuffer) {
    this.dis = intColumn(buffer, 'FLX_DIS_DTD');
    this.trt = intColumn(buffer, 'FLX_TRT_DTD');
    this.emtTyp = intColumn(buffer, 'FLX_EMT_TYP');
    this.emtNum = intColumn(buffer, 'FLX_EMT_NUM');
    this.emtOrd = intColumn(buffer, 'FLX_EMT_ORD');
    this.org = codeColumn(buffer, 'ORG_CLE_NUM');
    this.dct = intColumn(buffer, 'DCT_ORD_NUM');
    this.line = intColumn(buffer, 'PRS_ORD_NUM');
    this.remTyp = intColumn(buffer, 'REM_TYP_AFF');
  }

  /**
   * Write the keys of rows [r0, r0 + count), all of one sheet (dis, trt, emtOrd, org, dct): row
   * r0 + i is of line lines[i] (PRS_ORD_NUM).
   */
  writeRun(r0: number, count: number, dis: number, trt: number, emtOrd: number, org: string, dct: number, lines: Int32Array) {
    const end = r0 + count;
    fillInt(this.dis.data, r0, end, dis);
    fillInt(this.trt.data, r0, end, trt);
    fillInt(this.emtTyp.data, r0, end, 1);
    fillInt(this.emtNum.data, r0, end, 1);
    fillInt(this.emtOrd.data, r0, end, emtOrd);
    if (org !== this.heldOrg) {
      this.org.hold(HELD_ORG, org);
      this.heldOrg = org;
    }
    this.org.fillHeld(r0, count, HELD_ORG);
    fillInt(this.dct.data, r0, end, dct);
    const line = this.line.data;
    for (let i = 0; i < count; i++) line[r0 + i] = lines[i];
    fillInt(this.remTyp.data, r0, end, 1);
  }

  /** The organisation code held in the column (a person's, on all their rows: converted once). */
  private heldOrg: string | null = null;
}

/** Store `value` on rows [from, to) of an integer store (a loop: a sheet has a few rows). */
export function fillInt(data: Int32Array, from: number, to: number, value: number) {
  for (let r = from; r < to; r++) data[r] = value;
}

/** ER_PRS_F: the prestation lines. */
export class PrsColumns extends KeyColumns {
  readonly nir = codeColumn(this.buffer, 'BEN_NIR_PSA');
  readonly rngGem = intColumn(this.buffer, 'BEN_RNG_GEM');
  readonly sex = codeColumn(this.buffer, 'BEN_SEX_COD');
  readonly birthYear = valueColumn(this.buffer, 'BEN_NAI_ANN');
  readonly ageCode = codeColumn(this.buffer, 'BEN_AMA_COD');
  readonly dept = codeColumn(this.buffer, 'BEN_RES_DPT');
  readonly commune = codeColumn(this.buffer, 'BEN_RES_COM');
  readonly cdiNir = codeColumn(this.buffer, 'BEN_CDI_NIR');
  readonly cmu = valueColumn(this.buffer, 'BEN_CMU_TOP');
  readonly orgAff = codeColumn(this.buffer, 'ORG_AFF_BEN');
  readonly death = intColumn(this.buffer, 'BEN_DCD_DTE');
  readonly rgmGrg = codeColumn(this.buffer, 'RGM_GRG_COD');
  readonly rgm = codeColumn(this.buffer, 'RGM_COD');
  readonly start = intColumn(this.buffer, 'EXE_SOI_DTD');
  readonly end = intColumn(this.buffer, 'EXE_SOI_DTF');
  readonly startMonth = codeColumn(this.buffer, 'EXE_SOI_AMD');
  readonly endMonth = codeColumn(this.buffer, 'EXE_SOI_AMF');
  readonly prescriptionDay = intColumn(this.buffer, 'PRE_PRE_DTD');
  readonly nat = codeColumn(this.buffer, 'PRS_NAT_REF');
  readonly baseNat = codeColumn(this.buffer, 'BSE_PRS_NAT');
  readonly cplNat = codeColumn(this.buffer, 'CPL_PRS_NAT');
  readonly cplMaj = intColumn(this.buffer, 'CPL_MAJ_TOP');
  readonly cplAff = codeColumn(this.buffer, 'CPL_AFF_COD');
  readonly quantity = numberColumn(this.buffer, 'PRS_ACT_QTE');
  readonly count = numberColumn(this.buffer, 'PRS_ACT_NBR');
  readonly coefficient = numberColumn(this.buffer, 'PRS_ACT_CFT');
  readonly paid = numberColumn(this.buffer, 'PRS_PAI_MNT');
  readonly base = numberColumn(this.buffer, 'BSE_REM_BSE');
  readonly reimbursed = numberColumn(this.buffer, 'BSE_REM_MNT');
  readonly unitPrice = numberColumn(this.buffer, 'BSE_REM_PRU');
  readonly cplReimbursed = numberColumn(this.buffer, 'CPL_REM_MNT');
  readonly extraBilling = numberColumn(this.buffer, 'PRS_DEP_MNT');
  readonly rate = numberColumn(this.buffer, 'RGO_REM_TAU');
  readonly baseSign = codeColumn(this.buffer, 'BSE_REM_SGN');
  readonly cplSign = codeColumn(this.buffer, 'CPL_REM_SGN');
  readonly exo = codeColumn(this.buffer, 'EXO_MTF');
  readonly dpnQlf = codeColumn(this.buffer, 'DPN_QLF');
  readonly dpnQlp = codeColumn(this.buffer, 'PRS_DPN_QLP');
  readonly publicPrivate = codeColumn(this.buffer, 'PRS_PPU_SEC');
  readonly executor = codeColumn(this.buffer, 'PFS_EXE_NUM');
  readonly prescriber = codeColumn(this.buffer, 'PFS_PRE_NUM');
  readonly executorSpe = codeColumn(this.buffer, 'PSE_SPE_COD');
  readonly executorActNat = codeColumn(this.buffer, 'PSE_ACT_NAT');
  readonly prescriberSpe = codeColumn(this.buffer, 'PSP_SPE_COD');
  readonly prescriberActNat = codeColumn(this.buffer, 'PSP_ACT_NAT');
  readonly prescribingEstablishment = codeColumn(this.buffer, 'ETB_PRE_FIN');

  /** The person whose codes are held (column.hold), and whether their fictitious NIR is held yet. */
  private heldFor: Person | null = null;
  private fictitiousHeld = false;

  /**
   * Hold the codes of the person's lines once (converted to each column's stored form), for
   * `putHeld` on each line: slot HELD_OWN their own, HELD_FICTITIOUS those of their fictitious NIR,
   * HELD_NIR + v their NIR of version v.
   */
  holdPerson(p: Person) {
    if (this.heldFor === p) return;
    this.heldFor = p;
    this.fictitiousHeld = false;
    for (let v = 0; v < p.nirs.length && HELD_NIR + v < HELD_SLOTS; v++) this.nir.hold(HELD_NIR + v, p.nirs[v]);
    this.rngGem.holdNumber(HELD_OWN, p.rngGem);
    this.sex.hold(HELD_OWN, p.sex === 1 ? '1' : '2');
    this.birthYear.holdNumber(HELD_OWN, p.birthYear);
    this.dept.hold(HELD_OWN, p.dept.code);
    this.commune.hold(HELD_OWN, p.commune);
    this.cdiNir.hold(HELD_OWN, '00');
    this.cmu.holdNumber(HELD_OWN, p.cmu);
    this.orgAff.hold(HELD_OWN, p.orgAff);
    this.rgmGrg.hold(HELD_OWN, '01');
    this.rgm.hold(HELD_OWN, '010');
  }

  /** Hold the codes of the person's fictitious NIR (after holdPerson), on its first line. */
  holdFictitious(ctx: ModelContext, p: Person) {
    if (this.fictitiousHeld) return;
    this.fictitiousHeld = true;
    this.nir.hold(HELD_FICTITIOUS, fictitiousNir(ctx, p));
    this.rngGem.holdNumber(HELD_FICTITIOUS, 1);
    this.birthYear.holdNumber(HELD_FICTITIOUS, ctx.care.ivg.fictitiousBirthYear);
    this.cdiNir.hold(HELD_FICTITIOUS, ctx.care.ivg.fictitiousNirCode);
  }
}

/** Slots of PrsColumns' held codes: the person's own, their fictitious NIR's, their NIRs by version. */
export const HELD_OWN = 0;
export const HELD_FICTITIOUS = 1;
export const HELD_NIR = 2;

/** ER_PHA_F: the drugs of a pharmacy line. */
export class PhaColumns extends KeyColumns {
  readonly cip13 = bigintColumn(this.buffer, 'PHA_PRS_C13');
  readonly cip7 = intColumn(this.buffer, 'PHA_PRS_IDE');
  readonly boxes = intColumn(this.buffer, 'PHA_ACT_QSN');
  readonly price = numberColumn(this.buffer, 'PHA_ACT_PRU');
  readonly order = intColumn(this.buffer, 'PHA_ORD_NUM');

  /** The drug's CIP13, converted once when the model's context was built. */
  putCip13(r: number, drug: Drug) {
    putBigInt(this.cip13, r, drug.cip13Value);
  }
}

/** ER_BIO_F: the NABM codes of a lab line. */
export class BioColumns extends KeyColumns {
  readonly nabm = codeColumn(this.buffer, 'BIO_PRS_IDE');
  readonly quantity = intColumn(this.buffer, 'BIO_ACT_QSN');
  readonly order = intColumn(this.buffer, 'BIO_ORD_NUM');
}

/** ER_CAM_F: the CCAM acts of a line. */
export class CamColumns extends KeyColumns {
  readonly ccam = codeColumn(this.buffer, 'CAM_PRS_IDE');
  readonly activity = codeColumn(this.buffer, 'CAM_ACT_COD');
  readonly phase = codeColumn(this.buffer, 'CAM_TRT_PHA');
  readonly price: F64Column = numberColumn(this.buffer, 'CAM_ACT_PRU');
  readonly base: F64Column = numberColumn(this.buffer, 'CAM_REM_BSE');
  readonly association = codeColumn(this.buffer, 'CAM_ASS_COD');
  readonly order = intColumn(this.buffer, 'CAM_ORD_NUM');
}

/** ER_ETE_F: the establishment of a private clinic's stay line. */
export class EteColumns extends KeyColumns {
  readonly finess = codeColumn(this.buffer, 'ETB_EXE_FIN');
  readonly category = codeColumn(this.buffer, 'ETE_CAT_COD');
  readonly type = codeColumn(this.buffer, 'ETE_TYP_COD');
  readonly ghs = codeColumn(this.buffer, 'ETE_GHS_NUM');
  readonly t2a = intColumn(this.buffer, 'ETE_IND_TAA');
  readonly publicPrivate = codeColumn(this.buffer, 'PRS_PPU_SEC');
}

/** The DCIR tables of an output that a run writes (undefined for those it skips). */
export interface DcirColumns {
  prs?: PrsColumns;
  pha?: PhaColumns;
  bio?: BioColumns;
  cam?: CamColumns;
  ete?: EteColumns;
}

const cache = new WeakMap<ModelOutput, DcirColumns>();

/** The DCIR columns of an output, resolved on first use. */
export function dcirColumns(out: ModelOutput): DcirColumns {
  let d = cache.get(out);
  if (!d) {
    d = {
      prs: out.ER_PRS_F && new PrsColumns(out.ER_PRS_F.buffer),
      pha: out.ER_PHA_F && new PhaColumns(out.ER_PHA_F.buffer),
      bio: out.ER_BIO_F && new BioColumns(out.ER_BIO_F.buffer),
      cam: out.ER_CAM_F && new CamColumns(out.ER_CAM_F.buffer),
      ete: out.ER_ETE_F && new EteColumns(out.ER_ETE_F.buffer),
    };
    cache.set(out, d);
  }
  return d;
}
