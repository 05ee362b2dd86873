import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { defaultCatalog, type Catalog } from '../core/catalog/catalog.js';
import { InputError } from '../core/errors.js';
import { FORMAT_EXTENSIONS, isFormat, type Format } from '../core/encode/encoder.js';
import type { Manifest } from '../core/pipeline/manifest.js';
import { scanFilesSql } from '../node/duckdb-scan.js';

/** Bad input to `profile`: missing directory or manifest, unreadable manifest, unsupported format. */
export class ProfileInputError extends InputError {
  override name = 'ProfileInputError';
}

export interface OpenedDataset {
  dir: string;
  manifest: Manifest;
  connection: DuckDBConnection;
  /** Tables of the manifest that have at least one file, each exposed as a view. */
  tables: string[];
  close(): void;
}

/** Read and sanity-check DIR/manifest.json. */
export function readManifest(dir: string): Manifest {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new ProfileInputError(`${dir}: no such directory`);
  const path = join(dir, 'manifest.json');
  if (!existsSync(path)) throw new ProfileInputError(`${dir}: no manifest.json (generate a dataset with \`hdsbench gen --out ${dir}\`)`);
  let m: Partial<Manifest>;
  try {
    m = JSON.parse(readFileSync(path, 'utf8')) as Partial<Manifest>;
  } catch (e) {
    throw new ProfileInputError(`${path}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!m || typeof m !== 'object' || typeof m.format !== 'string') throw new ProfileInputError(`${path}: no "format" field`);
  if (!isFormat(m.format)) throw new ProfileInputError(`${path}: unknown format "${m.format}"`);
  if (!Array.isArray(m.tables) || !m.period || !Array.isArray(m.period.care_years) || !m.period.last_flux_day || !m.period.first_care_day) {
    throw new ProfileInputError(`${path}: missing "tables" or "period" (care_years, first_care_day, last_flux_day)`);
  }
  return m as Manifest;
}

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;
const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

function scanExpression(dir: string, table: string, format: Format, catalog: Catalog): string {
  return scanFilesSql(catalog.table(table), [join(dir, table, `*.${FORMAT_EXTENSIONS[format]}`)], format);
}

/** Open a generated dataset in an in-memory DuckDB: one view per table, plus HDS_PERIOD from the manifest. */
export async function openDataset(dirArg: string, catalog: Catalog = defaultCatalog()): Promise<OpenedDataset> {
  const dir = resolve(dirArg);
  const manifest = readManifest(dir);
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const close = () => {
    connection.closeSync();
    instance.closeSync();
  };
  try {
    if (manifest.format === 'arrow') {
      // DuckDB reads Arrow IPC streams only through its nanoarrow extension (read_arrow).
      try {
        await connection.run('LOAD nanoarrow');
      } catch {
        try {
          await connection.run('INSTALL nanoarrow FROM community; LOAD nanoarrow');
        } catch {
          throw new ProfileInputError(`${dir}: Arrow IPC datasets need DuckDB's nanoarrow extension, which could not be loaded; generate with --format parquet or csv to profile`);
        }
      }
    }
    const ext = FORMAT_EXTENSIONS[manifest.format];
    const tables: string[] = [];
    for (const t of manifest.tables) {
      const folder = join(dir, t);
      if (!existsSync(folder) || !readdirSync(folder).some((f) => f.endsWith(`.${ext}`))) continue;
      await connection.run(`create view ${ident(t)} as select * from ${scanExpression(dir, t, manifest.format, catalog)}`);
      tables.push(t);
    }
    if (tables.length === 0) throw new ProfileInputError(`${dir}: manifest.json lists no table with ${ext} files`);
    const years = manifest.period.care_years.map((y) => Number(y)).filter(Number.isInteger);
    await connection.run(
      `create table HDS_PERIOD as select y as care_year, make_date(y, 1, 1) as year_start, make_date(y, 12, 31) as year_end, ` +
        `cast(${quote(manifest.period.first_care_day)} as date) as first_care_day, cast(${quote(manifest.period.last_flux_day)} as date) as last_flux_day ` +
        `from (select unnest([${years.join(', ')}]::integer[]) as y)`,
    );
    return { dir, manifest, connection, tables, close };
  } catch (e) {
    close();
    throw e;
  }
}
