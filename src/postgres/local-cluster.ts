import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chmod, chown, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * A throw-away PostgreSQL cluster from the Debian packages: initdb in a temporary folder, a server
 * on 127.0.0.1 and a free port, password authentication (SCRAM), stopped and removed by stop().
 * As root, the server runs as the `postgres` system user (PostgreSQL refuses to run as root).
 */

const run = promisify(execFile);

export interface LocalCluster {
  /** postgres://hdsbench:PASSWORD@127.0.0.1:PORT/postgres */
  url: string;
  port: number;
  password: string;
  dataDir: string;
  /** Stop the server immediately (as a crash would) without removing its files. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/** Directory holding initdb and pg_ctl: PATH first, then Debian's /usr/lib/postgresql/<version>/bin. */
export function findPostgresBin(): string {
  for (const dir of (process.env.PATH ?? '').split(':')) if (dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) return dir;
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    const versions = readdirSync(base).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) if (existsSync(join(base, v, 'bin', 'initdb'))) return join(base, v, 'bin');
  }
  throw new Error('PostgreSQL server binaries (initdb, pg_ctl) not found: install the Debian package postgresql');
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

async function asServerUser(bin: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<void> {
  const isRoot = process.getuid?.() === 0;
  const [cmd, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  await run(cmd, argv, { env: { ...process.env, ...env }, maxBuffer: 16 << 20 });
}

export async function startLocalCluster(options: { settings?: Record<string, string> } = {}): Promise<LocalCluster> {
  const bin = findPostgresBin();
  const root = await mkdtemp(join(tmpdir(), 'hdsbench-pg-'));
  const dataDir = join(root, 'data');
  const password = `pw-${Math.random().toString(36).slice(2, 12)}`;
  const pwfile = join(root, 'pwfile');
  await writeFile(pwfile, `${password}\n`);
  const isRoot = process.getuid?.() === 0;
  if (isRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(root, Number(stdout), Number(gid));
    await chown(pwfile, Number(stdout), Number(gid));
  }
  await chmod(root, 0o700);
  await asServerUser(join(bin, 'initdb'), ['-D', dataDir, '-U', 'hdsbench', '--auth=scram-sha-256', `--pwfile=${pwfile}`, '-E', 'UTF8', '--locale=C'], { LC_ALL: 'C' });
  const port = await freePort();
  const settings = {
    listen_addresses: "'127.0.0.1'",
    port: String(port),
    unix_socket_directories: `'${root}'`,
    fsync: 'on',
    ...options.settings,
  };
  await writeFile(join(dataDir, 'postgresql.auto.conf'), Object.entries(settings).map(([k, v]) => `${k} = ${v}`).join('\n') + '\n');
  if (isRoot) await run('chown', ['postgres:postgres', join(dataDir, 'postgresql.auto.conf')]);
  await asServerUser(join(bin, 'pg_ctl'), ['-D', dataDir, '-l', join(root, 'server.log'), '-w', '-t', '60', 'start']);
  const url = `postgres://hdsbench:${password}@127.0.0.1:${port}/postgres`;
  const stopWith = async (mode: 'fast' | 'immediate') => {
    await asServerUser(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', mode, '-w', 'stop']).catch(() => undefined);
  };
  return {
    url,
    port,
    password,
    dataDir,
    kill: () => stopWith('immediate'),
    async stop() {
      await stopWith('fast');
      await rm(root, { recursive: true, force: true });
    },
  };
}

