-- Care pathway in a time window: people dispensed a drug class within 90 days after discharge
-- from a stay with a diagnosis category, and their boxes.
WITH stays AS (
  SELECT DISTINCT c.NIR_ANO_17, c.EXE_SOI_DTF AS discharge
  FROM T_MCOaaB b
  JOIN T_MCOaaC c ON c.ETA_NUM = b.ETA_NUM AND c.RSA_NUM = b.RSA_NUM
  WHERE b.DGN_PAL LIKE '{{icd}}%' AND b.SOR_ANN = '{{year}}' AND c.NIR_RET = '0'
)
SELECT COUNT(DISTINCT s.NIR_ANO_17) AS patients_treated,
       COALESCE(SUM(d.PHA_ACT_QSN), 0) AS boxes
FROM stays s
JOIN ER_PRS_F p ON p.BEN_NIR_PSA = s.NIR_ANO_17
JOIN ER_PHA_F d ON p.FLX_DIS_DTD = d.FLX_DIS_DTD AND p.FLX_TRT_DTD = d.FLX_TRT_DTD AND p.FLX_EMT_TYP = d.FLX_EMT_TYP AND p.FLX_EMT_NUM = d.FLX_EMT_NUM AND p.FLX_EMT_ORD = d.FLX_EMT_ORD AND p.ORG_CLE_NUM = d.ORG_CLE_NUM AND p.DCT_ORD_NUM = d.DCT_ORD_NUM AND p.PRS_ORD_NUM = d.PRS_ORD_NUM AND p.REM_TYP_AFF = d.REM_TYP_AFF
JOIN IR_PHA_R r ON r.PHA_CIP_C13 = d.PHA_PRS_C13
WHERE r.PHA_ATC_C07 LIKE '{{atc_class}}%'
  AND p.EXE_SOI_DTD > s.discharge AND p.EXE_SOI_DTD <= s.discharge + INTERVAL '90' DAY
