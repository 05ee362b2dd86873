import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { CLI } from './cli.js';

export interface ServeProcess {
  url: string;
  stderr(): string;
  stop(): Promise<void>;
}

/** `hdsbench serve --port 0 …args` from the built CLI, as a user starts it; resolves once it listens. */
export function startServe(args: string[] = []): Promise<ServeProcess> {
  const child: ChildProcess = spawn(process.execPath, [CLI, 'serve', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr?.on('data', (d) => (err += d));
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (d) => {
      out += d;
      const m = /serving on (http:\/\/\S+?) /.exec(out);
      if (m) {
        resolve({
          url: m[1],
          stderr: () => err,
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`hdsbench serve exited (${code}) before listening: ${err}`)));
  });
}

/** A GET with headers fetch() does not let one set (Host). */
export function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    })
      .on('error', reject)
      .end();
  });
}
