import type { TargetFactory } from '../target.js';
import { isPostgresUrl } from '../../postgres/connection-url.js';
import { redactUrl } from '../redact.js';
import { createChdbTarget } from './clickhouse/embedded.js';
import { createClickHouseServerTarget } from './clickhouse/server.js';
import { isClickHouseUrl } from './clickhouse/url.js';
import { createDuckDbTarget } from './duckdb/adapter.js';
import { createPostgresTarget } from './postgres/adapter.js';
import { createScriptTarget } from './script/adapter.js';
import { createSparkTarget } from './spark/adapter.js';
import { isSparkThriftUrl } from './spark/url.js';
import { isScriptFolderSpec } from './script/folder.js';

/**
 * Target registry: maps what a bidder writes after --target to a factory. Adding a system means
 * adding a folder under src/bench/targets/ and one entry here; the driver itself never changes.
 */
export interface TargetEntry {
  /** Shown in --help. */
  syntax: string;
  matches(spec: string): boolean;
  factory(spec: string): TargetFactory;
}

const entries: TargetEntry[] = [
  { syntax: 'duckdb', matches: (s) => s === 'duckdb', factory: () => createDuckDbTarget },
  { syntax: 'postgres://user[:password]@host:port/db', matches: isPostgresUrl, factory: (url) => createPostgresTarget(url) },
  { syntax: 'clickhouse://user[:password]@host:8123/db', matches: isClickHouseUrl, factory: (url) => createClickHouseServerTarget(url) },
  { syntax: 'chdb', matches: (s) => s === 'chdb', factory: () => createChdbTarget },
  { syntax: 'hive2://user[:password]@host:port (a Spark Thrift server)', matches: isSparkThriftUrl, factory: (url) => createSparkTarget(url) },
  { syntax: './engines/<name>/ (a script target folder)', matches: isScriptFolderSpec, factory: (folder) => createScriptTarget(folder) },
];

export function registerTarget(entry: TargetEntry) {
  entries.push(entry);
}

export function targetSyntaxes(): string[] {
  return entries.map((e) => e.syntax);
}

export function resolveTarget(spec: string): TargetFactory {
  const entry = entries.find((e) => e.matches(spec));
  if (!entry) throw new Error(`unknown target "${redactUrl(spec)}": use ${targetSyntaxes().join(' or ')}`);
  return entry.factory(spec);
}
