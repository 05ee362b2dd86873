-- ALD off the list in the claims: among the persons with claims exempted for care related to an ALD in
-- the year (ER_PRS_F.EXO_MTF 42 list, 44 hors liste, 46 polypathologie: 'affection en rapport'), the
-- share with claims coded 44 (ALD 31, hors liste).
-- Rule: Documentation-SNDS fiches/beneficiaires_ald.md (exemption natures 41 to 46 of the claims and
-- of the register, IR_EXO_V); codes compared as numbers, as schema-snds declares EXO_MTF an integer.
-- Written for hdsbench, not copied.
with exempted as (
  select p.care_year, coalesce(b.BEN_NIR_ANO, b.BEN_NIR_PSA || b.BEN_RNG_GEM) as person,
         bool_or(r.EXO_MTF = 44) as off_list
  from HDS_PERIOD p
  join ER_PRS_F r on r.EXE_SOI_DTD between p.year_start and p.year_end
  join IR_BEN_R b on b.BEN_NIR_PSA = r.BEN_NIR_PSA and b.BEN_RNG_GEM = r.BEN_RNG_GEM
  where r.EXO_MTF in (42, 44, 46) and r.DPN_QLF <> 71
  group by all
)
select 100.0 * count(*) filter (where off_list) / count(*) as value, count(*) as checked
from exempted
