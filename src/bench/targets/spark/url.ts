/**
 * --target hive2://[user[:password]@]host[:port][/?auth=plain|nosasl]: a Spark Thrift server (the
 * HiveServer2 protocol that Spark platforms expose for JDBC/ODBC clients). Port 10000 by default;
 * SASL PLAIN authentication (what HiveServer2 uses for NONE and LDAP) unless auth=nosasl.
 */
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
  let url: URL;
  try {
    url = new URL(spec.replace(/^hive2:/i, 'http:'));
  } catch {
    throw new Error(`invalid Spark Thrift server URL "${redactSparkUrl(spec)}": use hive2://user[:password]@host[:port]`);
  }
  const auth = url.searchParams.get('auth') ?? 'plain';
  if (auth !== 'plain' && auth !== 'nosasl') throw new Error(`unknown auth "${auth}" in the Spark Thrift server URL: use auth=plain (default) or auth=nosasl`);
  for (const key of url.searchParams.keys()) if (key !== 'auth') throw new Error(`unknown option "${key}" in the Spark Thrift server URL (only auth=plain|nosasl)`);
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : 10000,
    user: decodeURIComponent(url.username) || 'hdsbench',
    password: decodeURIComponent(url.password) || process.env.HIVE_PASSWORD || 'hdsbench',
    auth,
  };
}

/** The URL as it may be printed and recorded: never the password. */
export function redactSparkUrl(spec: string): string {
  return spec.replace(/^(hive2:\/\/[^:@/]*):[^@/]*@/i, '$1:***@');
}
