-- Emergency visits not followed by a stay, in public hospitals: ACE visits billed with an emergency
-- forfait (T_MCOaaFBSTC.ACT_COD starting with 'ATU'), per 100 person-years.
-- Rule: SCALPEL-Extraction extractors/events/hospitalstays/McoceEmergenciesExtractor.scala (ACT_COD
-- 'ATU'); Documentation-SNDS fiches/actes_consult_externes.md (ATU forfaits in FBSTC).
-- Written for hdsbench, not copied.
with pop as (
  select p.care_year, count(distinct coalesce(b.BEN_NIR_ANO, b.BEN_NIR_PSA || b.BEN_RNG_GEM)) as persons
  from HDS_PERIOD p
  join IR_BEN_R b on cast(b.BEN_NAI_ANN as integer) < p.care_year and (b.BEN_DCD_DTE is null or b.BEN_DCD_DTE >= p.year_start)
  group by p.care_year
),
visits as (
  select p.care_year, count(distinct (c.ETA_NUM, c.SEQ_NUM)) as n
  from HDS_PERIOD p
  join T_MCOaaCSTC c on c.EXE_SOI_DTD between p.year_start and p.year_end
  join T_MCOaaFBSTC f using (ETA_NUM, SEQ_NUM)
  where f.ACT_COD like 'ATU%'
  group by p.care_year
)
select 100.0 * sum(n) / sum(persons) as value, sum(persons) as checked from pop join visits using (care_year)
