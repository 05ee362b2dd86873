import type { Catalog } from '../catalog/catalog.js';
import type { FieldSchema, TableSchema } from '../catalog/catalog-types.js';
import { AsciiColumn, BoolColumn, DictColumn, F64Column, I32Column, I64Column, NullColumn, StrColumn, type Column } from './column.js';
import { applyFills, applyFillsPausing, type FillPlan, planFills } from './fill.js';

/** A flushed slice of a table: rows [0, length) of `columns`, valid until the buffer is written again. */
export interface ColumnBatch {
  readonly table: TableSchema;
  readonly length: number;
  readonly columns: readonly Column[];
}

const MAX_ASCII_WIDTH = 32;

function stringValues(values: readonly (string | number | boolean)[]): string[] {
  return [...new Set(values.map((v) => String(v)))];
}

function makeColumn(field: FieldSchema, table: TableSchema, catalog: Catalog, made: Map<string, Column>, capacity: number): Column {
  const gen = field.gen ?? { null: true };
  if ('null' in gen) return new NullColumn(field.name);
  switch (field.type) {
    case 'integer':
      return new I32Column(field.name, 'i32', capacity);
    case 'date':
      return new I32Column(field.name, 'date', capacity);
    case 'number':
      return new F64Column(field.name, capacity);
    case 'boolean':
      return new BoolColumn(field.name, capacity);
    case 'bigint':
      return new I64Column(field.name, capacity);
    case 'string': {
      if ('values' in gen) return new DictColumn(field.name, stringValues(gen.values), capacity);
      if ('const' in gen) return new DictColumn(field.name, [String(gen.const)], capacity);
      if ('nomenclature' in gen) return new DictColumn(field.name, [...new Set(catalog.column(gen.nomenclature, gen.column))], capacity);
      if ('copy' in gen) {
        const src = made.get(gen.copy);
        if (src?.kind === 'dict') return new DictColumn(field.name, src.dictionary, capacity);
      }
      if ('yearmonth' in gen) return new AsciiColumn(field.name, 6, capacity);
      // Codes and identifiers (short, declared length) in fixed ASCII slots; free text as JS strings.
      return field.length !== undefined && field.length <= MAX_ASCII_WIDTH ? new AsciiColumn(field.name, field.length, capacity) : new StrColumn(field.name, capacity);
    }
  }
}

/**
 * Rows of one table for the beneficiaries generated so far, column by column. The model writes the
 * columns it drives; the others are filled from their schema rule when the batch is taken.
 */
export class TableBuffer {
  readonly columns: Column[];
  readonly byName: ReadonlyMap<string, Column>;
  length = 0;
  private capacity: number;
  /** Beneficiary index and per-beneficiary ordinal of every row: the key of the fill draws. */
  private benIdx: Int32Array;
  private ordinal: Int32Array;
  /** Rows per batch: the buffer doubles up to it, then grows by small steps (see addRow). */
  private batchRows = Infinity;
  private lastBen = -1;
  private nextOrdinal = 0;
  private readonly fills: FillPlan[];

  constructor(readonly table: TableSchema, catalog: Catalog, private readonly seed: number, capacity = 1024) {
    this.capacity = capacity;
    const made = new Map<string, Column>();
    for (const f of table.fields) made.set(f.name, makeColumn(f, table, catalog, made, capacity));
    this.columns = table.fields.map((f) => made.get(f.name) as Column);
    this.byName = made;
    this.benIdx = new Int32Array(capacity);
    this.ordinal = new Int32Array(capacity);
    this.fills = planFills(table, made, catalog);
  }

  /**
   * Rows per batch (the buffer is written once it holds that many, after the beneficiary that
   * filled it). Past a batch the buffer grows by an eighth of one, not to twice a batch: holding
   * the overshoot of one beneficiary would otherwise double every table's memory.
   */
  setBatchRows(rows: number) {
    this.batchRows = rows;
  }

  /** Typed access to a column the model drives. */
  col<C extends Column>(name: string, kind: new (...args: never[]) => C): C {
    const c = this.byName.get(name);
    if (!c) throw new Error(`${this.table.name} has no column ${name}`);
    if (!(c instanceof kind)) throw new Error(`${this.table.name}.${name} is stored as ${c.kind}, not ${kind.name}`);
    return c;
  }

  /**
   * Append an empty row for beneficiary `ben`; returns its index. `key` identifies the row among the
   * beneficiary's rows of this table (the rule-driven columns draw from it); by default, rows are
   * numbered in the order they are added.
   */
  addRow(ben: number, key = -1): number {
    if (this.length === this.capacity) this.grow(this.capacity < this.batchRows ? Math.min(this.capacity * 2, this.batchRows) : this.capacity + Math.max(1024, this.batchRows >> 3));
    const r = this.length++;
    if (ben !== this.lastBen) {
      this.lastBen = ben;
      this.nextOrdinal = 0;
    }
    this.benIdx[r] = ben;
    this.ordinal[r] = key >= 0 ? key : this.nextOrdinal++;
    return r;
  }

  /**
   * Append `count` empty rows for beneficiary `ben`, row i keyed keys[i] (as `addRow(ben, keys[i])`);
   * returns the first row's index (the others follow it).
   */
  addRows(ben: number, keys: Int32Array, count: number): number {
    while (this.length + count > this.capacity) this.grow(this.capacity < this.batchRows ? Math.min(this.capacity * 2, this.batchRows) : this.capacity + Math.max(1024, this.batchRows >> 3));
    const first = this.length;
    this.length += count;
    if (ben !== this.lastBen) {
      this.lastBen = ben;
      this.nextOrdinal = 0;
    }
    for (let i = 0; i < count; i++) {
      this.benIdx[first + i] = ben;
      this.ordinal[first + i] = keys[i];
    }
    return first;
  }

  private grow(capacity: number) {
    for (const c of this.columns) c.grow(capacity);
    const b = new Int32Array(capacity);
    b.set(this.benIdx);
    this.benIdx = b;
    const o = new Int32Array(capacity);
    o.set(this.ordinal);
    this.ordinal = o;
    this.capacity = capacity;
  }

  /** Fill the rule-driven columns of the first `rows` buffered rows (all by default) and expose them as a batch. */
  takeBatch(rows = this.length): ColumnBatch {
    applyFills(this.fills, rows, this.benIdx, this.ordinal, this.seed);
    return { table: this.table, length: rows, columns: this.columns };
  }

  /** takeBatch, filling in slices and calling `pause` between them (the same cells: see applyFillsPausing). */
  async takeBatchPausing(rows: number, pause: () => Promise<void> | void): Promise<ColumnBatch> {
    await applyFillsPausing(this.fills, rows, this.benIdx, this.ordinal, this.seed, pause);
    return { table: this.table, length: rows, columns: this.columns };
  }

  /** Forget the first `rows` rows (those of the batch just taken; all by default), keeping the others. */
  clear(rows = this.length) {
    const rest = this.length - rows;
    for (const c of this.columns) c.shift(rows, rest);
    this.benIdx.copyWithin(0, rows, this.length);
    this.ordinal.copyWithin(0, rows, this.length);
    this.length = rest;
  }
}
