import type { CatalogData, NomenclatureData, TableSchema } from './catalog-types.js';

/**
 * The bundled catalog as scripts/build-catalog.mjs writes it: every piece a JSON text, parsed the
 * first time it is read. A run reads a small part of the catalog (a CSV run of the fact tables
 * reads 6 of IR_PHA_R's 81 columns, and none of the realism checks), and parsing all of it was
 * most of the catalog's start-up.
 */
export interface PackedCatalog {
  /** Every table schema, as one JSON object keyed by name. */
  tables: string;
  /** Each model file of schemas/model/ as JSON text. */
  model: Record<string, string>;
  nomenclatures: Record<string, PackedNomenclature>;
}

export interface PackedNomenclature {
  columns: string[];
  /** Row count (each column holds this many values). */
  rows: number;
  /** Each column's values, in file order, as a JSON array of strings. */
  values: string[];
  /** The table schema (JSON) when the nomenclature is also written as a table. */
  schema?: string;
}

/** Define `key` on `target` as a value computed on first read, then kept (a plain property from then on). */
function lazy(target: object, key: string, make: () => unknown): void {
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get() {
      const value = make();
      Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
      return value;
    },
  });
}

function parseColumn(nomenclature: string, column: string, json: string, rows: number): string[] {
  const values = JSON.parse(json) as string[];
  if (values.length !== rows) throw new Error(`catalog: ${nomenclature}.${column} holds ${values.length} values, not ${rows}`);
  return values;
}

/** A nomenclature held column by column: `columnValues` reads one column; `rows` is built on first read. */
function nomenclature(name: string, packed: PackedNomenclature): NomenclatureData {
  const parsed: (string[] | undefined)[] = new Array(packed.columns.length);
  const columnValues = (i: number): string[] => {
    if (!(i >= 0 && i < packed.columns.length)) throw new Error(`nomenclature ${name} has no column ${i}`);
    return (parsed[i] ??= parseColumn(name, packed.columns[i], packed.values[i], packed.rows));
  };
  const n = { name, columns: packed.columns } as NomenclatureData;
  lazy(n, 'rows', () => {
    const columns = packed.columns.map((_, i) => columnValues(i));
    const rows: string[][] = new Array(packed.rows);
    for (let r = 0; r < packed.rows; r++) rows[r] = columns.map((c) => c[r]);
    return rows;
  });
  if (packed.schema !== undefined) {
    const schema = packed.schema;
    lazy(n, 'schema', () => JSON.parse(schema) as TableSchema);
  }
  // Not enumerable: a copy or a structured clone of the data holds the rows, not this function.
  Object.defineProperty(n, 'columnValues', { value: columnValues, enumerable: false });
  return n;
}

/** The catalog data of a packed catalog, each piece parsed when first read. */
export function unpackCatalog(packed: PackedCatalog): CatalogData {
  const nomenclatures: Record<string, NomenclatureData> = {};
  for (const [name, n] of Object.entries(packed.nomenclatures)) lazy(nomenclatures, name, () => nomenclature(name, n));
  const model: Record<string, unknown> = {};
  for (const [name, json] of Object.entries(packed.model)) lazy(model, name, () => JSON.parse(json));
  const data = {} as CatalogData;
  lazy(data, 'tables', () => JSON.parse(packed.tables) as CatalogData['tables']);
  Object.assign(data, { nomenclatures, model });
  return data;
}
