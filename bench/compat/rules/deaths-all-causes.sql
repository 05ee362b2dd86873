-- All causes of death: share of the death certificates of the care years (KI_CCI_R) whose causes are
-- listed in the all-causes table KI_ECD_R (one row per cause, joined on BEN_IDT_ANO), which
-- programmes searching a cause anywhere on the certificate read.
-- Rule: sndsTools R/extract_deaths.R (initial cause in KI_CCI_R or any cause in KI_ECD_R,
-- build_death_cim_conditions). Written for hdsbench, not copied.
with causes as (select BEN_IDT_ANO, count(*) as n from KI_ECD_R group by all)
select 100.0 * count(*) filter (where e.n >= 1) / count(*) as value, count(*) as checked
from HDS_PERIOD p
join KI_CCI_R k on k.BEN_DCD_DTE between p.year_start and p.year_end
left join causes e using (BEN_IDT_ANO)
where k.BEN_IDT_ANO is not null
