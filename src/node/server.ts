import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from '../app/app.js';
import { MemoryEntryCache } from '../app/entry-cache.js';
import type { RequestLimits } from '../app/limits.js';
import { InputError } from '../core/errors.js';
import { initParquetForNode } from './parquet-node.js';

export interface ServerOptions {
  port: number;
  host: string;
  limits?: RequestLimits;
}

export interface RunningServer {
  /** http://host:port, with the port actually bound (useful with port 0). */
  url: string;
  close(): Promise<void>;
}

/** Serve the hono app with Node (`hdsbench serve`): manifest entries cached in memory. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  initParquetForNode();
  const app = createApp({ entryCache: new MemoryEntryCache(), runtime: 'node', limits: options.limits });
  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, () => resolve(s));
    s.once('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EADDRINUSE') reject(new InputError(`port ${options.port} on ${options.host} is already in use: choose another --port`));
      else if (e.code === 'EACCES' || e.code === 'EADDRNOTAVAIL') reject(new InputError(`cannot listen on ${options.host}:${options.port} (${e.code}): choose another --host or --port`));
      else reject(e);
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      if ('closeAllConnections' in server) server.closeAllConnections();
    }),
  };
}
