import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Manifest } from '../../../core/pipeline/manifest.js';
import { toRow } from '../../rows.js';
import type { LoadResult, QueryResult, Target, TargetFactory, TargetInfo, TuningProfile } from '../../target.js';

/**
 * Embedded DuckDB (@duckdb/node-api), the default target: a database file in the work folder,
 * tables created from the Parquet files (CREATE TABLE … AS SELECT * FROM read_parquet), checkpointed
 * so that the size on disk is real. A pool of connections serves concurrent streams; a restart
 * closes and reopens the database (cold run). The engine's own time comes from its JSON profiler.
 */
class DuckDbTarget implements Target {
  readonly capabilities = { restartable: true, durable: true, concurrent: true, format: 'parquet' as const };
  private instance: DuckDBInstance | undefined;
  private idle: DuckDBConnection[] = [];
  private readonly file: string;
  private readonly profile: string;

  constructor(private readonly workDir: string, namespace: string, private readonly tuning?: TuningProfile) {
    this.file = join(workDir, `${namespace}.duckdb`);
    this.profile = join(workDir, `${namespace}.profile.json`);
  }

  private async open() {
    await mkdir(this.workDir, { recursive: true });
    this.instance = await DuckDBInstance.create(this.file);
  }

  private async connection(): Promise<DuckDBConnection> {
    if (!this.instance) throw new Error('DuckDB target is not started');
    const idle = this.idle.pop();
    if (idle) return idle;
    const c = await this.instance.connect();
    for (const [name, value] of Object.entries(this.tuning?.settings ?? {})) await c.run(`SET ${name} = ${typeof value === 'string' ? `'${value.replace(/'/g, "''")}'` : String(value)}`);
    return c;
  }

  async start(): Promise<TargetInfo> {
    await rm(this.file, { force: true });
    await rm(`${this.file}.wal`, { force: true });
    await this.open();
    const c = await this.connection();
    const version = String((await c.runAndReadAll('SELECT version()')).getRows()[0][0]);
    this.idle.push(c);
    return { product: 'DuckDB (embedded, @duckdb/node-api)', version, endpoint: 'embedded' };
  }

  private async run(sql: string) {
    const c = await this.connection();
    try {
      await c.run(sql);
    } finally {
      this.idle.push(c);
    }
  }

  private async loadTables(dir: string, tables: { table: string; files: string[] }[], mode: 'create' | 'append'): Promise<LoadResult> {
    const started = performance.now();
    const steps: LoadResult['steps'] = [];
    let bytes = 0;
    let rows = 0;
    for (const { table, files } of tables) {
      const t0 = performance.now();
      const paths = files.map((f) => join(dir, f));
      for (const p of paths) bytes += statSync(p).size;
      const list = paths.map((p) => `'${p.replace(/'/g, "''")}'`).join(', ');
      // CREATE TABLE AS and INSERT return the number of rows they wrote: the files are read once.
      const sql = mode === 'create' ? `CREATE TABLE ${table} AS SELECT * FROM read_parquet([${list}])` : `INSERT INTO ${table} SELECT * FROM read_parquet([${list}])`;
      rows += Number((await this.query(sql)).rows[0][0]);
      steps.push({ name: `${mode} ${table}`, seconds: (performance.now() - t0) / 1000 });
    }
    const t0 = performance.now();
    await this.run('CHECKPOINT');
    steps.push({ name: 'checkpoint', seconds: (performance.now() - t0) / 1000 });
    return { seconds: (performance.now() - started) / 1000, rows, bytes, steps };
  }

  async load(dir: string, manifest: Manifest, onTable?: (table: string) => void): Promise<LoadResult> {
    const tables = manifest.tables.map((table) => ({ table, files: manifest.files.filter((f) => f.table === table).map((f) => f.path) }));
    for (const t of tables) onTable?.(t.table);
    const result = await this.loadTables(dir, tables, 'create');
    const statements = this.tuning?.statements ?? [];
    if (statements.length) {
      const t0 = performance.now();
      for (const sql of statements) await this.run(sql);
      await this.run('CHECKPOINT');
      const seconds = (performance.now() - t0) / 1000;
      result.steps.push({ name: 'tuning statements', seconds });
      result.seconds += seconds;
    }
    return result;
  }

  async append(dir: string, flux: Manifest): Promise<LoadResult> {
    return this.loadTables(dir, flux.tables.map((table) => ({ table, files: flux.files.filter((f) => f.table === table).map((f) => f.path) })), 'append');
  }

  async query(sql: string, options: { engineTiming?: boolean } = {}): Promise<QueryResult> {
    const c = await this.connection();
    try {
      if (options.engineTiming) {
        await c.run(`PRAGMA enable_profiling = 'json'`);
        await c.run(`PRAGMA profiling_output = '${this.profile}'`);
      }
      const t0 = performance.now();
      const reader = await c.runAndReadAll(sql);
      const rows = reader.getRows().map(toRow);
      const seconds = (performance.now() - t0) / 1000;
      let engineSeconds: number | undefined;
      if (options.engineTiming) {
        await c.run('PRAGMA disable_profiling');
        if (existsSync(this.profile)) engineSeconds = Number((JSON.parse(readFileSync(this.profile, 'utf8')) as { latency: number }).latency);
      }
      return { columns: reader.columnNames(), rows, seconds, engineSeconds };
    } finally {
      this.idle.push(c);
    }
  }

  async size(): Promise<number> {
    await this.run('CHECKPOINT');
    return statSync(this.file).size + (existsSync(`${this.file}.wal`) ? statSync(`${this.file}.wal`).size : 0);
  }

  async restart() {
    for (const c of this.idle) c.closeSync();
    this.idle = [];
    this.instance?.closeSync();
    await this.open();
  }

  async stop() {
    for (const c of this.idle) c.closeSync();
    this.idle = [];
    this.instance?.closeSync();
    this.instance = undefined;
  }
}

export const createDuckDbTarget: TargetFactory = ({ workDir, namespace, tuning }) => new DuckDbTarget(workDir, namespace, tuning);
