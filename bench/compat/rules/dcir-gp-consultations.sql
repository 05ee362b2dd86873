-- General-practice consultations and home visits per inhabitant and year: ER_PRS_F lines of the GP
-- consultation and visit natures (PRS_NAT_REF 1110, 1111, 1210, 1211) executed by a general
-- practitioner (PSE_SPE_COD 1, 22, 23), complements and participations excluded (CPL_MAJ_TOP < 2),
-- information-only lines excluded (DPN_QLF 71), quantities summed (regularisations cancel out).
-- Codes compared as numbers, as schema-snds declares them (integers).
-- Rule: sndsTools R/extract_consultations_erprsf.R (pse_spe_filter, prestation_filter);
-- Documentation-SNDS fiches/prestation.md and fiches/sas_prestation_dcir.md (CPL_MAJ_TOP, DPN_QLF).
-- Written for hdsbench, not copied.
with pop as (
  select p.care_year, count(distinct coalesce(b.BEN_NIR_ANO, b.BEN_NIR_PSA || b.BEN_RNG_GEM)) as persons
  from HDS_PERIOD p
  join IR_BEN_R b on cast(b.BEN_NAI_ANN as integer) < p.care_year and (b.BEN_DCD_DTE is null or b.BEN_DCD_DTE >= p.year_start)
  group by p.care_year
),
acts as (
  select p.care_year, sum(r.PRS_ACT_QTE) as n
  from HDS_PERIOD p
  join ER_PRS_F r on r.EXE_SOI_DTD between p.year_start and p.year_end
  where r.PRS_NAT_REF in (1110, 1111, 1210, 1211) and r.PSE_SPE_COD in (1, 22, 23)
    and r.CPL_MAJ_TOP < 2 and r.DPN_QLF <> 71
  group by p.care_year
)
select sum(n) / sum(persons) as value, sum(persons) as checked from pop join acts using (care_year)
