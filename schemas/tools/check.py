#!/usr/bin/env python3
"""Consistency checks for schemas/ (tables + nomenclatures). Exit code 1 on any error.

python3 schemas/tools/check.py [--upstream /work/shared/snds-schema]
"""
import csv, glob, json, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
UP = sys.argv[sys.argv.index("--upstream") + 1] if "--upstream" in sys.argv else "/work/shared/snds-schema"
TABLES = "IR_BEN_R IR_IMB_R ER_PRS_F ER_PHA_F ER_BIO_F ER_CAM_F ER_ETE_F T_MCOaaE T_MCOaaB T_MCOaaC T_MCOaaD T_MCOaaA KI_CCI_R DA_PRA_R BE_IDE_R".split()
DETAIL = "ER_PHA_F ER_BIO_F ER_CAM_F ER_ETE_F".split()
KEY9 = "FLX_DIS_DTD FLX_TRT_DTD FLX_EMT_TYP FLX_EMT_NUM FLX_EMT_ORD ORG_CLE_NUM DCT_ORD_NUM PRS_ORD_NUM REM_TYP_AFF".split()
TYPES = {"string", "integer", "bigint", "number", "date", "boolean"}
KINDS = {"by", "null", "const", "values", "nomenclature", "int", "number", "date", "copy", "yearmonth", "year"}
UNIQUE = {"IR_PHA_R": "PHA_CIP_C13", "IR_BIO_R": "BIO_PRS_IDE", "IR_CCAM_V63": "CAM_PRS_IDE_COD",
          "MS_CIM_V": "CIM_COD", "IR_CIM_V": "CIM_COD", "IR_NAT_V": "PRS_NAT"}
errors = []


def err(msg):
    errors.append(msg)


def typed_ok(v, t):
    if t == "string":
        return isinstance(v, str)
    if t in ("integer", "bigint"):
        return isinstance(v, int) and not isinstance(v, bool)
    if t == "number":
        return isinstance(v, (int, float)) and not isinstance(v, bool)
    if t == "boolean":
        return isinstance(v, bool)
    if t == "date":
        return isinstance(v, str) and len(v) == 10
    return False


def load_csv(path):
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    return rows[0], rows[1:]


def check_gen(t, f, byname):
    g = f.get("gen")
    name, typ = f["name"], f["type"]
    where = f"{t}.{name}"
    if not isinstance(g, dict):
        return err(f"{where}: missing gen")
    keys = set(g) & KINDS
    main = [k for k in keys if not (k == "number" and "int" in g)]
    if len(keys) != 1:
        return err(f"{where}: gen must have exactly one rule, got {sorted(g)}")
    k = next(iter(keys))
    allowed_extra = {"by": set(), "null": set(), "const": set(), "values": {"weights", "nullRate"},
                     "nomenclature": {"column", "nullRate"}, "int": {"nullRate"}, "number": {"decimals", "nullRate"},
                     "date": {"nullRate"}, "copy": set(), "yearmonth": set(), "year": set()}[k]
    extra = set(g) - {k} - allowed_extra
    if extra:
        err(f"{where}: unexpected gen keys {extra}")
    nr = g.get("nullRate")
    if nr is not None and not (isinstance(nr, (int, float)) and 0 <= nr <= 1):
        err(f"{where}: bad nullRate")
    if k == "by" and g["by"] != "model":
        err(f"{where}: by must be 'model'")
    elif k == "null" and g["null"] is not True:
        err(f"{where}: null must be true")
    elif k == "const" and not typed_ok(g["const"], typ):
        err(f"{where}: const {g['const']!r} not of type {typ}")
    elif k == "values":
        vs = g["values"]
        if not isinstance(vs, list) or not vs:
            err(f"{where}: values must be a non-empty list")
        elif not all(typed_ok(v, typ) for v in vs):
            err(f"{where}: values not all of type {typ}")
        if "weights" in g and (len(g["weights"]) != len(vs) or any(w < 0 for w in g["weights"])):
            err(f"{where}: weights length/values mismatch")
    elif k == "nomenclature":
        p = os.path.join(ROOT, "nomenclatures", g["nomenclature"] + ".csv")
        if not os.path.exists(p):
            err(f"{where}: nomenclature {g['nomenclature']} not shipped")
        else:
            h, _ = load_csv(p)
            if g.get("column") not in h:
                err(f"{where}: column {g.get('column')} not in {g['nomenclature']}")
        if typ != "string":
            err(f"{where}: nomenclature rule on non-string column")
    elif k == "int":
        if typ not in ("integer", "bigint") or len(g["int"]) != 2 or g["int"][0] > g["int"][1]:
            err(f"{where}: bad int rule")
    elif k == "number":
        if typ != "number" or len(g["number"]) != 2:
            err(f"{where}: bad number rule")
    elif k == "date":
        if typ != "date" or len(g["date"]) != 2:
            err(f"{where}: bad date rule")
    elif k in ("copy", "yearmonth", "year"):
        src = byname.get(g[k])
        if src is None:
            err(f"{where}: {k} source {g[k]} not in table")
        elif k == "copy" and src["type"] != typ:
            err(f"{where}: copy source {g[k]} has type {src['type']} != {typ}")
        elif k in ("yearmonth", "year") and src["type"] != "date":
            err(f"{where}: {k} source {g[k]} is not a date")
        elif k == "yearmonth" and not (typ == "string" and f.get("length") == 6):
            err(f"{where}: yearmonth target must be string length 6")
        elif k == "year" and typ != "integer":
            err(f"{where}: year target must be integer")
    return k


def main():
    counts = {}
    prs = None
    for t in TABLES:
        p = os.path.join(ROOT, "tables", t + ".json")
        try:
            d = json.load(open(p, encoding="utf-8"))
        except Exception as e:  # noqa: BLE001
            err(f"{t}: cannot parse ({e})")
            continue
        ups = glob.glob(os.path.join(UP, "schemas", "**", t + ".json"), recursive=True)
        upnames = [f["name"] for f in json.load(open(ups[0], encoding="utf-8"))["fields"]]
        names = [f["name"] for f in d["fields"]]
        if names != upnames:
            err(f"{t}: fields differ from upstream order/content")
        for k in ("name", "title", "produit", "description", "kind", "source", "fields"):
            if k not in d:
                err(f"{t}: missing {k}")
        if d.get("kind") not in ("fact", "referential"):
            err(f"{t}: bad kind")
        if "primaryKey" in d and not isinstance(d["primaryKey"], list):
            err(f"{t}: primaryKey not a list")
        byname = {f["name"]: f for f in d["fields"]}
        c = {}
        for f in d["fields"]:
            if f.get("type") not in TYPES:
                err(f"{t}.{f['name']}: bad type {f.get('type')}")
            if "length" in f and not isinstance(f["length"], int):
                err(f"{t}.{f['name']}: length not int")
            if f.get("type") == "number" and "length" in f:
                err(f"{t}.{f['name']}: number with length")
            k = check_gen(t, f, byname)
            if k:
                c[k] = c.get(k, 0) + 1
        counts[t] = c
        if t == "ER_PRS_F":
            prs = byname
        if t in DETAIL and prs is not None:
            for k in KEY9:
                if byname[k]["type"] != prs[k]["type"]:
                    err(f"{t}.{k}: type {byname[k]['type']} != ER_PRS_F {prs[k]['type']}")
    for t in ("T_MCOaaB", "T_MCOaaC", "T_MCOaaD", "T_MCOaaA", "T_MCOaaE"):
        d = json.load(open(os.path.join(ROOT, "tables", t + ".json")))
        for f in d["fields"]:
            if f["name"] in ("ETA_NUM", "RSA_NUM") and f["type"] != "string":
                err(f"{t}.{f['name']} not string")
    # nomenclatures
    for p in sorted(glob.glob(os.path.join(ROOT, "nomenclatures", "*.csv"))):
        name = os.path.basename(p)[:-4]
        h, rows = load_csv(p)
        bad = [i for i, r in enumerate(rows) if len(r) != len(h)]
        if bad:
            err(f"{name}: {len(bad)} rows with wrong column count")
        if name in UNIQUE:
            col = h.index(UNIQUE[name])
            vals = [r[col] for r in rows]
            if len(vals) != len(set(vals)):
                err(f"{name}: duplicated codes in {UNIQUE[name]}")
            sp = os.path.join(ROOT, "nomenclatures", name + ".json")
            if not os.path.exists(sp):
                err(f"{name}: missing Table Schema JSON")
            else:
                s = json.load(open(sp, encoding="utf-8"))
                if [f["name"] for f in s["fields"]] != h:
                    err(f"{name}: schema fields != CSV header")
                if any(f["type"] not in TYPES for f in s["fields"]):
                    err(f"{name}: bad type in schema")
    for n in ("IR_SPE_V", "IR_DPT_V"):
        s = json.load(open(os.path.join(ROOT, "nomenclatures", n + ".json")))
        h, _ = load_csv(os.path.join(ROOT, "nomenclatures", n + ".csv"))
        if [f["name"] for f in s["fields"]] != h:
            err(f"{n}: schema fields != CSV header")
    # CIP13 check digits
    h, rows = load_csv(os.path.join(ROOT, "nomenclatures", "IR_PHA_R.csv"))
    ci, c7 = h.index("PHA_CIP_C13"), h.index("PHA_PRS_IDE")
    for r in rows:
        c = r[ci]
        s = sum(int(x) * (3 if i % 2 else 1) for i, x in enumerate(c[:12]))
        if len(c) != 13 or not c.isdigit() or (10 - s % 10) % 10 != int(c[12]) or c[5:12] != r[c7]:
            err(f"IR_PHA_R: bad CIP13 {c}")
    # departments
    h, rows = load_csv(os.path.join(ROOT, "nomenclatures", "departments-population.csv"))
    if h != ["BEN_RES_DPT", "population"] or len(rows) != 101:
        err("departments-population: expected 101 rows with BEN_RES_DPT,population")
    for t, c in counts.items():
        print(f"{t:10s} " + " ".join(f"{k}={v}" for k, v in sorted(c.items())))
    if errors:
        print("\n".join("ERROR " + e for e in errors))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
