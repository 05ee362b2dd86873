/** Shapes of the files in schemas/ (Table Schema JSON with hdsbench extensions). */

export type FieldType = 'string' | 'integer' | 'bigint' | 'number' | 'date' | 'boolean';

/** How the generator fills a column (see schemas/README.md). */
export type GenRule =
  | { by: 'model' }
  | { null: true }
  | { const: string | number | boolean }
  | { values: (string | number | boolean)[]; weights?: number[]; nullRate?: number }
  | { nomenclature: string; column: string; nullRate?: number }
  | { int: [number, number]; nullRate?: number }
  | { number: [number, number]; decimals?: number; nullRate?: number }
  | { date: [string, string]; nullRate?: number }
  | { copy: string }
  | { yearmonth: string }
  | { year: string };

export interface FieldSchema {
  name: string;
  description?: string;
  type: FieldType;
  length?: number;
  decimals?: number;
  nomenclature?: string;
  snds_type?: string;
  gen?: GenRule;
  /** How the Parquet writer lays the column out, where the default (ParquetEncoder's) does not suit it. */
  parquet?: ParquetFieldHints;
}

/** Per-column Parquet settings (schemas/README.md, "Parquet layout"). */
export interface ParquetFieldHints {
  /** Dictionary encoding: on for every column but day dates by default. */
  dictionary?: boolean;
}

export interface ForeignKey {
  fields: string[];
  reference: { resource: string; fields: string[] };
  description?: string;
}

export type TableKind = 'fact' | 'referential' | 'nomenclature';

export interface TableSchema {
  name: string;
  title?: string;
  description?: string;
  produit?: string;
  kind: TableKind;
  source?: string;
  /** The table whose columns this one has (IR_BEN_R_ARC: IR_BEN_R), filled in by scripts/build-catalog.mjs. */
  columnsOf?: string;
  primaryKey?: string[];
  foreignKeys?: ForeignKey[];
  fields: FieldSchema[];
}

export interface NomenclatureData {
  name: string;
  columns: string[];
  rows: string[][];
  /** Present when the nomenclature is also written as a table of every dataset. */
  schema?: TableSchema;
  /**
   * The values of column i, in file order, where the data is held column by column (the bundled
   * catalog: src/core/catalog/catalog-lazy.ts), read without building `rows`.
   */
  columnValues?(i: number): string[];
}

export interface CatalogData {
  tables: Record<string, TableSchema>;
  nomenclatures: Record<string, NomenclatureData>;
  model: Record<string, unknown>;
}
