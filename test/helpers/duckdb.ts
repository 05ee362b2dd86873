import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

/** An in-memory DuckDB with one view per table of a generated Parquet dataset. */
export async function openDataset(dir: string, tables: string[]): Promise<DuckDBConnection> {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  for (const t of tables) await c.run(`create view "${t}" as select * from read_parquet('${dir}/${t}/*.parquet')`);
  return c;
}

export async function rows(c: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  const r = await c.runAndReadAll(sql);
  return r.getRowObjectsJson() as Record<string, unknown>[];
}

export async function scalar(c: DuckDBConnection, sql: string): Promise<number> {
  const r = await rows(c, sql);
  return Number(Object.values(r[0])[0]);
}
