-- Public-hospital outpatient activity (actes et consultations externes): ACE visits (ETA_NUM, SEQ_NUM of
-- T_MCOaaCSTC) with valid chaining codes, per person-year.
-- Rule: Documentation-SNDS fiches/actes_consult_externes.md (DREES: CSTC, FASTC, FBSTC, FCSTC joined on
-- ETA_NUM and SEQ_NUM); sndsTools R/extract_consultations_mcofcstc.R (NIR_RET, NAI_RET, SEX_RET,
-- ENT_DAT_RET, IAS_RET = '0'). Written for hdsbench, not copied.
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
  where c.NIR_RET = '0' and c.NAI_RET = '0' and c.SEX_RET = '0' and c.ENT_DAT_RET = '0' and c.IAS_RET = '0'
  group by p.care_year
)
select sum(n) / sum(persons) as value, sum(persons) as checked from pop join visits using (care_year)
