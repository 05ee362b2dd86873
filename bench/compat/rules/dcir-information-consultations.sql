-- Information-only lines among consultations: share of the care years' ER_PRS_F consultation lines
-- (natures 1110 G/C, 1111, 1112 CS; complements and participations excluded, CPL_MAJ_TOP < 2) that are
-- sent for information only (DPN_QLF 71: public hospitals' external care, paid outside the DCIR), the
-- lines consultation counts must drop. Codes compared as numbers, as schema-snds declares them.
-- Rule: sndsTools R/extract_consultations_erprsf.R (DPN_QLF 71 excluded); Documentation-SNDS
-- fiches/actes_consult_externes.md (external visits of public hospitals). Written for hdsbench, not copied.
select 100.0 * sum(r.PRS_ACT_QTE) filter (where r.DPN_QLF = 71) / sum(r.PRS_ACT_QTE) as value, count(*) as checked
from HDS_PERIOD p
join ER_PRS_F r on r.EXE_SOI_DTD between p.year_start and p.year_end
where r.PRS_NAT_REF in (1110, 1111, 1112) and r.CPL_MAJ_TOP < 2
