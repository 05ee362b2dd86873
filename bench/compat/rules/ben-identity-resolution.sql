-- Identity resolution: share of the beneficiaries of the care years' claims (ER_PRS_F BEN_NIR_PSA,
-- BEN_RNG_GEM) that resolve to an individual identifier BEN_IDT_ANO through the beneficiary
-- referential or its archive (IR_BEN_R union IR_BEN_R_ARC), the first step of programmes that follow
-- a person across pseudo-NIRs and link deaths.
-- Rule: sndsTools R/retrieve_patient_id.R (retrieve_psa / retrieve_idt over IR_BEN_R and IR_BEN_R_ARC);
-- Documentation-SNDS fiches/fiche_beneficiaire.md (BEN_IDT_ANO, BEN_NIR_ANO, several BEN_NIR_PSA).
-- Written for hdsbench, not copied.
with claimants as (
  select distinct r.BEN_NIR_PSA, r.BEN_RNG_GEM
  from HDS_PERIOD p
  join ER_PRS_F r on r.EXE_SOI_DTD between p.year_start and p.year_end
),
referential as (
  select BEN_NIR_PSA, BEN_RNG_GEM, BEN_IDT_ANO from IR_BEN_R
  union
  select BEN_NIR_PSA, BEN_RNG_GEM, BEN_IDT_ANO from IR_BEN_R_ARC
)
select 100.0 * count(*) filter (where exists (
         select 1 from referential b
         where b.BEN_NIR_PSA = c.BEN_NIR_PSA and b.BEN_RNG_GEM = c.BEN_RNG_GEM and b.BEN_IDT_ANO is not null)) / count(*) as value,
       count(*) as checked
from claimants c
