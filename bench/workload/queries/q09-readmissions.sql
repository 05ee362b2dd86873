-- 30-day readmissions: stays with nights followed by another stay of the same person within 30
-- days of discharge, by major diagnostic category (first two characters of the GHM).
WITH s AS (
  SELECT c.NIR_ANO_17, c.EXE_SOI_DTD AS admission, c.EXE_SOI_DTF AS discharge, SUBSTRING(b.GRG_GHM, 1, 2) AS cmd, b.ETA_NUM, b.RSA_NUM
  FROM T_MCOaaB b JOIN T_MCOaaC c ON c.ETA_NUM = b.ETA_NUM AND c.RSA_NUM = b.RSA_NUM
  WHERE c.NIR_RET = '0' AND b.NBR_SEA = 0
), readmissions AS (
  SELECT DISTINCT s1.ETA_NUM, s1.RSA_NUM, 1 AS readmission
  FROM s s1 JOIN s s2 ON s2.NIR_ANO_17 = s1.NIR_ANO_17
  WHERE s2.admission > s1.discharge AND s2.admission <= s1.discharge + INTERVAL '30' DAY
)
SELECT s1.cmd,
       COUNT(*) AS stays,
       SUM(COALESCE(r.readmission, 0)) AS readmitted
FROM s s1
LEFT JOIN readmissions r ON r.ETA_NUM = s1.ETA_NUM AND r.RSA_NUM = s1.RSA_NUM
WHERE s1.discharge BETWEEN DATE '{{year}}-01-01' AND DATE '{{year}}-12-31' AND s1.discharge > s1.admission
GROUP BY 1
HAVING COUNT(*) >= {{min_stays}}
ORDER BY 1
