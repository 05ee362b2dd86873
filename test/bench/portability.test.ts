import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareAnswers, type Answer } from '../../src/bench/answers.js';
import { defaultDatasetDir } from '../../src/bench/datasets.js';
import { readReferenceAnswers } from '../../src/bench/phases/answer-validation.js';
import { existsSync } from 'node:fs';
import { totalmem } from 'node:os';
import { join } from 'node:path';
import { REFERENCE_MEMORY_SHARE, referenceAnswers, referenceAnswersOf } from '../../src/bench/reference-engine.js';
import type { Target } from '../../src/bench/target.js';
import { resolveTarget } from '../../src/bench/targets/index.js';
import { loadWorkload, renderSql, type ParamValue, type Template } from '../../src/bench/workload.js';
import type { Format } from '../../src/core/encode/encoder.js';
import { readManifest } from '../../src/node/dataset-writer.js';
import { ENGINES, type RunningEngine } from '../helpers/engines.js';
import { runCli, tempDir } from '../helpers/cli.js';

/**
 * Portability of the workload: every template at every curated binding (every combination of its
 * parameters' values) runs unchanged on every engine of test/helpers/engines.ts, on the
 * qualification dataset, and each answer is compared — with the tolerances of answer validation
 * — with the reference engine's answer computed from the dataset files. The reference engine
 * itself is checked against bench/workload/answers.json at the qualification bindings.
 */
const workload = loadWorkload();
const qual = workload.qualification;
const data = tempDir('portability-data');
const datasetDir = (format: Format) => defaultDatasetDir(data, qual, format);

/** Every binding of a template: the cartesian product of its parameters' curated values. */
function allBindings(t: Template): Record<string, ParamValue>[] {
  return Object.entries(t.params).reduce<Record<string, ParamValue>[]>((acc, [name, values]) => acc.flatMap((b) => values.map((v) => ({ ...b, [name]: v }))), [{}]);
}

/** `count` indices of `0..n-1`, evenly spaced, the first and the last included (all of them when count ≥ n). */
function spread(n: number, count: number): number[] {
  if (count >= n) return [...Array(n).keys()];
  if (count <= 1) return [0];
  return [...new Set(Array.from({ length: count }, (_, i) => Math.round((i * (n - 1)) / (count - 1))))];
}

/** The JVM conformance run (`npm run test:conformance-jvm`) takes every binding on every engine. */
const everyBinding = Boolean(process.env.HDSBENCH_JVM_CONFORMANCE);

const queries = workload.templates.flatMap((t) => allBindings(t).map((binding) => ({ template: t, binding, key: `${t.id} ${JSON.stringify(binding)}`, sql: renderSql(t, binding) })));
let reference: Map<string, Answer>;

beforeAll(async () => {
  const formats = [...new Set(['parquet' as Format, ...ENGINES.map((e) => e.format)])];
  const gen = await Promise.all(formats.map((format) => runCli(['gen', '--scale', String(qual.scale), '--seed', String(qual.seed), '--format', format, '--out', datasetDir(format), '--no-progress'])));
  for (const g of gen) expect(g.stderr).toBe('');
  const manifest = await readManifest(datasetDir('parquet'));
  if (!manifest) throw new Error('no qualification dataset');
  // The qualification bindings too: answers.json holds their answers (q14 and q15 qualify on a wider list of departments than their curated ones).
  const qualification = workload.templates.map((t) => ({ template: `${t.id} qualification`, sql: renderSql(t, t.qualification) }));
  reference = await referenceAnswers(datasetDir('parquet'), manifest, [...queries.map((q) => ({ template: q.key, sql: q.sql })), ...qualification], tempDir('portability-reference'));
}, 900_000);

describe('the workload', () => {
  it('has 282 curated bindings in all', () => {
    expect(queries).toHaveLength(282);
  });

  it('samples bindings evenly, first and last included, for engines that take a sample', () => {
    expect(spread(16, 3)).toEqual([0, 8, 15]);
    expect(spread(2, 3)).toEqual([0, 1]);
    expect(spread(64, 1)).toEqual([0]);
  });

  it('the reference engine keeps to a quarter of the memory, spills into the work folder and leaves nothing there', async () => {
    const manifest = await readManifest(datasetDir('parquet'));
    const work = tempDir('reference-memory');
    const [answer] = await referenceAnswersOf(datasetDir('parquet'), manifest!, ["SELECT current_setting('memory_limit') AS m, current_setting('temp_directory') AS t"], work);
    const [limit, temp] = answer.rows[0] as [string, string];
    const m = /^([\d.]+) (KiB|MiB|GiB)$/.exec(limit);
    expect(m, limit).not.toBeNull();
    const bytes = Number(m![1]) * 2 ** ({ KiB: 10, MiB: 20, GiB: 30 } as const)[m![2] as 'KiB' | 'MiB' | 'GiB'];
    expect(bytes).toBeLessThanOrEqual(totalmem() * REFERENCE_MEMORY_SHARE * 1.01);
    expect(bytes).toBeGreaterThan(totalmem() * REFERENCE_MEMORY_SHARE * 0.9);
    expect(temp).toBe(join(work, 'reference-engine.tmp'));
    expect(existsSync(join(work, 'reference-engine.tmp'))).toBe(false);
    expect(existsSync(join(work, 'reference-engine.duckdb'))).toBe(false);
  });

  it('the reference engine reading the files gives the answers of bench/workload/answers.json at the qualification bindings', () => {
    const trusted = readReferenceAnswers();
    expect(trusted?.workload_version).toBe(workload.version);
    for (const t of workload.templates) {
      const answer = reference.get(`${t.id} qualification`);
      expect(answer, t.id).toBeDefined();
      expect(compareAnswers(trusted!.answers[t.id], answer!, t.money), t.id).toEqual([]);
    }
  });
});

for (const engine of ENGINES) {
  describe(`every template at every binding on ${engine.name}`, () => {
    let running: RunningEngine;
    let target: Target;

    beforeAll(async () => {
      running = await engine.start();
      target = resolveTarget(running.spec)({ namespace: 'portability', workDir: tempDir(`portability-${engine.name.toLowerCase()}`) });
      await target.start();
      const dir = datasetDir(engine.format);
      const manifest = await readManifest(dir);
      if (!manifest) throw new Error(`no ${engine.format} qualification dataset`);
      await target.load(dir, manifest);
    }, 600_000);

    afterAll(async () => {
      await target?.stop();
      await running?.stop();
    });

    for (const t of workload.templates) {
      const ofTemplate = queries.filter((x) => x.template === t);
      const limit = everyBinding ? undefined : engine.bindingsPerTemplate;
      const chosen = limit === undefined ? ofTemplate : spread(ofTemplate.length, limit).map((i) => ofTemplate[i]);
      const label = chosen.length === ofTemplate.length ? `${ofTemplate.length} bindings` : `${chosen.length} of ${ofTemplate.length} bindings; all in test:conformance-jvm`;
      it(`${t.id} (${label}): same answers as the reference engine`, async () => {
        const problems: string[] = [];
        for (const q of chosen) {
          try {
            const r = await target.query(q.sql);
            const mismatches = compareAnswers(reference.get(q.key)!, r, t.money);
            if (mismatches.length) problems.push(`${q.key}: ${JSON.stringify(mismatches[0])}`);
          } catch (e) {
            problems.push(`${q.key}: ${(e as Error).message.split('\n')[0]}`);
          }
        }
        expect(problems).toEqual([]);
      }, 600_000);
    }
  });
}
