import { createClient } from '@clickhouse/client';
import { TargetUnavailableError, type TargetFactory } from '../../target.js';
import { createClickHouseTarget, type ClickHouseConnector } from './adapter.js';
import { parseClickHouseUrl, type ClickHouseUrl } from './url.js';

/**
 * A ClickHouse server over its HTTP interface (`clickhouse://user:password@host:8123/db`). The
 * driver cannot restart a remote server: cold runs use a fresh client only, and the result says
 * so (`restartable: false`). The Parquet files are streamed in the body of INSERT … FORMAT Parquet.
 */
const AUTH_CODES = new Set(['516', '192', '194']); // AUTHENTICATION_FAILED, UNKNOWN_USER, REQUIRED_PASSWORD

export function describeClickHouseError(e: unknown, where: string): Error {
  const err = e as { code?: string; message?: string; cause?: { code?: string } };
  const code = err.code ?? err.cause?.code;
  const message = err.message ?? String(e);
  if (code === 'ECONNREFUSED') return new TargetUnavailableError(`cannot connect to ${where}: connection refused (is the server running and listening there?)`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new TargetUnavailableError(`cannot connect to ${where}: unknown host`);
  if (code !== undefined && AUTH_CODES.has(code)) return new TargetUnavailableError(`cannot connect to ${where}: authentication failed (check the user and password)`);
  if (code === '81') return new TargetUnavailableError(`cannot connect to ${where}: the database does not exist`);
  if (code === 'ECONNRESET' || code === 'EPIPE' || /socket hang up|other side closed/i.test(message)) return new TargetUnavailableError(`the server at ${where} went away during the run (${code ?? message})`);
  return new Error(`ClickHouse at ${where}: ${message.trim()}`);
}

function serverConnector(url: ClickHouseUrl): ClickHouseConnector {
  return {
    product: 'ClickHouse',
    endpoint: url.redacted,
    capabilities: { restartable: false, durable: true, concurrent: true },
    loading: 'stream',
    // The summary header is final only once the whole query has run.
    timingSettings: { wait_end_of_query: 1 },
    async connect(database, settings) {
      return createClient({
        url: url.httpUrl,
        username: url.username,
        password: url.password,
        database: database ?? url.database,
        clickhouse_settings: settings,
        request_timeout: 3_600_000,
        max_open_connections: 16,
        application: 'hdsbench',
      });
    },
    async disconnect(client) {
      await client.close();
    },
    describeError: (e) => describeClickHouseError(e, url.redacted),
  };
}

export function createClickHouseServerTarget(spec: string): TargetFactory {
  const url = parseClickHouseUrl(spec);
  const connector = serverConnector(url);
  return ({ namespace, tuning }) => createClickHouseTarget(connector, namespace, tuning);
}
