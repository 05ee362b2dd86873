-- Pharmacologically treated diabetes (at least 3 deliveries of A10 drugs on different days in a
-- care year) per 1,000 beneficiaries, by department of residence.
WITH deliveries AS (
  SELECT p.BEN_NIR_PSA, p.BEN_RES_DPT, COUNT(DISTINCT p.EXE_SOI_DTD) AS n
  FROM ER_PRS_F p
  JOIN ER_PHA_F d ON p.FLX_DIS_DTD = d.FLX_DIS_DTD AND p.FLX_TRT_DTD = d.FLX_TRT_DTD AND p.FLX_EMT_TYP = d.FLX_EMT_TYP AND p.FLX_EMT_NUM = d.FLX_EMT_NUM AND p.FLX_EMT_ORD = d.FLX_EMT_ORD AND p.ORG_CLE_NUM = d.ORG_CLE_NUM AND p.DCT_ORD_NUM = d.DCT_ORD_NUM AND p.PRS_ORD_NUM = d.PRS_ORD_NUM AND p.REM_TYP_AFF = d.REM_TYP_AFF
  JOIN IR_PHA_R r ON r.PHA_CIP_C13 = d.PHA_PRS_C13
  WHERE r.PHA_ATC_C07 LIKE 'A10%' AND d.PHA_ACT_QSN > 0 AND p.EXE_SOI_DTD BETWEEN DATE '{{year}}-01-01' AND DATE '{{year}}-12-31'
  GROUP BY 1, 2
), treated_by_dept AS (
  SELECT BEN_RES_DPT, COUNT(*) AS patients FROM deliveries WHERE n >= 3 GROUP BY 1
), population AS (
  SELECT BEN_RES_DPT, COUNT(DISTINCT BEN_NIR_PSA) AS residents FROM IR_BEN_R WHERE BEN_CDI_NIR = '00' GROUP BY 1
)
SELECT pop.BEN_RES_DPT AS dept, pop.residents AS people, COALESCE(t.patients, 0) AS treated,
       1000.0 * COALESCE(t.patients, 0) / pop.residents AS per_1000
FROM population pop
LEFT JOIN treated_by_dept t ON t.BEN_RES_DPT = pop.BEN_RES_DPT
WHERE pop.BEN_RES_DPT IN ({{depts}})
ORDER BY 1
