-- Acute coronary syndrome hospitalisations: persons with an MCO stay whose principal diagnosis is
-- I21 to I24 in the year, per 100,000 person-years (the cartographie's "syndrome coronaire aigu" stay
-- criterion).
-- Rule: Documentation-SNDS fiches/cartographie_pathologies.md (CNAM algorithm example, DGN_PAL I21-I24).
-- Written for hdsbench, not copied.
with pop as (
  select p.care_year, count(distinct coalesce(b.BEN_NIR_ANO, b.BEN_NIR_PSA || b.BEN_RNG_GEM)) as persons
  from HDS_PERIOD p
  join IR_BEN_R b on cast(b.BEN_NAI_ANN as integer) < p.care_year and (b.BEN_DCD_DTE is null or b.BEN_DCD_DTE >= p.year_start)
  group by p.care_year
),
cases as (
  select distinct p.care_year, c.NIR_ANO_17
  from HDS_PERIOD p
  join T_MCOaaC c on c.EXE_SOI_DTD between p.year_start and p.year_end
  join T_MCOaaB s using (ETA_NUM, RSA_NUM)
  where substr(s.DGN_PAL, 1, 3) in ('I21', 'I22', 'I23', 'I24') and s.GRG_GHM not like '90%'
)
select 100000.0 * (select count(*) from cases) / (select sum(persons) from pop) as value, (select sum(persons) from pop) as checked
