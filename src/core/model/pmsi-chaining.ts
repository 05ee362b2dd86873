import { civilFromDays } from '../calendar-fast.js';
import type { Setter } from '../columns/setters.js';
import type { TableBuffer } from '../columns/table-buffer.js';
import type { MonthState } from './care-month.js';
import type { ModelContext } from './model-context.js';
import { RECORDS_PER_PERSON } from './kinds/kind-ids.js';
import { UNLINKABLE_NIR } from './identifiers.js';
import { nirAt } from './person.js';

/**
 * What the PMSI fields other than MCO share (rehabilitation T_SSRaa*, home hospitalisation T_HADaa*,
 * psychiatry T_RIPaa*): a record number per patient and kind of care, the years a field's files
 * hold (pmsi-period.ts), and the chaining table (C) of a stay — pseudonymised NIR, dates and return codes.
 */

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** The next record number of the kind being simulated for this person (10 digits), or null past RECORDS_PER_PERSON. */
export function nextRecord(s: MonthState): string | null {
  const ordinal = s.p.records[s.kind]++;
  return ordinal < RECORDS_PER_PERSON ? pad(s.p.ben * RECORDS_PER_PERSON + ordinal, 10) : null;
}

export const monthOf = (day: number): string => pad(civilFromDays(day)[1], 2);

/** The chaining row of a stay: keys (establishment and record columns), NIR, dates, return codes (a few fail, as in MCO, and then link to no one). */
export function writeChaining(
  s: MonthState,
  w: { buffer: TableBuffer; set: Record<string, Setter> } | undefined,
  keys: [string, string, string, string],
  admission: number,
  discharge: number,
  failed: boolean,
  dateFailed: boolean,
  rowKey: number,
): void {
  if (!w) return;
  const { buffer, set } = w;
  const r = buffer.addRow(s.p.ben, rowKey);
  set[keys[0]](r, keys[1]);
  set[keys[2]](r, keys[3]);
  set.NIR_ANO_17(r, failed ? UNLINKABLE_NIR : nirAt(s.p, admission));
  set.EXE_SOI_DTD(r, admission);
  set.EXE_SOI_DTF(r, discharge);
  set.NIR_RET(r, failed ? '1' : '0');
  for (const code of ['NAI_RET', 'SEX_RET', 'SEJ_RET', 'FHO_RET', 'PMS_RET', 'COH_NAI_RET', 'COH_SEX_RET']) set[code](r, '0');
  set.DAT_RET(r, dateFailed ? '1' : '0');
  set.SOR_MOI(r, monthOf(discharge));
  if (set.ENT_MOI) set.ENT_MOI(r, monthOf(admission));
  if (set.ENT_ANN) set.ENT_ANN(r, civilFromDays(admission)[0]);
}
