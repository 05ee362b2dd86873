-- Specialist consultations and extra-billing by specialty over a care year (base lines only,
-- regularisations netted), with the mean extra-billing per consultation. Specialists bill CS
-- (1112), or their own letter key: CNPSY for psychiatrists (1113), CSC for cardiologists (1114).
SELECT PSE_SPE_COD AS specialty,
       SUM(CASE WHEN BSE_REM_SGN = 2 THEN -1 ELSE 1 END) AS consultations,
       SUM(PRS_PAI_MNT) AS paid_eur,
       SUM(PRS_DEP_MNT) AS extra_billing_eur,
       SUM(PRS_DEP_MNT) / SUM(CASE WHEN BSE_REM_SGN = 2 THEN -1 ELSE 1 END) AS extra_per_consultation
FROM ER_PRS_F
WHERE PRS_NAT_REF IN (1112, 1113, 1114) AND CPL_MAJ_TOP = 0 AND EXE_SOI_DTD BETWEEN DATE '{{year}}-01-01' AND DATE '{{year}}-12-31'
  AND BEN_RES_DPT IN ({{depts}})
GROUP BY 1
HAVING SUM(CASE WHEN BSE_REM_SGN = 2 THEN -1 ELSE 1 END) > 0
ORDER BY 1
