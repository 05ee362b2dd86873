/**
 * --target hive2://[user[:password]@]host[:port][/?auth=plain|nosasl]: a Spark Thrift server (the
 * HiveServer2 protocol that Spark platforms expose for JDBC/ODBC clients). Port 10000 by default;
 * SASL PLAIN authentication (what HiveServer2 uses for NONE and LDAP) unless auth=nosasl.
 */
import { redactUrl, registerSecret, registerSecretsOf } from '../../redact.js';

export interface SparkThriftUrl {
  host: string;
  port: number;
  user: string;
  password: string;
  auth: 'plain' | 'nosasl';
}

export function isSparkThriftUrl(spec: string): boolean {
  return /^hive2:\/\//i.test(spec);
}

export function parseSparkThriftUrl(spec: string): SparkThriftUrl {
  // The shared redaction (src/bench/redact.ts) masks its password in every message and file from now on.
  registerSecretsOf(spec);
  let url: URL;
  try {
    url = new URL(spec.replace(/^hive2:/i, 'http:'));
  } catch {
    throw new Error(`invalid Spark Thrift server URL "${redactSparkUrl(spec)}": use hive2://user[:password]@host[:port]`);
  }
  const auth = url.searchParams.get('auth') ?? 'plain';
  if (auth !== 'plain' && auth !== 'nosasl') throw new Error(`unknown auth "${auth}" in the Spark Thrift server URL: use auth=plain (default) or auth=nosasl`);
  for (const key of url.searchParams.keys()) if (key !== 'auth') throw new Error(`unknown option "${key}" in the Spark Thrift server URL (only auth=plain|nosasl)`);
  // A JDBC URL's `;name=value` session variables (`/default;password=…`) would be ignored silently,
  // and a password among them taken for a database name: refused, by name only.
  const path = decodeURIComponent(url.pathname);
  if (path.includes(';')) {
    const names = [...path.matchAll(/;([^=;]*)=?/g)].map((m) => m[1]).filter(Boolean);
    throw new Error(`the Spark Thrift server URL takes no JDBC ;name=value settings (${names.join(', ')}): give the password in its user part (hive2://user:password@host:port) or in HIVE_PASSWORD, settings in a tuning profile`);
  }
  if (!/^\/?([A-Za-z_][A-Za-z0-9_]*)?\/?$/.test(path)) throw new Error('the Spark Thrift server URL has an unexpected path (expected hive2://user[:password]@host[:port][/database]; percent-encode a / in the password as %2F)');
  const password = decodeURIComponent(url.password) || process.env.HIVE_PASSWORD || 'hdsbench';
  registerSecret(password);
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : 10000,
    user: decodeURIComponent(url.username) || 'hdsbench',
    password,
    auth,
  };
}

/** The URL as it may be printed and recorded: never the password. */
export function redactSparkUrl(spec: string): string {
  return redactUrl(spec);
}
