-- ALD holders without exempted care: among the persons with an ALD of the register (IR_IMB_R, nature
-- 41/43/45) in force the whole year and alive at its end, the share with no claim exempted for an ALD
-- (ER_PRS_F.EXO_MTF 41 to 46) that year.
-- Rule: Documentation-SNDS fiches/beneficiaires_ald.md (the "active ALD" criterion, CNAM method).
-- Written for hdsbench, not copied.
with registered as (
  select distinct p.care_year, coalesce(b.BEN_NIR_ANO, b.BEN_NIR_PSA || b.BEN_RNG_GEM) as person
  from HDS_PERIOD p
  join IR_IMB_R i on i.IMB_ALD_DTD <= p.year_start
    and (i.IMB_ALD_DTF is null or i.IMB_ALD_DTF >= p.year_end or i.IMB_ALD_DTF = date '1600-01-01')
  join IR_BEN_R b on b.BEN_NIR_PSA = i.BEN_NIR_PSA and b.BEN_RNG_GEM = i.BEN_RNG_GEM
  where i.IMB_ETM_NAT in (41, 43, 45) and (b.BEN_DCD_DTE is null or b.BEN_DCD_DTE > p.year_end)
),
exempted as (
  select distinct p.care_year, coalesce(b.BEN_NIR_ANO, b.BEN_NIR_PSA || b.BEN_RNG_GEM) as person
  from HDS_PERIOD p
  join ER_PRS_F r on r.EXE_SOI_DTD between p.year_start and p.year_end
  join IR_BEN_R b on b.BEN_NIR_PSA = r.BEN_NIR_PSA and b.BEN_RNG_GEM = r.BEN_RNG_GEM
  where r.EXO_MTF in (41, 42, 43, 44, 45, 46) and r.DPN_QLF <> 71
)
select 100.0 * count(*) filter (where e.person is null) / count(*) as value, count(*) as checked
from registered g left join exempted e using (care_year, person)
