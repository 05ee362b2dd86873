-- Share of MCO stays taking place in a site whose geographic FINESS differs from the legal FINESS the
-- records carry: each stay's site is ETA_NUM_GEO of its first unit line in T_MCOaaUM (UM_ORD_NUM 1),
-- as the fiche recommends since the double transmission ended (2018); stays with valid chaining,
-- GHM of CMD 90 dropped, admission in the care year.
-- Rule: Documentation-SNDS fiches/activite_en_double.md ("ne retenir dans ce fichier que la première
-- ligne de chaque séjour ... en conservant ETA_NUM_GEO"); sndsTools R/extract_stays_mcob.R (the unit
-- table joined on ETA_NUM, RSA_NUM). Written for hdsbench, not copied.
with site as (
  select ETA_NUM, RSA_NUM, ETA_NUM_GEO from T_MCOaaUM where cast(UM_ORD_NUM as integer) = 1
),
stays as (
  select s.ETA_NUM, u.ETA_NUM_GEO
  from HDS_PERIOD p
  join T_MCOaaC c on c.EXE_SOI_DTD between p.year_start and p.year_end
  join T_MCOaaB s using (ETA_NUM, RSA_NUM)
  left join site u using (ETA_NUM, RSA_NUM)
  where c.NIR_RET = 0 and c.NAI_RET = 0 and c.SEX_RET = 0 and c.SEJ_RET = 0 and c.FHO_RET = 0
    and c.PMS_RET = 0 and c.DAT_RET = 0 and s.GRG_GHM not like '90%'
)
select 100.0 * count(*) filter (where ETA_NUM_GEO is not null and ETA_NUM_GEO <> ETA_NUM) / count(*) as value,
  count(*) as checked
from stays
