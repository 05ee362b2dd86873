import type { Manifest } from '../core/pipeline/manifest.js';
import type { Format } from '../core/encode/encoder.js';
import { InputError } from '../core/errors.js';
import type { S3Config } from '../core/storage/s3-store.js';

/** One result row: JSON-safe scalars only (numbers, strings, null; dates as 'YYYY-MM-DD'). */
export type Row = (number | string | null)[];

export interface QueryResult {
  columns: string[];
  rows: Row[];
  /** Seconds measured by the driver around the call (includes fetching every row to the client). */
  seconds: number;
  /** The engine's own timing when it reports one. */
  engineSeconds?: number;
}

/** A complete dataset in S3-compatible object storage (hdsbench run --dataset s3://…). */
export interface StoreDataset {
  /** s3://bucket/prefix, as the bidder named it. */
  url: string;
  /** The dataset's prefix in the bucket ('' for the bucket's root); its files are prefix/<manifest path>. */
  prefix: string;
  config: S3Config;
}

export interface LoadResult {
  seconds: number;
  rows: number;
  /** Bytes of the files read. */
  bytes: number;
  steps: { name: string; seconds: number }[];
}

export interface TargetCapabilities {
  /** Can be restarted between queries, for cold runs. */
  restartable: boolean;
  /** Data survives a restart. */
  durable: boolean;
  /** Accepts concurrent queries from several connections. */
  concurrent: boolean;
  /** The dataset format the target loads from. */
  format: Format;
}

export interface TargetInfo {
  product: string;
  version: string;
  /** How the driver reaches it, without any secret (e.g. "embedded", "postgres://user@host:5432/db"). */
  endpoint: string;
  /** Script targets only: how queries ran and what starting one of the folder's processes costs. */
  script?: ScriptRunInfo;
}

export interface ScriptRunInfo {
  /** The folder's name (engines/<name>/). */
  folder: string;
  /** One `query` process per query, or one long-running `session` process. */
  query_mode: 'process' | 'session';
  /** Median wall time of `SELECT 1` through a new `query` process: process start, connection and a trivial query. */
  process_round_trip_ms: number;
  /** Median time of `SELECT 1` through the running session (session mode only). */
  session_round_trip_ms?: number;
}

/**
 * The whole contract between the driver and a system under test. The driver never tests a
 * target's name: everything it needs is here. A target lives in src/bench/targets/<name>/.
 */
export interface Target {
  readonly capabilities: TargetCapabilities;
  /** Connect (or start an embedded engine) and check it answers; throws a clear error otherwise. */
  start(): Promise<TargetInfo>;
  /** Create the tables and load every file of the dataset; whatever makes it queryable counts. */
  load(dir: string, manifest: Manifest, onTable?: (table: string) => void): Promise<LoadResult>;
  /**
   * Optional: load the dataset straight from object storage, as a bidder's engine does at scale
   * (ClickHouse s3(), Spark s3a://). Without it the driver loads the verified local copy.
   */
  loadFromStore?(store: StoreDataset, manifest: Manifest, onTable?: (table: string) => void): Promise<LoadResult>;
  /**
   * Append a monthly flux and make it queryable: `dir` is laid out like a dataset (DIR/<TABLE>/part-k-of-K.<ext>,
   * several files per table when the dataset has several parts) and `flux` is its manifest (its tables and files).
   */
  append(dir: string, flux: Manifest): Promise<LoadResult>;
  /** Run a query and fetch every row; with engineTiming, also report the engine's own time when it can. */
  query(sql: string, options?: { engineTiming?: boolean }): Promise<QueryResult>;
  /** Bytes on disk of the loaded data, as the engine reports them. */
  size(): Promise<number>;
  /** Restart (close and reopen) so that the next query runs cold; only when restartable. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** What the bidder changes from the engine's defaults (bench/tuning.schema.json). */
export interface TuningProfile {
  description?: string;
  /** Session settings applied to every connection. */
  settings: Record<string, string | number | boolean>;
  /** SQL run in order after the load (indexes, partitioning…), counted in load time. */
  statements: string[];
  /** Sort key per table, for engines whose tables are created sorted (ClickHouse MergeTree ORDER BY). */
  order_by?: Record<string, string[]>;
}

export interface TargetFactoryOptions {
  /** Separate namespace (database file, schema) so that several datasets never mix. */
  namespace: string;
  /** Working folder the target may use. */
  workDir: string;
  tuning?: TuningProfile;
}

/** The target cannot be reached or stopped answering (refused, wrong password, server gone): not a result. */
export class TargetUnavailableError extends InputError {}

export type TargetFactory = (options: TargetFactoryOptions) => Target;
