-- Technical acts of public-hospital external visits: CCAM acts of T_MCOaaFMSTC joined to their visit
-- (T_MCOaaCSTC on ETA_NUM, SEQ_NUM) with a care date in the year, per 100 person-years.
-- Rule: SCALPEL-Extraction extractors/acts/McoCeActExtractor.scala (CCAM_COD of MCO_FMSTC with the
-- visit's EXE_SOI_DTD); Documentation-SNDS fiches/actes_consult_externes.md (FMSTC: CCAM acts of the ACE).
-- Written for hdsbench, not copied.
with pop as (
  select p.care_year, count(distinct coalesce(b.BEN_NIR_ANO, b.BEN_NIR_PSA || b.BEN_RNG_GEM)) as persons
  from HDS_PERIOD p
  join IR_BEN_R b on b.BEN_NAI_ANN < p.care_year and (b.BEN_DCD_DTE is null or b.BEN_DCD_DTE >= p.year_start)
  group by p.care_year
),
acts as (
  select p.care_year, count(*) as n
  from HDS_PERIOD p
  join T_MCOaaCSTC c on c.EXE_SOI_DTD between p.year_start and p.year_end
  join T_MCOaaFMSTC m using (ETA_NUM, SEQ_NUM)
  where m.CCAM_COD is not null
  group by p.care_year
)
select 100.0 * sum(n) / sum(persons) as value, sum(persons) as checked from pop join acts using (care_year)
