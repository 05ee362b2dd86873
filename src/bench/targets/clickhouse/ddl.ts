import type { FieldSchema, TableSchema } from '../../../core/catalog/catalog-types.js';

/**
 * ClickHouse DDL from schemas/: a MergeTree table per table, columns typed by their schema.
 * Columns are Nullable (the dataset has NULLs, and a plain column would read them as 0, '' or
 * 1970-01-01), except the sort key, which MergeTree wants plain. The sort key is the table's
 * primary key, or none (`tuple()`), unless the tuning profile names one (`order_by`).
 */
const TYPES: Record<FieldSchema['type'], string> = {
  string: 'String',
  integer: 'Int32',
  bigint: 'Int64',
  number: 'Float64',
  date: 'Date32',
  boolean: 'Bool',
};

export function clickhouseType(field: FieldSchema): string {
  return TYPES[field.type];
}

export function sortKey(table: TableSchema, override?: readonly string[]): string[] {
  const key = override ?? table.primaryKey ?? [];
  const names = new Set(table.fields.map((f) => f.name));
  const unknown = key.filter((k) => !names.has(k));
  if (unknown.length) throw new Error(`tuning profile: order_by of ${table.name} names unknown column(s) ${unknown.join(', ')}`);
  return [...key];
}

export function createTableSql(table: TableSchema, database: string, orderBy: readonly string[]): string {
  const key = new Set(orderBy);
  const columns = table.fields.map((f) => `  \`${f.name}\` ${key.has(f.name) ? clickhouseType(f) : `Nullable(${clickhouseType(f)})`}`);
  return `CREATE TABLE \`${database}\`.\`${table.name}\` (\n${columns.join(',\n')}\n) ENGINE = MergeTree ORDER BY ${orderBy.length ? `(${orderBy.map((k) => `\`${k}\``).join(', ')})` : 'tuple()'}`;
}
