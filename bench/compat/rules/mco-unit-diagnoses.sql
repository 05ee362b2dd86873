-- Medical units of each stay: share of MCO stays (séances excluded) that have as many rows in the
-- unit table T_MCOaaUM as their NBR_RUM, the table programmes read the unit diagnoses (DGN_PAL and
-- DGN_REL of each unit) from.
-- Rule: sndsTools R/extract_stays_mcob.R (T_MCOaaUM DGN_PAL/DGN_REL as DGN_PAL_UM/DGN_REL_UM);
-- Documentation-SNDS fiches/requete_type_pmsi_mco.md (T_MCOaaUM, AUT_TYP1_UM, ETA_NUM_GEO).
-- Written for hdsbench, not copied.
with units as (
  select ETA_NUM, RSA_NUM, count(*) as n from T_MCOaaUM group by all
)
select 100.0 * count(*) filter (where u.n = s.NBR_RUM) / count(*) as value, count(*) as checked
from T_MCOaaB s left join units u using (ETA_NUM, RSA_NUM)
where s.GRG_GHM not like '90%' and s.GRG_GHM not like '28%'
