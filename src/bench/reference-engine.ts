import { rm } from 'node:fs/promises';
import { totalmem } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { defaultCatalog } from '../core/catalog/catalog.js';
import type { Manifest } from '../core/pipeline/manifest.js';
import type { Answer } from './answers.js';
import { scanFilesSql } from '../node/duckdb-scan.js';
import { toRow } from './rows.js';

/**
 * The reference engine's answers on the benchmark dataset itself: embedded DuckDB, with its
 * defaults, reading the dataset straight from its files — views over Parquet (about 0.8 s for the
 * 15 power queries at SF 0.1, against 6 s when loading tables first), tables typed by the schemas
 * for CSV — in a throw-away database of the work folder. Computed before the target is started, so
 * it never competes with a timed phase. The power phase's answers are compared with these: its
 * bindings derive from the run key (the evaluator's challenge), so a target cannot be right on the
 * qualification dataset only.
 *
 * Its memory is capped at a quarter of the machine's (REFERENCE_MEMORY_SHARE), spilling to a folder
 * of the work folder beyond that: the throughput phase's check runs while an embedded target still
 * holds its own buffers, and two DuckDB instances at their default limit (80 % of the memory each)
 * took an SF 10 run to 23.8 GB of resident memory on a 24 GB machine.
 */
export const REFERENCE_MEMORY_SHARE = 0.25;

export async function referenceAnswers(dir: string, manifest: Manifest, queries: { template: string; sql: string }[], workDir: string): Promise<Map<string, Answer>> {
  const answers = await referenceAnswersOf(dir, manifest, queries.map((q) => q.sql), workDir);
  return new Map(queries.map((q, i) => [q.template, answers[i]]));
}

/** The reference engine's answer to each query, in the order given (the throughput phase's check runs every distinct query of the window through it). */
export async function referenceAnswersOf(dir: string, manifest: Manifest, sqls: readonly string[], workDir: string): Promise<Answer[]> {
  const catalog = defaultCatalog();
  const file = join(workDir, 'reference-engine.duckdb');
  const db = await DuckDBInstance.create(file, {
    memory_limit: `${Math.max(256, Math.floor((totalmem() * REFERENCE_MEMORY_SHARE) / 2 ** 20))}MB`,
    temp_directory: join(workDir, 'reference-engine.tmp'),
  });
  const c = await db.connect();
  const out: Answer[] = [];
  try {
    for (const table of manifest.tables) {
      const paths = manifest.files.filter((f) => f.table === table).map((f) => join(dir, f.path));
      await c.run(`CREATE ${manifest.format === 'parquet' ? 'VIEW' : 'TABLE'} ${table} AS SELECT * FROM ${scanFilesSql(catalog.table(table), paths, manifest.format)}`);
    }
    for (const sql of sqls) {
      const reader = await c.runAndReadAll(sql);
      out.push({ columns: reader.columnNames(), rows: reader.getRows().map(toRow) });
    }
  } finally {
    c.closeSync();
    db.closeSync();
    await rm(file, { force: true });
    await rm(`${file}.wal`, { force: true });
    await rm(join(workDir, 'reference-engine.tmp'), { recursive: true, force: true });
  }
  return out;
}
