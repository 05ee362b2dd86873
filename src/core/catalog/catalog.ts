import { CATALOG_DATA, CATALOG_SHA256 } from './catalog-data.generated.js';
import type { CatalogData, NomenclatureData, TableSchema } from './catalog-types.js';

/** Read access to the bundled schemas/ folder: table schemas, nomenclatures and model files. */
export class Catalog {
  /** sha256 of the bundled schemas/ content: the dataset's schema version. */
  readonly version: string;
  private readonly data: CatalogData;
  private readonly columnCache = new Map<string, string[]>();

  constructor(data: CatalogData = CATALOG_DATA, version: string = CATALOG_SHA256) {
    this.data = data;
    this.version = version;
  }

  /** Schemas of every table a dataset holds: generated tables, then nomenclatures written as tables. */
  outputTables(): TableSchema[] {
    const generated = Object.values(this.data.tables);
    const nomenclatureTables = Object.values(this.data.nomenclatures)
      .filter((n) => n.schema)
      .map((n) => n.schema as TableSchema);
    return [...generated, ...nomenclatureTables];
  }

  table(name: string): TableSchema {
    const t = this.data.tables[name] ?? this.data.nomenclatures[name]?.schema;
    if (!t) throw new Error(`unknown table ${name}`);
    return t;
  }

  hasNomenclature(name: string): boolean {
    return name in this.data.nomenclatures;
  }

  nomenclature(name: string): NomenclatureData {
    const n = this.data.nomenclatures[name];
    if (!n) throw new Error(`nomenclature ${name} is not shipped in schemas/nomenclatures/`);
    return n;
  }

  /** Values of one column of a nomenclature, in file order. */
  column(nomenclature: string, column: string): string[] {
    const key = `${nomenclature}.${column}`;
    let values = this.columnCache.get(key);
    if (!values) {
      const n = this.nomenclature(nomenclature);
      const i = n.columns.indexOf(column);
      if (i < 0) throw new Error(`nomenclature ${nomenclature} has no column ${column} (columns: ${n.columns.join(', ')})`);
      values = n.columnValues ? n.columnValues(i) : n.rows.map((r) => r[i]);
      this.columnCache.set(key, values);
    }
    return values;
  }

  /** Rows of a nomenclature as objects keyed by column name. */
  records(nomenclature: string): Record<string, string>[] {
    const n = this.nomenclature(nomenclature);
    return n.rows.map((r) => Object.fromEntries(n.columns.map((c, i) => [c, r[i]])));
  }

  /** A model file from schemas/model/, parsed. */
  model<T>(name: string): T {
    const m = this.data.model[name];
    if (m === undefined) throw new Error(`model file schemas/model/${name}.json is missing`);
    return m as T;
  }
}

let shared: Catalog | undefined;

/** The catalog bundled with this build. */
export function defaultCatalog(): Catalog {
  shared ??= new Catalog();
  return shared;
}

/**
 * Whether `catalog` is the bundled one itself (defaultCatalog()), whose model files the build checked
 * (scripts/check-catalog.mjs): any other object, even one derived from it, is checked when used.
 */
export function isBundledCatalog(catalog: Catalog): boolean {
  return shared !== undefined && catalog === shared;
}
