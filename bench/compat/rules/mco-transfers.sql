-- Transfers and mutations between units or hospitals: share of MCO stays (séances excluded) admitted
-- from another hospital or unit (ENT_MOD 6 mutation, 7 transfer) or discharged to one (SOR_MOD 6, 7).
-- Rule: Documentation-SNDS fiches/requete_type_pmsi_mco.md (ENT_MOD, ENT_PRV, SOR_MOD, SOR_DES kept
-- by the standard query); SCALPEL-Extraction McoSource (StayFrom = ENT_MOD, StayFromType = ENT_PRV).
-- Written for hdsbench, not copied.
select 100.0 * count(*) filter (where s.ENT_MOD in (6, 7) or s.SOR_MOD in (6, 7)) / count(*) as value, count(*) as checked
from HDS_PERIOD p
join T_MCOaaC c on c.EXE_SOI_DTD between p.year_start and p.year_end
join T_MCOaaB s using (ETA_NUM, RSA_NUM)
where s.GRG_GHM not like '90%' and s.GRG_GHM not like '28%'
