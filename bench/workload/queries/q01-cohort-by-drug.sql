-- Cohort selection by drug class: people with at least one dispensing of an ATC class in a care
-- year, by sex and age band, with their boxes (regularisations included).
SELECT p.BEN_SEX_COD AS sex,
       CASE WHEN {{year}} - CAST(p.BEN_NAI_ANN AS INTEGER) < 40 THEN '00-39' WHEN {{year}} - CAST(p.BEN_NAI_ANN AS INTEGER) < 65 THEN '40-64' WHEN {{year}} - CAST(p.BEN_NAI_ANN AS INTEGER) < 80 THEN '65-79' ELSE '80+' END AS age_band,
       COUNT(DISTINCT p.BEN_NIR_PSA) AS patients,
       SUM(d.PHA_ACT_QSN) AS boxes
FROM ER_PRS_F p
JOIN ER_PHA_F d ON p.FLX_DIS_DTD = d.FLX_DIS_DTD AND p.FLX_TRT_DTD = d.FLX_TRT_DTD AND p.FLX_EMT_TYP = d.FLX_EMT_TYP AND p.FLX_EMT_NUM = d.FLX_EMT_NUM AND p.FLX_EMT_ORD = d.FLX_EMT_ORD AND p.ORG_CLE_NUM = d.ORG_CLE_NUM AND p.DCT_ORD_NUM = d.DCT_ORD_NUM AND p.PRS_ORD_NUM = d.PRS_ORD_NUM AND p.REM_TYP_AFF = d.REM_TYP_AFF
JOIN IR_PHA_R r ON r.PHA_CIP_C13 = d.PHA_PRS_C13
WHERE r.PHA_ATC_C07 LIKE '{{atc_class}}%'
  AND p.EXE_SOI_DTD BETWEEN DATE '{{year}}-01-01' AND DATE '{{year}}-12-31'
GROUP BY 1, 2
ORDER BY 1, 2
