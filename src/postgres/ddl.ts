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

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** CREATE TABLE with the primary key as declared in the schema (created after the load, see loadSql). */
export function createTableSql(table: TableSchema): string {
  const columns = table.fields.map((f) => `  ${quoteIdent(f.name)} ${pgType(f)}`);
  return `CREATE TABLE ${quoteIdent(table.name)} (\n${columns.join(',\n')}\n)`;
}

/** Primary key, added once the rows are in (faster than maintaining it during COPY). */
export function primaryKeySql(table: TableSchema): string | null {
  if (!table.primaryKey?.length) return null;
  return `ALTER TABLE ${quoteIdent(table.name)} ADD PRIMARY KEY (${table.primaryKey.map(quoteIdent).join(', ')})`;
}
