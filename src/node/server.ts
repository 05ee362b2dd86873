import type { AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from '../app/app.js';
import { MemoryEntryCache } from '../app/entry-cache.js';
import { writeTargetFromEnv } from '../app/write-target.js';
import type { RequestLimits } from '../app/limits.js';
import { inProcessRunner } from '../app/generation-runner.js';
import { DEFAULT_SLOT_LIMITS } from '../app/generation-slots.js';
import { defaultCatalog } from '../core/catalog/catalog.js';
import { GenerationPool, generationPoolAvailable } from './generation-pool.js';
import { InputError } from '../core/errors.js';
import { compileParquetWasm, initParquetForNodeAsync } from './parquet-node.js';

export interface ServerOptions {
  port: number;
  host: string;
  limits?: RequestLimits;
  /** Generations running at once, each in its own worker thread; default: the number of CPUs. */
  maxGenerations?: number;
  /** Requests waiting for a generation slot before 503; default 4 per running generation. */
  maxQueued?: number;
  /** Scheme, host and optional path of links and redirects; default: relative links. */
  baseUrl?: string;
}

/** Default number of generations at once: one per CPU (each runs in its own thread). */
export function defaultMaxGenerations(): number {
  return availableParallelism();
}

export interface RunningServer {
  /** http://host:port, with the port actually bound (useful with port 0). */
  url: string;
  close(): Promise<void>;
}

/**
 * Serve the hono app with Node (`hdsbench serve`): manifest entries cached in memory, generation
 * in a pool of worker threads (in this thread, yielding, when run from the TypeScript sources).
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  // Compiled once: the pool's threads (new ones replace those of cancelled generations) get this module.
  const parquet = await compileParquetWasm();
  await initParquetForNodeAsync(parquet);
  const running = options.maxGenerations ?? defaultMaxGenerations();
  const pool = generationPoolAvailable() ? new GenerationPool(running, parquet) : undefined;
  const app = createApp({
    entryCache: new MemoryEntryCache(),
    runtime: 'node',
    limits: options.limits,
    writeTarget: () => writeTargetFromEnv(process.env),
    runner: pool ?? inProcessRunner(defaultCatalog()),
    slots: { running, queued: options.maxQueued ?? 4 * running, retryAfterSeconds: DEFAULT_SLOT_LIMITS.retryAfterSeconds },
    baseUrl: () => options.baseUrl,
  });
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
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      await pool?.close();
    },
  };
}
