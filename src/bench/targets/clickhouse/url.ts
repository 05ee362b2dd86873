/**
 * `--target clickhouse://user:password@host:8123/database`: ClickHouse's HTTP interface
 * (`clickhouses://` for HTTPS, default port 8443). Parsed once; the password is never printed or
 * stored (the endpoint is recorded as `clickhouse://user:***@host:port/database`).
 */
import { connectionUrlProblem, registerSecret, registerSecretsOf } from '../../redact.js';

export interface ClickHouseUrl {
  /** http(s)://host:port for @clickhouse/client. */
  httpUrl: string;
  username: string;
  password: string;
  database: string;
  /** The URL without its password. */
  redacted: string;
}

export function isClickHouseUrl(target: string): boolean {
  return /^clickhouses?:\/\//i.test(target);
}

export function parseClickHouseUrl(target: string): ClickHouseUrl {
  // The shared redaction (src/bench/redact.ts) masks its password in every message and file from now on.
  registerSecretsOf(target);
  const problem = connectionUrlProblem(target);
  if (problem) throw new Error(problem);
  let u: URL;
  try {
    u = new URL(target);
  } catch {
    throw new Error('invalid ClickHouse URL: expected clickhouse://user[:password]@host[:port]/database');
  }
  // Parameters are refused by name (never echoing a value: one could be a password).
  const params = [...u.searchParams.keys()];
  if (params.length) throw new Error(`invalid ClickHouse URL: parameters are not supported (${params.join(', ')}); give the password in the URL's user part or in CLICKHOUSE_PASSWORD, settings in a tuning profile`);
  const secure = u.protocol.toLowerCase() === 'clickhouses:';
  if (!u.hostname) throw new Error('invalid ClickHouse URL: no host (expected clickhouse://user[:password]@host[:port]/database)');
  const port = u.port || (secure ? '8443' : '8123');
  const database = decodeURIComponent(u.pathname.replace(/^\//, '')) || 'default';
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(database)) throw new Error(`invalid ClickHouse URL: database name "${database}" must be letters, digits and underscores`);
  const username = decodeURIComponent(u.username) || 'default';
  const password = decodeURIComponent(u.password) || process.env.CLICKHOUSE_PASSWORD || '';
  registerSecret(password);
  const host = u.hostname.includes(':') && !u.hostname.startsWith('[') ? `[${u.hostname}]` : u.hostname;
  return {
    httpUrl: `${secure ? 'https' : 'http'}://${host}:${port}`,
    username,
    password,
    database,
    redacted: `${secure ? 'clickhouses' : 'clickhouse'}://${encodeURIComponent(username)}${password ? ':***' : ''}@${host}:${port}/${database}`,
  };
}
