import { InputError } from '../errors.js';
import type { Catalog } from '../catalog/catalog.js';
import { defaultCatalog } from '../catalog/catalog.js';
import type { TableSchema } from '../catalog/catalog-types.js';
import { modelSetters } from '../columns/setters.js';
import { TableBuffer } from '../columns/table-buffer.js';
import type { ByteSink } from '../encode/byte-sink.js';
import { createEncoder } from '../encode/create-encoder.js';
import type { EncoderOptions, Format, TableEncoder } from '../encode/encoder.js';
import { buildModelContext, type ModelContext } from '../model/model-context.js';
import { modelOutput } from '../model/model-output.js';
import { buildPyramid } from '../model/person.js';
import { writeReferentials } from '../model/referential-tables.js';
import { simulateBeneficiary } from '../model/simulate.js';
import { beneficiaryCount, partRange } from '../partition.js';
import { carePeriod } from '../model/model-context.js';
import type { CareModel } from '../model/model-data.js';
import { checkSpec, type DatasetSpec, type FileSpec } from './dataset.js';
import { FLUX_TABLES, FluxRows, fluxDay } from './flux.js';

export interface GenerateRequest {
  spec: DatasetSpec;
  format: Format;
  /** Files to produce; fact-table files must all belong to the same part. */
  files: FileSpec[];
  sinkFor(file: FileSpec): ByteSink;
  /** Called as beneficiaries are generated (done, total of the part). */
  onProgress?(done: number, total: number): void;
  catalog?: Catalog;
  /**
   * Last flux day (FLX_DIS_DTD) to generate up to, instead of the dataset's: a later day gives the
   * same rows plus the flux months after (a monthly refresh), because care is drawn month by month.
   */
  lastFluxDay?: number;
  /**
   * 'YYYY-MM': write only that month's flux (the rows of the flux tables whose FLX_DIS_DTD is that
   * month, in the dataset running up to it); every file must be a flux table's. See flux.ts.
   */
  flux?: string;
  /**
   * Called after each beneficiary of a part. A server uses it to hand the thread back to other
   * requests now and then (return a promise) and to stop a generation nobody waits for any more
   * (throw). Does not change a byte of the output.
   */
  between?(): Promise<void> | void;
  /**
   * Called within the long steps of encoding a batch (every few columns, every slice of rows), to
   * hand the thread back there too; may throw to stop. Does not change a byte of the output.
   */
  pause?(): Promise<void> | void;
  /**
   * The encoder of each file; by default the format's (createEncoder). A benchmark wraps it to keep
   * the batches (bench/gen/encode.ts). Must write the bytes the format's encoder would.
   */
  createEncoder?(format: Format, options: EncoderOptions): Promise<TableEncoder>;
}

export interface FileResult {
  file: FileSpec;
  rows: number;
}

/**
 * Cells held in memory per table before a batch is encoded: bounds memory whatever the part size.
 * 2^20 keeps the Parquet path of the widest table under a Worker's 128 MB (measured peak 117 MB
 * for ER_PRS_F in Node with --max-old-space-size=128; 212 MB at 2^22).
 */
const CELLS_PER_BATCH = 1 << 20;
const MIN_ROWS = 8192;
const MAX_ROWS = 131072;

/**
 * Cells of a table held before part of its batch is written ahead, where the format's bytes allow
 * it (CSV): memory is then set by this, not by the sum of the tables' batches (which a large part
 * fills, and a small one never does). Parquet's bytes depend on how rows are cut into the writer's
 * calls (its page decisions), and Arrow IPC's record batches are the batches.
 */
const CELLS_AHEAD = 1 << 17;
const MIN_AHEAD_ROWS = 1024;

/**
 * Rows per batch and Parquet row group: a power of two sized by the table's stored columns, so a
 * wide table keeps about the same memory as a narrow one. A pure function of the schema.
 */
export function rowGroupRows(buffer: TableBuffer): number {
  const stored = Math.max(1, buffer.columns.filter((c) => c.kind !== 'null').length);
  let rows = MIN_ROWS;
  while (rows * 2 * stored <= CELLS_PER_BATCH && rows * 2 <= MAX_ROWS) rows *= 2;
  return rows;
}

/** Buffered rows of a table from which rows are written ahead of their batch: a power of two, at most a batch. */
function aheadRows(buffer: TableBuffer, batchRows: number): number {
  const stored = Math.max(1, buffer.columns.filter((c) => c.kind !== 'null').length);
  let rows = MIN_AHEAD_ROWS;
  while (rows * 2 * stored <= CELLS_AHEAD && rows * 2 <= batchRows) rows *= 2;
  return rows;
}

let cachedContext: { key: string; catalog: Catalog; ctx: ModelContext } | undefined;

function modelContext(seed: number, beneficiaries: number, catalog: Catalog, lastFluxDay?: number): ModelContext {
  const key = `${seed}:${beneficiaries}:${lastFluxDay ?? ''}`;
  // Keyed by the catalog object itself: two catalogs may share a version string (a model edited in memory).
  if (cachedContext?.key !== key || cachedContext.catalog !== catalog) cachedContext = { key, catalog, ctx: buildModelContext(seed, beneficiaries, catalog, lastFluxDay) };
  return cachedContext.ctx;
}

interface OpenTable {
  file: FileSpec;
  buffer: TableBuffer;
  encoder: TableEncoder;
  batchRows: number;
  /** Buffered rows from which some are written ahead of their batch. */
  aheadRows: number;
  /** Rows handed to the encoder so far. */
  rows: number;
  /** Row of the file where the current batch began: a batch ends after the beneficiary that fills it. */
  batchStart: number;
  wrote: boolean;
  /** With a flux: the selected rows, encoded instead of the buffer's. */
  flux?: FluxRows;
  /** GenerateRequest.pause, also called within the batch's fills. */
  pause?: () => Promise<void> | void;
}

/** The buffer's first `rows` rows as a batch, its rule-driven columns filled (pausing when the request pauses). */
function takeBatch(t: OpenTable, rows = t.buffer.length) {
  return t.pause ? t.buffer.takeBatchPausing(rows, t.pause) : t.buffer.takeBatch(rows);
}

async function open(req: GenerateRequest, file: FileSpec, buffer: TableBuffer, day?: number): Promise<OpenTable> {
  const batchRows = rowGroupRows(buffer);
  buffer.setBatchRows(batchRows);
  const encoder = await (req.createEncoder ?? createEncoder)(req.format, { table: buffer.table, columns: buffer.columns, sink: req.sinkFor(file), rowGroupRows: batchRows, pause: req.pause });
  const flux = day === undefined ? undefined : new FluxRows(buffer.table, buffer.columns, day, batchRows);
  return { file, buffer, encoder, batchRows, aheadRows: aheadRows(buffer, batchRows), rows: 0, batchStart: 0, wrote: false, flux, pause: req.pause };
}

/** Whether the table's current batch is complete (it then ends, after the beneficiary that filled it). */
function batchFull(t: OpenTable): boolean {
  return t.rows - t.batchStart + t.buffer.length >= t.batchRows;
}

/** Write the rows of the current batch that the encoder takes ahead of the rest with the same bytes. */
async function writeAhead(t: OpenTable) {
  const rows = t.encoder.writableAhead?.(t.batchStart, t.buffer.length) ?? 0;
  if (rows <= 0) return;
  await t.encoder.write(await takeBatch(t, rows));
  t.buffer.clear(rows);
  t.rows += rows;
  t.wrote = true;
}

async function flush(t: OpenTable, last = false) {
  if (!t.flux) {
    t.rows += t.buffer.length;
    await t.encoder.write(await takeBatch(t));
    t.buffer.clear();
    t.batchStart = t.rows;
    t.wrote = true;
    return;
  }
  t.flux.add(await takeBatch(t));
  t.buffer.clear();
  while (t.flux.ready(last) || (last && !t.wrote)) {
    const batch = t.flux.take();
    t.rows += batch.length;
    await t.encoder.write(batch);
    t.flux.release();
    t.wrote = true;
  }
}

async function close(t: OpenTable): Promise<FileResult> {
  if (t.buffer.length > 0 || !t.wrote || (t.flux && t.flux.length > 0)) await flush(t, true);
  await t.encoder.finish();
  return { file: t.file, rows: t.rows };
}

/** The flux day of `req.flux` (undefined without one), after checking that every file is a flux table's. */
function fluxOf(req: GenerateRequest, catalog: Catalog): number | undefined {
  if (req.flux === undefined) return undefined;
  const period = carePeriod(catalog.model<CareModel>('care'));
  const day = fluxDay(req.flux, period.firstCareDay, period.lastFluxDay);
  const others = req.files.filter((f) => !(FLUX_TABLES as readonly string[]).includes(f.table));
  if (others.length) throw new InputError(`a monthly flux holds only the tables ${FLUX_TABLES.join(', ')}; not ${[...new Set(others.map((f) => f.table))].join(', ')}`);
  return day;
}

/** A nomenclature shipped in schemas/nomenclatures/, as a table: every column comes from the CSV. */
function nomenclatureBuffer(catalog: Catalog, schema: TableSchema, seed: number): TableBuffer {
  const asModel: TableSchema = { ...schema, fields: schema.fields.map((f) => ({ ...f, length: undefined, gen: { by: 'model' } })) };
  const buffer = new TableBuffer(asModel, catalog, seed);
  const names = schema.fields.map((f) => f.name);
  const set = modelSetters(buffer, names);
  const data = catalog.nomenclature(schema.name);
  // Read column by column from the catalog (the bundled one holds them so: no row arrays are built).
  const columns = names.map((n) => {
    if (!data.columns.includes(n)) throw new Error(`schemas/nomenclatures/${schema.name}.csv has no column ${n}`);
    return catalog.column(schema.name, n);
  });
  const count = data.columns.length ? catalog.column(schema.name, data.columns[0]).length : 0;
  for (let r = 0; r < count; r++) buffer.addRow(r);
  // Column by column: each column's setter and kind of value resolved once, then a loop over the rows.
  for (let c = 0; c < schema.fields.length; c++) {
    const f = schema.fields[c];
    const put = set[f.name];
    const values = columns[c];
    const numeric = f.type === 'integer' || f.type === 'number';
    for (let r = 0; r < count; r++) {
      const text = values[r];
      if (text === '' || text === undefined) put(r, null);
      else if (numeric) {
        const v = Number(text);
        if (Number.isNaN(v)) throw new Error(`${schema.name}.${f.name}: "${text}" is not a number`);
        put(r, v);
      } else put(r, text);
    }
  }
  return buffer;
}

/**
 * Generate files of a dataset into their sinks. Fact tables of one part are produced together,
 * beneficiary after beneficiary, each table encoded batch by batch as its buffer fills.
 */
export async function generateFiles(req: GenerateRequest): Promise<FileResult[]> {
  const catalog = req.catalog ?? defaultCatalog();
  checkSpec(req.spec);
  const n = beneficiaryCount(req.spec.scale);
  const seed = req.spec.seed;
  const results: FileResult[] = [];
  const day = fluxOf(req, catalog);
  const lastFluxDay = day ?? req.lastFluxDay;

  const facts = req.files.filter((f) => f.kind === 'fact');
  const referentials = req.files.filter((f) => f.kind === 'referential');
  const nomenclatures = req.files.filter((f) => f.kind === 'nomenclature');

  if (facts.length) {
    const part = facts[0].part;
    if (facts.some((f) => f.part !== part || f.parts !== req.spec.parts)) throw new Error('generateFiles: fact-table files must belong to one part of the dataset');
    const ctx = modelContext(seed, n, catalog, lastFluxDay);
    const pyramid = buildPyramid(ctx);
    const tables: OpenTable[] = [];
    for (const f of facts) tables.push(await open(req, f, new TableBuffer(catalog.table(f.table), catalog, seed), day));
    const out = modelOutput(new Map(tables.map((t) => [t.file.table, t.buffer])));
    const { start, end } = partRange(n, part, req.spec.parts);
    const total = end - start;
    for (let ben = start; ben < end; ben++) {
      simulateBeneficiary(ctx, pyramid, out, ben);
      for (const t of tables) {
        if (t.flux ? t.buffer.length >= t.batchRows : batchFull(t)) await flush(t);
        else if (!t.flux && t.buffer.length >= t.aheadRows) await writeAhead(t);
      }
      const paused = req.between?.();
      if (paused) await paused;
      if (req.onProgress && ((ben - start + 1) % 256 === 0 || ben + 1 === end)) req.onProgress(ben - start + 1, total);
    }
    for (const t of tables) results.push(await close(t));
  }
  if (referentials.length) {
    const ctx = modelContext(seed, n, catalog, lastFluxDay);
    const tables: OpenTable[] = [];
    for (const f of referentials) tables.push(await open(req, f, new TableBuffer(catalog.table(f.table), catalog, seed)));
    writeReferentials(ctx, modelOutput(new Map(tables.map((t) => [t.file.table, t.buffer]))));
    for (const t of tables) results.push(await close(t));
  }
  for (const f of nomenclatures) results.push(await close(await open(req, f, nomenclatureBuffer(catalog, catalog.table(f.table), seed))));
  return results;
}
