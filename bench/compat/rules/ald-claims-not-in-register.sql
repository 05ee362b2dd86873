-- ALD not found in the register: among the persons with at least one claim exempted for an ALD in the
-- year (ER_PRS_F.EXO_MTF 41 to 46), the share with no ALD of the medical register (IR_IMB_R, nature
-- 41/43/45) in force that year.
-- Rule: Documentation-SNDS fiches/beneficiaires_ald.md (programmes 2 and 3, CNAM method: cross the
-- register and the exempted claims). Written for hdsbench, not copied.
with exempted as (
  select distinct p.care_year, coalesce(b.BEN_NIR_ANO, b.BEN_NIR_PSA || b.BEN_RNG_GEM) as person
  from HDS_PERIOD p
  join ER_PRS_F r on r.EXE_SOI_DTD between p.year_start and p.year_end
  join IR_BEN_R b on b.BEN_NIR_PSA = r.BEN_NIR_PSA and b.BEN_RNG_GEM = r.BEN_RNG_GEM
  where r.EXO_MTF in (41, 42, 43, 44, 45, 46) and r.DPN_QLF <> 71
),
registered as (
  select distinct p.care_year, coalesce(b.BEN_NIR_ANO, b.BEN_NIR_PSA || b.BEN_RNG_GEM) as person
  from HDS_PERIOD p
  join IR_IMB_R i on i.IMB_ALD_DTD <= p.year_end
    and (i.IMB_ALD_DTF is null or i.IMB_ALD_DTF >= p.year_start or i.IMB_ALD_DTF = date '1600-01-01')
  join IR_BEN_R b on b.BEN_NIR_PSA = i.BEN_NIR_PSA and b.BEN_RNG_GEM = i.BEN_RNG_GEM
  where i.IMB_ETM_NAT in (41, 43, 45)
)
select 100.0 * count(*) filter (where g.person is null) / count(*) as value, count(*) as checked
from exempted e left join registered g using (care_year, person)
