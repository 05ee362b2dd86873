-- Breadth of coded morbidity: number of distinct principal diagnoses (DGN_PAL, full code) among the
-- MCO stays of the care years. Case definitions built on hundreds of ICD-10 codes (cartographie,
-- FRESH breast-cancer pathway) need that breadth to find anyone.
-- Rule: Documentation-SNDS fiches/cartographie_pathologies.md; pysnds BC_medical_codes.json (ICD-10
-- lists). Written for hdsbench, not copied.
select count(distinct s.DGN_PAL) as value, count(*) as checked
from HDS_PERIOD p
join T_MCOaaC c on c.EXE_SOI_DTD between p.year_start and p.year_end
join T_MCOaaB s using (ETA_NUM, RSA_NUM)
