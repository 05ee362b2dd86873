-- The DCIR 9-column join: technical acts (CCAM) billed in a department over a quarter, with
-- their count, base and the reimbursed amount of their prestation lines.
SELECT d.CAM_PRS_IDE AS ccam,
       COUNT(*) AS acts,
       SUM(d.CAM_REM_BSE) AS base_eur,
       SUM(p.BSE_REM_MNT) AS reimbursed_eur
FROM ER_PRS_F p
JOIN ER_CAM_F d ON p.FLX_DIS_DTD = d.FLX_DIS_DTD AND p.FLX_TRT_DTD = d.FLX_TRT_DTD AND p.FLX_EMT_TYP = d.FLX_EMT_TYP AND p.FLX_EMT_NUM = d.FLX_EMT_NUM AND p.FLX_EMT_ORD = d.FLX_EMT_ORD AND p.ORG_CLE_NUM = d.ORG_CLE_NUM AND p.DCT_ORD_NUM = d.DCT_ORD_NUM AND p.PRS_ORD_NUM = d.PRS_ORD_NUM AND p.REM_TYP_AFF = d.REM_TYP_AFF
WHERE p.BEN_RES_DPT = '{{dept}}'
  AND p.EXE_SOI_DTD BETWEEN DATE '{{year}}-{{quarter_start}}-01' AND DATE '{{year}}-{{quarter_start}}-01' + INTERVAL '90' DAY
GROUP BY 1
ORDER BY 2 DESC, 1
LIMIT 20
