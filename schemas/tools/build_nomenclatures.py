#!/usr/bin/env python3
"""Build schemas/nomenclatures/*.csv (+ Table Schema JSON for the tables also written to datasets).

Re-runnable: python3 schemas/tools/build_nomenclatures.py [--upstream /work/shared/snds-schema]
Sources: schema-snds nomenclatures (Health Data Hub, MPL-2.0) + hand-curated data marked [E]
(see schemas/nomenclatures/SOURCES.md).
"""
import csv, io, json, os, shutil, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "nomenclatures")
UP = sys.argv[sys.argv.index("--upstream") + 1] if "--upstream" in sys.argv else "/work/shared/snds-schema"
NOM = os.path.join(UP, "nomenclatures")
sys.dont_write_bytecode = True
sys.path.insert(0, HERE)
import drugs  # noqa: E402


def read_up(rel):
    with open(os.path.join(NOM, rel), encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    return rows[0], rows[1:]


def write_csv(name, header, rows):
    with open(os.path.join(OUT, name + ".csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow(["" if v is None else v for v in r])


def write_schema(name, title, source, fields, pk, description):
    doc = {"name": name, "title": title, "description": description, "kind": "nomenclature",
           "source": source, "primaryKey": pk, "fields": fields}
    with open(os.path.join(OUT, name + ".json"), "w", encoding="utf-8") as fh:
        json.dump(doc, fh, ensure_ascii=False, indent=2)
        fh.write("\n")


def fld(name, typ, desc, snds_type=None, role=None, decimals=None):
    f = {"name": name, "description": desc, "type": typ}
    if decimals is not None:
        f["decimals"] = decimals
    if role:
        f["role"] = role
    f["snds_type"] = snds_type or typ
    return f


# ---------------------------------------------------------------- small value lists (copied whole)
SMALL = ["ORAVAL/IR_SEX_V", "ORAVAL/IR_SPE_V", "ORAVAL/IR_EXO_V", "ORAVAL/IR_ETM_V", "ORAVAL/IR_ALD_V",
         "ORAVAL/IR_DPT_V", "ORAVAL/IR_TYT_V", "ORAVAL/IR_CET_V", "ORAVAL/IR_BER_V", "ORAVAL/IR_NIR_V",
         "ORAVAL/IR_ACT_V", "ORAVAL/IR_PPU_V", "ORAVAL/IR_SGN_V", "ORAVAL/IR_DEP_V", "ORAVAL/IR_CCA_V",
         "ORAVAL/IR_TYE_V", "ORAVAL/IR_TAA_V", "ORAVAL/MS_SOR_V", "ORAVAL/MS_PRV_V", "ORAVAL/IR_NEM_T",
         "ORAREF/XC_ATE_V", "ORAREF/XC_PHA_V", "ORAVAL/IR_ASS_V", "ORAVAL/IR_AMA_V", "ORAVAL/IR_ASU_V",
         "ORAVAL/IR_CNV_V", "ORAVAL/IR_SJP_V", "ORAVAL/IR_QPS_V", "ORAVAL/IR_DRG_V", "ORAVAL/IR_MDT_V",
         "ORAVAL/IR_SUB_V", "ORAVAL/IR_TAU_V", "ORAVAL/IR_EPS_V", "ORAVAL/IR_SPA_D", "ORAVAL/IR_MEP_V",
         "ORAVAL/DS_LIE_V", "ORAVAL/DS_VER_V", "ORAVAL/DS_MAR_V", "ORAVAL/DS_ACP_V", "ORAVAL/IR_MCO_V",
         "ORAVAL/IR_SEQ_V", "ORAVAL/IR_MDP_V", "ORAVAL/IR_TDU_V", "ORAVAL/IR_NFS_V", "ORAVAL/IR_QPE_V",
         "ORAVAL/IR_SJE_V", "ORAVAL/IR_MFT_V", "ORAVAL/IR_ENV_V", "ORAVAL/IR_LIE_V", "ORAVAL/IR_MTM_V",
         "ORAVAL/IR_MOD_V", "ORAVAL/IR_TOP_V", "ORAVAL/IR_HAD_V", "ORAVAL/DS_CAU_V"]


def copy_small():
    for rel in SMALL:
        h, rows = read_up(rel + ".csv")
        write_csv(os.path.basename(rel), h, rows)


# ---------------------------------------------------------------- IR_SPE_V / IR_DPT_V schemas
def up_schema(rel, name, pk_code, description):
    d = json.load(open(os.path.join(NOM, rel + ".json"), encoding="utf-8"))
    fields = []
    for f in d["fields"]:
        t = f["type"]
        if f["name"] == pk_code or f.get("role") == "code" or f["name"].endswith("_COD"):
            nt = "string" if f["name"] != "TEC_COL" else "integer"
        elif t == "integer":
            nt = "integer"
        elif t == "number":
            nt = "number"
        else:
            nt = "string"
        fields.append(fld(f["name"], nt, f.get("description") or "", t, f.get("role")))
    write_schema(name, d.get("title", name), f"schema-snds (Health Data Hub, MPL-2.0): nomenclatures/{rel}.csv",
                 fields, [pk_code], description)


# ---------------------------------------------------------------- IR_PHA_R (synthetic CIP, real ATC)
def ean13_check(d12):
    s = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(d12))
    return str((10 - s % 10) % 10)


def build_pha():
    header = ["PHA_CIP_C13", "PHA_PRS_IDE", "PHA_MED_NOM", "PHA_NOM_PA", "PHA_NOM_COURT",
              "PHA_ATC_C07", "PHA_ATC_L07", "PHA_ATC_C05", "PHA_ATC_L05", "PHA_ATC_C03", "PHA_ATC_L03",
              "PHA_UPC_NBR", "PHA_PRX_PUB", "PHA_TAU_REM", "PHA_VOL_POI"]
    rows = []
    for i, (pa, short, pres, units, price, rate, atc, w) in enumerate(drugs.DRUGS):
        cip7 = "9%06d" % (1000 + i * 37)          # synthetic CIP7 (real ones start with 2/3)
        d12 = "34009" + cip7
        cip13 = d12 + ean13_check(d12)
        rows.append([cip13, cip7, f"{short} {pres}", pa, short, atc, drugs.ATC7[atc], atc[:5], drugs.ATC5[atc[:5]],
                     atc[:3], drugs.ATC3[atc[:3]], units, f"{price:.2f}", rate, w])
    write_csv("IR_PHA_R", header, rows)
    fields = [
        fld("PHA_CIP_C13", "string", "Code CIP13 de la présentation (SYNTHÉTIQUE : 34009 + CIP7 + clé EAN-13)", "integer", "code"),
        fld("PHA_PRS_IDE", "string", "Code CIP7 (ancien code sur 7 caractères, SYNTHÉTIQUE)", "integer"),
        fld("PHA_MED_NOM", "string", "Libellé de la présentation (nom + dosage + forme + conditionnement)", "string", "label"),
        fld("PHA_NOM_PA", "string", "Principe(s) actif(s)", "string"),
        fld("PHA_NOM_COURT", "string", "Nom court du produit", "string"),
        fld("PHA_ATC_C07", "string", "Code ATC niveau 5 (7 caractères, WHOCC)", "string"),
        fld("PHA_ATC_L07", "string", "Libellé ATC niveau 5 (WHOCC, anglais)", "string"),
        fld("PHA_ATC_C05", "string", "Code ATC niveau 4 (5 caractères) — extension hdsbench", "string"),
        fld("PHA_ATC_L05", "string", "Libellé ATC niveau 4 (WHOCC, anglais) — extension hdsbench", "string"),
        fld("PHA_ATC_C03", "string", "Code ATC niveau 2 (3 caractères)", "string"),
        fld("PHA_ATC_L03", "string", "Libellé ATC niveau 2 (WHOCC, anglais)", "string"),
        fld("PHA_UPC_NBR", "integer", "Nombre d'unités par conditionnement (boîte)", "string"),
        fld("PHA_PRX_PUB", "number", "Prix public TTC de la boîte en euros (approximatif [E]) — extension hdsbench", "number", decimals=2),
        fld("PHA_TAU_REM", "integer", "Taux de remboursement AMO en % (0/15/30/65/100, [E]) — extension hdsbench", "integer"),
        fld("PHA_VOL_POI", "number", "Poids relatif de délivrance (≈ millions de boîtes/an, [E]) — extension hdsbench", "number", decimals=1),
    ]
    write_schema("IR_PHA_R", "Référentiel des médicaments (correspondance CIP13, ATC et libellés) — sous-ensemble hdsbench",
                 "schema-snds (Health Data Hub, MPL-2.0): nomenclatures/DREES/IR_PHA_R.json (column names); rows hand-built (hdsbench, [E]; CIP synthetic)",
                 fields, ["PHA_CIP_C13"], "One row per drug presentation (CIP13): product, active substance, ATC class, box size, price and reimbursement rate.")


# ---------------------------------------------------------------- IR_BIO_R (NABM subset)
BIO_CODES = [
    # haematology / haemostasis
    1104, 1107, 1109, 1124, 126, 127, 1127, 1128, 174, 1021, 1022,
    # metabolic / renal
    552, 413, 412, 1577, 592, 593, 591, 407, 1133, 627, 2004, 532, 578, 584, 1608, 1609, 1610, 571, 1806, 570,
    # lipids
    996, 580, 590, 2001,
    # liver / pancreas
    522, 516, 517, 519, 514, 1601, 524,
    # thyroid / endocrine
    1208, 1207, 1209, 1211, 1212, 343, 1139, 1820,
    # iron / vitamins
    1213, 2002, 1819, 1374, 1387,
    # inflammation / cardiac
    1804, 7335, 1821, 999, 1827,
    # markers / hormones
    7318, 7320, 7402, 7401, 7317,
    # serology / infection
    388, 389, 4122, 3784, 4124, 322, 323, 4713, 4714, 4711, 1773, 3783, 4717, 3786, 1307, 5301, 1141, 1131,
    # microbiology
    5201, 1504, 219, 5207, 287, 5235,
    # pathology / pre-analytics
    13, 9005, 9105, 9106,
]


def build_bio():
    h, rows = read_up("ORAREF/IR_BIO_R.csv")
    idx = {int(r[0]): r for r in rows}
    keep = ["BIO_PRS_IDE", "BIO_INF_LIB", "BIO_CRE_DAT", "BIO_SUP_DAT", "BIO_ARB_CHA", "BIO_ARB_SC1",
            "BIO_PHY_GRP", "BIO_GRP_LIB", "BIO_TAR_NAT", "BIO_TAR_COF"]
    ki = [h.index(k) for k in keep]
    out, seen = [], set()
    for c in BIO_CODES:
        if c in seen:
            continue
        seen.add(c)
        r = idx[c]
        v = [r[i] for i in ki]
        v[0] = "%04d" % int(v[0])
        v[1] = " ".join(v[1].split())
        out.append(v)
    write_csv("IR_BIO_R", keep, out)
    d = {f["name"]: f for f in json.load(open(os.path.join(NOM, "ORAREF/IR_BIO_R.json")))["fields"]}
    desc = {"BIO_PRS_IDE": "Code NABM de l'acte (4 chiffres, zéros à gauche)", "BIO_INF_LIB": "Libellé NABM",
            "BIO_CRE_DAT": "Date de création (texte SAS ddMONyyyy:hh:mm:ss)", "BIO_SUP_DAT": "Date de suppression (texte SAS)",
            "BIO_ARB_CHA": "Arborescence NABM : chapitre", "BIO_ARB_SC1": "Arborescence NABM : sous-chapitre 1",
            "BIO_PHY_GRP": "Groupe physiologique", "BIO_GRP_LIB": "Libellé du groupe", "BIO_TAR_NAT": "Lettre-clé de tarification (B)",
            "BIO_TAR_COF": "Coefficient B de l'acte"}
    fields = []
    for k in keep:
        t = "number" if k == "BIO_TAR_COF" else "string"
        fields.append(fld(k, t, desc[k], d[k]["type"], d[k].get("role"), 2 if t == "number" else None))
    write_schema("IR_BIO_R", "Nomenclature des actes de biologie médicale (NABM) — sous-ensemble hdsbench",
                 "schema-snds (Health Data Hub, MPL-2.0): nomenclatures/ORAREF/IR_BIO_R.csv", fields, ["BIO_PRS_IDE"],
                 "One row per NABM biology act: label, NABM chapter, key letter and B coefficient.")
    return len(out)


# ---------------------------------------------------------------- IR_CCAM_V63 subset + tariffs [E]
CCAM = {
 # acts used by the care model (schemas/model)
 "QEQJ001": 66.42, "QEFA003": 300.00, "HHFA002": 620.00, "GEQE007": 120.00, "FAFA015": 130.00, "HBGD038": 33.44,
 "MZMP004": 40.00, "JGFE023": 300.00, "ZCQJ005": 56.70, "JGFA006": 750.00, "PAQK007": 39.96,
 # cardiology / explorations
 "DEQP003": 14.26, "DEQP005": 77.72, "DEQP001": 63.64, "DZQM006": 95.66, "DZQJ001": 128.50, "DEQF002": 320.00,
 "EBQM001": 56.70, "EBQM002": 75.60, "EJQM004": 69.93, "EDQM001": 75.60, "ELQM001": 56.70, "EAQM004": 56.70,
 "DDQH009": 200.00, "DDQH012": 215.00, "DDAF006": 460.00, "DDAF008": 480.00, "DDAF004": 560.00, "DDAF007": 580.00,
 "DDAF010": 420.00, "DDAF003": 620.00, "DDAF009": 640.00, "DDAF001": 400.00,
 # respiratory / ENT / eye / neuro explorations
 "GLQP012": 40.28, "GLQP003": 28.00, "GLQP002": 79.00, "GLQP008": 86.00, "GLQP011": 74.00, "EQQP002": 35.00,
 "CDQP010": 21.90, "CDQP012": 31.92, "CDQP002": 43.50, "GAQE001": 24.00, "GAQE003": 21.50,
 "BGQP002": 28.29, "BGQP007": 47.25, "BLQP010": 25.00, "BJQP002": 28.00, "BGLB001": 75.00, "BELB001": 60.00,
 "AAQP006": 90.00, "AHQB026": 85.00, "AHQB001": 60.00,
 # radiography
 "ZBQK002": 21.28, "LJQK001": 21.28, "ZCQK002": 21.28, "NFQK001": 19.95, "NFQK003": 30.59, "NAQK015": 19.95,
 "NGQK001": 19.95, "MDQK001": 19.95, "MAQK003": 19.95, "NEQK010": 19.95, "NEQK035": 29.26, "LFQK002": 31.92,
 "LEQK001": 23.94, "LHQK002": 55.86, "HBQK002": 20.00, "HBQK389": 7.98, "HBQK191": 15.96,
 # mammography
 "QEQK004": 66.42, "QEQK001": 66.42,
 # CT / MRI (intellectual act only; technical fees billed separately)
 "ZBQK001": 25.27, "ZBQH001": 25.27, "LAQK013": 25.27, "ACQK001": 25.27, "ACQH003": 25.27, "ZCQK004": 25.27,
 "ZCQK005": 25.27, "ZCQH001": 25.27, "ZCQH002": 25.27, "MZQK002": 25.27, "LHQH006": 25.27, "NZQK004": 25.27,
 "ACQN001": 69.00, "ACQJ002": 69.00, "LHQN001": 69.00, "ZCQN001": 69.00, "ZCQN002": 69.00, "ZCQJ004": 69.00,
 "NZQN001": 69.00, "MZQN001": 69.00, "ZBQN001": 69.00, "LAQN001": 69.00, "ZZQN001": 69.00,
 # ultrasound
 "ZCQM008": 56.70, "ZCQM005": 75.60, "ZCQM006": 52.92, "ZCQM001": 75.60, "ZCQM004": 69.93, "ZCQJ003": 56.70,
 "KCQM001": 37.80, "QEQM001": 41.58, "ZZQM004": 35.00, "JQQM010": 53.82, "JQQM018": 97.18, "JQQM016": 86.40,
 "JQQM015": 80.00, "JQQM019": 150.00, "JQQJ037": 35.00, "JKQJ001": 60.00,
 # endoscopy / biopsy
 "HEQE002": 96.14, "HEQE005": 96.14, "HHQE002": 125.00, "HHQE005": 125.00, "HHQE004": 100.00, "HJQE001": 50.00,
 "HZHE002": 28.80, "HHFE002": 140.00, "HHFE006": 250.00, "JDQE001": 70.00, "JDHE001": 80.00, "JKQE002": 85.00,
 "JKQE001": 120.00, "NZHB002": 30.00,
 # digestive / visceral surgery
 "HHFA016": 251.00, "HHFA011": 230.00, "HHFA001": 230.00, "HMFC004": 290.00, "HMFA007": 300.00,
 "LMMA006": 220.00, "LMMC020": 250.00, "HFFC018": 560.00, "HFCC003": 650.00, "HHFA009": 520.00,
 "HHFA006": 560.00, "HHFA010": 520.00, "HGFA007": 430.00, "EGFA001": 190.00, "EGFA007": 60.00, "EGJA001": 40.00,
 "EGED001": 230.00, "EGNP001": 40.00,
 # orthopaedics
 "NEKA020": 460.00, "NEKA021": 520.00, "NEKA012": 600.00, "NEMA018": 400.00, "NFKA007": 485.00, "NFKA008": 485.00,
 "NFMC003": 420.00, "NFMA004": 420.00, "NFFC004": 200.00, "MEMC003": 280.00, "MJMA003": 400.00,
 "AHPA009": 140.00, "AHPC001": 150.00, "MDCA001": 250.00, "MDCB002": 180.00, "MJCA003": 320.00,
 "LFFA004": 500.00, "LHMH002": 350.00, "MZMP007": 50.00,
 # eye
 "BFGA427": 271.70, "BFGA368": 300.00,
 # obstetrics / gynaecology
 "JQGD010": 313.50, "JQGD012": 313.50, "JQGD002": 400.00, "JQGD007": 400.00, "JQGD004": 380.00, "JQGD001": 380.00,
 "JQGA002": 313.50, "JQGA003": 350.00, "JQGA004": 350.00, "JNJD002": 120.00, "JNJP001": 60.00, "JNMD001": 90.00,
 "AFLB010": 160.00, "JKHD001": 13.52, "JKLD001": 38.40, "JKKD001": 38.40, "JKGD004": 25.00, "JKFA031": 150.00,
 "JKFA015": 400.00, "JKFC005": 450.00, "JKFC003": 480.00, "JKFA018": 480.00, "JJFC010": 300.00, "JJPC001": 300.00,
 # urology / ENT / endocrine surgery
 "JGFA005": 420.00, "JGFC001": 800.00, "JDPE002": 250.00, "JCGE001": 300.00, "KCFA005": 430.00, "KCFA001": 300.00,
 # skin / wounds
 "QZFA036": 41.80, "QZFA031": 70.00, "QZFA002": 50.00, "QZFA007": 90.00, "QZFA001": 80.00, "QZJA002": 31.35,
 "QZJA017": 50.00, "QZJA011": 60.00, "QZJB001": 20.00, "QZMA004": 150.00, "QZRB001": 18.00,
 # dental
 "HBJD001": 28.92, "HBGD036": 33.44, "HBGD035": 16.72, "HBGD043": 50.00, "HBGD031": 60.00, "HBMD038": 53.00,
 "HBMD044": 40.00, "HBMD351": 100.00, "HBBD001": 81.94, "HBFD006": 40.00, "HBFD017": 40.00, "HBFD474": 50.00,
 "HBBD004": 80.00, "HBLD038": 120.00, "HBLD031": 182.75, "HBLD032": 150.00, "HBKD140": 90.00,
 "ZZMK016": 900.00, "ZZNL054": 180.00, "HBMD049": 50.60, "HBMD058": 33.74, "HBFD008": 81.94, "HBLD634": 120.00, "HBLD734": 120.00, "HBLD101": 182.75,
 # misc: anaesthesia, transfusion, dialysis, emergency
 "ZZLP025": 40.00, "AHQJ021": 40.00, "FELF011": 40.00, "FELF006": 30.00, "JVJF004": 60.00, "JVJF008": 70.00,
 "YYYY010": 26.88, "YYYY490": 9.61, "ZZLJ001": 40.00, "AFLB001": 80.00,
}


def build_ccam():
    h, rows = read_up("ATIH/IR_CCAM_V63.csv")
    idx = {r[0]: r for r in rows}
    out, missing = [], []
    for c, tarif in CCAM.items():
        if c not in idx:
            missing.append(c)
            continue
        out.append(idx[c] + ["%.2f" % tarif])
    write_csv("IR_CCAM_V63", h + ["CAM_TARIF"], out)
    fields = [fld("CAM_PRS_IDE_COD", "string", "Code CCAM de l'acte (7 caractères)", "string", "code"),
              fld("CAM_PRS_IDE_LIB", "string", "Libellé de l'acte", "string", "label"),
              fld("CAM_PRS_RGT", "string", "Regroupement de l'acte (ADC, ADE, ADI, ATM, ACO, ADA, dentaire…)", "string"),
              fld("CAM_TARIF", "number", "Tarif de base secteur 1 approximatif en euros ([E]) — extension hdsbench", "number", decimals=2)]
    write_schema("IR_CCAM_V63", "Classification commune des actes médicaux (CCAM V63) — sous-ensemble hdsbench",
                 "schema-snds (Health Data Hub, MPL-2.0): nomenclatures/ATIH/IR_CCAM_V63.csv", fields, ["CAM_PRS_IDE_COD"],
                 "One row per CCAM act: code, label, grouping and an approximate tariff.")
    return len(out), missing


# ---------------------------------------------------------------- ICD-10 subset (IR_CIM_V + MS_CIM_V)
CIM_CATS = """
E10:4 E11:6 E13:2 E14:2 E03:3 E66:2 E78:3 E86:1 E87:2 D50:1 D64:1
I10:0 I11:2 I12:2 I13:2 I15:2 I20:4 I21:6 I22:1 I24:2 I25:6 I26:1 I48:5 I50:3 I61:3 I63:6 I64:0
I70:1 I73:1 I80:2 I83:1
C18:4 C19:0 C20:0 C34:4 C43:2 C50:5 C53:2 C54:2 C56:0 C61:0 C67:3 C91:2 C92:2 C79:2 C78:2
F00:2 F01:2 F03:0 G30:3 F10:4 F20:3 F31:5 F32:5 F33:4 F41:4 F43:2 G40:2 G43:1 G35:0 G20:0 G45:2 G47:1
J00:0 J01:2 J02:2 J03:2 J04:1 J06:1 J09:0 J10:3 J11:3 J12:1 J13:0 J15:1 J18:3 J20:1 J21:2 J22:0 J44:4 J45:4 J96:2
A08:2 A09:2 A41:1 A46:0 B34:1 U07:1 K21:2 K29:2 K35:3 K40:2 K57:2 K80:3 K85:1 K92:2 K52:1 K59:1
N17:1 N18:5 N20:2 N30:2 N39:1 N40:0 N80:4 N95:1
H25:2 H26:2 H40:1 M16:3 M17:3 M54:1 M79:1 M81:1 L03:2 L02:1
S00:2 S01:2 S06:3 S09:1 S22:2 S32:2 S42:2 S52:2 S62:2 S72:2 S82:2 S83:2 S93:2 T14:2 T78:1
O03:2 O04:1 O13:0 O14:2 O20:1 O24:2 O42:2 O47:2 O60:2 O80:2 O81:1 O82:2 O83:1 O84:2 O70:2 O72:2
P07:2 P22:1 P59:1
Z00:2 Z01:2 Z08:1 Z09:3 Z30:2 Z34:3 Z37:3 Z38:4 Z39:2 Z45:3 Z47:2 Z48:2 Z49:2 Z51:5 Z95:3
R05:0 R06:2 R07:3 R10:4 R11:0 R42:0 R50:1 R51:0 R52:2 R53:0 R55:0 R56:1 R40:1 R31:0 R69:0
"""


# the most frequent leaf codes, always kept when present upstream
CIM_MUST = """E109 E119 E149 E039 E669 E785 I259 I489 I509 I639 C189 C349 C439 C509 C539 C549 C679 C919 C920
G309 F209 F319 F329 F339 F419 F432 G409 G439 G459 G473 J019 J029 J039 J069 J111 J189 J209 J219 J449 J459
K358 K359 K409 K573 K802 K922 K297 N185 N189 N209 N390 N809 H259 H269 M169 M179 M545 Z511 Z515 Z491 Z492
Z098 R104 R509 R529 R074 U071 O800 O809 O829 O479 A099 S525 S526 S720 S721 S822 S826 T140 L031 I269
F102 F103 I214 I219 I251 I480 I481
K219 G470 I702 I709 M819 M109 F112 M069 M059 M45 K509 K519 B24 L400 H353 C439 C679 C919 C56 C64 C169 C259 C220 E118 I258 I693 X84 R296 A09 J350 J351 K011 S5250 S8260 S4220 Z121 K635 K295 D229 L720 D259 O021 O034 R99 X59 F03"""


def build_cim():
    h1, r1 = read_up("ORAVAL/IR_CIM_V.csv")
    h2, r2 = read_up("ORAVAL/MS_CIM_V.csv")
    a = {r[0]: r for r in r1}
    b = {r[0]: r for r in r2}
    both = sorted(set(a) & set(b))
    chosen = []
    for tok in CIM_CATS.split():
        cat, n = tok.split(":")
        n = int(n)
        subs = [c for c in both if c.startswith(cat) and c != cat and c.isalnum()]
        if not subs:
            # the category is itself a leaf code (e.g. I10, C61, N40)
            assert cat in a and cat in b, cat
            chosen.append(cat)
            continue
        # only leaf codes: prefer 4-character subcodes, then longer; at least one per category
        subs = [c for c in subs if not any(o != c and o.startswith(c) for o in subs)]
        subs.sort(key=lambda c: (len(c), c))
        chosen += subs[:max(n, 1)]
    chosen += [c for c in CIM_MUST.split() if c in a and c in b]
    seen, codes = set(), []
    for c in sorted(chosen):
        if c not in seen:
            seen.add(c)
            codes.append(c)
    write_csv("IR_CIM_V", h1, [a[c] for c in codes])
    write_csv("MS_CIM_V", h2, [b[c] for c in codes])
    f1 = [fld("CIM_COD", "string", "Code CIM-10 (sans point)", "string", "code"),
          fld("CIM_LIB", "string", "Libellé CIM-10", "string", "label"),
          fld("ALD_030_COD", "string", "Numéro d'ALD (liste ALD30) associé au code ; 99 = hors liste, 0 = sans objet", "integer"),
          fld("CAT_CIM_COD", "string", "Catégorie CIM-10 (3 caractères)", "string"),
          fld("VER_CPT_COD", "string", "Version", "string"),
          fld("VER_CPT_DTE", "string", "Date de version (texte SAS)", "string"),
          fld("CAT_TUM_COD", "string", "Catégorie de tumeur", "string"),
          fld("TEC_COL", "integer", "Colonne technique (0 valeur normale, 1 inconnue, 2 sans objet)", "integer")]
    write_schema("IR_CIM_V", "CIM-10 avec correspondance ALD — sous-ensemble hdsbench",
                 "schema-snds (Health Data Hub, MPL-2.0): nomenclatures/ORAVAL/IR_CIM_V.csv", f1, ["CIM_COD"],
                 "One row per ICD-10 code as used in DCIR (IR_IMB_R, KI_CCI_R), with its ALD-30 number.")
    f2 = [fld("CIM_COD", "string", "Code CIM-10 PMSI (sans point)", "string", "code"),
          fld("CIM_LIC", "string", "Libellé court", "string"),
          fld("CIM_LIL", "string", "Libellé long", "string", "label"),
          fld("MVT_DTE", "string", "Date du mouvement (texte SAS)", "string"),
          fld("MVT_ORI", "string", "Origine du mouvement", "string"),
          fld("MVT_TYP", "string", "Type de mouvement", "string"),
          fld("CIM_LIC_OLD", "string", "Ancien libellé court", "string"),
          fld("TEC_COL", "integer", "Colonne technique", "integer")]
    write_schema("MS_CIM_V", "CIM-10 du PMSI — sous-ensemble hdsbench",
                 "schema-snds (Health Data Hub, MPL-2.0): nomenclatures/ORAVAL/MS_CIM_V.csv", f2, ["CIM_COD"],
                 "One row per ICD-10 code as used in PMSI diagnoses (DGN_PAL, DGN_REL, ASS_DGN).")
    return len(codes)


# ---------------------------------------------------------------- IR_NAT_V subset
NAT = """3329 1110 1111 1112 1113 1114 1115 1117 1118 1119 1120 1210 1211 1212 1213 1214
1106 1108 1116 1125 1126 1127 1133 1137 1141 1903 1904 1913 1918 1521 1957 1223 1914
1321 1322 1323 1324 1331 1335 1336 1351 1352 1312 1311
3111 3112 3113 3115 3116 3117 3121 3122 3125 1848
3211 3212 3221 3222 3223
3311 3312 3313 3314 3315 3316 3317 3318 3319 3320 3321 3341 3342 3351 3355
2111 2112 2113 2114 2121 2122 2251 2238
6111 6112
4212 4213 4214 4219 4221
1951 1952 1971 1972 1973 1974 1975 1976
1411 1511 4111
1401 1419 1424 1451 1453 1470 1476 3364 3365 2351 2211 3320 3551 3132"""


def build_nat():
    h, rows = read_up("ORAVAL/IR_NAT_V.csv")
    idx = {r[0]: r for r in rows}
    codes, missing = [], []
    for c in NAT.split():
        (codes if c in idx else missing).append(c)
    codes = list(dict.fromkeys(codes))
    write_csv("IR_NAT_V", h, [idx[c] for c in codes])
    d = json.load(open(os.path.join(NOM, "ORAVAL/IR_NAT_V.json")))
    fields = []
    for f in d["fields"]:
        n, t = f["name"], f["type"]
        nt = "string" if n in ("PRS_NAT", "PRS_NAT_STA", "PRS_NAT_RGT", "TDM_NAT_AFF") or t == "string" else "integer"
        fields.append(fld(n, nt, f.get("description") or "", t, f.get("role")))
    write_schema("IR_NAT_V", "Nature de prestation — sous-ensemble hdsbench",
                 "schema-snds (Health Data Hub, MPL-2.0): nomenclatures/ORAVAL/IR_NAT_V.csv", fields, ["PRS_NAT"],
                 "One row per nature de prestation code (PRS_NAT_REF, BSE_PRS_NAT, CPL_PRS_NAT): NGAP letter key, label and flags.")
    return len(codes), missing


# ---------------------------------------------------------------- departments population [E]
POP = {
 "001": 672000, "002": 523000, "003": 334000, "004": 167000, "005": 141000, "006": 1110000, "007": 331000,
 "008": 266000, "009": 155000, "010": 311000, "011": 378000, "012": 280000, "013": 2070000, "014": 702000,
 "015": 143000, "016": 351000, "017": 667000, "018": 298000, "019": 240000, "02A": 163000, "02B": 187000,
 "021": 536000, "022": 606000, "023": 115000, "024": 414000, "025": 548000, "026": 524000, "027": 600000,
 "028": 432000, "029": 921000, "030": 761000, "031": 1460000, "032": 193000, "033": 1680000, "034": 1230000,
 "035": 1110000, "036": 216000, "037": 614000, "038": 1290000, "039": 256000, "040": 424000, "041": 327000,
 "042": 769000, "043": 228000, "044": 1480000, "045": 687000, "046": 175000, "047": 333000, "048": 76000,
 "049": 825000, "050": 491000, "051": 564000, "052": 168000, "053": 308000, "054": 730000, "055": 181000,
 "056": 787000, "057": 1045000, "058": 199000, "059": 2610000, "060": 830000, "061": 276000, "062": 1460000,
 "063": 668000, "064": 697000, "065": 229000, "066": 487000, "067": 1160000, "068": 771000, "069": 1920000,
 "070": 233000, "071": 551000, "072": 567000, "073": 443000, "074": 855000, "075": 2100000, "076": 1255000,
 "077": 1450000, "078": 1460000, "079": 377000, "080": 568000, "081": 394000, "082": 265000, "083": 1110000,
 "084": 566000, "085": 700000, "086": 441000, "087": 373000, "088": 358000, "089": 332000, "090": 138000,
 "091": 1320000, "092": 1650000, "093": 1680000, "094": 1420000, "095": 1270000,
 "971": 378000, "972": 350000, "973": 295000, "974": 885000, "976": 320000,
}


def build_pop():
    order = sorted(POP, key=lambda c: (c.replace("02A", "020A").replace("02B", "020B")))
    write_csv("departments-population", ["BEN_RES_DPT", "population"], [[c, POP[c]] for c in order])
    return len(POP), sum(POP.values())


def main():
    os.makedirs(OUT, exist_ok=True)
    copy_small()
    up_schema("ORAVAL/IR_SPE_V", "IR_SPE_V", "PFS_SPE_COD",
              "One row per health-professional specialty code (PSE_SPE_COD, PSP_SPE_COD).")
    up_schema("ORAVAL/IR_DPT_V", "IR_DPT_V", "GEO_DPT_COD",
              "One row per department code (3 characters) with its region, including special codes.")
    build_pha()
    nb = build_bio()
    nc, cm = build_ccam()
    ni = build_cim()
    nn, nm = build_nat()
    npop, tot = build_pop()
    shutil.copyfile(os.path.join(UP, "LICENSE"), os.path.join(OUT, "LICENSE-MPL-2.0.txt"))
    print(f"IR_PHA_R {len(drugs.DRUGS)}  IR_BIO_R {nb}  IR_CCAM_V63 {nc} (missing {cm})  CIM {ni}  IR_NAT_V {nn} (missing {nm})  depts {npop} pop {tot}")


if __name__ == "__main__":
    main()
