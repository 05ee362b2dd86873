import type { Catalog } from '../catalog/catalog.js';
import type { GenRule, TableSchema } from '../catalog/catalog-types.js';
import { dayOfIso } from '../calendar.js';
import { firstOfMonth, firstOfNextMonth } from '../calendar-fast.js';
import { fmix32, hash4Head, hash4Tail, hashString, indexInCumulative } from '../rng.js';
import { NULL_BOOL, NULL_INT, NULL_LEN, type AsciiColumn, type Column, type I32Column } from './column.js';

/**
 * Columns the care model does not drive are filled from their schema rule (`gen`), cell by cell,
 * with draws keyed by (seed, table.column, beneficiary, row ordinal): a pure function of the row's
 * identity, whatever the part or batch it lands in. A row is hashed once, from (seed, beneficiary,
 * ordinal); each of its cells is then one mix of the row's hash with the column's key.
 */
export interface FillPlan {
  column: Column;
  rule: GenRule;
  key: number;
  source?: Column;
  /** For pick rules: the candidate values (dictionary indices, numbers or booleans) and their cumulative weights. */
  picks?: number[];
  cumulative?: Float64Array;
  /**
   * The same pick as `indexInCumulative(cumulative, h / 2^32)`, from the draw's 32 bits h: value i is
   * the first whose threshold is above h (see `pickThresholds`); absent when the weights do not allow it.
   */
  thresholds?: Float64Array;
  /** With `thresholds` and a null rate: a draw h is null exactly when h is below this (h / 2^32 < nullRate). */
  nullBelow?: number;
  /**
   * With `thresholds`: the pick of the draws h whose top byte is k, for each k, when they all give the
   * same value (PICK_BY_THRESHOLDS when a threshold falls among them: the thresholds decide then).
   */
  byTopByte?: Uint8Array;
}

/** In `FillPlan.byTopByte`: the draws of that top byte are picked by the thresholds. */
const PICK_BY_THRESHOLDS = 255;

const TWO_POW_32 = 4294967296;

/** The stream of the rows' hashes (with the seed, the head of `hash4` over (beneficiary, ordinal)). */
const ROW_STREAM = hashString('fill.row');

/** The rows' hashes of the batch applyFills fills (grown as needed, reused from batch to batch: that fill never pauses). */
let rowHashes = new Int32Array(0);

/** Hash rows [0, length) from (seed, beneficiary, ordinal) into `out`. */
function hashRows(out: Int32Array, length: number, ben: Int32Array, ordinal: Int32Array, seed: number): Int32Array {
  const head = hash4Head(seed, ROW_STREAM);
  for (let r = 0; r < length; r++) out[r] = hash4Tail(head, ben[r], ordinal[r]);
  return out;
}

function isDerived(rule: GenRule): boolean {
  return 'copy' in rule || 'yearmonth' in rule || 'year' in rule;
}

export function planFills(table: TableSchema, columns: ReadonlyMap<string, Column>, catalog: Catalog): FillPlan[] {
  const plans: FillPlan[] = [];
  for (const field of table.fields) {
    const rule = field.gen;
    if (!rule || 'by' in rule || 'null' in rule) continue;
    const column = columns.get(field.name) as Column;
    const plan: FillPlan = { column, rule, key: hashString(`${table.name}.${field.name}`) };
    const where = `${table.name}.${field.name}`;
    if ('copy' in rule || 'yearmonth' in rule || 'year' in rule) {
      const from = 'copy' in rule ? rule.copy : 'yearmonth' in rule ? rule.yearmonth : rule.year;
      plan.source = columns.get(from);
      if (!plan.source) throw new Error(`${where}: gen rule refers to missing column ${from}`);
      if (!('copy' in rule) && plan.source.kind !== 'date') throw new Error(`${where}: ${from} is not a date column`);
    } else if ('values' in rule || 'const' in rule || 'nomenclature' in rule) {
      const values = 'values' in rule ? rule.values : 'const' in rule ? [rule.const] : [...new Set(catalog.column(rule.nomenclature, rule.column))];
      plan.picks = values.map((v) => column.encode(v));
      const weights = 'values' in rule && rule.weights ? rule.weights : values.map(() => 1);
      if (weights.length !== values.length) throw new Error(`${where}: ${weights.length} weights for ${values.length} values`);
      let s = 0;
      plan.cumulative = Float64Array.from(weights, (w) => (s += w));
      plan.thresholds = pickThresholds(plan.cumulative);
      if (plan.thresholds && plan.thresholds.length < PICK_BY_THRESHOLDS) plan.byTopByte = picksByTopByte(plan.thresholds);
      plan.nullBelow = 'nullRate' in rule && rule.nullRate ? nullThreshold(rule.nullRate) : 0;
    }
    plans.push(plan);
  }
  // Derived columns read other columns of the row: compute them last.
  return [...plans.filter((p) => !isDerived(p.rule)), ...plans.filter((p) => isDerived(p.rule))];
}

/**
 * For each index i of the cumulative weights, the least h in [0, 2^32] for which
 * `indexInCumulative(cumulative, h / 2^32)` no longer stops at or before i: the first cumulative
 * weight above (h / 2^32) × total is then the first i with h < thresholds[i]. Each bound is found by
 * bisection over h with the very expression indexInCumulative evaluates (a product of doubles,
 * rounded the same way, monotone in h), so both give the same index for every h. Undefined unless
 * the weights are finite, not negative and of positive total (the bisection's condition).
 */
export function pickThresholds(cumulative: Float64Array): Float64Array | undefined {
  const n = cumulative.length;
  const total = cumulative[n - 1];
  if (!(total > 0) || !Number.isFinite(total)) return undefined;
  for (let i = 0; i < n; i++) if (!(cumulative[i] >= (i > 0 ? cumulative[i - 1] : 0))) return undefined;
  const thresholds = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    // Least h with !(cumulative[i] > (h / 2^32) * total), 2^32 when every h < 2^32 stops at i.
    let lo = 0;
    let hi = TWO_POW_32;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (cumulative[i] > (mid / TWO_POW_32) * total) lo = mid + 1;
      else hi = mid;
    }
    thresholds[i] = lo;
  }
  return thresholds;
}

/** The pick of each top byte k of the draw, when every draw in [k × 2^24, (k + 1) × 2^24) gives the same one. */
function picksByTopByte(thresholds: Float64Array): Uint8Array {
  const table = new Uint8Array(256);
  for (let k = 0; k < 256; k++) {
    const first = k * 2 ** 24;
    const last = first + 2 ** 24 - 1;
    let i = 0;
    while (first >= thresholds[i]) i++;
    table[k] = last < thresholds[i] ? i : PICK_BY_THRESHOLDS;
  }
  return table;
}

/** Least h in [0, 2^32] with !(h / 2^32 < rate): a draw h is null exactly when h is below it. */
function nullThreshold(rate: number): number {
  let lo = 0;
  let hi = TWO_POW_32;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (mid / TWO_POW_32 < rate) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The typed store of a column and its null sentinel, for the kinds whose stored value is one number. */
function typedStore(column: Column): { data: Int32Array | Float64Array | Uint8Array; nullValue: number } | null {
  switch (column.kind) {
    case 'i32':
    case 'date':
      return { data: column.data, nullValue: NULL_INT };
    case 'f64':
      return { data: column.data, nullValue: NaN };
    case 'bool':
      return { data: column.data, nullValue: NULL_BOOL };
    case 'dict':
      return { data: column.data, nullValue: -1 };
    default:
      return null;
  }
}

/** Fill rows [0, length) of every rule-driven column. */
export function applyFills(plans: readonly FillPlan[], length: number, ben: Int32Array, ordinal: Int32Array, seed: number) {
  if (rowHashes.length < length) rowHashes = new Int32Array(Math.max(length, rowHashes.length * 2));
  const rows = hashRows(rowHashes, length, ben, ordinal, seed);
  for (const p of plans) fillRows(p, 0, length, rows);
}

/**
 * Cells (rows x columns) filled between two pauses by applyFillsPausing: about 10 ms of fills on a
 * busy 2-core machine (a batch of ER_PRS_F's fills is about 60 ms in one block otherwise).
 */
export const FILL_CELLS_PER_PAUSE = 65_536;

/**
 * applyFills in slices of rows, calling `pause` every FILL_CELLS_PER_PAUSE cells (a server hands
 * its thread to other requests there). The same cells in the same order as applyFills: plan after
 * plan (derived columns last), each plan's rows in ascending order; a row's value depends only on
 * the row, so the slices change no byte.
 */
export async function applyFillsPausing(plans: readonly FillPlan[], length: number, ben: Int32Array, ordinal: Int32Array, seed: number, pause: () => Promise<void> | void) {
  // Hashes of its own: other tables' fills run while this one is paused.
  const rows = hashRows(new Int32Array(length), length, ben, ordinal, seed);
  let cells = 0;
  for (const p of plans) {
    for (let from = 0; from < length; ) {
      const to = Math.min(length, from + Math.max(1, FILL_CELLS_PER_PAUSE - cells));
      fillRows(p, from, to, rows);
      cells += to - from;
      from = to;
      if (cells >= FILL_CELLS_PER_PAUSE) {
        cells = 0;
        const paused = pause();
        if (paused) await paused;
      }
    }
  }
}

/**
 * Fill rows [from, to) of one rule-driven column, from the rows' hashes. One small function per kind
 * of rule (and of store), each of whose loops the JIT compiles for one kind of array.
 */
function fillRows(p: FillPlan, from: number, to: number, rowHash: Int32Array) {
  const { rule, column } = p;
  if ('copy' in rule) return fillCopy(column, p.source as Column, from, to);
  if ('yearmonth' in rule || 'year' in rule) {
    const src = (p.source as I32Column).data;
    if ('yearmonth' in rule && column.kind === 'ascii') return fillMonthText(column, src, from, to);
    const unit = 'year' in rule ? 'year' : 'month';
    for (let r = from; r < to; r++) {
      const d = src[r];
      column.putDay(r, d === NULL_INT ? null : d, unit);
    }
    return;
  }
  const nullRate = 'nullRate' in rule && rule.nullRate ? rule.nullRate : 0;
  const picks = p.picks;
  const typed = typedStore(column);
  if (picks && picks.length === 1 && nullRate === 0) {
    // One value and no null (a `const` rule): the draw below always picks it.
    const v = picks[0];
    if (typed) typed.data.fill(v, from, to);
    else for (let r = from; r < to; r++) column.store(r, v);
    return;
  }
  if (picks && p.thresholds && p.byTopByte && typed && typed.data instanceof Int32Array) {
    return fillPicks(typed.data, typed.nullValue, p, nullRate, picks, from, to, rowHash);
  }
  fillDraws(p, typed, nullRate, from, to, rowHash);
}

/** A copy of another column of the row (converted between kinds by the source). */
function fillCopy(column: Column, source: Column, from: number, to: number) {
  const typed = typedStore(column);
  // Between kinds (a date copied as its SNDS text, a text code into a numeric column), the source converts each cell.
  if (source.kind !== column.kind) for (let r = from; r < to; r++) source.cellTo(column, r);
  else if (column.kind === 'ascii' && (source as AsciiColumn).width === column.width) {
    // Slots of one width: the rows' bytes and lengths in two copies (what copyCell stores row by row).
    const w = column.width;
    column.bytes.set((source as AsciiColumn).bytes.subarray(from * w, to * w), from * w);
    column.lengths.set((source as AsciiColumn).lengths.subarray(from, to), from);
  } else if (typed) typed.data.set((typedStore(source) as { data: Int32Array | Float64Array | Uint8Array }).data.subarray(from, to) as never, from);
  else for (let r = from; r < to; r++) column.copyCell(source, r);
}

/**
 * The 'YYYYMM' of a date column in ASCII slots (what putDay(…, 'month') stores): converted on the
 * first row of each run of days of one month, whose bytes the next rows of the run copy.
 */
function fillMonthText(column: AsciiColumn, src: Int32Array, from: number, to: number) {
  const { bytes, lengths, width } = column;
  let monthFrom = 0;
  let monthTo = 0;
  let textRow = -1;
  for (let r = from; r < to; r++) {
    const d = src[r];
    if (d === NULL_INT) lengths[r] = NULL_LEN;
    else if (d >= monthFrom && d < monthTo) {
      const n = lengths[textRow];
      for (let i = 0, o = r * width, t = textRow * width; i < n; i++) bytes[o + i] = bytes[t + i];
      lengths[r] = n;
    } else {
      column.putDay(r, d, 'month');
      monthFrom = firstOfMonth(d);
      monthTo = firstOfNextMonth(d);
      textRow = r;
    }
  }
}

/**
 * Weighted picks into an integer or dictionary store, the common case: the pick straight into the
 * store, by the top byte of the draw or its thresholds (the same value as fillDraws' bisection).
 */
function fillPicks(data: Int32Array, nullValue: number, p: FillPlan, nullRate: number, picks: readonly number[], from: number, to: number, rowHash: Int32Array) {
  const key = p.key;
  const thresholds = p.thresholds as Float64Array;
  const nullBelow = p.nullBelow as number;
  const byTopByte = p.byTopByte as Uint8Array;
  for (let r = from; r < to; r++) {
    const h = fmix32(rowHash[r] ^ key);
    if (h < nullBelow) data[r] = nullValue;
    else {
      const g = nullRate > 0 ? fmix32(h ^ 0x5bd1e995) : h;
      let i = byTopByte[g >>> 24];
      if (i === PICK_BY_THRESHOLDS) for (i = 0; g >= thresholds[i]; ) i++;
      data[r] = picks[i];
    }
  }
}

/** Any other drawn rule (ranges of integers, numbers or dates; picks into other stores). */
function fillDraws(p: FillPlan, typed: ReturnType<typeof typedStore>, nullRate: number, from: number, to: number, rowHash: Int32Array) {
  const { rule, column, key, picks } = p;
  const lo = 'int' in rule ? rule.int[0] : 'number' in rule ? rule.number[0] : 'date' in rule ? dayOfIso(rule.date[0]) : 0;
  const hi = 'int' in rule ? rule.int[1] : 'number' in rule ? rule.number[1] : 'date' in rule ? dayOfIso(rule.date[1]) : 0;
  const scale = 'number' in rule ? 10 ** (rule.decimals ?? 2) : 1;
  const isNumber = 'number' in rule;
  const cumulative = p.cumulative as Float64Array;
  if (drawn.length < to) drawn = new Float64Array(Math.max(to, drawn.length * 2));
  const values = drawn;
  for (let r = from; r < to; r++) {
    // The cell's draw: the row's hash mixed with the column's key (one round per cell); a second
    // round for the value when the first decides the null (NaN here: no rule value is NaN).
    const h = fmix32(rowHash[r] ^ key);
    if (nullRate > 0 && h / TWO_POW_32 < nullRate) values[r] = NaN;
    else {
      const u = (nullRate > 0 ? fmix32(h ^ 0x5bd1e995) : h) / TWO_POW_32;
      if (picks) values[r] = picks[indexInCumulative(cumulative, u)];
      else if (isNumber) values[r] = Math.round((lo + u * (hi - lo)) * scale) / scale;
      else values[r] = lo + Math.floor(u * (hi - lo + 1));
    }
  }
  // Same values as column.store, written straight into the typed store when there is one: one loop
  // per kind of store, so that each store is of one array type.
  const data = typed?.data;
  if (data instanceof Float64Array) data.set(values.subarray(from, to), from);
  else if (data instanceof Int32Array) {
    const nullValue = (typed as { nullValue: number }).nullValue;
    for (let r = from; r < to; r++) {
      const v = values[r];
      data[r] = v !== v ? nullValue : v;
    }
  } else if (data instanceof Uint8Array) {
    const nullValue = (typed as { nullValue: number }).nullValue;
    for (let r = from; r < to; r++) {
      const v = values[r];
      data[r] = v !== v ? nullValue : v;
    }
  } else {
    for (let r = from; r < to; r++) {
      const v = values[r];
      column.store(r, v !== v ? null : v);
    }
  }
}

/** The values of the column being filled, NaN for a null (grown as needed; a fill never pauses inside one column's slice). */
let drawn = new Float64Array(0);
