-- Persons with an ALD exemption of the medical register (IR_IMB_R) in force at least one day of the
-- year, excluding work accidents, occupational diseases and invalidity (IMB_ETM_NAT 41, 43, 45 kept;
-- compared as numbers, as schema-snds declares them), open-ended exemptions having no end date or
-- the 1600-01-01 sentinel; per person-year.
-- Rule: Documentation-SNDS fiches/beneficiaires_ald.md, programme 1 (DREES/ARS); sndsTools
-- R/extract_longtermdiseases_irimbr.R (excl_etm_nat). Written for hdsbench, not copied.
with pop as (
  select p.care_year, count(distinct coalesce(b.BEN_NIR_ANO, b.BEN_NIR_PSA || b.BEN_RNG_GEM)) as persons
  from HDS_PERIOD p
  join IR_BEN_R b on cast(b.BEN_NAI_ANN as integer) < p.care_year and (b.BEN_DCD_DTE is null or b.BEN_DCD_DTE >= p.year_start)
  group by p.care_year
),
ald as (
  select distinct p.care_year, coalesce(b.BEN_NIR_ANO, b.BEN_NIR_PSA || b.BEN_RNG_GEM) as person
  from HDS_PERIOD p
  join IR_IMB_R i on i.IMB_ALD_DTD <= p.year_end
    and (i.IMB_ALD_DTF is null or i.IMB_ALD_DTF >= p.year_start or i.IMB_ALD_DTF = date '1600-01-01')
  join IR_BEN_R b on b.BEN_NIR_PSA = i.BEN_NIR_PSA and b.BEN_RNG_GEM = i.BEN_RNG_GEM
  where i.IMB_ETM_NAT in (41, 43, 45)
    and cast(b.BEN_NAI_ANN as integer) < p.care_year and (b.BEN_DCD_DTE is null or b.BEN_DCD_DTE >= p.year_start)
)
select 100.0 * (select count(*) from ald) / (select sum(persons) from pop) as value, (select sum(persons) from pop) as checked
