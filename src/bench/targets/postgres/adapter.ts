import { createReadStream, statSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { defaultCatalog } from '../../../core/catalog/catalog.js';
import type { Manifest } from '../../../core/pipeline/manifest.js';
import { connectionUrlProblem, redactText, redactUrl, registerSecretsOf } from '../../redact.js';
import { createTableSql, primaryKeySql } from '../../../postgres/ddl.js';
import { TargetUnavailableError, type LoadResult, type QueryResult, type Row, type Target, type TargetFactory, type TargetInfo, type TuningProfile } from '../../target.js';
import { loadStepTimer } from '../../load-steps.js';

/**
 * PostgreSQL (and what speaks its protocol, such as Citus) over the network. Tables come from
 * schemas/ (types mapped, primary keys added after the load), rows are streamed from the CSV
 * files with COPY … FROM STDIN over a bounded pool of connections, then ANALYZE; all of it counts
 * as load time. Each namespace is a schema of its own. Size on disk is the server's own figure.
 * A remote server cannot be restarted by the driver: cold runs are tagged by capabilities.
 */

// Values as the other engines give them: integers and numerics as numbers, dates as 'YYYY-MM-DD'.
pg.types.setTypeParser(20, (v) => Number(v)); // int8
pg.types.setTypeParser(1700, (v) => Number(v)); // numeric
pg.types.setTypeParser(1082, (v) => v); // date

const COPY_CONNECTIONS = 4;

function describeError(e: unknown, url: string): Error {
  const err = e as { code?: string; message?: string };
  const where = redactUrl(url);
  if (err.code === 'ECONNREFUSED') return new TargetUnavailableError(`cannot connect to ${where}: connection refused (is the server running and listening there?)`);
  if (err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN') return new TargetUnavailableError(`cannot connect to ${where}: unknown host`);
  if (err.code === '28P01' || err.code === '28000') return new TargetUnavailableError(`cannot connect to ${where}: authentication failed (check the user and password)`);
  if (err.code === 'ENOENT' || err.code === 'EACCES') return new TargetUnavailableError(`cannot connect to ${where}: cannot read the file a connection parameter names (sslkey, sslcert, sslrootcert…): ${redactText(err.message ?? '')}`);
  if (err.code === '3D000') return new TargetUnavailableError(`cannot connect to ${where}: the database does not exist`);
  if (err.code === '57P01' || err.code === '57P02' || err.code === '57P03' || err.code === 'ECONNRESET' || err.code === 'EPIPE' || /Connection terminated/i.test(err.message ?? '')) return new TargetUnavailableError(`the server at ${where} shut down during the run (${err.message})`);
  return new Error(`PostgreSQL at ${where}: ${redactText(err.message ?? String(e))}`);
}

class PostgresTarget implements Target {
  readonly capabilities = { restartable: false, durable: true, concurrent: true, format: 'csv' as const };
  private pool: pg.Pool | undefined;
  private readonly schema: string;

  constructor(private readonly url: string, namespace: string, private readonly tuning?: TuningProfile) {
    this.schema = `hdsbench_${namespace.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}`;
  }

  private newPool(): pg.Pool {
    const settings = { search_path: `${this.schema},public`, ...(this.tuning?.settings ?? {}) };
    const options = Object.entries(settings).map(([k, v]) => `-c ${k}=${String(v).replace(/ /g, '\\ ')}`).join(' ');
    const pool = new pg.Pool({ connectionString: this.url, max: Math.max(COPY_CONNECTIONS, 8), options });
    // An idle client losing its server must not crash the process: the next query reports it.
    pool.on('error', () => undefined);
    return pool;
  }

  private get db(): pg.Pool {
    if (!this.pool) throw new Error('PostgreSQL target is not started');
    return this.pool;
  }

  private async exec(sql: string) {
    try {
      await this.db.query(sql);
    } catch (e) {
      throw describeError(e, this.url);
    }
  }

  async start(): Promise<TargetInfo> {
    this.pool = this.newPool();
    let version: string;
    try {
      version = String((await this.pool.query('SELECT version()')).rows[0].version);
    } catch (e) {
      await this.pool.end().catch(() => undefined);
      this.pool = undefined;
      throw describeError(e, this.url);
    }
    await this.exec(`DROP SCHEMA IF EXISTS ${this.schema} CASCADE`);
    await this.exec(`CREATE SCHEMA ${this.schema}`);
    return { product: 'PostgreSQL', version: version.split(' on ')[0], endpoint: redactUrl(this.url) };
  }

  private async copyFile(table: string, path: string) {
    const client = await this.db.connect().catch((e: unknown) => {
      throw describeError(e, this.url);
    });
    // A checked-out client whose server goes away emits 'error' (the pool listens only to idle
    // clients): without a listener that event would crash the process with a stack trace.
    let lost: unknown;
    const onError = (e: unknown) => {
      lost ??= e;
    };
    client.on('error', onError);
    try {
      const stream = client.query(copyFrom(`COPY ${table} FROM STDIN WITH (FORMAT csv, HEADER true)`));
      await pipeline(createReadStream(path), stream);
      if (lost) throw lost;
    } catch (e) {
      throw describeError(lost ?? e, this.url);
    } finally {
      client.off('error', onError);
      client.release(lost instanceof Error ? lost : undefined);
    }
  }

  /** COPY every (table, file) pair, COPY_CONNECTIONS at a time. */
  private async copyAll(files: { table: string; path: string }[]) {
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(COPY_CONNECTIONS, files.length) }, async () => {
        while (next < files.length) {
          const f = files[next++];
          await this.copyFile(f.table, f.path);
        }
      }),
    );
  }

  async load(dir: string, manifest: Manifest, onTable?: (table: string) => void): Promise<LoadResult> {
    const catalog = defaultCatalog();
    const started = performance.now();
    const { steps, step } = loadStepTimer();
    await step('create tables', async () => {
      for (const t of manifest.tables) await this.exec(createTableSql(catalog.table(t)));
    });
    const files = manifest.files.map((f) => ({ table: f.table, path: join(dir, f.path) }));
    for (const t of manifest.tables) onTable?.(t);
    await step('copy', () => this.copyAll(files));
    await step('primary keys', async () => {
      for (const t of manifest.tables) {
        const sql = primaryKeySql(catalog.table(t));
        if (sql) await this.exec(sql);
      }
    });
    const statements = this.tuning?.statements ?? [];
    if (statements.length) {
      await step('tuning statements', async () => {
        for (const sql of statements) await this.exec(sql);
      });
    }
    await step('analyze', () => this.exec('ANALYZE'));
    return {
      seconds: (performance.now() - started) / 1000,
      rows: manifest.files.reduce((a, f) => a + f.rows, 0),
      bytes: files.reduce((a, f) => a + statSync(f.path).size, 0),
      steps,
    };
  }

  async append(dir: string, flux: Manifest): Promise<LoadResult> {
    const tables = flux.tables;
    const files = flux.files.map((f) => ({ table: f.table, path: join(dir, f.path) }));
    // The row counts around the append are not part of it: outside the timed interval.
    const before = await this.countRows(tables);
    const started = performance.now();
    await this.copyAll(files);
    await this.exec(`ANALYZE ${tables.join(', ')}`);
    const seconds = (performance.now() - started) / 1000;
    const after = await this.countRows(tables);
    return { seconds, rows: after - before, bytes: files.reduce((a, f) => a + statSync(f.path).size, 0), steps: [] };
  }

  private async countRows(tables: string[]): Promise<number> {
    let n = 0;
    for (const t of tables) n += Number((await this.query(`SELECT count(*) FROM ${t}`)).rows[0][0]);
    return n;
  }

  async query(sql: string): Promise<QueryResult> {
    const t0 = performance.now();
    let r: pg.QueryArrayResult;
    try {
      r = await this.db.query({ text: sql, rowMode: 'array' });
    } catch (e) {
      throw describeError(e, this.url);
    }
    const seconds = (performance.now() - t0) / 1000;
    const rows = r.rows.map((row) => row.map((v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : (v as Row[number])))) as Row[];
    return { columns: r.fields.map((f) => f.name), rows, seconds };
  }

  async size(): Promise<number> {
    const r = await this.query(
      `SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '${this.schema}' AND c.relkind = 'r'`,
    );
    return Number(r.rows[0][0]);
  }

  /** Not restartable from the driver: new connections at least (a "lukewarm" cold run). */
  async restart() {
    await this.pool?.end().catch(() => undefined);
    this.pool = this.newPool();
  }

  async stop() {
    if (!this.pool) return;
    await this.pool.query(`DROP SCHEMA IF EXISTS ${this.schema} CASCADE`).catch(() => undefined);
    await this.pool.end().catch(() => undefined);
    this.pool = undefined;
  }
}

export function createPostgresTarget(url: string): TargetFactory {
  const problem = connectionUrlProblem(url);
  if (problem) throw new Error(problem);
  // Its password and secret parameters are masked in every message and file from now on.
  registerSecretsOf(url);
  return ({ namespace, tuning }) => new PostgresTarget(url, namespace, tuning);
}
