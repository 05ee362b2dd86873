-- Rehabilitation (SSR, now SMR): persons with an SSR stay in the year, per 100 person-years, after the
-- quality filters (GME of CMC 90 dropped, chaining return codes '0').
-- Rule: SCALPEL-Extraction sources/data/SsrFilters.scala and extractors/events/hospitalstays/
-- SsrHospitalStaysExtractor.scala; sndsTools R/extract_stays_ssr.R (T_SSRaaB, T_SSRaaC).
-- Written for hdsbench, not copied.
with pop as (
  select p.care_year, count(distinct coalesce(b.BEN_NIR_ANO, b.BEN_NIR_PSA || b.BEN_RNG_GEM)) as persons
  from HDS_PERIOD p
  join IR_BEN_R b on cast(b.BEN_NAI_ANN as integer) < p.care_year and (b.BEN_DCD_DTE is null or b.BEN_DCD_DTE >= p.year_start)
  group by p.care_year
),
patients as (
  select distinct p.care_year, c.NIR_ANO_17
  from HDS_PERIOD p
  join T_SSRaaC c on c.EXE_SOI_DTD <= p.year_end and coalesce(c.EXE_SOI_DTF, c.EXE_SOI_DTD) >= p.year_start
  join T_SSRaaB s using (ETA_NUM, RHA_NUM)
  where s.GRG_GME not like '90%' and c.NIR_RET = '0' and c.SEJ_RET = '0' and c.FHO_RET = '0'
    and c.PMS_RET = '0' and c.DAT_RET = '0'
)
select 100.0 * (select count(*) from patients) / (select sum(persons) from pop) as value, (select sum(persons) from pop) as checked
