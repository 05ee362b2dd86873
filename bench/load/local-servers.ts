import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../script-args.js';

/** A server a bench script started (or was given: no child). */
export interface Started {
  url: string;
  child?: ChildProcess;
}

/** Start a server process and wait for `ready` on its stdout (bounded). */
export function startProcess(command: string, args: string[], ready: RegExp, env: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${command} ${args.join(' ')} was not ready after 120 s:\n${out}`)), 120_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = ready.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, match: m });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${command} exited with ${code}:\n${out}`)));
  });
}

/** `hdsbench serve` from the built CLI, on a free port. */
export async function startNode(): Promise<Started> {
  const cli = join(import.meta.dirname, '..', '..', 'src', 'cli', 'main.js');
  const { child, match } = await startProcess(process.execPath, [cli, 'serve', '--port', '0'], /serving on (http:\/\/\S+?) /);
  return { url: match[1], child };
}

/** `wrangler dev` (local workerd) on a free port. */
export async function startWorkerd(): Promise<Started> {
  const port = await freePort();
  const { child } = await startProcess('npx', ['wrangler', 'dev', '--ip', '127.0.0.1', '--port', String(port)], /Ready on/, { WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' });
  return { url: `http://127.0.0.1:${port}`, child };
}

/** Stop a started server and everything it started (its process group). */
export function stop(s: Started) {
  if (s.child?.pid) {
    try {
      process.kill(-s.child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

/** Pids of the processes of a process group whose command name is `name` (Linux /proc). */
export function processesNamed(group: number, name: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // fields[0] is the state, [2] the process group.
      if (comm === name && Number(fields[2]) === group) found.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** CPU time (user + system) a process has used so far, in ms (Linux /proc, clock ticks of 10 ms). */
export function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of stat, i.e. [11] and [12] after the command.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
