import { civilFromDays } from '../calendar-fast.js';
import type { ModelContext } from './model-context.js';
import type { ModelOutput } from './model-output.js';

/** Rows of the referential tables (professionals, establishments, PMSI hospitals): scale-only. */
export function writeReferentials(ctx: ModelContext, out: ModelOutput) {
  const pra = out.DA_PRA_R;
  if (pra) {
    for (let i = 0; i < ctx.refs.professionalCount; i++) {
      const p = ctx.refs.professional(i);
      const r = pra.buffer.addRow(i);
      pra.set.PFS_PFS_NUM(r, p.num);
      pra.set.IPP_SEX_COD(r, p.sex);
      pra.set.CAI_NUM(r, p.dept.code);
      pra.set.PFS_PRA_SPE(r, p.spe);
      pra.set.EXC_EXC_NAT(r, p.actNat);
      pra.set.PFS_EXC_COM(r, String(1 + (i % 300)).padStart(3, '0'));
      pra.set.PFS_COD_POS(r, `${p.dept.code2.padStart(2, '0')}${String(i % 1000).padStart(3, '0')}`.slice(0, 5));
    }
  }
  const ide = out.BE_IDE_R;
  if (ide) {
    ctx.refs.hospitals.forEach((h, i) => {
      const r = ide.buffer.addRow(i);
      ide.set.IDE_ETA_NU8(r, h.finess8);
      ide.set.IDE_ETA_NOM(r, h.name.slice(0, 38));
      ide.set.IDE_CPT_RSC(r, h.name);
      ide.set.IDE_PSH_CAT(r, h.private ? '365' : '101');
      ide.set.IDE_IMP_DPT(r, h.dept.code);
    });
  }
  const eta = out.T_MCOaaE;
  if (eta) {
    const year = String(civilFromDays(ctx.lastFluxDay)[0]);
    ctx.refs.hospitals.forEach((h, i) => {
      const r = eta.buffer.addRow(i);
      eta.set.ETA_NUM(r, h.etaNum);
      eta.set.ETB_EXE_FIN(r, h.finess8);
      eta.set.SOC_RAI(r, h.name);
      eta.set.STA_ETA(r, h.private ? 'OQN' : 'DGF');
      eta.set.REG_ETA(r, h.dept.code);
      eta.set.ANN_TRT(r, year);
      eta.set.VAL_ETA(r, '1');
    });
  }
}
