import { cpSync, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultDatasetDir } from '../../src/bench/datasets.js';
import { runBenchmark } from '../../src/bench/driver.js';
import type { BenchmarkResult } from '../../src/bench/result.js';
import { DEFAULT_SUT } from '../../src/bench/sut.js';
import { TargetUnavailableError, type Target, type TargetFactory } from '../../src/bench/target.js';
import { resolveTarget } from '../../src/bench/targets/index.js';
import { defaultCatalog } from '../../src/core/catalog/catalog.js';
import type { Format } from '../../src/core/encode/encoder.js';
import { scanFilesSql } from '../../src/node/duckdb-scan.js';
import { runCli, tempDir, type CliResult } from './cli.js';
import { SENTINEL, type EngineUnderTest, type RunningEngine } from './engines.js';

/**
 * The conformance suite every target passes: one call per target (test/conformance/<name>.test.ts).
 * Runs go through the target's --target spec only, as a bidder's would:
 * - a valid run gives the reference answers (answer validation and every power answer), a
 *   re-validated refresh and a verifiable signed result; the benchmark dataset has two parts, so
 *   that every target loads and appends (the refresh's flux is laid out in the dataset's parts)
 *   several files per table;
 * - one sabotaged run with four independent faults, each caught by its own check: an altered
 *   answer (answer validation), a truncated load (data validation), a query the engine rejects
 *   (the run is invalid, not aborted) and a truncated refresh (refresh validation);
 * - a refused connection or a wrong password exits with status 2 and writes no result, and a
 *   server lost during the run ends it with no result;
 * - the password of the target's URL never reaches any output or any file the runs leave.
 */
const SCALE = 0.005;
/** Two files per table in the load and in the refresh's append. */
const PARTS = 2;
/** A whole run, on a loaded 2-core machine. */
const DEFAULT_RUN_TIMEOUT = 600_000;

export function describeConformance(engine: EngineUnderTest) {
  const RUN_TIMEOUT = engine.runTimeout ?? DEFAULT_RUN_TIMEOUT;
  describe(`target conformance: ${engine.name}`, () => {
    const data = tempDir('conformance-data');
    const key = join(tempDir('conformance-key'), 'key.jwk');
    /** Every folder the runs write to, and every output they print: searched for the password. */
    const folders: string[] = [data];
    const outputs: string[] = [];
    let running: RunningEngine;
    let factory: TargetFactory;

    const cli = async (args: string[]): Promise<CliResult> => {
      const r = await runCli(args);
      outputs.push(r.stdout, r.stderr);
      return r;
    };
    const folder = (prefix: string) => {
      const dir = tempDir(prefix);
      folders.push(dir);
      return dir;
    };

    beforeAll(async () => {
      running = await engine.start();
      factory = resolveTarget(running.spec);
      const gen = await Promise.all(
        [
          { scale: SCALE, parts: PARTS },
          { scale: 0.01, parts: 1 },
        ].map(({ scale, parts }) => runCli(['gen', '--scale', String(scale), '--parts', String(parts), '--seed', '42', '--format', engine.format, '--out', defaultDatasetDir(data, { seed: 42, scale, parts }, engine.format), '--no-progress'])),
      );
      for (const g of gen) expect(g.stderr).toBe('');
    }, RUN_TIMEOUT);

    afterAll(async () => {
      await running?.stop();
    });

    const run = (target: TargetFactory) =>
      runBenchmark({
        target,
        scale: SCALE,
        seed: 42,
        parts: PARTS,
        streams: 2,
        windowSeconds: 0.5,
        sut: DEFAULT_SUT,
        dataDir: data,
        outDir: folder('conformance-out'),
        workDir: folder('conformance-work'),
        keyPath: key,
        log: () => undefined,
      });

    it('a valid run gives the reference answers, re-validates the refresh and writes a verifiable result', async () => {
      const out = folder('conformance-results');
      const r = await cli(['run', '--target', running.spec, '--scale', String(SCALE), '--parts', String(PARTS), '--window', '1', '--data', data, '--out', out, '--key', key]);
      expect(r.code, r.stderr + r.stdout).toBe(0);
      const file = join(out, readdirSync(out)[0]);
      const result = JSON.parse(readFileSync(file, 'utf8')) as BenchmarkResult;
      expect(result.validity).toEqual({ valid: true, reasons: [] });
      expect(result.phases.data_validation.ok).toBe(true);
      expect(result.phases.answer_validation.templates.map((t) => t.ok)).toEqual(Array(15).fill(true));
      expect(result.phases.power.queries.map((q) => q.answer_ok)).toEqual(Array(15).fill(true));
      expect(result.phases.throughput.completed).toBeGreaterThan(0);
      expect(result.phases.throughput.errors).toBe(0);
      expect(result.phases.refresh.rows).toBeGreaterThan(0);
      expect(result.phases.refresh.revalidation_ok).toBe(true);
      expect(result.dataset.parts).toBe(PARTS);
      expect(result.phases.load.size_on_disk_bytes).toBeGreaterThan(0);
      expect(result.target.capabilities.format).toBe(engine.format);
      const verified = await cli(['verify', file]);
      expect(verified.code, verified.stderr).toBe(0);
    }, RUN_TIMEOUT);

    it('a sabotaged run is invalid, each fault caught by its own check', async () => {
      const result = (await run(sabotaged(factory, engine.format))).result;
      const reasons = result.validity.reasons.join('\n');
      expect(result.validity.valid).toBe(false);
      // An altered answer (qualification namespace only): answer validation.
      expect(reasons).toMatch(/answer validation: q01 differs from the reference answer/);
      expect(result.phases.answer_validation.templates.filter((t) => !t.ok).map((t) => t.template)).toEqual(['q01']);
      // A truncated load: data validation counts the rows.
      expect(reasons).toMatch(/data validation: ER_PHA_F: \d+ rows loaded, the manifest lists \d+/);
      // A query the engine itself rejects: recorded as a failure, the run goes on.
      const q02 = result.phases.power.queries.find((q) => q.template === 'q02');
      expect(q02?.error).toMatch(/hdsbench_missing_table/i);
      expect(reasons).toMatch(/power: q02 failed/);
      expect(result.phases.power.queries.filter((q) => q.error).map((q) => q.template)).toEqual(['q02']);
      // A truncated refresh: refresh validation.
      expect(result.phases.refresh.revalidation_ok).toBe(false);
      expect(reasons).toMatch(/refresh validation: ER_PHA_F: \d+ rows loaded, the manifest lists \d+/);
    }, RUN_TIMEOUT);

    it.skipIf(!engine.credentials)('an unreachable target (refused, wrong password) exits with status 2 and writes no result', async () => {
      expect(running.unreachable.length).toBeGreaterThan(0);
      for (const u of running.unreachable) {
        const out = folder('conformance-unreachable');
        const r = await cli(['run', '--target', u.spec, '--scale', String(SCALE), '--parts', String(PARTS), '--data', data, '--out', out, '--key', key]);
        expect(r.code, `${u.why}: ${r.stderr}`).toBe(2);
        expect(r.stderr, u.why).toMatch(u.message);
        expect(r.stderr).toMatch(/no result was written/);
        expect(existsSync(out) ? readdirSync(out) : [], u.why).toEqual([]);
      }
    }, RUN_TIMEOUT);

    // Embedded engines have no connection to lose.
    it.skipIf(!engine.victim)('a server lost during the run ends it with no result', async () => {
      const victim = await engine.victim!();
      try {
        const base = resolveTarget(victim.spec);
        const outDir = folder('conformance-lost');
        const attempt = runBenchmark({
          target: (options) =>
            override(base(options), (t) => ({
              async load(dir, manifest, onTable) {
                if (options.namespace === 'benchmark') await victim.kill();
                return t.load(dir, manifest, onTable);
              },
            })),
          scale: SCALE,
          seed: 42,
          parts: PARTS,
          streams: 1,
          windowSeconds: 0.5,
          sut: DEFAULT_SUT,
          dataDir: data,
          outDir,
          workDir: folder('conformance-work'),
          keyPath: key,
          log: () => undefined,
        });
        await expect(attempt).rejects.toBeInstanceOf(TargetUnavailableError);
        expect(existsSync(outDir) ? readdirSync(outDir) : []).toEqual([]);
      } finally {
        await victim.stop();
      }
    }, RUN_TIMEOUT);

    it.skipIf(!engine.credentials)('a sentinel password in every position the driver reads one from appears nowhere: outputs, results, logs, temporary folders', async () => {
      const cases = running.sentinels ?? [];
      expect(cases.length).toBeGreaterThan(0);
      // The first alone (a run of its own may have to generate the dataset), then three at a time:
      // each is a CLI process that fails at the target's start.
      const batches = [cases.slice(0, 1)];
      for (let i = 1; i < cases.length; i += 3) batches.push(cases.slice(i, i + 3));
      for (const batch of batches) {
        const runs = await Promise.all(batch.map(async (c) => {
          const out = tempDir('sentinel-out');
          // The run's temporary folders (work folder, logs) go here, to be searched too.
          const tmp = tempDir('sentinel-tmp');
          const r = await runCli(['run', '--target', c.spec, '--scale', String(SCALE), '--window', '0.5', '--data', data, '--out', out, '--key', key], { ...c.env, TMPDIR: tmp, HDSBENCH_DEBUG: '1' });
          return { c, out, tmp, r };
        }));
        // Searched once every run of the batch has ended: a run still writing into the shared data
        // folder (a manifest's temporary file, renamed away) would race the walk.
        for (const { c, out, tmp, r } of runs) {
          expect(r.code, `${c.where}: ${r.stderr}`).toBe(2);
          expect(r.stderr, c.where).toMatch(c.message);
          for (const v of [SENTINEL, encodeURIComponent(SENTINEL), SENTINEL.slice(1)]) {
            expect(r.stdout.includes(v), `${c.where}: stdout holds ${v}`).toBe(false);
            expect(r.stderr.includes(v), `${c.where}: stderr holds ${v}: ${r.stderr}`).toBe(false);
            for (const f of [out, tmp, data, dirname(key)].flatMap(filesUnder)) expect(readFileSync(f).includes(v), `${c.where}: ${f} holds ${v}`).toBe(false);
          }
        }
      }
    }, RUN_TIMEOUT);

    // Runs in file order, after every run above: their outputs and folders are all there.
    it.skipIf(!engine.credentials)('the password never reaches any output or any file the runs leave', () => {
      const secret = running.secret!;
      expect(secret.length).toBeGreaterThan(6);
      for (const o of outputs) expect(o.includes(secret)).toBe(false);
      for (const f of folders.flatMap(filesUnder)) expect(readFileSync(f).includes(secret), f).toBe(false);
      expect(outputs.length).toBeGreaterThan(0);
    });
  });
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/** A target that behaves like `base` except for what `change` returns. */
function override(base: Target, change: (t: Target) => Partial<Target>): Target {
  const overrides = change(base) as Record<string | symbol, unknown>;
  return new Proxy(base, {
    get(t, prop) {
      if (prop in overrides) return overrides[prop];
      const v = Reflect.get(t, prop, t) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(t) : v;
    },
  });
}

/**
 * The four faults of the sabotaged run. Qualification namespace: q01's first row altered.
 * Benchmark namespace: ER_PHA_F loaded without its last rows, q02 sent with a table name the engine
 * does not know, and the refresh's ER_PHA_F file appended without its last rows.
 */
function sabotaged(factory: TargetFactory, format: Format): TargetFactory {
  return (options) =>
    override(factory(options), (t) => {
      if (options.namespace === 'qualification') {
        return {
          async query(sql, o) {
            const r = await t.query(sql, o);
            if (/Cohort selection by drug class/.test(sql) && r.rows.length) r.rows[0] = r.rows[0].map((v) => (typeof v === 'number' ? v + 1 : v));
            return r;
          },
        };
      }
      if (options.namespace !== 'benchmark') return {};
      return {
        async load(dir, manifest, onTable) {
          const copy = await truncatedCopy(dir, manifest.files.filter((f) => f.table === 'ER_PHA_F').map((f) => f.path), format);
          return t.load(copy, manifest, onTable);
        },
        async append(dir, flux) {
          const files = flux.files.filter((f) => f.table === 'ER_PHA_F').map((f) => f.path);
          expect(files.length).toBe(PARTS);
          return t.append(await truncatedCopy(dir, files, format), flux);
        },
        async query(sql, o) {
          return t.query(/Cohort selection by diagnosis/.test(sql) ? sql.replace(/\bT_MCOaaD\b/g, 'hdsbench_missing_table') : sql, o);
        },
      };
    });
}

/** A copy of a dataset folder whose ER_PHA_F files lose their last 10 rows (written in the same format by DuckDB). */
async function truncatedCopy(dir: string, paths: string[], format: Format): Promise<string> {
  const copy = join(tempDir('conformance-truncated'), 'dataset');
  cpSync(dir, copy, { recursive: true });
  const schema = defaultCatalog().table('ER_PHA_F');
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  try {
    for (const p of paths) {
      const n = Number((await c.runAndReadAll(`SELECT count(*) FROM ${scanFilesSql(schema, [join(dir, p)], format)}`)).getRows()[0][0]);
      const options = format === 'csv' ? `FORMAT csv, HEADER true, DATEFORMAT '%Y-%m-%d'` : 'FORMAT parquet, COMPRESSION zstd';
      await c.run(`COPY (SELECT * FROM ${scanFilesSql(schema, [join(dir, p)], format)} LIMIT ${Math.max(0, n - 10)}) TO '${join(copy, p)}' (${options})`);
    }
  } finally {
    c.closeSync();
    db.closeSync();
  }
  return copy;
}
