-- Share of diabetes (ALD 8) among the persons with an ALD in force, the ALD number rebuilt as the
-- documentation recommends: IMB_ALD_NUM when it is a valid number (1 to 32), else the ALD of the
-- ICD-10 code (IR_CIM_V.ALD_030_COD, joined on the first 4 characters of MED_MTF_COD), else 31 for
-- an off-list exemption (IMB_ETM_NAT 43), else 99. Numbers compared as numbers (schema-snds types).
-- Rule: Documentation-SNDS fiches/beneficiaires_ald.md, programme 1 and its DATA step (DREES/ARS).
-- Written for hdsbench, not copied.
with active as (
  select p.care_year, coalesce(b.BEN_NIR_ANO, b.BEN_NIR_PSA || b.BEN_RNG_GEM) as person,
    case
      when 0 < i.IMB_ALD_NUM and i.IMB_ALD_NUM < 33 then i.IMB_ALD_NUM
      when 0 < c.ALD_030_COD and c.ALD_030_COD < 31 then c.ALD_030_COD
      when i.IMB_ETM_NAT = 43 then 31
      else 99
    end as ald
  from HDS_PERIOD p
  join IR_IMB_R i on i.IMB_ALD_DTD <= p.year_end
    and (i.IMB_ALD_DTF is null or i.IMB_ALD_DTF >= p.year_start or i.IMB_ALD_DTF = date '1600-01-01')
  join IR_BEN_R b on b.BEN_NIR_PSA = i.BEN_NIR_PSA and b.BEN_RNG_GEM = i.BEN_RNG_GEM
  left join IR_CIM_V c on substr(i.MED_MTF_COD, 1, 4) = substr(c.CIM_COD, 1, 4)
  where i.IMB_ETM_NAT in (41, 43, 45)
)
select 100.0 * count(distinct (care_year, person)) filter (where ald = 8) / count(distinct (care_year, person)) as value,
       count(distinct (care_year, person)) as checked
from active
