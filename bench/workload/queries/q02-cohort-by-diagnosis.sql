-- Cohort selection by diagnosis: people hospitalised with an ICD-10 category as principal or
-- associated diagnosis in a care year (chaining return codes OK), by sex.
WITH matching AS (
  SELECT ETA_NUM, RSA_NUM FROM T_MCOaaB WHERE DGN_PAL LIKE '{{icd}}%'
  UNION DISTINCT
  SELECT ETA_NUM, RSA_NUM FROM T_MCOaaD WHERE ASS_DGN LIKE '{{icd}}%'
), stays AS (
  SELECT c.NIR_ANO_17, b.COD_SEX, b.ETA_NUM, b.RSA_NUM
  FROM T_MCOaaB b
  JOIN T_MCOaaC c ON c.ETA_NUM = b.ETA_NUM AND c.RSA_NUM = b.RSA_NUM
  JOIN matching m ON m.ETA_NUM = b.ETA_NUM AND m.RSA_NUM = b.RSA_NUM
  WHERE b.SOR_ANN = '{{year}}' AND c.NIR_RET = '0' AND c.DAT_RET = '0'
)
SELECT COD_SEX AS sex, COUNT(DISTINCT NIR_ANO_17) AS patients, COUNT(*) AS stays
FROM stays
GROUP BY 1
ORDER BY 1
