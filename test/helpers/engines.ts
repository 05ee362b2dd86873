import type { Format } from '../../src/core/encode/encoder.js';
import { freePort, startLocalCluster } from '../../src/postgres/local-cluster.js';

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
  stop(): Promise<void>;
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
      stop: () => cluster.stop(),
    };
  },
  async victim() {
    const v = await startLocalCluster();
    return { spec: v.url, kill: () => v.kill(), stop: () => v.stop() };
  },
};

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
      async stop() {},
    };
  },
};

export const ENGINES: EngineUnderTest[] = [duckdb, postgres, clickhouse];
