import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { TargetUnavailableError, type Row } from '../../target.js';
import { checkRow, MalformedRowsError } from './result-rows.js';
import { redact } from './process.js';

/**
 * Session mode: one long-running `session` process per target, speaking JSON lines. It first
 * prints {"ready": true}; then the driver writes one request per line, {"id": n, "sql": "…"}, and
 * the session answers each with {"id": n, "columns": […], "rows": [[…], …], "engine_seconds": s?}
 * or {"id": n, "error": "…"} (the query failed) or {"id": n, "unavailable": "…"} (the engine is
 * gone). Requests may be in flight together; answers may come in any order.
 */
export interface SessionAnswer {
  columns: string[];
  rows: Row[];
  engineSeconds?: number;
}

interface Pending {
  resolve: (a: SessionAnswer) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

export class ScriptSession {
  private child: ChildProcessWithoutNullStreams | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private stderrLog: WriteStream | undefined;
  private stderrTail: string[] = [];
  private exited: Promise<void> | undefined;
  private closing = false;

  constructor(
    private readonly executable: string,
    private readonly cwd: string,
    private readonly env: NodeJS.ProcessEnv,
    private readonly secrets: readonly string[],
    private readonly logPath: string,
  ) {}

  /** Start the process and wait for its ready line. */
  async open(timeoutSeconds: number): Promise<void> {
    this.closing = false;
    const child = spawn(this.executable, [], { cwd: this.cwd, env: this.env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    this.child = child;
    this.stderrLog = createWriteStream(this.logPath, { flags: 'a' });
    // The log is a file the run leaves: what the engine prints goes there redacted, line by line
    // (a secret cut across two chunks would escape a chunk-wise mask).
    let partial = '';
    child.stderr.on('data', (b: Buffer) => {
      const lines = (partial + b.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) this.stderrLog?.write(redact(line, this.secrets) + '\n');
      this.stderrTail = [...this.stderrTail, ...b.toString('utf8').split('\n').filter(Boolean)].slice(-5);
    });
    child.stdin.on('error', () => undefined);
    const lines = createInterface({ input: child.stdout });
    let ready: (() => void) | undefined;
    let failed: ((e: Error) => void) | undefined;
    const readyPromise = new Promise<void>((res, rej) => {
      ready = res;
      failed = rej;
    });
    lines.on('line', (line) => {
      let msg: Record<string, unknown>;
      try {
        msg = JSON.parse(line) as Record<string, unknown>;
      } catch {
        this.fail(new MalformedRowsError(`session printed a line that is not JSON: ${redact(line.slice(0, 200), this.secrets)}`));
        return;
      }
      if (msg.ready === true) {
        ready?.();
        return;
      }
      this.answer(msg);
    });
    this.exited = new Promise((res) => {
      child.on('close', (code, signal) => {
        const why = `the session process exited (${signal ?? `status ${code}`})${this.stderrTail.length ? `: ${redact(this.stderrTail.join(' | '), this.secrets)}` : ''}`;
        failed?.(new TargetUnavailableError(`script target: ${why}`));
        if (!this.closing) this.fail(new TargetUnavailableError(`script target: ${why}`));
        if (partial) this.stderrLog?.write(redact(partial, this.secrets));
        this.stderrLog?.end();
        res();
      });
      child.on('error', (e) => {
        failed?.(new TargetUnavailableError(`script target: cannot start the session executable: ${e.message}`));
        res();
      });
    });
    const timer = setTimeout(() => failed?.(new TargetUnavailableError(`script target: the session did not print {"ready": true} within ${timeoutSeconds} s`)), timeoutSeconds * 1000);
    try {
      await readyPromise;
    } catch (e) {
      await this.close(1);
      throw e;
    } finally {
      clearTimeout(timer);
    }
  }

  get running(): boolean {
    return this.child !== undefined && !this.closing && this.child.exitCode === null && this.child.signalCode === null;
  }

  query(sql: string, timeoutSeconds: number): Promise<SessionAnswer> {
    const child = this.child;
    if (!child || !this.running) return Promise.reject(new TargetUnavailableError('script target: the session is not running'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`query timed out after ${timeoutSeconds} s (the session was stopped)`));
        // The only way to stop a query in flight: end the session; the next query starts a new one.
        void this.close(1);
      }, timeoutSeconds * 1000);
      this.pending.set(id, { resolve, reject, timer });
      child.stdin.write(JSON.stringify({ id, sql }) + '\n');
    });
  }

  private answer(msg: Record<string, unknown>) {
    const id = typeof msg.id === 'number' ? msg.id : NaN;
    const p = this.pending.get(id);
    if (!p) {
      this.fail(new MalformedRowsError(`session answered a request it was not asked (id ${String(msg.id)})`));
      return;
    }
    this.pending.delete(id);
    clearTimeout(p.timer);
    if (typeof msg.unavailable === 'string') return p.reject(new TargetUnavailableError(`script target: ${redact(msg.unavailable, this.secrets)}`));
    if (typeof msg.error === 'string') return p.reject(new Error(redact(msg.error, this.secrets)));
    try {
      if (!Array.isArray(msg.columns) || !msg.columns.every((c) => typeof c === 'string')) throw new MalformedRowsError('"columns" must be an array of names');
      if (!Array.isArray(msg.rows)) throw new MalformedRowsError('"rows" must be an array of rows');
      const width = msg.columns.length;
      const rows = msg.rows.map((r, i) => checkRow(r, width, `row ${i + 1}`));
      const engine = msg.engine_seconds;
      if (engine !== undefined && (typeof engine !== 'number' || !Number.isFinite(engine) || engine < 0)) throw new MalformedRowsError('"engine_seconds" must be a number of seconds');
      p.resolve({ columns: msg.columns as string[], rows, engineSeconds: engine as number | undefined });
    } catch (e) {
      p.reject(new MalformedRowsError(`session printed a malformed answer: ${(e as Error).message}`));
    }
  }

  /** Every request in flight fails with this error. */
  private fail(e: Error) {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(e);
      this.pending.delete(id);
    }
  }

  /** Close stdin, give the session `graceSeconds` to exit, then stop its process group. */
  async close(graceSeconds: number): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.closing = true;
    this.fail(new Error('the session was closed'));
    child.stdin.end();
    const kill = (signal: NodeJS.Signals) => {
      try {
        if (child.pid) process.kill(-child.pid, signal);
      } catch {
        /* gone */
      }
    };
    const term = setTimeout(() => kill('SIGTERM'), graceSeconds * 1000);
    const hard = setTimeout(() => kill('SIGKILL'), graceSeconds * 1000 + 5000);
    await this.exited;
    clearTimeout(term);
    clearTimeout(hard);
    this.child = undefined;
  }
}
