-- Polypharmacy in the elderly: people aged at least N with 5 or more distinct substances
-- dispensed in a quarter, by sex.
WITH drugs AS (
  SELECT p.BEN_NIR_PSA, p.BEN_SEX_COD, COUNT(DISTINCT r.PHA_ATC_C07) AS substances
  FROM ER_PRS_F p
  JOIN ER_PHA_F d ON p.FLX_DIS_DTD = d.FLX_DIS_DTD AND p.FLX_TRT_DTD = d.FLX_TRT_DTD AND p.FLX_EMT_TYP = d.FLX_EMT_TYP AND p.FLX_EMT_NUM = d.FLX_EMT_NUM AND p.FLX_EMT_ORD = d.FLX_EMT_ORD AND p.ORG_CLE_NUM = d.ORG_CLE_NUM AND p.DCT_ORD_NUM = d.DCT_ORD_NUM AND p.PRS_ORD_NUM = d.PRS_ORD_NUM AND p.REM_TYP_AFF = d.REM_TYP_AFF
  JOIN IR_PHA_R r ON r.PHA_CIP_C13 = d.PHA_PRS_C13
  WHERE p.EXE_SOI_DTD BETWEEN DATE '{{year}}-{{quarter_start}}-01' AND DATE '{{year}}-{{quarter_start}}-01' + INTERVAL '90' DAY
    AND {{year}} - CAST(p.BEN_NAI_ANN AS INTEGER) >= {{min_age}}
  GROUP BY 1, 2
)
SELECT BEN_SEX_COD AS sex, COUNT(*) AS treated, SUM(CASE WHEN substances >= 5 THEN 1 ELSE 0 END) AS polypharmacy,
       AVG(substances) AS mean_substances
FROM drugs
GROUP BY 1
ORDER BY 1
