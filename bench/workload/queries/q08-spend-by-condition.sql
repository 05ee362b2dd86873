-- Spend per patient by condition: ambulatory spend in a care year of the people under each
-- ALD number, and the share reimbursed.
WITH ald AS (
  SELECT DISTINCT BEN_NIR_PSA, IMB_ALD_NUM FROM IR_IMB_R
  WHERE IMB_ALD_DTD <= DATE '{{year}}-12-31' AND IMB_ALD_DTF >= DATE '{{year}}-01-01' AND IMB_ALD_NUM IN ({{ald_numbers}})
), spend AS (
  SELECT BEN_NIR_PSA, SUM(PRS_PAI_MNT) AS paid, SUM(BSE_REM_MNT + CPL_REM_MNT) AS reimbursed
  FROM ER_PRS_F
  WHERE EXE_SOI_DTD BETWEEN DATE '{{year}}-01-01' AND DATE '{{year}}-12-31'
  GROUP BY 1
)
SELECT a.IMB_ALD_NUM AS ald, COUNT(*) AS patients,
       SUM(s.paid) / COUNT(*) AS paid_per_patient_eur,
       SUM(s.reimbursed) / SUM(s.paid) AS reimbursed_ratio
FROM ald a JOIN spend s ON s.BEN_NIR_PSA = a.BEN_NIR_PSA
GROUP BY 1
ORDER BY 1
