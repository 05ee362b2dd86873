-- Persons with at least one levothyroxine delivery (ATC H03AA01) in the year, per person-year.
-- Rule: drug-exposure extraction by ATC code through IR_PHA_R (sndsTools R/extract_drugs_erphaf.R,
-- atc_cod_starts_with_filter; SCALPEL-Extraction DrugExtractor). Written for hdsbench, not copied.
with pop as (
  select p.care_year, count(distinct coalesce(b.BEN_NIR_ANO, b.BEN_NIR_PSA || b.BEN_RNG_GEM)) as persons
  from HDS_PERIOD p
  join IR_BEN_R b on cast(b.BEN_NAI_ANN as integer) < p.care_year and (b.BEN_DCD_DTE is null or b.BEN_DCD_DTE >= p.year_start)
  group by p.care_year
),
users as (
  select distinct p.care_year, coalesce(b.BEN_NIR_ANO, b.BEN_NIR_PSA || b.BEN_RNG_GEM) as person
  from HDS_PERIOD p
  join ER_PRS_F r on r.EXE_SOI_DTD between p.year_start and p.year_end
  join ER_PHA_F f using (FLX_DIS_DTD, FLX_TRT_DTD, FLX_EMT_TYP, FLX_EMT_NUM, FLX_EMT_ORD, ORG_CLE_NUM, DCT_ORD_NUM, PRS_ORD_NUM, REM_TYP_AFF)
  join IR_PHA_R a on a.PHA_CIP_C13 = f.PHA_PRS_C13
  join IR_BEN_R b on b.BEN_NIR_PSA = r.BEN_NIR_PSA and b.BEN_RNG_GEM = r.BEN_RNG_GEM
  where a.PHA_ATC_C07 = 'H03AA01' and r.DPN_QLF <> 71 and f.PHA_ACT_QSN > 0
)
select 100.0 * (select count(*) from users) / (select sum(persons) from pop) as value, (select sum(persons) from pop) as checked
