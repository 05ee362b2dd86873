import { mkdirSync, statSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { defaultCatalog } from '../../../core/catalog/catalog.js';
import type { Manifest } from '../../../core/pipeline/manifest.js';
import { TargetUnavailableError, type LoadResult, type QueryResult, type ScriptRunInfo, type Target, type TargetFactory, type TargetInfo, type TuningProfile } from '../../target.js';
import { createTablesSql } from './ddl.js';
import { readScriptFolder, type Executable, type ScriptFolder, type Step } from './folder.js';
import { redact, runProcess, secretValues, tail, type ProcessOutcome } from './process.js';
import { MalformedRowsError, parseCsvRows, parseJsonLines } from './result-rows.js';
import { ScriptSession } from './session.js';

/**
 * A target driven by the executables of a folder (ClickBench-style, no TypeScript): `load`,
 * `query`, `size`, optionally `start`, `stop`, `restart`, `append` and `session`. The protocol is
 * in docs/benchmark.md ("Script targets"): environment variables, exit statuses (2 = the engine
 * cannot be reached), row formats, timeouts, and how each query is timed.
 */

/** Exit status by which a script says the engine cannot be reached (refused, wrong credentials, gone). */
export const EXIT_UNAVAILABLE = 2;

class ScriptTarget implements Target {
  readonly capabilities;
  private readonly env: NodeJS.ProcessEnv;
  private readonly secrets: string[];
  private readonly work: string;
  private session: ScriptSession | undefined;
  private timingSeq = 0;

  constructor(private readonly folder: ScriptFolder, workDir: string, private readonly namespace: string, private readonly tuning?: TuningProfile) {
    const s = folder.spec;
    this.capabilities = { ...s.capabilities, format: s.format };
    this.work = join(workDir, `script-${namespace}`);
    this.env = {
      ...process.env,
      HDSBENCH_NAMESPACE: namespace,
      HDSBENCH_WORK_DIR: this.work,
      HDSBENCH_TARGET_DIR: folder.dir,
      HDSBENCH_SETTINGS: Object.entries(tuning?.settings ?? {}).map(([k, v]) => `${k}=${String(v)}`).join('\n'),
    };
    this.secrets = secretValues(process.env);
  }

  private get sessionMode(): boolean {
    return this.folder.spec.session === true;
  }

  /** Run one executable of the folder; a status of 2 or a failed start means the engine is out of reach. */
  private async exec(name: Executable, step: Step, env: NodeJS.ProcessEnv = {}, stdin?: string): Promise<ProcessOutcome> {
    const path = this.folder.executables[name] as string;
    const r = await runProcess(path, [], { cwd: this.folder.dir, env: { ...this.env, ...env }, stdin, timeoutSeconds: this.folder.timeouts[step] });
    if (r.spawnError) throw new TargetUnavailableError(`script target: cannot run ${name}: ${r.spawnError}`);
    return r;
  }

  private failure(name: string, r: ProcessOutcome, step: Step): Error {
    const stderr = redact(tail(r.stderr), this.secrets);
    if (r.timedOut) return new Error(`${name} timed out after ${this.folder.timeouts[step]} s (timeouts.${step} in target.json)${stderr ? `: ${stderr}` : ''}`);
    if (r.code === EXIT_UNAVAILABLE) return new TargetUnavailableError(`script target: ${name} cannot reach the engine${stderr ? `: ${stderr}` : ''}`);
    return new Error(`${name} exited with ${r.signal ? `signal ${r.signal}` : `status ${r.code}`}${stderr ? `: ${stderr}` : ''}`);
  }

  private async step(name: Executable, step: Step, env: NodeJS.ProcessEnv = {}, stdin?: string): Promise<ProcessOutcome> {
    const r = await this.exec(name, step, env, stdin);
    if (r.code !== 0 || r.timedOut) throw this.failure(name, r, step);
    return r;
  }

  private async openSession() {
    mkdirSync(this.work, { recursive: true });
    const s = new ScriptSession(this.folder.executables.session as string, this.folder.dir, this.env, this.secrets, join(this.work, 'session.log'));
    await s.open(this.folder.timeouts.start);
    this.session = s;
  }

  private async closeSession() {
    await this.session?.close(this.folder.timeouts.stop);
    this.session = undefined;
  }

  async start(): Promise<TargetInfo> {
    mkdirSync(this.work, { recursive: true });
    if (this.folder.executables.start) await this.step('start', 'start');
    const v = await runProcess('/bin/sh', ['-c', this.folder.spec.version_command], { cwd: this.folder.dir, env: this.env, timeoutSeconds: this.folder.timeouts.start });
    if (v.code !== 0 || v.timedOut || v.spawnError) throw new TargetUnavailableError(`script target: the version command (${this.folder.spec.version_command}) failed, the engine cannot be reached: ${redact(tail(v.stderr || v.stdout || v.spawnError || ''), this.secrets)}`);
    const version = redact(v.stdout.trim().split('\n')[0] ?? '', this.secrets);
    // What starting a process costs: SELECT 1 through new `query` processes (three in process mode;
    // in session mode, where queries do not pay it, one, and not for the qualification namespace:
    // a JVM start is paid once per run, not twice).
    const processTimes: number[] = [];
    const probes = this.sessionMode ? (this.namespace === 'qualification' ? 0 : 1) : 3;
    for (let i = 0; i < probes; i++) processTimes.push((await this.processQuery('SELECT 1')).seconds * 1000);
    const script: ScriptRunInfo = { folder: basename(this.folder.dir), query_mode: this.sessionMode ? 'session' : 'process', process_round_trip_ms: processTimes.length ? round(median(processTimes)) : 0 };
    if (this.sessionMode) {
      await this.openSession();
      const sessionTimes: number[] = [];
      for (let i = 0; i < 3; i++) sessionTimes.push((await this.query('SELECT 1')).seconds * 1000);
      script.session_round_trip_ms = round(median(sessionTimes));
    }
    return { product: this.folder.spec.name, version, endpoint: this.folder.spec.endpoint ?? `script ${basename(this.folder.dir)}`, script };
  }

  /** Per-table file lists for the scripts: "TABLE<TAB>absolute path<TAB>rows" lines. */
  private async fileList(name: string, files: { table: string; path: string; rows: number }[]): Promise<string> {
    const path = join(this.work, name);
    await writeFile(path, files.map((f) => `${f.table}\t${f.path}\t${f.rows}\n`).join(''));
    return path;
  }

  private async datasetEnv(dir: string, tables: string[], files: { table: string; path: string; rows: number }[], kind: 'load' | 'append'): Promise<NodeJS.ProcessEnv> {
    const env: NodeJS.ProcessEnv = { HDSBENCH_DATASET_DIR: dir, HDSBENCH_TABLES: tables.join(' '), HDSBENCH_FILES: await this.fileList(`${kind}-files.tsv`, files) };
    if (this.folder.spec.ddl && kind === 'load') {
      const path = join(this.work, 'create.sql');
      const catalog = defaultCatalog();
      await writeFile(path, createTablesSql(tables.map((t) => catalog.table(t)), this.folder.spec.ddl));
      env.HDSBENCH_CREATE_SQL = path;
    }
    return env;
  }

  async load(dir: string, manifest: Manifest, onTable?: (table: string) => void): Promise<LoadResult> {
    const files = manifest.files.map((f) => ({ table: f.table, path: join(dir, f.path), rows: f.rows }));
    const env = { ...(await this.datasetEnv(dir, manifest.tables, files, 'load')), HDSBENCH_MANIFEST: join(dir, 'manifest.json') };
    for (const t of manifest.tables) onTable?.(t);
    // A session holds the engine open: the load runs without it (single-writer catalogs), and a new one starts after.
    await this.closeSession();
    const started = performance.now();
    const steps: LoadResult['steps'] = [];
    const r = await this.step('load', 'load', env);
    steps.push({ name: 'load', seconds: r.seconds });
    if (this.sessionMode) {
      const t0 = performance.now();
      await this.openSession();
      steps.push({ name: 'session start', seconds: (performance.now() - t0) / 1000 });
    }
    const statements = this.tuning?.statements ?? [];
    if (statements.length) {
      const t0 = performance.now();
      for (const sql of statements) await this.query(sql);
      steps.push({ name: 'tuning statements', seconds: (performance.now() - t0) / 1000 });
    }
    return { seconds: (performance.now() - started) / 1000, rows: files.reduce((a, f) => a + f.rows, 0), bytes: files.reduce((a, f) => a + statSync(f.path).size, 0), steps };
  }

  async append(dir: string, flux: Manifest): Promise<LoadResult> {
    if (!this.folder.executables.append) throw new Error(`script target ${basename(this.folder.dir)} has no append executable: the refresh phase cannot add the monthly flux`);
    const tables = flux.tables;
    const files = flux.files.map((f) => ({ table: f.table, path: join(dir, f.path), rows: f.rows }));
    const env = await this.datasetEnv(dir, tables, files, 'append');
    // Row counts around the append are outside the timed interval, as for the native targets.
    const before = await this.countRows(tables);
    await this.closeSession();
    const started = performance.now();
    await this.step('append', 'append', env);
    if (this.sessionMode) await this.openSession();
    const seconds = (performance.now() - started) / 1000;
    const after = await this.countRows(tables);
    return { seconds, rows: after - before, bytes: files.reduce((a, f) => a + statSync(f.path).size, 0), steps: [] };
  }

  private async countRows(tables: string[]): Promise<number> {
    let n = 0;
    for (const t of tables) n += Number((await this.query(`SELECT COUNT(*) FROM ${t}`)).rows[0][0]);
    return n;
  }

  /** One `query` process: SQL on stdin, rows on stdout, the engine's own time (optional) in HDSBENCH_TIMING_FILE. */
  private async processQuery(sql: string): Promise<QueryResult> {
    mkdirSync(this.work, { recursive: true });
    const timingFile = join(this.work, `timing-${process.pid}-${++this.timingSeq}.txt`);
    const r = await this.exec('query', 'query', { HDSBENCH_TIMING_FILE: timingFile }, sql);
    try {
      if (r.code !== 0 || r.timedOut) throw this.failure('query', r, 'query');
      let parsed;
      try {
        parsed = this.folder.spec.rows === 'csv' ? parseCsvRows(r.stdout) : parseJsonLines(r.stdout);
      } catch (e) {
        throw new MalformedRowsError(`query printed malformed rows (${this.folder.spec.rows} expected): ${(e as Error).message}`);
      }
      const engineSeconds = await readTiming(timingFile);
      return { columns: parsed.columns, rows: parsed.rows, seconds: r.seconds, engineSeconds };
    } finally {
      await rm(timingFile, { force: true });
    }
  }

  async query(sql: string): Promise<QueryResult> {
    if (!this.sessionMode) return this.processQuery(sql);
    if (!this.session?.running) await this.openSession();
    const t0 = performance.now();
    const a = await (this.session as ScriptSession).query(sql, this.folder.timeouts.query);
    return { columns: a.columns, rows: a.rows, seconds: (performance.now() - t0) / 1000, engineSeconds: a.engineSeconds };
  }

  async size(): Promise<number> {
    const r = await this.step('size', 'size');
    const text = r.stdout.trim();
    if (!/^\d+$/.test(text)) throw new MalformedRowsError(`size must print a number of bytes, it printed "${redact(text.slice(0, 80), this.secrets)}"`);
    return Number(text);
  }

  async restart() {
    await this.closeSession();
    if (this.folder.executables.restart) await this.step('restart', 'restart');
    if (this.sessionMode) await this.openSession();
  }

  async stop() {
    await this.closeSession();
    if (this.folder.executables.stop) {
      const r = await this.exec('stop', 'stop');
      if (r.code !== 0 || r.timedOut) throw this.failure('stop', r, 'stop');
    }
  }
}

async function readTiming(path: string): Promise<number | undefined> {
  let text: string;
  try {
    text = (await readFile(path, 'utf8')).trim();
  } catch {
    return undefined;
  }
  if (text === '') return undefined;
  const n = Number(text);
  if (!/^\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text) || !Number.isFinite(n)) throw new MalformedRowsError(`query wrote "${text.slice(0, 40)}" to HDSBENCH_TIMING_FILE: a number of seconds was expected`);
  return n;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;

/** --target ./engines/<name>/: the folder is checked when the target is resolved, before any work. */
export function createScriptTarget(folderPath: string): TargetFactory {
  const folder = readScriptFolder(folderPath);
  return ({ workDir, namespace, tuning }) => new ScriptTarget(folder, workDir, namespace, tuning);
}
