-- MCO stays per person-year after the standard quality filters: T_MCOaaB joined to T_MCOaaC on
-- (ETA_NUM, RSA_NUM), all chaining return codes 0 (compared as numbers, as sndsTools does), GHM of
-- CMD 90 (errors) dropped, the geographic FINESS of AP-HP, AP-HM and HCL dropped (their stays are
-- also sent under the legal FINESS), séances (CMD 28) set aside, admission date in the care year.
-- Rule: Documentation-SNDS fiches/requete_type_pmsi_mco.md (Santé publique France); sndsTools
-- R/extract_stays_mcob.R (finess_doublons, return-code filters); SCALPEL-Extraction
-- sources/data/McoFilters.scala. Written for hdsbench, not copied.
with pop as (
  select p.care_year, count(distinct coalesce(b.BEN_NIR_ANO, b.BEN_NIR_PSA || b.BEN_RNG_GEM)) as persons
  from HDS_PERIOD p
  join IR_BEN_R b on cast(b.BEN_NAI_ANN as integer) < p.care_year and (b.BEN_DCD_DTE is null or b.BEN_DCD_DTE >= p.year_start)
  group by p.care_year
),
stays as (
  select p.care_year, count(*) as n
  from HDS_PERIOD p
  join T_MCOaaC c on c.EXE_SOI_DTD between p.year_start and p.year_end
  join T_MCOaaB s using (ETA_NUM, RSA_NUM)
  where c.NIR_RET = 0 and c.NAI_RET = 0 and c.SEX_RET = 0 and c.SEJ_RET = 0 and c.FHO_RET = 0
    and c.PMS_RET = 0 and c.DAT_RET = 0 and c.COH_NAI_RET = 0 and c.COH_SEX_RET = 0
    and s.GRG_GHM not like '90%' and s.GRG_GHM not like '28%'
    and s.ETA_NUM not in ('130780521', '130783236', '130783293', '130784234', '130804297', '600100101',
      '750041543', '750100018', '750100042', '750100075', '750100083', '750100091', '750100109',
      '750100125', '750100166', '750100208', '750100216', '750100232', '750100273', '750100299',
      '750801441', '750803447', '750803454', '910100015', '910100023', '920100013', '920100021',
      '920100039', '920100047', '920100054', '920100062', '930100011', '930100037', '930100045',
      '940100027', '940100035', '940100043', '940100050', '940100068', '950100016', '690783154',
      '690784137', '690784152', '690784178', '690787478', '830100558')
  group by p.care_year
)
select sum(n) / sum(persons) as value, sum(persons) as checked from pop join stays using (care_year)
