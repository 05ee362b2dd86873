import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TargetUnavailableError } from '../../src/bench/target.js';
import { resolveTarget } from '../../src/bench/targets/index.js';
import { createScriptTarget } from '../../src/bench/targets/script/adapter.js';
import { tempDir } from '../helpers/cli.js';
import { sparkInstall, startSparkThriftServer, type LocalSpark } from '../helpers/spark.js';

/**
 * What the conformance suite (test/conformance/spark*.test.ts) does not cover: a Spark Thrift
 * server lost during a run (this file kills its own server), and what starting a Spark process
 * costs against a request to a running session (engines/spark-sql/).
 */
let spark: LocalSpark;

beforeAll(async () => {
  spark = await startSparkThriftServer(tempDir('spark-server'));
}, 600_000);

afterAll(async () => {
  await spark?.stop();
});

describe('engines/spark-sql/ (session mode)', () => {
  it('starting a Spark process per query costs far more than a request to the running session', async () => {
    process.env.PYSPARK_PYTHON = sparkInstall().python;
    const target = createScriptTarget(join(import.meta.dirname, '..', '..', 'engines', 'spark-sql'))({ namespace: 'benchmark', workDir: tempDir('spark-sql-work') });
    try {
      const info = await target.start();
      expect(info.version).toMatch(/^4\.0\.\d+$/);
      expect(info.script).toMatchObject({ folder: 'spark-sql', query_mode: 'session' });
      expect(info.script!.process_round_trip_ms).toBeGreaterThan(10 * info.script!.session_round_trip_ms!);
    } finally {
      await target.stop();
    }
  }, 600_000);
});

describe('the Spark target when its server goes away', () => {
  it('a query on a lost server fails as an unavailable target (exit 2, no result)', async () => {
    const target = resolveTarget(spark.url)({ namespace: 'lost', workDir: tempDir('spark-lost') });
    await target.start();
    expect((await target.query('SELECT 1 AS one')).rows).toEqual([[1]]);
    spark.kill();
    await expect(target.query('SELECT 2 AS two')).rejects.toBeInstanceOf(TargetUnavailableError);
  }, 600_000);
});
