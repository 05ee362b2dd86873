-- ALD prevalence by department and age band on a date: people with an active long-term
-- condition exemption per 1,000 beneficiaries.
WITH people AS (
  SELECT DISTINCT BEN_NIR_PSA, BEN_RNG_GEM, BEN_RES_DPT,
         CASE WHEN {{year}} - CAST(BEN_NAI_ANN AS INTEGER) < 40 THEN '00-39' WHEN {{year}} - CAST(BEN_NAI_ANN AS INTEGER) < 65 THEN '40-64' ELSE '65+' END AS age_band
  FROM IR_BEN_R
  WHERE BEN_CDI_NIR = '00' AND (BEN_DCD_DTE IS NULL OR BEN_DCD_DTE > DATE '{{year}}-07-01') AND BEN_NAI_ANN <= '{{year}}'
), ald AS (
  SELECT DISTINCT BEN_NIR_PSA, BEN_RNG_GEM, 1 AS has_ald FROM IR_IMB_R
  WHERE IMB_ALD_DTD <= DATE '{{year}}-07-01' AND IMB_ALD_DTF > DATE '{{year}}-07-01'
)
SELECT p.BEN_RES_DPT AS dept, p.age_band,
       COUNT(*) AS people,
       SUM(COALESCE(a.has_ald, 0)) AS with_ald,
       1000.0 * SUM(COALESCE(a.has_ald, 0)) / COUNT(*) AS per_1000
FROM people p
LEFT JOIN ald a ON a.BEN_NIR_PSA = p.BEN_NIR_PSA AND a.BEN_RNG_GEM = p.BEN_RNG_GEM
WHERE p.BEN_RES_DPT IN ({{depts}})
GROUP BY 1, 2
ORDER BY 1, 2
