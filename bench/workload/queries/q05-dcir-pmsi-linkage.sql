-- DCIR ↔ PMSI linkage: outpatient spend in the 90 days before a hospital stay for a diagnosis
-- category, through the pseudonymised NIR (NIR_ANO_17 = BEN_NIR_PSA).
WITH stays AS (
  SELECT c.NIR_ANO_17, c.EXE_SOI_DTD AS admission
  FROM T_MCOaaB b
  JOIN T_MCOaaC c ON c.ETA_NUM = b.ETA_NUM AND c.RSA_NUM = b.RSA_NUM
  WHERE b.DGN_PAL LIKE '{{icd}}%' AND b.SOR_ANN = '{{year}}' AND c.NIR_RET = '0'
), before_stay AS (
  SELECT p.PRS_PAI_MNT
  FROM stays s
  JOIN ER_PRS_F p ON p.BEN_NIR_PSA = s.NIR_ANO_17
  WHERE p.EXE_SOI_DTD >= s.admission - INTERVAL '90' DAY AND p.EXE_SOI_DTD < s.admission
)
SELECT c.patients, t.lines, t.spend_eur
FROM (SELECT COUNT(DISTINCT NIR_ANO_17) AS patients FROM stays) c
CROSS JOIN (SELECT COUNT(*) AS lines, COALESCE(SUM(PRS_PAI_MNT), 0) AS spend_eur FROM before_stay) t
