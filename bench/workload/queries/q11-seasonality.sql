-- Seasonality: GP consultations and antibiotic dispensings by care month over a care year.
SELECT m.month, m.gp_consultations, COALESCE(a.antibiotic_boxes, 0) AS antibiotic_boxes
FROM (
  SELECT EXTRACT(MONTH FROM EXE_SOI_DTD) AS month, COUNT(*) AS gp_consultations
  FROM ER_PRS_F
  WHERE PRS_NAT_REF = 1110 AND CPL_MAJ_TOP = 0 AND BSE_REM_SGN = 1 AND EXE_SOI_DTD BETWEEN DATE '{{year}}-01-01' AND DATE '{{year}}-12-31'
  GROUP BY 1
) m LEFT JOIN (
  SELECT EXTRACT(MONTH FROM p.EXE_SOI_DTD) AS month, SUM(d.PHA_ACT_QSN) AS antibiotic_boxes
  FROM ER_PRS_F p
  JOIN ER_PHA_F d ON p.FLX_DIS_DTD = d.FLX_DIS_DTD AND p.FLX_TRT_DTD = d.FLX_TRT_DTD AND p.FLX_EMT_TYP = d.FLX_EMT_TYP AND p.FLX_EMT_NUM = d.FLX_EMT_NUM AND p.FLX_EMT_ORD = d.FLX_EMT_ORD AND p.ORG_CLE_NUM = d.ORG_CLE_NUM AND p.DCT_ORD_NUM = d.DCT_ORD_NUM AND p.PRS_ORD_NUM = d.PRS_ORD_NUM AND p.REM_TYP_AFF = d.REM_TYP_AFF
  JOIN IR_PHA_R r ON r.PHA_CIP_C13 = d.PHA_PRS_C13
  WHERE r.PHA_ATC_C07 LIKE 'J01%' AND p.EXE_SOI_DTD BETWEEN DATE '{{year}}-01-01' AND DATE '{{year}}-12-31'
  GROUP BY 1
) a ON a.month = m.month
ORDER BY 1
