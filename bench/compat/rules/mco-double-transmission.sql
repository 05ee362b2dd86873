-- MCO stays (per 100) sent under one of the geographic FINESS with which AP-HP, AP-HM and HCL
-- transmitted their activity a second time, besides their legal FINESS, up to 2017: programmes drop
-- these ETA_NUM to avoid counting the stays twice. From 2018 the double transmission ended, so on care
-- years after 2017 the exclusion drops nothing, and the site is in T_MCOaaUM.ETA_NUM_GEO.
-- Rule: Documentation-SNDS fiches/activite_en_double.md (table 1, MCO sites 2005-2017) and
-- fiches/requete_type_pmsi_mco.md; sndsTools R/extract_stays_mcob.R (finess_doublons).
-- Written for hdsbench, not copied.
with stays as (
  select s.ETA_NUM
  from HDS_PERIOD p
  join T_MCOaaC c on c.EXE_SOI_DTD between p.year_start and p.year_end
  join T_MCOaaB s using (ETA_NUM, RSA_NUM)
)
select 100.0 * count(*) filter (where ETA_NUM in ('130780521', '130783236', '130783293', '130784234', '130804297',
    '600100101', '750041543', '750100018', '750100042', '750100075', '750100083', '750100091', '750100109',
    '750100125', '750100166', '750100208', '750100216', '750100232', '750100273', '750100299', '750801441',
    '750803447', '750803454', '910100015', '910100023', '920100013', '920100021', '920100039', '920100047',
    '920100054', '920100062', '930100011', '930100037', '930100045', '940100019', '940100027', '940100035',
    '940100043', '940100050', '940100068', '950100016', '690783154', '690784137', '690784152', '690784178',
    '690787478', '830100558')) / count(*) as value,
  count(*) as checked
from stays
