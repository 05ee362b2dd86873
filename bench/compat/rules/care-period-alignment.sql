-- Town care and hospital care cover the same period: months of DCIR care (ER_PRS_F.EXE_SOI_DTD) after
-- the last month with an MCO discharge (T_MCOaaC.EXE_SOI_DTF). A study period read from both sources
-- (sndsTools and SCALPEL-Extraction extract DCIR and PMSI over one start/end date) must find both.
-- Rule: sndsTools R/extract_drugs_erphaf.R and R/extract_stays_mcob.R (same start_date/end_date);
-- SCALPEL-Extraction study-period filters; Documentation-SNDS fiches/sas_prestation_dcir.md.
-- Written for hdsbench, not copied.
select datediff('month',
         (select date_trunc('month', max(EXE_SOI_DTF)) from T_MCOaaC),
         (select date_trunc('month', max(EXE_SOI_DTD)) from ER_PRS_F)) as value,
       (select count(*) from T_MCOaaC) as checked
