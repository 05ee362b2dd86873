import { isIP } from 'node:net';
import { Command } from 'commander';
import { InputError } from '../../core/errors.js';
import { parseBaseUrl } from '../../app/base-url.js';
import { defaultMaxGenerations, startServer } from '../../node/server.js';
import { integerIn } from '../options.js';

interface ServeOptions {
  port: number;
  host: string;
  maxGenerations?: number;
  maxQueued?: number;
  baseUrl?: string;
}

export function serveCommand(): Command {
  return new Command('serve')
    .description('serve the API and the researchers\' page with Node (the same app as the Cloudflare Worker)')
    .option('--port <n>', 'TCP port (0 picks a free one)', integerIn('--port', 0, 65535), 8787)
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--max-generations <n>', `generations running at once, each in a worker thread (default: the number of CPUs, ${defaultMaxGenerations()} here)`, integerIn('--max-generations', 1, 256))
    .option('--max-queued <n>', 'requests waiting for a generation slot; beyond them 503 with Retry-After (default: 4 per running generation)', integerIn('--max-queued', 0, 100000))
    .option('--base-url <url>', 'scheme, host and optional path that links and redirects are built from, e.g. https://data.example.org (default: relative links; the Host header is never used)')
    .addHelpText('after', '\nExamples:\n  hdsbench serve --port 8787\n  hdsbench serve --host 0.0.0.0 --base-url https://samples.example.org --max-generations 4\n  hdsbench gen --from http://127.0.0.1:8787 --scale 0.1 --parts 8 --out data/sf0.1\n')
    .action(async (o: ServeOptions) => {
      if (isIP(o.host) === 0 && /^[\d.]+$/.test(o.host)) throw new InputError(`--host ${o.host} is not a valid IPv4 address (four numbers 0-255)`);
      if (isIP(o.host) === 0 && !/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i.test(o.host)) throw new InputError(`--host must be an IP address or a host name, got "${o.host}"`);
      const baseUrl = o.baseUrl === undefined ? undefined : parseBaseUrl(o.baseUrl, '--base-url');
      const server = await startServer({ port: o.port, host: o.host, maxGenerations: o.maxGenerations, maxQueued: o.maxQueued, baseUrl }).catch((e: NodeJS.ErrnoException) => {
        const why: Record<string, string> = { EADDRINUSE: 'the port is already in use', EADDRNOTAVAIL: 'this machine has no such address', ENOTFOUND: 'unknown host name', EACCES: 'permission denied (ports below 1024 need privileges)', EAI_AGAIN: 'the host name cannot be resolved now' };
        throw new InputError(`cannot listen on ${o.host}:${o.port}: ${why[e.code ?? ''] ?? e.message}`);
      });
      console.log(`hdsbench serving on ${server.url} (page: ${server.url}/, API: ${server.url}/v1); Ctrl-C stops`);
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          server.close().then(resolve, resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
