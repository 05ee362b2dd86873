import { createReadStream, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import { defaultCatalog } from '../../../core/catalog/catalog.js';
import type { Manifest } from '../../../core/pipeline/manifest.js';
import { objectKey } from '../../../core/storage/object-store.js';
import { objectUrl, type S3Config } from '../../../core/storage/s3-store.js';
import type { LoadResult, QueryResult, Row, StoreDataset, Target, TargetCapabilities, TargetInfo, TuningProfile } from '../../target.js';
import { createTableSql, sortKey } from './ddl.js';
import { loadStepTimer } from '../../load-steps.js';

/**
 * ClickHouse through the official @clickhouse/client: a server over HTTP(S)
 * (`clickhouse://…`), or the engine embedded in the npm package chdb (`chdb`), which plugs into
 * the same client. Each namespace is a database of its own (`hdsbench_<namespace>`), dropped
 * and created at start; its tables are MergeTree tables created from schemas/ (see ddl.ts), and
 * the dataset's Parquet files are loaded into them: streamed over HTTP to a server, read in place
 * by the embedded engine, or read by the engine itself from S3-compatible object storage through
 * its s3() table function (run --dataset s3://…). Size on disk is the engine's own figure
 * (system.parts). The tuning profile's settings go with every query, its `order_by` replaces the sort keys, and its
 * statements run after the load, counted in load time.
 */

/** How the target reaches one ClickHouse engine. */
export interface ClickHouseConnector {
  product: string;
  /** How the driver reaches it, without any secret. */
  endpoint: string;
  capabilities: Omit<TargetCapabilities, 'format'>;
  /** A client working in `database`, or in the connection's own database (null) before it exists. */
  connect(database: string | null, settings: Record<string, string | number | boolean>): Promise<ClickHouseClient>;
  /** Release a client (and, embedded, the engine's session). */
  disconnect(client: ClickHouseClient): Promise<void>;
  /** `stream`: the files are sent in the request body; `local-file`: the engine reads them by path. */
  loading: 'stream' | 'local-file';
  /** Settings that make a server report the query's final elapsed time in its summary. */
  timingSettings: Record<string, string | number>;
  /** An error of the client, as the driver must see it (unreachable target or query failure). */
  describeError(e: unknown): Error;
  /** Called after a query failed, before the client is used again. */
  recover?(client: ClickHouseClient): Promise<void>;
}

const RESULT_FORMAT = 'JSONCompactEachRowWithNamesAndTypes';
const NUMERIC = /^(U?Int\d+|Float\d+|Decimal|Bool)/;

/** Values as the other engines give them: numbers (64-bit integers are quoted in JSON), dates as 'YYYY-MM-DD', text as is. */
export function parseCompactRows(text: string): { columns: string[]; rows: Row[] } {
  const lines = text.split('\n').filter((l) => l.length > 0);
  if (lines.length < 2) throw new Error(`unexpected ClickHouse result (${lines.length} line(s) instead of names and types)`);
  const columns = JSON.parse(lines[0]) as string[];
  const numeric = (JSON.parse(lines[1]) as string[]).map((t) => NUMERIC.test(t.replace(/^(Nullable|LowCardinality)\(/g, '').replace(/^(Nullable|LowCardinality)\(/, '')));
  const rows = lines.slice(2).map((line) =>
    (JSON.parse(line) as unknown[]).map((v, i): Row[number] => {
      if (v === null || v === undefined) return null;
      if (numeric[i]) return typeof v === 'boolean' ? (v ? 1 : 0) : Number(v);
      return typeof v === 'number' ? v : String(v);
    }),
  );
  return { columns, rows };
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString('utf8');
}

/** A ClickHouse string literal. */
function sqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

class ClickHouseTarget implements Target {
  readonly capabilities: TargetCapabilities;
  private client: ClickHouseClient | undefined;
  private readonly database: string;
  private readonly settings: Record<string, string | number | boolean>;

  constructor(private readonly connector: ClickHouseConnector, namespace: string, private readonly tuning?: TuningProfile) {
    this.capabilities = { ...connector.capabilities, format: 'parquet' };
    this.database = `hdsbench_${namespace.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}`;
    this.settings = { ...(tuning?.settings ?? {}) };
  }

  private get db(): ClickHouseClient {
    if (!this.client) throw new Error('ClickHouse target is not started');
    return this.client;
  }

  private async command(sql: string) {
    try {
      await this.db.command({ query: sql });
    } catch (e) {
      await this.connector.recover?.(this.db).catch(() => undefined);
      throw this.connector.describeError(e);
    }
  }

  async start(): Promise<TargetInfo> {
    this.client = await this.connector.connect(null, this.settings);
    let version: string;
    try {
      const r = await this.db.query({ query: 'SELECT version()', format: 'JSONCompactEachRow' });
      version = String((await r.json<[string]>())[0][0]);
    } catch (e) {
      await this.connector.disconnect(this.client).catch(() => undefined);
      this.client = undefined;
      throw this.connector.describeError(e);
    }
    await this.command(`DROP DATABASE IF EXISTS \`${this.database}\``);
    await this.command(`CREATE DATABASE \`${this.database}\``);
    // A client working in the namespace's database, now that it exists.
    await this.reconnect();
    return { product: this.connector.product, version, endpoint: this.connector.endpoint };
  }

  private async reconnect() {
    if (this.client) await this.connector.disconnect(this.client);
    this.client = await this.connector.connect(this.database, this.settings);
  }

  private async loadFile(table: string, path: string) {
    if (this.connector.loading === 'stream') {
      try {
        await this.db.insert({ table, values: createReadStream(path), format: 'Parquet' });
      } catch (e) {
        throw this.connector.describeError(e);
      }
    } else {
      await this.command(`INSERT INTO \`${table}\` SELECT * FROM file(${sqlString(resolve(path))}, Parquet)`);
    }
  }

  async load(dir: string, manifest: Manifest, onTable?: (table: string) => void): Promise<LoadResult> {
    const result = await this.loadTables(manifest, (table, path) => this.loadFile(table, join(dir, path)), onTable);
    return { ...result, bytes: manifest.files.reduce((a, f) => a + statSync(join(dir, f.path)).size, 0) };
  }

  /** Every file read by the engine from the bucket (s3() table function): nothing passes through the driver. */
  async loadFromStore(store: StoreDataset, manifest: Manifest, onTable?: (table: string) => void): Promise<LoadResult> {
    const result = await this.loadTables(manifest, (table, path) => this.loadObject(table, objectUrl(store.config, objectKey(store.prefix, path)), store.config), onTable);
    return { ...result, bytes: manifest.files.reduce((a, f) => a + f.bytes, 0) };
  }

  private async loadObject(table: string, url: string, c: S3Config) {
    const args = [url, c.accessKeyId, c.secretAccessKey, ...(c.sessionToken ? [c.sessionToken] : []), 'Parquet'].map(sqlString);
    try {
      await this.command(`INSERT INTO \`${table}\` SELECT * FROM s3(${args.join(', ')})`);
    } catch (e) {
      // The engine's message may quote the call: its credentials never leave the process.
      const err = e as Error;
      for (const secret of [c.secretAccessKey, c.sessionToken]) if (secret) err.message = err.message.split(secret).join('***');
      throw err;
    }
  }

  private async loadTables(manifest: Manifest, loadFile: (table: string, path: string) => Promise<void>, onTable?: (table: string) => void): Promise<Omit<LoadResult, 'bytes'>> {
    const catalog = defaultCatalog();
    const started = performance.now();
    const { steps, step } = loadStepTimer();
    await step('create tables', async () => {
      for (const t of manifest.tables) {
        const schema = catalog.table(t);
        await this.command(createTableSql(schema, this.database, sortKey(schema, this.tuning?.order_by?.[t])));
      }
    });
    for (const table of manifest.tables) {
      onTable?.(table);
      await step(`insert ${table}`, async () => {
        for (const f of manifest.files.filter((x) => x.table === table)) await loadFile(table, f.path);
      });
    }
    const statements = this.tuning?.statements ?? [];
    if (statements.length) {
      await step('tuning statements', async () => {
        for (const sql of statements) await this.command(sql);
      });
    }
    return { seconds: (performance.now() - started) / 1000, rows: manifest.files.reduce((a, f) => a + f.rows, 0), steps };
  }

  async append(dir: string, flux: Manifest): Promise<LoadResult> {
    const tables = flux.tables;
    const files = flux.files.map((f) => ({ table: f.table, path: join(dir, f.path) }));
    // The row counts around the append are not part of it: outside the timed interval.
    const before = await this.countRows(tables);
    const started = performance.now();
    for (const f of files) await this.loadFile(f.table, f.path);
    const seconds = (performance.now() - started) / 1000;
    const after = await this.countRows(tables);
    return { seconds, rows: after - before, bytes: files.reduce((a, f) => a + statSync(f.path).size, 0), steps: [] };
  }

  private async countRows(tables: string[]): Promise<number> {
    let n = 0;
    for (const t of tables) n += Number((await this.query(`SELECT count(*) FROM \`${t}\``)).rows[0][0]);
    return n;
  }

  async query(sql: string, options: { engineTiming?: boolean } = {}): Promise<QueryResult> {
    const t0 = performance.now();
    let text: string;
    let elapsedNs: string | undefined;
    try {
      const r = await this.db.exec({
        query: `${sql}\nFORMAT ${RESULT_FORMAT}`,
        ...(options.engineTiming ? { clickhouse_settings: this.connector.timingSettings } : {}),
      });
      text = await readAll(r.stream);
      elapsedNs = r.summary?.elapsed_ns;
    } catch (e) {
      await this.connector.recover?.(this.db).catch(() => undefined);
      throw this.connector.describeError(e);
    }
    const seconds = (performance.now() - t0) / 1000;
    const { columns, rows } = parseCompactRows(text);
    const engineSeconds = options.engineTiming && elapsedNs !== undefined && Number(elapsedNs) > 0 ? Number(elapsedNs) / 1e9 : undefined;
    return { columns, rows, seconds, engineSeconds };
  }

  async size(): Promise<number> {
    const r = await this.query(`SELECT COALESCE(SUM(bytes_on_disk), 0) FROM system.parts WHERE database = '${this.database}' AND active`);
    return Number(r.rows[0][0]);
  }

  /** A new client; embedded, the engine's session is closed and opened again (its caches go). */
  async restart() {
    await this.reconnect();
  }

  async stop() {
    if (!this.client) return;
    await this.db.command({ query: `DROP DATABASE IF EXISTS \`${this.database}\`` }).catch(() => undefined);
    await this.connector.disconnect(this.client).catch(() => undefined);
    this.client = undefined;
  }
}

export function createClickHouseTarget(connector: ClickHouseConnector, namespace: string, tuning?: TuningProfile): Target {
  return new ClickHouseTarget(connector, namespace, tuning);
}
