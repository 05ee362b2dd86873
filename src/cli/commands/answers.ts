import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { compareAnswers } from '../../bench/answers.js';
import { defaultDatasetDir, ensureDataset } from '../../bench/datasets.js';
import { computeAnswers, readReferenceAnswers, writeReferenceAnswers, answersPath } from '../../bench/phases/answer-validation.js';
import { createDuckDbTarget } from '../../bench/targets/duckdb/adapter.js';
import { loadWorkload } from '../../bench/workload.js';

/**
 * Reference answers: computed by the reference engine (embedded DuckDB) on the qualification
 * dataset. By default it compares them with the committed file; only `--update` rewrites it.
 */
export function answersCommand(): Command {
  return new Command('answers')
    .description('check (default) or regenerate (--update) the reference answers of bench/workload/answers.json')
    .option('--update', 'rewrite bench/workload/answers.json (only when the workload or the generator changed on purpose)')
    .option('--data <dir>', 'root under which the qualification dataset is generated or reused (in <dir>/hdsbench-<version>/)', 'data')
    .action(async (o: { update?: boolean; data: string }) => {
      const workload = loadWorkload();
      const q = workload.qualification;
      const dir = defaultDatasetDir(o.data, q, 'parquet');
      const manifest = await ensureDataset(dir, q, 'parquet', (l) => process.stderr.write(`${l}\n`));
      const workDir = await mkdtemp(join(tmpdir(), 'hdsbench-answers-'));
      const target = createDuckDbTarget({ namespace: 'reference', workDir });
      try {
        await target.start();
        await target.load(dir, manifest);
        const answers = await computeAnswers(target, workload);
        const fresh = {
          workload_version: workload.version,
          qualification: { generator_version: manifest.generator.version, schema_version: manifest.schema_version },
          qualification_dataset_sha256: String(manifest.dataset_sha256),
          answers,
        };
        if (o.update) {
          await writeReferenceAnswers(fresh);
          console.log(`${answersPath()}: ${Object.keys(answers).length} reference answers written for qualification dataset ${String(manifest.dataset_sha256).slice(0, 16)}…`);
          return;
        }
        const current = readReferenceAnswers();
        const problems: string[] = [];
        if (!current) problems.push(`${answersPath()} is missing`);
        else {
          if (current.qualification_dataset_sha256 !== fresh.qualification_dataset_sha256) problems.push(`answers are for qualification dataset ${current.qualification_dataset_sha256.slice(0, 16)}…, the generator now produces ${fresh.qualification_dataset_sha256.slice(0, 16)}…`);
          if (current.workload_version !== fresh.workload_version) problems.push(`answers are for workload ${current.workload_version}, this is ${fresh.workload_version}`);
          for (const t of workload.templates) {
            const diff = current.answers[t.id] ? compareAnswers(current.answers[t.id], answers[t.id], t.money) : [{ row: -1, column: '(missing)', expected: null, actual: null }];
            if (diff.length) problems.push(`${t.id}: ${JSON.stringify(diff[0])}`);
          }
        }
        if (problems.length) {
          console.error(`reference answers are out of date:\n${problems.map((p) => `  - ${p}`).join('\n')}\nrun \`hdsbench answers --update\` if the change is intended`);
          process.exitCode = 1;
        } else console.log(`${answersPath()}: all ${workload.templates.length} reference answers match`);
      } finally {
        await target.stop();
        await rm(workDir, { recursive: true, force: true });
      }
    });
}
