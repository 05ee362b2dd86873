import { Command } from 'commander';
import { startServer } from '../../node/server.js';
import { integerIn } from '../options.js';

interface ServeOptions {
  port: number;
  host: string;
}

export function serveCommand(): Command {
  return new Command('serve')
    .description('serve the API and the researchers\' page with Node (the same app as the Cloudflare Worker)')
    .option('--port <n>', 'TCP port (0 picks a free one)', integerIn('--port', 0, 65535), 8787)
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .addHelpText('after', '\nExamples:\n  hdsbench serve --port 8787\n  hdsbench gen --from http://127.0.0.1:8787 --scale 0.1 --parts 8 --out data/sf0.1\n')
    .action(async (o: ServeOptions) => {
      const server = await startServer({ port: o.port, host: o.host });
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
