-- Drug boxes per person-year, the way the public extraction libraries read pharmacy claims:
-- ER_PHA_F joined to ER_PRS_F on the 9 DCIR keys, information-only lines (DPN_QLF = 71) and public
-- hospitals billing directly (ER_ETE_F.ETE_IND_TAA = 1) excluded, signed quantities summed so that
-- regularisation lines cancel the lines they correct.
-- Rule: sndsTools R/extract_drugs_erphaf.R; SCALPEL-Extraction DcirFilters.filterInformationFlux;
-- Documentation-SNDS fiches/tables_affinees.md (9 keys). Written for hdsbench, not copied.
with pop as (
  select p.care_year, count(distinct coalesce(b.BEN_NIR_ANO, b.BEN_NIR_PSA || b.BEN_RNG_GEM)) as persons
  from HDS_PERIOD p
  join IR_BEN_R b on cast(b.BEN_NAI_ANN as integer) < p.care_year and (b.BEN_DCD_DTE is null or b.BEN_DCD_DTE >= p.year_start)
  group by p.care_year
),
boxes as (
  select p.care_year, sum(f.PHA_ACT_QSN) as boxes
  from HDS_PERIOD p
  join ER_PRS_F r on r.EXE_SOI_DTD between p.year_start and p.year_end
  join ER_PHA_F f using (FLX_DIS_DTD, FLX_TRT_DTD, FLX_EMT_TYP, FLX_EMT_NUM, FLX_EMT_ORD, ORG_CLE_NUM, DCT_ORD_NUM, PRS_ORD_NUM, REM_TYP_AFF)
  left join ER_ETE_F e using (FLX_DIS_DTD, FLX_TRT_DTD, FLX_EMT_TYP, FLX_EMT_NUM, FLX_EMT_ORD, ORG_CLE_NUM, DCT_ORD_NUM, PRS_ORD_NUM, REM_TYP_AFF)
  where r.DPN_QLF <> 71 and (e.ETE_IND_TAA is null or e.ETE_IND_TAA <> 1)
  group by p.care_year
)
select sum(boxes) / sum(persons) as value, sum(persons) as checked
from pop join boxes using (care_year)
