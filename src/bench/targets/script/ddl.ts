import type { TableSchema } from '../../../core/catalog/catalog-types.js';
import type { ScriptTargetJson } from './folder.js';

/**
 * CREATE TABLE statements from schemas/ in the engine's own type names (target.json "ddl"), for
 * scripts that create their tables before loading: one statement per table, ending with ";\n".
 */
export function createTablesSql(tables: TableSchema[], ddl: NonNullable<ScriptTargetJson['ddl']>): string {
  return tables
    .map((t) => {
      const columns = t.fields.map((f) => `  ${f.name} ${f.length === undefined ? ddl.types[f.type].replace('({length})', '') : ddl.types[f.type].replace('{length}', String(f.length))}`);
      return `CREATE TABLE ${t.name} (\n${columns.join(',\n')}\n)${ddl.table_suffix ? ` ${ddl.table_suffix}` : ''};\n`;
    })
    .join('');
}
