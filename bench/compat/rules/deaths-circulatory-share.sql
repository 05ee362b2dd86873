-- Deaths from diseases of the circulatory system: share of the deaths of the care years whose initial
-- cause (KI_CCI_R.DCD_CIM_COD) is in ICD-10 chapter IX (I00-I99).
-- Rule: sndsTools R/extract_deaths.R (KI_CCI_R, cause filter on the ICD-10 code).
-- Written for hdsbench, not copied.
select 100.0 * count(*) filter (where k.DCD_CIM_COD like 'I%') / count(*) as value, count(*) as checked
from HDS_PERIOD p
join KI_CCI_R k on k.BEN_DCD_DTE between p.year_start and p.year_end
where k.BEN_IDT_ANO is not null
