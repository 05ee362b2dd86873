-- Mortality after a stay: people discharged alive after a stay for a diagnosis category, and the
-- share who died within 365 days (from the beneficiary referential).
WITH firsts AS (
  SELECT c.NIR_ANO_17, MIN(c.EXE_SOI_DTF) AS discharge
  FROM T_MCOaaB b JOIN T_MCOaaC c ON c.ETA_NUM = b.ETA_NUM AND c.RSA_NUM = b.RSA_NUM
  WHERE b.DGN_PAL LIKE '{{icd}}%' AND b.SOR_ANN = '{{year}}' AND b.SOR_MOD <> '9' AND c.NIR_RET = '0'
  GROUP BY 1
)
SELECT COUNT(*) AS patients,
       COALESCE(SUM(CASE WHEN b.BEN_DCD_DTE >= f.discharge AND b.BEN_DCD_DTE <= f.discharge + INTERVAL '365' DAY THEN 1 ELSE 0 END), 0) AS died_within_365_days
FROM firsts f
JOIN IR_BEN_R b ON b.BEN_NIR_PSA = f.NIR_ANO_17
