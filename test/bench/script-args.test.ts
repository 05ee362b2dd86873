import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The benchmark scripts read their command line strictly, before they start any server or measurement. */
const DIST = join(import.meta.dirname, '..', '..', 'dist', 'bench');

function run(script: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(DIST, script), ...args], { timeout: 20_000, env: { ...process.env, AWS_ACCESS_KEY_ID: '', HDSBENCH_S3_BUCKET: '' } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

const SCRIPTS = [
  'load/serve-health.js',
  'load/load-run.js',
  'load/worker-cpu.js',
  'load/workerd-disconnect.js',
  'load/handover-blocks.js',
  'load/part-budget.js',
  'load/part-cost.js',
  'load/part-write-budget.js',
  'curation/binding-cost.js',
  'storage/upload-throughput.js',
  'gen/throughput.js',
  'gen/measure.js',
];

describe('benchmark scripts: command line', () => {
  it.each(SCRIPTS)('%s --help prints its usage and exits 0 without measuring', async (script) => {
    const r = await run(script, ['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^usage: /);
    expect(r.stderr).toBe('');
  });

  it.each(SCRIPTS)('%s refuses an unknown option with exit 2 and its usage', async (script) => {
    const r = await run(script, ['--no-such-option']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("'--no-such-option'");
    expect(r.stderr).toContain('usage: ');
  });

  it.each([
    ['load/serve-health.js', ['--clients', 'many'], "clients must be a whole number ≥ 1, got 'many'"],
    ['load/serve-health.js', ['--runtime', 'bun'], "runtime must be one of node, workerd, both, got 'bun'"],
    ['load/serve-health.js', ['--seconds'], "'--seconds <value>' argument missing"],
    ['load/load-run.js', ['--requests', '0'], "requests must be a whole number ≥ 1, got '0'"],
    ['load/worker-cpu.js', ['--format', 'xml'], "format must be one of parquet, arrow, csv, got 'xml'"],
    ['load/workerd-disconnect.js', ['--formats', 'parquet,xml'], "formats: 'xml' is not parquet, arrow or csv"],
    ['load/handover-blocks.js', ['--after-ms', 'soon'], "after-ms must be a number ≥ 0, got 'soon'"],
    ['load/part-budget.js', ['1', 'ER_PRS_F', 'parquet', 'extra'], 'unexpected argument: extra'],
    ['load/part-cost.js', ['abc'], "scale must be a number ≥ 0.00001, got 'abc'"],
    ['load/part-write-budget.js', ['0.01', 'parquet', 'p', '1.5'], "beneficiaries per part must be a whole number ≥ 1, got '1.5'"],
    ['curation/binding-cost.js', ['--seed=-1'], "seed must be a whole number ≥ 0, got '-1'"],
    ['storage/upload-throughput.js', ['--from', 'data'], '--from and --to are required'],
    ['storage/upload-throughput.js', ['--from', 'data', '--to', 'data2'], "--to must be an s3:// location, got 'data2'"],
    ['gen/throughput.js', ['--scales', '0.1,x'], "--scales: each scale must be a number above 0 and at most 1000, got 'x'"],
    ['gen/throughput.js', ['--formats', 'csv,xml'], "--formats: each must be csv, parquet or arrow, got 'xml'"],
    ['gen/throughput.js', ['--runs', '0'], "runs must be a whole number ≥ 1, got '0'"],
    ['gen/measure.js', ['0.1', 'xml'], "format must be one of csv, parquet, arrow, got 'xml'"],
    ['gen/measure.js', ['0.1', 'csv', '--parts', '2.5'], "parts must be a whole number ≥ 1, got '2.5'"],
  ] as const)('%s %j: exit 2 naming the problem', async (script, args, message) => {
    const r = await run(script, [...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
  });
});
