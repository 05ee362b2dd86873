import { redactText } from '../../redact.js';
import { spawn } from 'node:child_process';

/** One run of a script target's executable: what it printed, its exit status, how long it took. */
export interface ProcessOutcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  seconds: number;
  timedOut: boolean;
  /** The process could not be started at all (spawn error). */
  spawnError?: string;
}

export interface RunOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdin?: string;
  timeoutSeconds: number;
}

/** Seconds given to a process between SIGTERM and SIGKILL once its time is up. */
const KILL_GRACE_MS = 5000;

/**
 * Run an executable in its own process group (so that a timeout also stops what it started),
 * feed it stdin, collect stdout and stderr. The time is wall time from spawn to exit, process
 * start included: that is what a per-process protocol costs.
 */
export function runProcess(command: string, args: string[], o: RunOptions): Promise<ProcessOutcome> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(command, args, { cwd: o.cwd, env: o.env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    let spawnError: string | undefined;
    const killGroup = (signal: NodeJS.Signals) => {
      try {
        if (child.pid) process.kill(-child.pid, signal);
      } catch {
        /* already gone */
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup('SIGTERM');
      setTimeout(() => killGroup('SIGKILL'), KILL_GRACE_MS).unref();
    }, o.timeoutSeconds * 1000);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => {
      spawnError = e.message;
    });
    // A script that does not read its stdin must not make the driver fail with EPIPE.
    child.stdin.on('error', () => undefined);
    child.stdin.end(o.stdin ?? '');
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), seconds: (performance.now() - t0) / 1000, timedOut, spawnError });
    });
  });
}

/** Values of secret-looking environment variables (passwords, tokens, keys), to hide from anything recorded or printed. */
export function secretValues(env: NodeJS.ProcessEnv): string[] {
  return Object.entries(env)
    .filter(([name, value]) => /PASS|SECRET|TOKEN|CREDENTIAL|PRIVATE|API_?KEY|ACCESS_?KEY/i.test(name) && value && value.length >= 4)
    .map(([, value]) => value as string);
}

/** `text` with `secrets` and whatever the shared redaction masks (URLs' passwords, secret parameters, registered secrets) hidden. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) out = out.split(s).join('***');
  return redactText(out);
}

/** The last lines of a script's stderr, for an error message. */
export function tail(text: string, lines = 5): string {
  const all = text.trim().split('\n');
  return all.slice(-lines).join(' | ');
}
