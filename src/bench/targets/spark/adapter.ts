import { statSync } from 'node:fs';
import { join } from 'node:path';
import hive from 'hive-driver';
import type { Manifest } from '../../../core/pipeline/manifest.js';
import { TargetUnavailableError, type LoadResult, type QueryResult, type Row, type StoreDataset, type Target, type TargetFactory, type TargetInfo, type TuningProfile } from '../../target.js';
import { columnNames, rowSetRows, type ThriftColumn, type ThriftColumnDesc } from './rowset.js';
import { checkTableFolders, describeS3aError, s3aTableUrl } from './s3a.js';
import { parseSparkThriftUrl, redactSparkUrl, type SparkThriftUrl } from './url.js';

/**
 * Spark SQL through a Spark Thrift server (HiveServer2 protocol, what Spark platforms expose to
 * JDBC/ODBC clients), with the `hive-driver` client. Each namespace is a database; the Parquet
 * files are loaded into managed Parquet tables (CREATE TABLE … USING parquet AS SELECT, read where
 * the server can see them: a local path, or the bucket through s3a:// for `run --dataset s3://…`), then
 * ANALYZE TABLE … COMPUTE STATISTICS (rows and bytes, what Spark's planner uses unless the
 * cost-based optimizer is turned on): all counted in load time. Size is what the statistics say. A remote
 * server cannot be restarted by the driver: cold runs use new sessions, and capabilities say so.
 */
const { TCLIService, TCLIService_types } = hive.thrift;
const MAX_CONNECTIONS = 8;
const FETCH_ROWS = 10_000;

interface Connection {
  client: hive.HiveClient;
  session: Awaited<ReturnType<hive.HiveClient['openSession']>>;
  /** Rejects when the connection closes or fails: raced against every call. */
  lost: Promise<never>;
}

function describeError(e: unknown, where: string): Error {
  if (e instanceof TargetUnavailableError) return e;
  const err = e as { code?: string; message?: string; response?: { errorMessage?: string; displayMessage?: string } };
  const message = err.response?.errorMessage ?? err.response?.displayMessage ?? err.message ?? String(e);
  if (err.code === 'ECONNREFUSED') return new TargetUnavailableError(`cannot connect to ${where}: connection refused (is the Spark Thrift server running and listening there?)`);
  if (err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN') return new TargetUnavailableError(`cannot connect to ${where}: unknown host`);
  if (err.code === 'ECONNRESET' || err.code === 'EPIPE') return new TargetUnavailableError(`the Spark Thrift server at ${where} closed the connection during the run (${message})`);
  if (/authentication|login|SASL|Peer indicated failure/i.test(message)) return new TargetUnavailableError(`cannot connect to ${where}: authentication failed (check the user and password)`);
  // The whole message (Java's chain of causes) stays on the error for callers that classify it.
  return Object.assign(new Error(`Spark at ${where}: ${message.split('\n')[0]}`), { detail: message });
}

class SparkTarget implements Target {
  readonly capabilities = { restartable: false, durable: true, concurrent: true, format: 'parquet' as const };
  private idle: Connection[] = [];
  private open = 0;
  private readonly database: string;
  private readonly where: string;
  private readonly url: SparkThriftUrl;
  private started = false;

  constructor(spec: string, namespace: string, private readonly tuning?: TuningProfile) {
    this.url = parseSparkThriftUrl(spec);
    this.where = redactSparkUrl(spec);
    this.database = `hdsbench_${namespace.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}`;
  }

  private async connect(useDatabase: boolean): Promise<Connection> {
    const client = new hive.HiveClient(TCLIService, TCLIService_types);
    const lost = new Promise<never>((_, reject) => {
      client.on('error', (e: unknown) => reject(describeError(e, this.where)));
      client.on('close', () => reject(new TargetUnavailableError(`the Spark Thrift server at ${this.where} closed the connection during the run`)));
    });
    lost.catch(() => undefined);
    const auth = this.url.auth === 'nosasl' ? new hive.auth.NoSaslAuthentication() : new hive.auth.PlainTcpAuthentication({ username: this.url.user, password: this.url.password });
    try {
      await Promise.race([client.connect({ host: this.url.host, port: this.url.port }, new hive.connections.TcpConnection(), auth), lost]);
      const session = await Promise.race([client.openSession({ client_protocol: TCLIService_types.TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V10 }), lost]);
      const c: Connection = { client, session, lost };
      this.open++;
      for (const [name, value] of Object.entries(this.tuning?.settings ?? {})) await this.execOn(c, `SET ${name}=${String(value)}`);
      if (useDatabase) await this.execOn(c, `USE ${this.database}`);
      return c;
    } catch (e) {
      try {
        client.close();
      } catch {
        /* not connected */
      }
      throw describeError(e, this.where);
    }
  }

  private async connection(): Promise<Connection> {
    const idle = this.idle.pop();
    if (idle) return idle;
    return this.connect(this.started);
  }

  private release(c: Connection) {
    if (this.idle.length < MAX_CONNECTIONS) this.idle.push(c);
    else this.closeConnection(c);
  }

  private closeConnection(c: Connection) {
    this.open--;
    void c.session.close().catch(() => undefined).finally(() => {
      try {
        c.client.close();
      } catch {
        /* gone */
      }
    });
  }

  /** Run one statement on a connection and fetch every row. */
  private async execOn(c: Connection, sql: string): Promise<{ columns: string[]; rows: Row[] }> {
    const run = async () => {
      const op = await c.session.executeStatement(sql, { runAsync: true });
      const utils = new hive.HiveUtils(TCLIService_types);
      try {
        await utils.waitUntilReady(op, false, () => undefined);
        op.setMaxRows(FETCH_ROWS);
        await utils.fetchAll(op);
        const descs = (op.getSchema()?.columns ?? []) as ThriftColumnDesc[];
        const rows = op.getData().flatMap((set) => rowSetRows((set.columns ?? []) as ThriftColumn[], descs));
        return { columns: columnNames(descs), rows };
      } finally {
        await op.close().catch(() => undefined);
      }
    };
    try {
      return await Promise.race([run(), c.lost]);
    } catch (e) {
      throw describeError(e, this.where);
    }
  }

  private async exec(sql: string): Promise<{ columns: string[]; rows: Row[] }> {
    const c = await this.connection();
    try {
      const r = await this.execOn(c, sql);
      this.release(c);
      return r;
    } catch (e) {
      // A connection that failed is not reused.
      this.closeConnection(c);
      throw e;
    }
  }

  async start(): Promise<TargetInfo> {
    const version = String((await this.exec('SELECT version()')).rows[0][0]).split(' ')[0];
    await this.exec(`DROP DATABASE IF EXISTS ${this.database} CASCADE`);
    await this.exec(`CREATE DATABASE ${this.database}`);
    // Connections opened from now on work in the namespace's database.
    await this.drain();
    this.started = true;
    return { product: 'Apache Spark SQL (Thrift server)', version, endpoint: this.where };
  }

  private async drain() {
    for (const c of this.idle.splice(0)) this.closeConnection(c);
  }

  private async loadTables(tables: { table: string; source: string }[], mode: 'create' | 'append', steps: LoadResult['steps']) {
    for (const { table, source } of tables) {
      const t0 = performance.now();
      const from = `parquet.\`${source.replace(/`/g, '``')}\``;
      await this.exec(mode === 'create' ? `CREATE TABLE ${table} USING parquet AS SELECT * FROM ${from}` : `INSERT INTO ${table} SELECT * FROM ${from}`);
      steps.push({ name: `${mode} ${table}`, seconds: (performance.now() - t0) / 1000 });
    }
  }

  private async analyze(tables: string[], steps: LoadResult['steps']) {
    const t0 = performance.now();
    for (const table of tables) await this.exec(`ANALYZE TABLE ${table} COMPUTE STATISTICS`);
    steps.push({ name: 'analyze', seconds: (performance.now() - t0) / 1000 });
  }

  async load(dir: string, manifest: Manifest, onTable?: (table: string) => void): Promise<LoadResult> {
    // Every file of a table sits in its own folder of the dataset (OUT/<TABLE>/part-k-of-K.parquet).
    const result = await this.materialize(manifest, (table) => join(dir, table), onTable);
    return { ...result, bytes: manifest.files.reduce((a, f) => a + statSync(join(dir, f.path)).size, 0) };
  }

  /**
   * Every table read by the server from the bucket, s3a://bucket/prefix/TABLE/, with its own
   * fs.s3a.* settings; the folders are first checked to hold exactly the manifest's files.
   */
  async loadFromStore(store: StoreDataset, manifest: Manifest, onTable?: (table: string) => void): Promise<LoadResult> {
    await checkTableFolders(store, manifest);
    try {
      const result = await this.materialize(manifest, (table) => s3aTableUrl(store, table), onTable);
      return { ...result, bytes: manifest.files.reduce((a, f) => a + f.bytes, 0) };
    } catch (e) {
      throw describeS3aError(e as Error, (e as { detail?: string }).detail ?? (e as Error).message, store, this.where);
    }
  }

  /** CREATE TABLE … AS SELECT from each table's folder, the tuning statements, ANALYZE: the whole timed load. */
  private async materialize(manifest: Manifest, folder: (table: string) => string, onTable?: (table: string) => void): Promise<Omit<LoadResult, 'bytes'>> {
    const started = performance.now();
    const steps: LoadResult['steps'] = [];
    for (const t of manifest.tables) onTable?.(t);
    await this.loadTables(manifest.tables.map((table) => ({ table, source: folder(table) })), 'create', steps);
    const statements = this.tuning?.statements ?? [];
    if (statements.length) {
      const t0 = performance.now();
      for (const sql of statements) await this.exec(sql);
      steps.push({ name: 'tuning statements', seconds: (performance.now() - t0) / 1000 });
    }
    await this.analyze(manifest.tables, steps);
    return { seconds: (performance.now() - started) / 1000, rows: manifest.files.reduce((a, f) => a + f.rows, 0), steps };
  }

  async append(dir: string, flux: Manifest): Promise<LoadResult> {
    // Every file of a table of the flux sits in its own folder (DIR/<TABLE>/part-k-of-K.parquet), as in load.
    const tables = flux.tables;
    const before = await this.countRows(tables);
    const started = performance.now();
    const steps: LoadResult['steps'] = [];
    await this.loadTables(tables.map((table) => ({ table, source: join(dir, table) })), 'append', steps);
    await this.analyze(tables, steps);
    const seconds = (performance.now() - started) / 1000;
    const after = await this.countRows(tables);
    return { seconds, rows: after - before, bytes: flux.files.reduce((a, f) => a + statSync(join(dir, f.path)).size, 0), steps };
  }

  private async countRows(tables: string[]): Promise<number> {
    let n = 0;
    for (const t of tables) n += Number((await this.exec(`SELECT COUNT(*) FROM ${t}`)).rows[0][0]);
    return n;
  }

  async query(sql: string): Promise<QueryResult> {
    const t0 = performance.now();
    const r = await this.exec(sql);
    return { ...r, seconds: (performance.now() - t0) / 1000 };
  }

  /** Bytes on disk as Spark's table statistics give them (DESCRIBE TABLE EXTENDED: "N bytes, M rows"). */
  async size(): Promise<number> {
    const tables = (await this.exec(`SHOW TABLES IN ${this.database}`)).rows.map((r) => String(r[1]));
    let bytes = 0;
    for (const t of tables) {
      const stats = (await this.exec(`DESCRIBE TABLE EXTENDED ${t}`)).rows.find((r) => r[0] === 'Statistics');
      const m = /^(\d+) bytes/.exec(String(stats?.[1] ?? ''));
      if (!m) throw new Error(`Spark at ${this.where}: no size statistics for ${t} (DESCRIBE TABLE EXTENDED)`);
      bytes += Number(m[1]);
    }
    return bytes;
  }

  /** Not restartable from the driver: new sessions at least (a "lukewarm" cold run). */
  async restart() {
    await this.drain();
  }

  async stop() {
    if (this.started) await this.exec(`DROP DATABASE IF EXISTS ${this.database} CASCADE`).catch(() => undefined);
    await this.drain();
    this.started = false;
  }
}

export function createSparkTarget(spec: string): TargetFactory {
  parseSparkThriftUrl(spec);
  return ({ namespace, tuning }) => new SparkTarget(spec, namespace, tuning);
}
