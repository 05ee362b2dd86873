-- The whole C2S (ex CMU-C) population, consumers or not: persons with a complementary-coverage
-- contract of type 89 (IR_ORC_R.BEN_CTA_TYP = 89) in force at least one day of the year, per
-- person-year.
-- Rule: Documentation-SNDS fiches/cmu_c.md (IR_ORC_R programme) and
-- fiches/complementaire_sante_solidaire.md. Written for hdsbench, not copied.
with pop as (
  select p.care_year, count(distinct coalesce(b.BEN_NIR_ANO, b.BEN_NIR_PSA || b.BEN_RNG_GEM)) as persons
  from HDS_PERIOD p
  join IR_BEN_R b on cast(b.BEN_NAI_ANN as integer) < p.care_year and (b.BEN_DCD_DTE is null or b.BEN_DCD_DTE >= p.year_start)
  group by p.care_year
),
c2s as (
  select distinct p.care_year, coalesce(b.BEN_NIR_ANO, b.BEN_NIR_PSA || b.BEN_RNG_GEM) as person
  from HDS_PERIOD p
  join IR_ORC_R o on o.MLL_CTA_DSD <= p.year_end and (o.MLL_CTA_DSF is null or o.MLL_CTA_DSF >= p.year_start)
  join IR_BEN_R b on b.BEN_NIR_PSA = o.BEN_NIR_PSA and b.BEN_RNG_GEM = o.BEN_RNG_GEM
  where o.BEN_CTA_TYP = 89
)
select 100.0 * (select count(*) from c2s) / (select sum(persons) from pop) as value, (select sum(persons) from pop) as checked
