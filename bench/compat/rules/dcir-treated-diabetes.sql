-- Pharmacologically treated diabetes: at least 3 deliveries of an antidiabetic (ATC A10) on distinct
-- dates in the year, per person-year. ATC code read from IR_PHA_R through the CIP13 of ER_PHA_F.
-- Rule: Santé publique France, BEH 2014 n°30-31 (Mandereau-Bruno et al.), the CNAM cartographie des
-- pathologies (Documentation-SNDS fiches/cartographie_pathologies.md), sndsTools notebooks/patho_diabetes.R.
-- Written for hdsbench, not copied.
with pop as (
  select p.care_year, count(distinct coalesce(b.BEN_NIR_ANO, b.BEN_NIR_PSA || b.BEN_RNG_GEM)) as persons
  from HDS_PERIOD p
  join IR_BEN_R b on cast(b.BEN_NAI_ANN as integer) < p.care_year and (b.BEN_DCD_DTE is null or b.BEN_DCD_DTE >= p.year_start)
  group by p.care_year
),
deliveries as (
  select p.care_year, coalesce(b.BEN_NIR_ANO, b.BEN_NIR_PSA || b.BEN_RNG_GEM) as person, r.EXE_SOI_DTD as day
  from HDS_PERIOD p
  join ER_PRS_F r on r.EXE_SOI_DTD between p.year_start and p.year_end
  join ER_PHA_F f using (FLX_DIS_DTD, FLX_TRT_DTD, FLX_EMT_TYP, FLX_EMT_NUM, FLX_EMT_ORD, ORG_CLE_NUM, DCT_ORD_NUM, PRS_ORD_NUM, REM_TYP_AFF)
  join IR_PHA_R a on a.PHA_CIP_C13 = f.PHA_PRS_C13
  join IR_BEN_R b on b.BEN_NIR_PSA = r.BEN_NIR_PSA and b.BEN_RNG_GEM = r.BEN_RNG_GEM
  where a.PHA_ATC_C07 like 'A10%' and r.DPN_QLF <> 71 and f.PHA_ACT_QSN > 0
),
treated as (
  select care_year, person from deliveries group by care_year, person having count(distinct day) >= 3
)
select 100.0 * (select count(*) from treated) / (select sum(persons) from pop) as value, (select sum(persons) from pop) as checked
