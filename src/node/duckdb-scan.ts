import type { TableSchema } from '../core/catalog/catalog-types.js';

/**
 * DuckDB expression reading a table's dataset files, typed by its schema whatever the format: the
 * one place that knows how DuckDB reads what the generator writes (benchmark validation, reference
 * answers, profile).
 */
const DUCKDB_TYPES: Record<string, string> = { string: 'VARCHAR', integer: 'INTEGER', bigint: 'BIGINT', number: 'DOUBLE', date: 'DATE', boolean: 'BOOLEAN' };

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** `paths` may be files or globs. Arrow IPC needs DuckDB's nanoarrow extension (read_arrow). */
export function scanFilesSql(t: TableSchema, paths: string[], format: string): string {
  const list = paths.map(quote).join(', ');
  if (format === 'parquet') return `read_parquet([${list}])`;
  if (format === 'csv') {
    const columns = t.fields.map((f) => `${quote(f.name)}: ${quote(DUCKDB_TYPES[f.type])}`).join(', ');
    return `read_csv([${list}], header = true, columns = {${columns}}, dateformat = '%Y-%m-%d', quote = '"', escape = '"')`;
  }
  if (format === 'arrow') return `read_arrow([${list}])`;
  throw new Error(`DuckDB cannot read ${format} files`);
}
