import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../script-args.js';

/** A server a bench script started (or was given: no child). */
export interface Started {
  url: string;
  child?: ChildProcess;
}

/**
 * The address where `wrangler dev`'s own workerd (the one running the Worker) takes requests,
 * behind wrangler's proxy: wrangler 4 puts a second workerd process (its proxy Worker, on the port
 * it prints) in front of it and does not print this one. Found from /proc (Linux): the listening
 * TCP sockets of the group's workerd processes that are not the given port, each asked for
 * /v1/health; the first that answers as the Worker is it. Undefined when none does.
 */
export async function workerdDirectUrl(s: Started): Promise<string | undefined> {
  if (!s.child?.pid) return undefined;
  const shown = Number(new URL(s.url).port);
  const listening = new Map<string, number>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      // f[1] local address (hex ip:port), f[3] state (0A = LISTEN), f[9] inode.
      if (f.length > 9 && f[3] === '0A') listening.set(f[9], parseInt(f[1].split(':')[1], 16));
    }
  }
  const ports = new Set<number>();
  for (const pid of processesNamed(s.child.pid, 'workerd')) {
    let fds: string[] = [];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const inode = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
        const port = inode ? listening.get(inode) : undefined;
        if (port && port !== shown) ports.add(port);
      } catch {
        // closed meanwhile
      }
    }
  }
  for (const port of ports) {
    const url = `http://127.0.0.1:${port}`;
    try {
      const res = await fetch(`${url}/v1/health`, { signal: AbortSignal.timeout(5000) });
      const body = (await res.json()) as { runtime?: string };
      if (res.status === 200 && body.runtime === 'workerd') return url;
    } catch {
      // not the Worker (inspector, loopback service, …)
    }
  }
  return undefined;
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
  // The address it prints, not the one asked for: when another process took that port meanwhile
  // (a shared machine), wrangler picks another one, and the port asked for is someone else's server.
  const { child, match } = await startProcess('npx', ['wrangler', 'dev', '--ip', '127.0.0.1', '--port', String(port)], /Ready on (http:\/\/[^\s/]+)/, { WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' });
  return { url: match[1], child };
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
