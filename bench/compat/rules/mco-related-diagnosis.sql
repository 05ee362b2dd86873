-- Related diagnosis of chemotherapy séances: share of MCO records whose principal diagnosis is Z51.1
-- (chemotherapy session) that carry a related diagnosis (DGN_REL, the treated cancer). Programmes
-- select stays on DP or DR; cancer studies find chemotherapy only through the DR.
-- Rule: Documentation-SNDS fiches/requete_type_pmsi_mco.md (selection on DP, DP or DR, DP or DR or
-- DAS); sndsTools R/extract_stays_mcob.R (or_dr_with_same_codes_filter); ATIH guide méthodologique MCO
-- (DR required when the DP is a Z code of a treatment). Written for hdsbench, not copied.
select 100.0 * count(*) filter (where s.DGN_REL is not null and trim(s.DGN_REL) <> '') / count(*) as value, count(*) as checked
from T_MCOaaB s
where s.DGN_PAL like 'Z511%'
