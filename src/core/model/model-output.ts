import type { Setter } from '../columns/setters.js';
import { modelSetters } from '../columns/setters.js';
import type { TableBuffer } from '../columns/table-buffer.js';

/** The columns the care model writes, per table; every other column is filled from its schema rule. */
export const NINE_KEYS = ['FLX_DIS_DTD', 'FLX_TRT_DTD', 'FLX_EMT_TYP', 'FLX_EMT_NUM', 'FLX_EMT_ORD', 'ORG_CLE_NUM', 'DCT_ORD_NUM', 'PRS_ORD_NUM', 'REM_TYP_AFF'] as const;

const BENEFICIARY = ['BEN_NIR_PSA', 'BEN_RNG_GEM', 'BEN_NIR_ANO', 'BEN_IDT_ANO', 'BEN_IDT_TOP', 'ASS_NIR_ANO', 'BEN_IDT_MAJ', 'BEN_CDI_NIR', 'BEN_NAI_ANN', 'BEN_NAI_MOI', 'BEN_SEX_COD', 'BEN_DCD_DTE', 'BEN_DCD_AME', 'ORG_AFF_BEN', 'BEN_RES_DPT', 'BEN_RES_COM', 'BEN_TOP_CNS', 'MAX_TRT_DTD', 'ORG_CLE_NEW', 'BEN_DTE_INS', 'BEN_DTE_MAJ'] as const;

export const MODEL_COLUMNS = {
  IR_BEN_R: BENEFICIARY,
  IR_BEN_R_ARC: BENEFICIARY,
  IR_IMB_R: ['BEN_NIR_PSA', 'BEN_RNG_GEM', 'IMB_ALD_DTD', 'IMB_ALD_DTF', 'IMB_ALD_NUM', 'IMB_ETM_NAT', 'INS_DTE', 'MED_MTF_COD', 'UPD_DTE'],
  ER_PRS_F: [
    ...NINE_KEYS, 'BEN_AMA_COD', 'BEN_CDI_NIR', 'BEN_CMU_TOP', 'BEN_DCD_DTE', 'BEN_NAI_ANN', 'BEN_NIR_PSA', 'BEN_RNG_GEM', 'BEN_RES_COM', 'BEN_RES_DPT', 'BEN_SEX_COD',
    'ORG_AFF_BEN', 'EXE_SOI_AMD', 'EXE_SOI_AMF', 'EXE_SOI_DTD', 'EXE_SOI_DTF', 'PRE_PRE_DTD', 'BSE_REM_BSE', 'BSE_REM_MNT', 'BSE_REM_PRU', 'BSE_REM_SGN', 'CPL_REM_MNT',
    'CPL_REM_SGN', 'PRS_ACT_CFT', 'PRS_ACT_NBR', 'PRS_ACT_QTE', 'PRS_DEP_MNT', 'PRS_PAI_MNT', 'RGM_COD', 'RGM_GRG_COD', 'BSE_PRS_NAT', 'CPL_AFF_COD', 'CPL_MAJ_TOP',
    'CPL_PRS_NAT', 'DPN_QLF', 'EXO_MTF', 'PRS_DPN_QLP', 'PRS_NAT_REF', 'RGO_REM_TAU', 'ETB_PRE_FIN', 'PFS_EXE_NUM', 'PFS_PRE_NUM', 'PSE_ACT_NAT', 'PSE_SPE_COD',
    'PSP_ACT_NAT', 'PSP_SPE_COD', 'PRS_PPU_SEC',
  ],
  ER_PHA_F: [...NINE_KEYS, 'PHA_ACT_PRU', 'PHA_ACT_QSN', 'PHA_ORD_NUM', 'PHA_PRS_C13', 'PHA_PRS_IDE'],
  ER_BIO_F: [...NINE_KEYS, 'BIO_ACT_QSN', 'BIO_ORD_NUM', 'BIO_PRS_IDE'],
  ER_CAM_F: [...NINE_KEYS, 'CAM_ACT_COD', 'CAM_ACT_PRU', 'CAM_ASS_COD', 'CAM_ORD_NUM', 'CAM_PRS_IDE', 'CAM_REM_BSE', 'CAM_TRT_PHA'],
  ER_ETE_F: [...NINE_KEYS, 'ETB_EXE_FIN', 'ETE_CAT_COD', 'ETE_GHS_NUM', 'ETE_IND_TAA', 'ETE_TYP_COD', 'PRS_PPU_SEC'],
  T_MCOaaB: ['ETA_NUM', 'RSA_NUM', 'AGE_ANN', 'AGE_JOU', 'BDI_COD', 'BDI_DEP', 'COD_SEX', 'DGN_PAL', 'DGN_REL', 'ENT_MOD', 'ENT_PRV', 'GHS_NUM', 'GRG_GHM', 'NBR_ACT', 'NBR_DGN', 'NBR_RUM', 'NBR_SEA', 'SEJ_NBJ', 'SOR_ANN', 'SOR_DES', 'SOR_MOD', 'SOR_MOI'],
  T_MCOaaC: ['ETA_NUM', 'RSA_NUM', 'COH_NAI_RET', 'COH_SEX_RET', 'DAT_RET', 'EXE_SOI_DTD', 'EXE_SOI_DTF', 'FHO_RET', 'NAI_RET', 'NIR_ANO_17', 'NIR_RET', 'PMS_RET', 'SEJ_NUM', 'SEJ_RET', 'SEX_RET'],
  T_MCOaaD: ['ETA_NUM', 'RSA_NUM', 'ASS_DGN'],
  T_MCOaaA: ['ETA_NUM', 'RSA_NUM', 'ACV_ACT', 'CDC_ACT', 'ENT_DAT_DEL', 'NBR_EXE_ACT', 'PHA_ACT'],
  T_MCOaaCSTC: ['ETA_NUM', 'SEQ_NUM', 'ENT_DAT_RET', 'EXE_SOI_DTD', 'EXE_SOI_DTF', 'IAS_RET', 'NAI_RET', 'NIR_ANO_17', 'NIR_RET', 'SEX_RET'],
  T_MCOaaFBSTC: ['ETA_NUM', 'SEQ_NUM', 'ACT_COD', 'ACT_NBR', 'AMO_MNR', 'EXE_SPE', 'PRI_UNI', 'REM_BAS', 'REM_TAU', 'SOR_ANN', 'SOR_MOI'],
  T_MCOaaFMSTC: ['ETA_NUM', 'SEQ_NUM', 'CCAM_COD', 'NIR_ANO_17', 'NIR_RET', 'SEX_RET', 'NIAS_RET', 'DAT_RET', 'SOR_ANN', 'SOR_MOI'],
  T_SSRaaB: [
    'ETA_NUM', 'RHA_NUM', 'RHS_NUM', 'AGE_ANN', 'COD_SEX', 'BDI_COD', 'BDI_DEP', 'RHS_ANT_SEJ_ENT', 'MOI_ANN_SOR_SEJ', 'ENT_MOD', 'ENT_PRV', 'SOR_MOD', 'SOR_DES', 'MOI_ANN',
    'JP_HWE', 'JP_WE', 'FP_PEC', 'MOR_PRP', 'ETL_AFF', 'GRG_GME', 'GRG_CMC', 'NBR_DGN',
  ],
  T_SSRaaC: ['ETA_NUM', 'RHA_NUM', 'NIR_ANO_17', 'EXE_SOI_DTD', 'EXE_SOI_DTF', 'NIR_RET', 'NAI_RET', 'SEX_RET', 'SEJ_RET', 'FHO_RET', 'PMS_RET', 'DAT_RET', 'COH_NAI_RET', 'COH_SEX_RET', 'SOR_MOI'],
  T_HADaaB: ['ETA_NUM_EPMSI', 'RHAD_NUM', 'AGE_ANN', 'COD_SEX', 'BDI_COD', 'BDI_DEP', 'DGN_PAL', 'ENT_MOD', 'ENT_PRV', 'SOR_MOD', 'SOR_DES', 'PEC_PAL', 'PEC_ASS', 'SEJ_NBJ', 'SOR_ANN', 'SOR_MOI'],
  T_HADaaC: ['ETA_NUM_EPMSI', 'RHAD_NUM', 'NIR_ANO_17', 'EXE_SOI_DTD', 'EXE_SOI_DTF', 'NIR_RET', 'NAI_RET', 'SEX_RET', 'SEJ_RET', 'FHO_RET', 'PMS_RET', 'DAT_RET', 'COH_NAI_RET', 'COH_SEX_RET', 'SOR_MOI', 'ENT_MOI', 'ENT_ANN'],
  T_RIPaaRSA: [
    'ETA_NUM_EPMSI', 'RIP_NUM', 'AGE_ANN', 'COD_SEX', 'BDI_COD', 'BDI_DEP', 'FOR_ACT', 'ENT_MOD', 'ENT_PRV', 'SOR_MOD', 'SOR_DES', 'SEQ_FIN_MOI', 'SEQ_FIN_ANN', 'SEQ_COU_NBJ',
    'PRE_JOU_NBJ', 'DGN_PAL',
  ],
  T_RIPaaC: ['ETA_NUM_EPMSI', 'RIP_NUM', 'NIR_ANO_17', 'EXE_SOI_DTD', 'EXE_SOI_DTF', 'NIR_RET', 'NAI_RET', 'SEX_RET', 'SEJ_RET', 'FHO_RET', 'PMS_RET', 'DAT_RET', 'COH_NAI_RET', 'COH_SEX_RET', 'SOR_MOI', 'ENT_MOI', 'ENT_ANN'],
  T_MCOaaUM: ['ETA_NUM', 'RSA_NUM', 'ACT_RUM_NBR', 'AUT_TYP1_UM', 'DGN_ASS_NBR', 'DGN_PAL', 'DGN_REL', 'ETA_NUM_GEO', 'ETA_NUM_GEO1', 'PAR_DUR_SEJ', 'UM_ORD_NUM'],
  KI_CCI_R: ['BEN_IDT_ANO', 'FLX_PER_ANN', 'DCD_DPT_COD', 'BEN_DCD_DTE', 'DCD_LIE_COD', 'BEN_NAI_ANN', 'BEN_SEX_COD', 'DCD_CIM_COD'],
  KI_ECD_R: ['BEN_IDT_ANO', 'BEN_NIR_ANO', 'FLX_PER_ANN', 'CER_LIG_NUM', 'ECD_CAU_RNG', 'ECD_CIM_COD', 'BEN_DCD_DTE'],
  IR_ORC_R: ['BEN_NIR_PSA', 'BEN_RNG_GEM', 'BEN_NIR_ANO', 'BEN_IDT_ANO', 'BEN_CTA_TYP', 'BEN_CMU_ORG', 'MLL_CTA_DSD', 'MLL_CTA_DSF'],
  DA_PRA_R: ['PFS_PFS_NUM', 'IPP_SEX_COD', 'CAI_NUM', 'PFS_PRA_SPE', 'EXC_EXC_NAT', 'PFS_EXC_COM', 'PFS_COD_POS'],
  BE_IDE_R: ['IDE_ETA_NU8', 'IDE_ETA_NOM', 'IDE_CPT_RSC', 'IDE_PSH_CAT', 'IDE_IMP_DPT'],
  T_MCOaaE: ['ETA_NUM', 'ANN_TRT', 'ETB_EXE_FIN', 'REG_ETA', 'SOC_RAI', 'STA_ETA', 'VAL_ETA'],
} as const;

export type ModelTableName = keyof typeof MODEL_COLUMNS;
export const MODEL_TABLES = Object.keys(MODEL_COLUMNS) as ModelTableName[];

export type TableWriter<T extends ModelTableName> = {
  buffer: TableBuffer;
  set: Record<(typeof MODEL_COLUMNS)[T][number], Setter>;
};

/** Writers of the tables a generation run asked for (undefined for the others: their rows are skipped). */
export type ModelOutput = { [T in ModelTableName]?: TableWriter<T> };

export function modelOutput(buffers: ReadonlyMap<string, TableBuffer>): ModelOutput {
  const out: Record<string, unknown> = {};
  for (const name of MODEL_TABLES) {
    const buffer = buffers.get(name);
    if (buffer) out[name] = { buffer, set: modelSetters(buffer, MODEL_COLUMNS[name]) };
  }
  return out as ModelOutput;
}
