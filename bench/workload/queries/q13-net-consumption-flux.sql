-- Regularisation-aware consumption: boxes per presentation of a drug class over a window of
-- flux months, summing identical lines (cancellations are negative) and keeping positive totals.
WITH lines AS (
  SELECT d.PHA_PRS_C13, p.BEN_NIR_PSA, p.EXE_SOI_DTD, SUM(d.PHA_ACT_QSN) AS boxes
  FROM ER_PRS_F p
  JOIN ER_PHA_F d ON p.FLX_DIS_DTD = d.FLX_DIS_DTD AND p.FLX_TRT_DTD = d.FLX_TRT_DTD AND p.FLX_EMT_TYP = d.FLX_EMT_TYP AND p.FLX_EMT_NUM = d.FLX_EMT_NUM AND p.FLX_EMT_ORD = d.FLX_EMT_ORD AND p.ORG_CLE_NUM = d.ORG_CLE_NUM AND p.DCT_ORD_NUM = d.DCT_ORD_NUM AND p.PRS_ORD_NUM = d.PRS_ORD_NUM AND p.REM_TYP_AFF = d.REM_TYP_AFF
  JOIN IR_PHA_R r ON r.PHA_CIP_C13 = d.PHA_PRS_C13
  WHERE r.PHA_ATC_C07 LIKE '{{atc_class}}%'
    AND p.FLX_DIS_DTD BETWEEN DATE '{{flux_year}}-{{flux_month}}-01' AND DATE '{{flux_year}}-{{flux_month}}-01' + INTERVAL '92' DAY
  GROUP BY 1, 2, 3
)
SELECT PHA_PRS_C13 AS cip13, SUM(boxes) AS net_boxes, COUNT(*) AS dispensings
FROM lines
WHERE boxes > 0
GROUP BY 1
ORDER BY 2 DESC, 1
LIMIT 15
