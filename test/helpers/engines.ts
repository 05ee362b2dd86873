import { appendFileSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import type { Format } from '../../src/core/encode/encoder.js';
import { freePort, startLocalCluster, type LocalCluster } from '../../src/postgres/local-cluster.js';
import { tempDir } from './cli.js';
import { sparkInstall, startSparkThriftServer } from './spark.js';

/**
 * The engines the portability and conformance suites run on: one entry per engine. An entry says
 * which dataset format its target loads and how to start what the target needs (a throw-away
 * server, or nothing for an embedded engine); the suites reach it only through `--target <spec>`.
 */
export interface EngineUnderTest {
  name: string;
  /** The dataset format its target loads. */
  format: Format;
  /** Its specs carry a password (RunningEngine.secret). */
  credentials: boolean;
  /** Milliseconds a whole run may take, when the engine is slower than the suites' default (a JVM engine). */
  runTimeout?: number;
  /**
   * In `npm test`, the portability suite runs at most this many of each template's curated bindings
   * on the engine (evenly spaced, the first and the last included), all of them under
   * `npm run test:conformance-jvm`: a JVM engine answers about one query a second here, and all 282
   * bindings cost CI four and a half minutes. Unset: every binding, always.
   */
  bindingsPerTemplate?: number;
  /** Start what the target needs for one suite; `stop()` ends it. */
  start(): Promise<RunningEngine>;
  /** A second server the suite may kill during a run (a lost connection), for targets that connect to one. */
  victim?(): Promise<{ spec: string; kill(): Promise<void>; stop(): Promise<void> }>;
}

export interface RunningEngine {
  /** What follows --target. */
  spec: string;
  /** A password the spec carries: it must never reach any file or output. */
  secret?: string;
  /** Specs of the same kind of target that cannot be reached (nobody listening, wrong password), each carrying `secret`. */
  unreachable: { why: string; spec: string; message: RegExp }[];
  /**
   * Runs with SENTINEL in one position the target's driver reads a secret from (user-info, URL
   * parameters, the environment, a mistyped or malformed URL, a wrong password, an unreachable
   * host): each must fail with a clear message and status 2, and SENTINEL must appear nowhere.
   */
  sentinels?: SentinelCase[];
  stop(): Promise<void>;
}

/** A password no test puts anywhere else, so that finding it anywhere is a leak. */
export const SENTINEL = 'Sentinel-7q4Zx9w';

export interface SentinelCase {
  where: string;
  spec: string;
  /** Environment of the run, on top of the suite's. */
  env?: Record<string, string>;
  /** What stderr must say (a clear error, the sentinel masked). */
  message: RegExp;
}

export const duckdb: EngineUnderTest = {
  name: 'DuckDB',
  format: 'parquet',
  credentials: false,
  async start() {
    return { spec: 'duckdb', unreachable: [], async stop() {} };
  },
};

export const postgres: EngineUnderTest = {
  name: 'PostgreSQL',
  format: 'csv',
  credentials: true,
  async start() {
    const cluster = await startLocalCluster();
    const free = await freePort();
    return {
      spec: cluster.url,
      secret: cluster.password,
      unreachable: [
        { why: 'connection refused', spec: `postgres://hdsbench:${cluster.password}@127.0.0.1:${free}/postgres`, message: /connection refused/ },
        { why: 'wrong password', spec: cluster.url.replace(cluster.password, `${cluster.password}-wrong`), message: /authentication failed/ },
      ],
      sentinels: postgresSentinels(`127.0.0.1:${cluster.port}/postgres`, `127.0.0.1:${free}/postgres`),
      stop: () => cluster.stop(),
    };
  },
  async victim() {
    const v = await startLocalCluster();
    return { spec: v.url, kill: () => v.kill(), stop: () => v.stop() };
  },
};

/** A sentinel password in every position node-postgres reads one from; `host` answers, `refused` does not. */
function postgresSentinels(host: string, refused: string): SentinelCase[] {
  return [
    { where: 'user-info (wrong password)', spec: `postgres://hdsbench:${SENTINEL}@${host}`, message: /authentication failed/ },
    { where: 'the password parameter (wrong password)', spec: `postgres://hdsbench@${host}?password=${SENTINEL}`, message: /authentication failed/ },
    { where: 'the sslpassword and sslkey parameters', spec: `postgres://hdsbench@${host}?sslmode=require&sslpassword=${SENTINEL}&sslkey=/nonexistent/${SENTINEL}.key`, message: /cannot read the file/ },
    { where: 'PGPASSWORD (wrong password)', spec: `postgres://hdsbench@${host}`, env: { PGPASSWORD: SENTINEL }, message: /authentication failed/ },
    { where: 'user-info of an unreachable host', spec: `postgres://hdsbench:${SENTINEL}@${refused}`, message: /connection refused/ },
    { where: 'PGPASSWORD with an unreachable host', spec: `postgres://hdsbench@${refused}`, env: { PGPASSWORD: SENTINEL }, message: /connection refused/ },
    { where: 'user-info of a mistyped scheme', spec: `postgress://hdsbench:${SENTINEL}@${host}`, message: /unknown target "postgress:\/\/hdsbench:\*\*\*@/ },
    { where: 'user-info with an unencoded #', spec: `postgres://hdsbench:x#${SENTINEL}@${host}`, message: /must be percent-encoded/ },
    { where: 'user-info with an unencoded @', spec: `postgres://hdsbench:x@${SENTINEL}@${host}`, message: /must be percent-encoded/ },
  ];
}

/**
 * ClickHouse: the engine embedded in the npm package chdb, behind the same @clickhouse/client as a
 * server. No ClickHouse server can be installed from the registries this project uses (Debian's
 * is version 18.16, from 2018), so the server connector is exercised on what needs no server: a
 * refused connection.
 */
export const clickhouse: EngineUnderTest = {
  name: 'ClickHouse',
  format: 'parquet',
  credentials: true,
  async start() {
    const free = await freePort();
    const secret = `ch-${Math.random().toString(36).slice(2, 12)}`;
    return {
      spec: 'chdb',
      secret,
      unreachable: [{ why: 'connection refused', spec: `clickhouse://hdsbench:${secret}@127.0.0.1:${free}/default`, message: /connection refused/ }],
      // No server to refuse a wrong password (see above): the server connector's other positions, unreachable.
      sentinels: [
        { where: 'user-info of an unreachable server', spec: `clickhouse://hdsbench:${SENTINEL}@127.0.0.1:${free}/default`, message: /connection refused/ },
        { where: 'CLICKHOUSE_PASSWORD with an unreachable server', spec: `clickhouse://hdsbench@127.0.0.1:${free}/default`, env: { CLICKHOUSE_PASSWORD: SENTINEL }, message: /connection refused/ },
        { where: 'a password parameter (refused by name)', spec: `clickhouse://hdsbench@127.0.0.1:${free}/default?password=${SENTINEL}`, message: /parameters are not supported \(password\)/ },
        { where: 'user-info of a mistyped scheme', spec: `clickhous://hdsbench:${SENTINEL}@127.0.0.1:${free}/default`, message: /unknown target "clickhous:\/\/hdsbench:\*\*\*@/ },
        { where: 'user-info with an unencoded @', spec: `clickhouse://hdsbench:x@${SENTINEL}@127.0.0.1:${free}/default`, message: /must be percent-encoded/ },
      ],
      async stop() {},
    };
  },
};

/**
 * Spark SQL through a real Spark Thrift server (pyspark from PyPI, local mode, Java 17). Its
 * authentication is NONE, which takes any password: a wrong password cannot be refused, so only
 * a refused connection is checked here; a server lost during a run is checked in
 * test/spark/spark.test.ts, which kills its own server (a second Spark just to kill it would
 * cost a minute of JVM start and a whole qualification run).
 */
export const spark: EngineUnderTest = {
  name: 'Spark',
  format: 'parquet',
  credentials: true,
  runTimeout: 1_800_000,
  bindingsPerTemplate: 3,
  async start() {
    const server = await startSparkThriftServer(tempDir('spark-server'));
    const free = await freePort();
    return {
      spec: server.url,
      secret: server.password,
      unreachable: [{ why: 'connection refused', spec: `hive2://hdsbench:${server.password}@127.0.0.1:${free}`, message: /connection refused/ }],
      // Authentication NONE takes any password (see above): the other positions, unreachable.
      sentinels: [
        { where: 'user-info of an unreachable server', spec: `hive2://hdsbench:${SENTINEL}@127.0.0.1:${free}`, message: /connection refused/ },
        { where: 'HIVE_PASSWORD with an unreachable server', spec: `hive2://hdsbench@127.0.0.1:${free}`, env: { HIVE_PASSWORD: SENTINEL }, message: /connection refused/ },
        { where: 'a password parameter (refused by name)', spec: `hive2://hdsbench@127.0.0.1:${free}/?password=${SENTINEL}`, message: /unknown option "password"/ },
        { where: 'a JDBC-style ;password= in the path', spec: `hive2://hdsbench@127.0.0.1:${free}/default;password=${SENTINEL}`, message: /Spark Thrift server URL/ },
        { where: 'user-info of a mistyped scheme', spec: `hive://hdsbench:${SENTINEL}@127.0.0.1:${free}`, message: /unknown target "hive:\/\/hdsbench:\*\*\*@/ },
        { where: 'user-info with an unencoded /', spec: `hive2://hdsbench:x/${SENTINEL}@127.0.0.1:${free}`, message: /Spark Thrift server URL|must be percent-encoded/ },
      ],
      stop: () => server.stop(),
    };
  },
};

const ENGINES_DIR = join(import.meta.dirname, '..', '..', 'engines');

/** libpq's environment for a local cluster, as a bidder would set it for engines/psql/. */
function pgEnv(c: LocalCluster, port = new URL(c.url).port): Record<string, string> {
  return { PGHOST: '127.0.0.1', PGPORT: port, PGUSER: 'hdsbench', PGPASSWORD: c.password, PGDATABASE: 'postgres' };
}

/** A copy of engines/psql/ whose scripts reach another server (its psql-env.sh exports `env`). */
function psqlFolderWith(env: Record<string, string>): string {
  const dir = join(tempDir('psql-folder'), 'psql');
  cpSync(join(ENGINES_DIR, 'psql'), dir, { recursive: true });
  appendFileSync(join(dir, 'psql-env.sh'), Object.entries(env).map(([k, v]) => `export ${k}='${v}'\n`).join(''));
  return dir;
}

/** engines/psql/: the script target example, bash and psql against a real PostgreSQL server. */
export const psqlScript: EngineUnderTest = {
  name: 'psql script target',
  format: 'csv',
  credentials: true,
  async start() {
    const cluster = await startLocalCluster();
    Object.assign(process.env, pgEnv(cluster));
    const free = await freePort();
    return {
      spec: join(ENGINES_DIR, 'psql'),
      secret: cluster.password,
      unreachable: [
        { why: 'connection refused', spec: psqlFolderWith({ PGPORT: String(free) }), message: /cannot reach the engine: .*Connection refused/i },
        { why: 'wrong password', spec: psqlFolderWith({ PGPASSWORD: `${cluster.password}-wrong` }), message: /password authentication failed/ },
      ],
      // libpq's environment, as the folder's scripts read it.
      sentinels: <SentinelCase[]>[
        { where: 'PGPASSWORD (wrong password)', spec: join(ENGINES_DIR, 'psql'), env: { PGPASSWORD: SENTINEL }, message: /password authentication failed/ },
        { where: 'PGPASSWORD with an unreachable server', spec: join(ENGINES_DIR, 'psql'), env: { PGPASSWORD: SENTINEL, PGPORT: String(free) }, message: /cannot reach the engine: .*Connection refused/i },
        { where: 'a connection URI in PGDATABASE (the server echoes it in its error)', spec: join(ENGINES_DIR, 'psql'), env: { PGDATABASE: `postgresql://hdsbench:${SENTINEL}@127.0.0.1:${cluster.port}/postgres` }, message: /database "postgresql:\/\/hdsbench:\*\*\*@.* does not exist/ },
      ],
      stop: () => cluster.stop(),
    };
  },
  async victim() {
    const v = await startLocalCluster();
    return { spec: psqlFolderWith(pgEnv(v)), kill: () => v.kill(), stop: () => v.stop() };
  },
};

/** engines/spark-sql/: the script target example in session mode, pyspark in local mode (embedded: nothing to reach or lose). */
export const sparkSqlScript: EngineUnderTest = {
  name: 'spark-sql script target',
  format: 'parquet',
  credentials: false,
  runTimeout: 1_800_000,
  async start() {
    process.env.PYSPARK_PYTHON = sparkInstall().python;
    // Tiny test datasets: 4 shuffle partitions instead of 200, through pyspark's own launch variable.
    process.env.PYSPARK_SUBMIT_ARGS = '--conf spark.sql.shuffle.partitions=4 pyspark-shell';
    return { spec: join(ENGINES_DIR, 'spark-sql'), unreachable: [], async stop() {} };
  },
};

/**
 * The engines of the portability suite. The script examples (psqlScript, sparkSqlScript) run the
 * same engines as postgres and spark, so they take only the conformance suite: the SQL is the
 * engine's, the protocol is what they add.
 */
export const ENGINES: EngineUnderTest[] = [duckdb, postgres, clickhouse, spark];
