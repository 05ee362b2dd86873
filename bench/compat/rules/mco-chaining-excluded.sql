-- Stays the chaining filter removes: share of the care years' MCO stays (séances and errors excluded)
-- with a chaining return code other than 0, which the standard query drops because their NIR_ANO_17
-- cannot be linked to the person; and among those, the share whose NIR_ANO_17 still finds a
-- beneficiary (none should).
-- Rule: Documentation-SNDS fiches/requete_type_pmsi_mco.md (NIR_RET, NAI_RET, SEX_RET, SEJ_RET, FHO_RET,
-- PMS_RET, DAT_RET all 0); SCALPEL-Extraction McoFilters (corrupted stays). Written for hdsbench, not copied.
with stays as (
  select c.NIR_ANO_17,
         (c.NIR_RET = 0 and c.NAI_RET = 0 and c.SEX_RET = 0 and c.SEJ_RET = 0 and c.FHO_RET = 0
          and c.PMS_RET = 0 and c.DAT_RET = 0) as valid
  from HDS_PERIOD p
  join T_MCOaaC c on c.EXE_SOI_DTD between p.year_start and p.year_end
  join T_MCOaaB s using (ETA_NUM, RSA_NUM)
  where s.GRG_GHM not like '90%' and s.GRG_GHM not like '28%'
)
select 100.0 * count(*) filter (where not valid) / count(*) as value, count(*) as checked,
       count(*) filter (where not valid and NIR_ANO_17 in (select BEN_NIR_PSA from IR_BEN_R)) as linked_anyway
from stays
