import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import type { TargetFactory } from '../../target.js';
import { createClickHouseTarget, type ClickHouseConnector } from './adapter.js';

/**
 * The ClickHouse engine embedded in the npm package chdb (`--target chdb`), behind the same
 * @clickhouse/client as a server (chdb's `chdb/connection`): a data folder per namespace in the
 * work folder, MergeTree tables on disk, the Parquet files read in place by the engine
 * (`file()`). chdb is a development dependency (about 550 MB): installed by `npm ci` in a
 * checkout, optional for a bidder's own ClickHouse server. A restart closes the engine's session
 * and opens it again.
 */
type ChdbConnectionModule = { createChdbConnection(options: { path: string }): unknown };
type ChdbModule = { drainPending(): Promise<void> };

const require = createRequire(import.meta.url);

function loadChdb(): { connection: ChdbConnectionModule; chdb: ChdbModule } {
  try {
    return { connection: require('chdb/connection') as ChdbConnectionModule, chdb: require('chdb') as ChdbModule };
  } catch (e) {
    throw new Error(`--target chdb needs the npm package chdb (npm install chdb): ${(e as Error).message.split('\n')[0]}`);
  }
}

function chdbConnector(dataDir: string): ClickHouseConnector {
  const { connection, chdb } = loadChdb();
  return {
    product: 'ClickHouse (embedded, chdb)',
    endpoint: 'embedded',
    capabilities: { restartable: true, durable: true, concurrent: false },
    loading: 'local-file',
    timingSettings: {},
    async connect(database, settings) {
      await mkdir(dataDir, { recursive: true });
      const client = createClient({ connection: connection.createChdbConnection({ path: dataDir }) as never, clickhouse_settings: settings });
      // The embedded connection keeps one session: it works in the database named by USE.
      if (database) await client.command({ query: `USE \`${database}\`` });
      return client;
    },
    async disconnect(client: ClickHouseClient) {
      await client.close();
      await chdb.drainPending();
    },
    describeError: (e) => new Error(`ClickHouse (chdb): ${((e as Error).message ?? String(e)).trim()}`),
    // chdb 3.4 hands the partial output of a query that failed while running (its names and types)
    // to the next query of the session: a throw-away query takes it.
    async recover(client) {
      const r = await client.exec({ query: 'SELECT 1 FORMAT JSONCompactEachRow' });
      for await (const _ of r.stream) void _;
    },
  };
}

export const createChdbTarget: TargetFactory = ({ namespace, workDir, tuning }) => createClickHouseTarget(chdbConnector(join(workDir, `${namespace}.chdb`)), namespace, tuning);
