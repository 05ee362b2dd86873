import type { FieldSchema, TableSchema } from '../core/catalog/catalog-types.js';

/** PostgreSQL DDL generated from schemas/: one CREATE TABLE per table, types mapped, keys declared. */

const TYPES: Record<FieldSchema['type'], string> = {
  string: 'text',
  integer: 'integer',
  bigint: 'bigint',
  number: 'double precision',
  date: 'date',
  boolean: 'boolean',
};

export function pgType(field: FieldSchema): string {
  if (field.type === 'string' && field.length !== undefined) return `varchar(${field.length})`;
  return TYPES[field.type];
}

/**
 * CREATE TABLE with SNDS names left unquoted, so that PostgreSQL folds them to lower case and the
 * workload's standard SQL (unquoted upper-case names) finds them.
 */
export function createTableSql(table: TableSchema): string {
  const columns = table.fields.map((f) => `  ${f.name} ${pgType(f)}`);
  return `CREATE TABLE ${table.name} (\n${columns.join(',\n')}\n)`;
}

/** Primary key, added once the rows are in (faster than maintaining it during COPY). */
export function primaryKeySql(table: TableSchema): string | null {
  if (!table.primaryKey?.length) return null;
  return `ALTER TABLE ${table.name} ADD PRIMARY KEY (${table.primaryKey.join(', ')})`;
}
