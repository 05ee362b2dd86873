import type { Format } from '../../core/encode/encoder.js';

export interface SnippetTable {
  table: string;
  urls: string[];
}

function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

function reader(format: Format, urls: string[]): string {
  const list = urls.length === 1 ? sqlString(urls[0]) : `[${urls.map(sqlString).join(', ')}]`;
  switch (format) {
    case 'parquet':
      return `read_parquet(${list})`;
    case 'csv':
      return `read_csv(${list}, header = true)`;
    case 'arrow':
      return `read_arrow(${list})`;
  }
}

/** DuckDB SQL creating one view per table straight over the files' URLs (httpfs reads them). */
export function duckdbSnippet(format: Format, tables: SnippetTable[], title: string): string {
  const lines = [`-- ${title}`, 'INSTALL httpfs; LOAD httpfs;'];
  if (format === 'arrow') lines.push('-- Arrow IPC streams are read by the community nanoarrow extension', 'INSTALL nanoarrow FROM community; LOAD nanoarrow;');
  for (const t of tables) lines.push(`CREATE OR REPLACE VIEW "${t.table}" AS SELECT * FROM ${reader(format, t.urls)};`);
  if (tables.length) lines.push(`SELECT count(*) FROM "${tables[0].table}";`);
  return lines.join('\n');
}
