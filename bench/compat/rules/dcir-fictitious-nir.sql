-- Claims under a fictitious or provisional NIR (BEN_CDI_NIR other than '00': abortion, STI,
-- contraception of minors, teletransmission aids...), which person-level programmes must set aside:
-- share of the ER_PRS_F lines of the care years.
-- Rule: Documentation-SNDS fiches/fiche_beneficiaire.md (NIR fictifs, IR_NIR_V).
-- Written for hdsbench, not copied.
select 100.0 * count(*) filter (where r.BEN_CDI_NIR <> '00') / count(*) as value, count(*) as checked
from HDS_PERIOD p
join ER_PRS_F r on r.EXE_SOI_DTD between p.year_start and p.year_end
