-- Follow-up of treated diabetics: share of the persons treated for diabetes in the year (>= 3 A10
-- delivery dates) with at least 3 HbA1c tests (NABM 1577, ER_BIO_F joined to ER_PRS_F on the 9 keys)
-- in the same year. The NABM code is compared as a number, as schema-snds declares BIO_PRS_IDE.
-- Rule: Santé publique France BEH 2015 n°34-35 (Fosse-Edorh, Mandereau-Bruno), follow-up indicators
-- computed in the SNIIRAM; diabetes definition of BEH 2014 n°30-31. Written for hdsbench, not copied.
with deliveries as (
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
),
hba1c as (
  select p.care_year, coalesce(b.BEN_NIR_ANO, b.BEN_NIR_PSA || b.BEN_RNG_GEM) as person, sum(x.BIO_ACT_QSN) as tests
  from HDS_PERIOD p
  join ER_PRS_F r on r.EXE_SOI_DTD between p.year_start and p.year_end
  join ER_BIO_F x using (FLX_DIS_DTD, FLX_TRT_DTD, FLX_EMT_TYP, FLX_EMT_NUM, FLX_EMT_ORD, ORG_CLE_NUM, DCT_ORD_NUM, PRS_ORD_NUM, REM_TYP_AFF)
  join IR_BEN_R b on b.BEN_NIR_PSA = r.BEN_NIR_PSA and b.BEN_RNG_GEM = r.BEN_RNG_GEM
  where x.BIO_PRS_IDE = 1577 and r.DPN_QLF <> 71
  group by all
)
select 100.0 * count(*) filter (where h.tests >= 3) / count(*) as value, count(*) as checked
from treated t left join hba1c h using (care_year, person)
