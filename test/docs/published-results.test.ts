import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

/**
 * The result files published in docs/engines-sf0.1/ stay verifiable and rankable by this hdsbench,
 * with the command their README gives: a change of the result-file schema or of compare that
 * would reject them shows here.
 */
const DIR = join(import.meta.dirname, '..', '..', 'docs', 'engines-sf0.1');

describe('docs/engines-sf0.1', () => {
  it('compare ranks the five published runs together, none excluded', async () => {
    const files = readdirSync(join(DIR, 'result-files')).map((f) => join(DIR, 'result-files', f));
    expect(files).toHaveLength(5);
    const r = await runCli(['compare', ...files, '--challenge', '5f3a9c0e7d21', '--digests', join(DIR, 'digests.json'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const comparison = JSON.parse(r.stdout) as { files: { admitted: boolean; reasons: string[] }[]; groups: { entries: { product: string; rank: number }[] }[] };
    expect(comparison.files.map((f) => [f.admitted, f.reasons])).toEqual(files.map(() => [true, []]));
    expect(comparison.groups).toHaveLength(1);
    expect(comparison.groups[0].entries.map((e) => e.product).sort()).toEqual(['ClickHouse', 'DuckDB', 'PostgreSQL', 'Spark', 'psql script target']);
  });
});
