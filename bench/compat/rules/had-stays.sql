-- Home hospitalisation (HAD): HAD stays (ETA_NUM_EPMSI, RHAD_NUM) admitted in the year with valid
-- chaining codes, per 1,000 person-years.
-- Rule: SCALPEL-Extraction sources/data/HadFilters.scala and extractors/events/hospitalstays/
-- HadHospitalStaysExtractor.scala (T_HADaaB, T_HADaaC). Written for hdsbench, not copied.
with pop as (
  select p.care_year, count(distinct coalesce(b.BEN_NIR_ANO, b.BEN_NIR_PSA || b.BEN_RNG_GEM)) as persons
  from HDS_PERIOD p
  join IR_BEN_R b on cast(b.BEN_NAI_ANN as integer) < p.care_year and (b.BEN_DCD_DTE is null or b.BEN_DCD_DTE >= p.year_start)
  group by p.care_year
),
stays as (
  select p.care_year, count(distinct (c.ETA_NUM_EPMSI, c.RHAD_NUM)) as n
  from HDS_PERIOD p
  join T_HADaaC c on c.EXE_SOI_DTD between p.year_start and p.year_end
  join T_HADaaB s using (ETA_NUM_EPMSI, RHAD_NUM)
  where c.NIR_RET = '0' and c.SEJ_RET = '0' and c.FHO_RET = '0' and c.PMS_RET = '0' and c.DAT_RET = '0'
  group by p.care_year
)
select 1000.0 * sum(n) / sum(persons) as value, sum(persons) as checked from pop join stays using (care_year)
