/**
 * npm run bench:pg-ingest — the PostgreSQL target's load (COPY … FROM STDIN streamed from the CSV
 * files, 4 connections) against PostgreSQL's own bulk path, `psql \copy` of the same files (one
 * connection, then 4 in parallel), on a throw-away local server. Prints rows/s and the ratios.
 * Options: --scale 0.1 (the CSV dataset is generated under data/ unless present) --runs 3
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import pg from 'pg';
import { defaultDatasetDir, ensureDataset } from '../../src/bench/datasets.js';
import { createPostgresTarget } from '../../src/bench/targets/postgres/adapter.js';
import { formatCount, textTable } from '../../src/format/text.js';
import { defaultCatalog } from '../../src/core/catalog/catalog.js';
import { createTableSql } from '../../src/postgres/ddl.js';
import { startLocalCluster } from '../../src/postgres/local-cluster.js';

const run = promisify(execFile);
const { values } = parseArgs({ options: { scale: { type: 'string', default: '0.1' }, runs: { type: 'string', default: '3' } } });
const spec = { seed: 42, scale: Number(values.scale), parts: 1 };
const dir = defaultDatasetDir('data', spec, 'csv');
const manifest = await ensureDataset(dir, spec, 'csv', (l) => console.error(l));
const rows = manifest.files.reduce((a, f) => a + f.rows, 0);
const cluster = await startLocalCluster();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function psqlCopy(parallel: number): Promise<number> {
  const client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
  await client.query('DROP SCHEMA IF EXISTS psql_copy CASCADE; CREATE SCHEMA psql_copy');
  for (const t of manifest.tables) await client.query(createTableSql(defaultCatalog().table(t)).replace(/^CREATE TABLE /, 'CREATE TABLE psql_copy.'));
  await client.end();
  const files = [...manifest.files];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (let f = files.shift(); f; f = files.shift()) {
        await run('psql', [cluster.url, '-v', 'ON_ERROR_STOP=1', '-q', '-c', `\\copy psql_copy.${f.table} FROM '${join(dir, f.path)}' WITH (FORMAT csv, HEADER true)`]);
      }
    }),
  );
  return (performance.now() - t0) / 1000;
}

async function targetCopy(): Promise<number> {
  const workDir = await mkdtemp(join(tmpdir(), 'hdsbench-ingest-'));
  const target = createPostgresTarget(cluster.url)({ namespace: 'ingest', workDir });
  await target.start();
  const load = await target.load(dir, manifest);
  await target.stop();
  await rm(workDir, { recursive: true, force: true });
  return load.steps.find((s) => s.name === 'copy')?.seconds ?? load.seconds;
}

try {
  const samples = { target: [] as number[], psql1: [] as number[], psql4: [] as number[] };
  for (let i = 0; i < Number(values.runs); i++) {
    samples.target.push(await targetCopy());
    samples.psql1.push(await psqlCopy(1));
    samples.psql4.push(await psqlCopy(4));
  }
  const t = median(samples.target);
  const lines = [
    ['hdsbench PostgreSQL target (COPY FROM STDIN, 4 connections)', t],
    ['psql \\copy, 1 connection', median(samples.psql1)],
    ['psql \\copy, 4 connections', median(samples.psql4)],
  ].map(([name, s]) => [name as string, (s as number).toFixed(2), formatCount(Math.round(rows / (s as number))), ((s as number) / t).toFixed(2)]);
  console.log(`COPY of ${formatCount(rows)} rows (${manifest.files.length} CSV files, scale ${spec.scale}) into PostgreSQL on 127.0.0.1; median of ${values.runs} run(s)`);
  console.log(textTable(['loader', 'seconds', 'rows/s', 'time ratio to hdsbench'], lines));
} finally {
  await cluster.stop();
}
