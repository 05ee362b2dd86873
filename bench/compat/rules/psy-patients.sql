-- Psychiatry (RIM-P): persons with a psychiatric hospital stay (full or part time) in the year, per
-- 100 person-years.
-- Rule: Documentation-SNDS PMSI RIM-P tables (T_RIPaaRSA joined to T_RIPaaC on ETA_NUM_EPMSI and
-- RIP_NUM, return codes '0'), as the PMSI query fiches chain every field. Written for hdsbench, not copied.
with pop as (
  select p.care_year, count(distinct coalesce(b.BEN_NIR_ANO, b.BEN_NIR_PSA || b.BEN_RNG_GEM)) as persons
  from HDS_PERIOD p
  join IR_BEN_R b on cast(b.BEN_NAI_ANN as integer) < p.care_year and (b.BEN_DCD_DTE is null or b.BEN_DCD_DTE >= p.year_start)
  group by p.care_year
),
patients as (
  select distinct p.care_year, c.NIR_ANO_17
  from HDS_PERIOD p
  join T_RIPaaC c on c.EXE_SOI_DTD <= p.year_end and coalesce(c.EXE_SOI_DTF, c.EXE_SOI_DTD) >= p.year_start
  join T_RIPaaRSA s using (ETA_NUM_EPMSI, RIP_NUM)
  where c.NIR_RET = '0' and c.SEJ_RET = '0' and c.FHO_RET = '0' and c.PMS_RET = '0' and c.DAT_RET = '0'
)
select 100.0 * (select count(*) from patients) / (select sum(persons) from pop) as value, (select sum(persons) from pop) as checked
