-- In-hospital deaths: MCO stays ending with a death (discharge mode SOR_MOD = 9, compared as a number
-- as SCALPEL-Extraction casts it) as a share of all the deaths of the care years (IR_BEN_R.BEN_DCD_DTE).
-- Rule: SCALPEL-Extraction extractors/patients/McoPatients.scala (deathCode = 9);
-- Documentation-SNDS fiches/requete_type_pmsi_mco.md (SOR_MOD). Written for hdsbench, not copied.
with deaths as (
  select distinct coalesce(b.BEN_NIR_ANO, b.BEN_NIR_PSA || b.BEN_RNG_GEM) as person
  from HDS_PERIOD p join IR_BEN_R b on b.BEN_DCD_DTE between p.year_start and p.year_end
),
hospital as (
  select distinct coalesce(b.BEN_NIR_ANO, b.BEN_NIR_PSA || b.BEN_RNG_GEM) as person
  from HDS_PERIOD p
  join T_MCOaaC c on c.EXE_SOI_DTF between p.year_start and p.year_end
  join T_MCOaaB s using (ETA_NUM, RSA_NUM)
  join IR_BEN_R b on b.BEN_NIR_PSA = c.NIR_ANO_17
  where s.SOR_MOD = 9
)
select 100.0 * count(h.person) / count(*) as value, count(*) as checked
from deaths d left join hospital h using (person)
