-- Breast-cancer screening: share of the women aged 50 to 74 (alive on 1 January) with a screening
-- mammography (CCAM QEQK004, ER_CAM_F joined to ER_PRS_F on the 9 keys) in the year, per woman-year.
-- Rule: pysnds BC_medical_codes.json (mammography codes QEQK001, QEQK004, QEQK005); the organised
-- programme's biennial screening act QEQK004 (Santé publique France participation indicator).
-- Written for hdsbench, not copied.
with women as (
  select p.care_year, coalesce(b.BEN_NIR_ANO, b.BEN_NIR_PSA || b.BEN_RNG_GEM) as person
  from HDS_PERIOD p
  join IR_BEN_R b on p.care_year - cast(b.BEN_NAI_ANN as integer) between 51 and 75
    and (b.BEN_DCD_DTE is null or b.BEN_DCD_DTE >= p.year_start)
  where b.BEN_SEX_COD = 2
  group by all
),
screened as (
  select distinct p.care_year, coalesce(b.BEN_NIR_ANO, b.BEN_NIR_PSA || b.BEN_RNG_GEM) as person
  from HDS_PERIOD p
  join ER_PRS_F r on r.EXE_SOI_DTD between p.year_start and p.year_end
  join ER_CAM_F c using (FLX_DIS_DTD, FLX_TRT_DTD, FLX_EMT_TYP, FLX_EMT_NUM, FLX_EMT_ORD, ORG_CLE_NUM, DCT_ORD_NUM, PRS_ORD_NUM, REM_TYP_AFF)
  join IR_BEN_R b on b.BEN_NIR_PSA = r.BEN_NIR_PSA and b.BEN_RNG_GEM = r.BEN_RNG_GEM
  where c.CAM_PRS_IDE like 'QEQK004%' and r.DPN_QLF <> 71
)
select 100.0 * count(s.person) / count(*) as value, count(*) as checked
from women w left join screened s using (care_year, person)
