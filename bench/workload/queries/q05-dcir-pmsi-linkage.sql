-- DCIR ↔ PMSI linkage: outpatient spend in the 90 days before a hospital stay for a diagnosis
-- category, through the pseudonymised NIR (NIR_ANO_17 = BEN_NIR_PSA).
WITH stays AS (
  SELECT c.NIR_ANO_17, c.EXE_SOI_DTD AS admission
  FROM T_MCOaaB b
  JOIN T_MCOaaC c ON c.ETA_NUM = b.ETA_NUM AND c.RSA_NUM = b.RSA_NUM
  WHERE b.DGN_PAL LIKE '{{icd}}%' AND b.SOR_ANN = {{year}} AND c.NIR_RET = '0'
)
SELECT COUNT(DISTINCT s.NIR_ANO_17) AS patients,
       COUNT(p.PRS_NAT_REF) AS lines,
       SUM(p.PRS_PAI_MNT) AS spend_eur
FROM stays s
LEFT JOIN ER_PRS_F p ON p.BEN_NIR_PSA = s.NIR_ANO_17
  AND p.EXE_SOI_DTD >= s.admission - 90 AND p.EXE_SOI_DTD < s.admission
