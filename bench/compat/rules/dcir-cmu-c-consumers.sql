-- Complementary coverage for low incomes (CMU-C, then C2S since November 2019) seen in the claims:
-- share of the persons with care in the year who have at least one line with BEN_CMU_TOP = 1 that
-- year (a person flagged once is counted for the whole year, as the fiche recommends).
-- Rule: Documentation-SNDS fiches/cmu_c.md and fiches/complementaire_sante_solidaire.md (DREES/ARS,
-- DSS). Written for hdsbench, not copied.
with consumers as (
  select p.care_year, coalesce(b.BEN_NIR_ANO, b.BEN_NIR_PSA || b.BEN_RNG_GEM) as person, bool_or(r.BEN_CMU_TOP = 1) as c2s
  from HDS_PERIOD p
  join ER_PRS_F r on r.EXE_SOI_DTD between p.year_start and p.year_end
  join IR_BEN_R b on b.BEN_NIR_PSA = r.BEN_NIR_PSA and b.BEN_RNG_GEM = r.BEN_RNG_GEM
  where r.DPN_QLF <> 71
  group by all
)
select 100.0 * count(*) filter (where c2s) / count(*) as value, count(*) as checked from consumers
