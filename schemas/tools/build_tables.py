#!/usr/bin/env python3
"""Build schemas/tables/<TABLE>.json from the upstream schema-snds Table Schemas.

Re-runnable: python3 schemas/tools/build_tables.py [--upstream /work/shared/snds-schema]
Upstream: schema-snds (Health Data Hub), MPL-2.0. Output keeps every upstream field, in order,
normalises types (see schemas/README.md) and adds a `gen` rule per field.
"""
import glob, json, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)  # schemas/
UP = sys.argv[sys.argv.index("--upstream") + 1] if "--upstream" in sys.argv else "/work/shared/snds-schema"

TABLES = {
    "IR_BEN_R": ("fact", "One row per beneficiary (pseudonymised NIR + birth rank): demographics, residence, affiliation, death."),
    "IR_IMB_R": ("fact", "One row per medical exemption (ALD, AT/MP, invalidity) granted to a beneficiary, with its ICD-10 reason and validity dates."),
    "ER_PRS_F": ("fact", "One row per reimbursed service line (prestation) of a claim, with the beneficiary snapshot, providers, dates and amounts."),
    "ER_PHA_F": ("fact", "One row per drug presentation (CIP13) dispensed by a community pharmacy on a prestation line."),
    "ER_BIO_F": ("fact", "One row per NABM biology act billed on a prestation line."),
    "ER_CAM_F": ("fact", "One row per CCAM technical act (code, activity, phase) billed on a prestation line."),
    "ER_ETE_F": ("fact", "One row of establishment data (executing FINESS, category, GHS, T2A indicator) attached to a prestation line billed by a health establishment."),
    "T_MCOaaE": ("referential", "One row per PMSI-MCO establishment (e-PMSI FINESS) transmitting acute-care discharge data."),
    "T_MCOaaB": ("fact", "One row per PMSI-MCO acute-care stay summary (RSA): diagnoses, GHM/GHS, age, sex, residence, length of stay, entry and exit modes."),
    "T_MCOaaC": ("fact", "One row per PMSI-MCO stay giving the patient's pseudonymised NIR, admission and discharge dates and chaining return codes."),
    "T_MCOaaD": ("fact", "One row per associated diagnosis (ICD-10 DAS) of a PMSI-MCO stay."),
    "T_MCOaaA": ("fact", "One row per CCAM act performed during a PMSI-MCO stay."),
    "KI_CCI_R": ("fact", "One row per death certificate (CépiDc): initial cause of death (ICD-10), date, place and circumstances."),
    "DA_PRA_R": ("referential", "One row per health professional (PS number): specialty, sex, convention sector, practice location."),
    "BE_IDE_R": ("referential", "One row per health establishment known to CNAM (8-digit FINESS): name, category, legal status, location."),
}

KEY9 = {"FLX_DIS_DTD": "date", "FLX_TRT_DTD": "date", "FLX_EMT_TYP": "integer", "FLX_EMT_NUM": "integer",
        "FLX_EMT_ORD": "integer", "DCT_ORD_NUM": "integer", "PRS_ORD_NUM": "integer", "REM_TYP_AFF": "integer",
        "ORG_CLE_NUM": "string"}

M = {"by": "model"}
NULL = {"null": True}

MODEL = {
    "IR_IMB_R": "BEN_NIR_PSA BEN_RNG_GEM IMB_ALD_DTD IMB_ALD_DTF IMB_ALD_NUM IMB_ETM_NAT MED_MTF_COD INS_DTE UPD_DTE",
    "ER_PRS_F": "BEN_NIR_PSA BEN_RNG_GEM BEN_SEX_COD BEN_NAI_ANN BEN_AMA_COD BEN_RES_DPT BEN_RES_COM BEN_CDI_NIR BEN_CMU_TOP ORG_AFF_BEN BEN_DCD_DTE RGM_GRG_COD RGM_COD EXE_SOI_DTD EXE_SOI_DTF EXE_SOI_AMD EXE_SOI_AMF PRE_PRE_DTD PRS_NAT_REF BSE_PRS_NAT CPL_PRS_NAT CPL_MAJ_TOP CPL_AFF_COD PRS_ACT_QTE PRS_ACT_NBR PRS_ACT_CFT PRS_PAI_MNT BSE_REM_BSE BSE_REM_MNT BSE_REM_PRU CPL_REM_MNT PRS_DEP_MNT RGO_REM_TAU BSE_REM_SGN CPL_REM_SGN EXO_MTF DPN_QLF PRS_DPN_QLP PRS_PPU_SEC PFS_EXE_NUM PFS_PRE_NUM PSE_SPE_COD PSE_ACT_NAT PSP_SPE_COD PSP_ACT_NAT ETB_PRE_FIN",
    "ER_PHA_F": "PHA_PRS_C13 PHA_PRS_IDE PHA_ACT_QSN PHA_ACT_PRU PHA_ORD_NUM",
    "ER_BIO_F": "BIO_PRS_IDE BIO_ACT_QSN BIO_ORD_NUM",
    "ER_CAM_F": "CAM_PRS_IDE CAM_ACT_COD CAM_TRT_PHA CAM_ACT_PRU CAM_REM_BSE CAM_ORD_NUM CAM_ASS_COD",
    "ER_ETE_F": "ETB_EXE_FIN ETE_CAT_COD ETE_TYP_COD ETE_GHS_NUM ETE_IND_TAA PRS_PPU_SEC",
    "T_MCOaaB": "ETA_NUM RSA_NUM DGN_PAL DGN_REL GRG_GHM GHS_NUM AGE_ANN AGE_JOU COD_SEX BDI_DEP BDI_COD SOR_ANN SOR_MOI SEJ_NBJ ENT_MOD ENT_PRV SOR_MOD SOR_DES NBR_DGN NBR_ACT NBR_RUM NBR_SEA",
    "T_MCOaaC": "ETA_NUM RSA_NUM NIR_ANO_17 EXE_SOI_DTD EXE_SOI_DTF SEJ_NUM NIR_RET NAI_RET SEX_RET SEJ_RET FHO_RET PMS_RET DAT_RET COH_NAI_RET COH_SEX_RET",
    "T_MCOaaD": "ETA_NUM RSA_NUM ASS_DGN",
    "T_MCOaaA": "ETA_NUM RSA_NUM CDC_ACT ACV_ACT PHA_ACT NBR_EXE_ACT ENT_DAT_DEL",
    "KI_CCI_R": "BEN_IDT_ANO BEN_DCD_DTE DCD_CIM_COD BEN_SEX_COD BEN_NAI_ANN DCD_DPT_COD FLX_PER_ANN",
    # specialty, sex, residence/department, activity nature (see README / report)
    "DA_PRA_R": "PFS_PFS_NUM PFS_PRA_SPE IPP_SEX_COD CAI_NUM PFS_EXC_COM PFS_COD_POS EXC_EXC_NAT",
    # FINESS, name, category, department
    "BE_IDE_R": "IDE_ETA_NU8 IDE_ETA_NOM IDE_CPT_RSC IDE_PSH_CAT IDE_IMP_DPT",
}
MODEL = {k: v.split() for k, v in MODEL.items()}
for t in ("ER_PRS_F", "ER_PHA_F", "ER_BIO_F", "ER_CAM_F", "ER_ETE_F"):
    MODEL[t] = list(KEY9) + MODEL[t]
ALL_MODEL = {"IR_BEN_R", "T_MCOaaE"}

MONTHS = ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"]
RET0 = {"const": "0"}

# Rules for columns not driven by the model. Anything not listed gets {"null": true}.
RULES = {
    "IR_IMB_R": {
        "MED_NCL_IDT": {"const": "CIM10"},
    },
    "ER_PRS_F": {
        "BEN_DCD_AME": {"yearmonth": "BEN_DCD_DTE"},
        "BEN_EHP_TOP": {"values": [0, 1], "weights": [0.985, 0.015]},
        "PRS_REJ_TOP": {"const": 0},
        "PRE_PRE_AMD": {"yearmonth": "PRE_PRE_DTD"},
        "PRS_ACT_COG": {"copy": "PRS_ACT_CFT"},
        "RGO_MOD_MNT": {"const": 0},
        "ACC_TIE_IND": {"values": [0, 1], "weights": [0.99, 0.01]},
        "DRG_NAT": {"values": ["10", "35", "36"], "weights": [0.25, 0.45, 0.30]},
        "DRG_MOD": {"values": ["1", "4"], "weights": [0.95, 0.05]},
        "EXE_LIE_COD": {"values": ["0", "1", "2"], "weights": [0.80, 0.05, 0.15]},
        "MTM_NAT": {"values": ["0", "2"], "weights": [0.96, 0.04]},
        "ORG_CLE_NEW": {"copy": "ORG_CLE_NUM"},
        "PRS_OPS_TRF": {"values": [1, 2, 0], "weights": [0.80, 0.15, 0.05]},
        "PRS_PDS_QCP": {"values": ["1", "3", "4", "5", "0", "24"], "weights": [0.55, 0.15, 0.08, 0.02, 0.17, 0.03]},
        "PRS_PDS_QTP": {"values": ["1", "3", "4", "0"], "weights": [0.55, 0.15, 0.10, 0.20]},
        "RGO_ASU_NAT": {"values": ["10", "30", "40", "90"], "weights": [0.90, 0.04, 0.04, 0.02]},
        "RGO_ENV_TYP": {"values": ["1", "2"], "weights": [0.85, 0.15]},
        "RGO_THE_TAU": {"copy": "RGO_REM_TAU"},
        "PSE_CNV_COD": {"values": ["1", "3", "2", "9"], "weights": [0.72, 0.22, 0.02, 0.04], "nullRate": 0.05},
        "PSE_STJ_COD": {"values": ["51", "61", "62"], "weights": [0.85, 0.10, 0.05]},
        "PSP_CNV_COD": {"values": ["1", "3", "2"], "weights": [0.75, 0.22, 0.03], "nullRate": 0.40},
        "PSP_STJ_COD": {"values": ["51", "61", "62"], "weights": [0.80, 0.15, 0.05], "nullRate": 0.40},
        "PSE_REF_ADH": {"const": "0"},
        "PSP_REF_ADH": {"const": "0"},
    },
    "ER_PHA_F": {
        "ORG_CLE_NEW": {"copy": "ORG_CLE_NUM"},
        "PHA_SEQ_RNV": {"values": ["0", "1", "2", "3"], "weights": [0.55, 0.20, 0.15, 0.10]},
        "PHA_SUB_MTF": {"values": ["0", "2", "6", "5"], "weights": [0.60, 0.30, 0.05, 0.05]},
        "PHA_DEC_TOP": {"const": "Z"},
        "PHA_MOD_PRN": {"values": ["Z", "M"], "weights": [0.96, 0.04]},
    },
    "ER_BIO_F": {
        "ORG_CLE_NEW": {"copy": "ORG_CLE_NUM"},
    },
    "ER_CAM_F": {
        "ORG_CLE_NEW": {"copy": "ORG_CLE_NUM"},
        "CAM_MOD_COD": {"values": ["F", "P", "S", "U", "K", "Z"], "weights": [0.17, 0.17, 0.11, 0.11, 0.22, 0.22], "nullRate": 0.82},
        "CAM_GRI_TAR": {"values": ["001", "002"], "weights": [0.6, 0.4], "nullRate": 0.1},
    },
    "ER_ETE_F": {
        "ORG_CLE_NEW": {"copy": "ORG_CLE_NUM"},
        "MDT_COD": {"values": ["7", "3", "4", "10", "23"], "weights": [0.55, 0.20, 0.10, 0.10, 0.05]},
        "ETE_MCO_DDP": {"values": ["M", "C", "O", "Z"], "weights": [0.45, 0.25, 0.05, 0.25]},
        "ETE_NAT_FSJ": {"values": ["S", "T", "D"], "weights": [0.95, 0.04, 0.01], "nullRate": 0.6},
        "MFT_COD": {"values": ["3", "4", "7", "15"], "weights": [0.5, 0.1, 0.3, 0.1], "nullRate": 0.2},
    },
    "T_MCOaaB": {
        "ANT_SUP_NBR": {"const": 0},
        "AUT_PGV_NBR": {"const": 0},
        "CAI_SUP_NBR": {"const": 0},
        "ETE_GHS_NUM": {"copy": "GHS_NUM"},
        "GRC_GHM": {"copy": "GRG_GHM"},
        "GRG_VER": {"const": "11"},
        "NBR_SUP_NN1": {"const": 0}, "NBR_SUP_NN2": {"const": 0}, "NBR_SUP_NN3": {"const": 0},
        "NBR_SUP_REA": {"values": [0, 1, 2, 3, 5], "weights": [0.985, 0.004, 0.004, 0.004, 0.003]},
        "NBR_SUP_REP": {"const": 0},
        "NBR_SUP_SOI": {"const": 0},
        "NBR_SUP_SRC": {"values": [0, 1, 2, 3], "weights": [0.97, 0.01, 0.01, 0.01]},
        "NBR_SUP_STF": {"values": [0, 1, 2, 3], "weights": [0.97, 0.01, 0.01, 0.01]},
        "RSS_NUM": {"const": "224"},
        "RTH_SUP_NBR": {"const": 0},
        "SUP_ENT_DPA": {"const": 0}, "SUP_ENT_DPC": {"const": 0}, "SUP_ENT_HEM": {"const": 0},
        "SUP_HEM_HS": {"const": 0}, "SUP_RAD_PED": {"const": 0},
        "TYP_GEN_RSA": {"const": 0},
        "PLO_ACT": {"const": 0},
        "UHCD_TOP": {"values": [False, True], "weights": [0.93, 0.07]},
        "PAS_LIT_DED": {"values": [False, True], "weights": [0.99, 0.01]},
    },
    "T_MCOaaC": {
        "ENT_DAT": {"copy": "EXE_SOI_DTD"},
        "SOR_DAT": {"copy": "EXE_SOI_DTF"},
        "ETA_NUM_RET": RET0,
        "EXE_SOI_AMD": {"yearmonth": "EXE_SOI_DTD"},
        "EXE_SOI_AMF": {"yearmonth": "EXE_SOI_DTF"},
        "ENT_AM": {"yearmonth": "EXE_SOI_DTD"},
        "SOR_AM": {"yearmonth": "EXE_SOI_DTF"},
        "SOR_ANN": {"year": "EXE_SOI_DTF"},
        "FOR_NUM": {"const": "012"},
        "HOS_NNE_RET": RET0, "HOS_ORG_RET": RET0, "NUM_DAT_AT_RET": RET0, "ORG_CPL_NUM_RET": RET0,
        "RNG_BEN_RET": RET0, "RNG_NAI_RET": RET0, "SEJ_MER_RET": RET0,
        "RNG_NAI": {"values": [1, 2], "weights": [0.99, 0.01]},
    },
    "T_MCOaaD": {
        "RSS_NUM": {"const": "224"},
    },
    "T_MCOaaA": {
        "RSS_NUM": {"const": "224"},
        "RUM_SEQ": {"const": "01"},
        "MOD_ACT": {"values": ["F", "P", "S", "U", "7", "J"], "weights": [0.1, 0.1, 0.1, 0.1, 0.4, 0.2], "nullRate": 0.8},
    },
    "KI_CCI_R": {
        "DCD_IDT_TOP": {"const": 1},
        "BEN_IDT_TOP": {"const": 1},
        "CER_VER_NUM": {"values": ["2", "1"], "weights": [0.9, 0.1]},
        "TRT_STA_COD": {"const": "1"},
        "TYP_CER_COD": {"values": ["1", "2"], "weights": [0.999, 0.001]},
        "CER_SUP_TYP": {"values": ["1", "2"], "weights": [0.35, 0.65]},
        "TYP_VOL_COD": {"const": "1"},
        "BEN_RES_DPT": {"copy": "DCD_DPT_COD"},
        "BEN_DCD_AME": {"yearmonth": "BEN_DCD_DTE"},
        "DCD_LIE_COD": {"values": ["1", "2", "3", "4", "5", "6"], "weights": [0.25, 0.42, 0.10, 0.19, 0.01, 0.03]},
        "BEN_NAI_MOI": {"values": MONTHS},
        "PFV_ACP_COD": {"values": ["1", "2", "3"], "weights": [0.78, 0.10, 0.12], "nullRate": 0.05},
        "ETA_MAR_COD": {"values": ["1", "2", "3", "4"], "weights": [0.16, 0.36, 0.36, 0.12], "nullRate": 0.03},
        "DCD_CAU_COD": {"values": ["1", "2", "3"], "weights": [0.93, 0.05, 0.02]},
    },
    "DA_PRA_R": {
        "DTE_MOI_FIN": {"const": "12"},
        "DTE_ANN_TRT": {"const": 2024},
        "IPP_ANN_NAI": {"int": [1952, 1997]},
        "CNV_CNV_COD": {"values": ["1", "3", "2", "0"], "weights": [0.74, 0.23, 0.02, 0.01]},
        "PRA_MEP_COD": {"nomenclature": "IR_MEP_V", "column": "PFS_MEP_COD", "nullRate": 0.95},
        "PRA_IDP_SAL": {"values": ["0", "1"], "weights": [0.9, 0.1]},
        "PRA_CIV_COD": {"values": ["1", "2"], "weights": [0.5, 0.5]},
    },
    "BE_IDE_R": {
        "IDE_ETA_TYP": {"values": ["1", "2"], "weights": [0.3, 0.7]},
        "IDE_PSH_STJ": {"values": ["11", "13", "14", "61", "63", "72", "73"], "weights": [0.1, 0.2, 0.1, 0.1, 0.2, 0.15, 0.15]},
    },
}

# integer columns that are flags / indicators stored as numbers (kept integer even with a nomenclature)
INT_FLAGS = {"BEN_EHP_TOP", "ACC_TIE_IND", "PRS_OPS_TRF", "PRS_TOP_ENP", "PRS_CRD_OPT", "ETE_IND_TAA",
             "HOS_TRF_TOP", "MER_SIT_TOP", "BEN_CMU_TOP", "CPL_MAJ_TOP", "PRS_REJ_TOP", "DCD_IDT_TOP", "BEN_IDT_TOP"}
# integer columns without nomenclature that are nevertheless codes/identifiers
INT_CODES = {"IJR_EMP_NUM", "PHA_IDE_CPL", "GHS_NUM", "ETE_GHS_NUM", "GHS_HS_INNOV", "SEJ_NUM", "NUM_DAT_AT",
             "VID_HOSP_FOR", "IDE_IDE_EAM", "IDE_IDE_EAS", "IDE_IDE_CON", "IDE_IDE_CTR", "IDE_CBU_CTR",
             "ETA_NUM", "RSA_NUM", "PHA_PRS_C13", "PHA_PRS_IDE", "BIO_PRS_IDE", "CPL_FTA_COD", "DRG_AFF_NAT"}
# PMSI return codes: upstream 'boolean' but stored as CHAR(1) '0'/'1' (type_oracle string); queries test NIR_RET = '0'
RET_AS_STRING = {"NIR_RET", "NAI_RET", "SEX_RET", "SEJ_RET", "FHO_RET", "PMS_RET", "DAT_RET", "COH_NAI_RET",
                 "COH_SEX_RET", "ETA_NUM_RET", "HOS_NNE_RET", "HOS_ORG_RET", "NUM_DAT_AT_RET", "ORG_CPL_NUM_RET",
                 "RNG_BEN_RET", "RNG_NAI_RET", "SEJ_MER_RET"}


def normalise(table, f):
    """Return dict(type=..., length=..., decimals=...) for an upstream field."""
    name, t = f["name"], f["type"]
    ln = f.get("length")
    ln = None if ln in (None, "", "-") else str(ln)
    nom = f.get("nomenclature") or "-"
    out = {}
    if name in KEY9:
        out["type"] = KEY9[name]
        if out["type"] == "string" and ln:
            out["length"] = int(ln)
        return out
    if name == "BEN_RNG_GEM":
        return {"type": "integer"}
    if name in RET_AS_STRING:
        return {"type": "string", "length": 1}
    if t == "string":
        out["type"] = "string"
        if ln and ln.isdigit():
            out["length"] = int(ln)
    elif t == "integer":
        if name in INT_FLAGS:
            out["type"] = "integer"
        elif nom != "-" or name in INT_CODES:
            out["type"] = "string"
            if ln and ln.isdigit():
                out["length"] = int(ln)
        else:
            out["type"] = "integer"
    elif t == "number":
        p, s = (ln.split(",") + ["0"])[:2] if ln else ("", "2")
        s = int(s or 0)
        if s == 0:
            out["type"] = "integer"
        else:
            out["type"] = "number"
            out["decimals"] = s
    elif t in ("date", "datetime"):
        if ln == "2":
            out["type"] = "string"
            out["length"] = 2
        else:
            out["type"] = "date"
    elif t == "yearmonth":
        out["type"] = "string"
        out["length"] = 6
    elif t == "year":
        out["type"] = "integer"
    elif t == "boolean":
        if f.get("type_oracle") == "number":
            out["type"] = "integer"
        else:
            out["type"] = "boolean"
    else:
        raise ValueError(f"{table}.{name}: unknown type {t}")
    return out


def gen_rule(table, name):
    if table in ALL_MODEL or name in MODEL.get(table, []):
        return dict(M)
    r = RULES.get(table, {}).get(name)
    return dict(r) if r is not None else dict(NULL)


def find(table):
    hits = glob.glob(os.path.join(UP, "schemas", "**", f"{table}.json"), recursive=True)
    assert len(hits) == 1, (table, hits)
    return hits[0]


def as_list(x):
    return x if isinstance(x, list) else [x]


def main():
    os.makedirs(os.path.join(ROOT, "tables"), exist_ok=True)
    missing_model = {}
    for table, (kind, desc) in TABLES.items():
        path = find(table)
        up = json.load(open(path, encoding="utf-8"))
        names = [f["name"] for f in up["fields"]]
        miss = [c for c in MODEL.get(table, []) if c not in names]
        if miss:
            missing_model[table] = miss
        rel = os.path.relpath(path, UP)
        out = {"name": table, "title": up.get("title", ""), "produit": up.get("produit", ""),
               "description": desc, "kind": kind,
               "source": f"schema-snds (Health Data Hub, MPL-2.0): {rel}"}
        if up.get("primaryKey"):
            out["primaryKey"] = as_list(up["primaryKey"])
        if up.get("foreignKeys"):
            fks = []
            for fk in up["foreignKeys"]:
                n = {"fields": as_list(fk["fields"]),
                     "reference": {"resource": fk["reference"]["resource"], "fields": as_list(fk["reference"]["fields"])}}
                if fk.get("description"):
                    n["description"] = fk["description"]
                fks.append(n)
            out["foreignKeys"] = fks
        fields = []
        for f in up["fields"]:
            nf = {"name": f["name"], "description": " ".join((f.get("description") or "").split())}
            nf.update(normalise(table, f))
            nom = f.get("nomenclature") or "-"
            if nom != "-":
                nf["nomenclature"] = nom
            nf["snds_type"] = f["type"]
            if f.get("length") not in (None, "", "-"):
                nf["snds_length"] = str(f["length"])
            g = gen_rule(table, f["name"])
            # make const/values typed like the column
            nf["gen"] = g
            fields.append(nf)
        out["fields"] = fields
        with open(os.path.join(ROOT, "tables", f"{table}.json"), "w", encoding="utf-8") as fh:
            json.dump(out, fh, ensure_ascii=False, indent=2)
            fh.write("\n")
    if missing_model:
        print("model-driven columns absent upstream:", json.dumps(missing_model))
    else:
        print("all model-driven columns exist upstream")


if __name__ == "__main__":
    main()
