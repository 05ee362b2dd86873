import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateChecks } from '../../src/profile/checks.js';

/**
 * docs/realism.md's table of realism checks says what schemas/model/realism-checks.json says: one row per
 * realism check, in the file's order (the order of the profile report), with its label, target, unit and
 * source (`± t + 3 SE` for a share check whose band adds its sampling error). Editing a check means
 * editing its row.
 */

const root = join(import.meta.dirname, '..', '..');
const file = validateChecks(JSON.parse(readFileSync(join(root, 'schemas', 'model', 'realism-checks.json'), 'utf8')));
const checks = file.checks;
const doc = readFileSync(join(root, 'docs', 'realism.md'), 'utf8').split('\n');

const number = (v: number) => String(v);
const z = file.sampling?.z;
const target = (c: (typeof checks)[number]) =>
  (c.compare ?? 'within') === 'within'
    ? `${number(c.target)} ± ${number(c.tolerance)}${c.sampling ? ` + ${z} SE` : ''}`
    : `${c.compare === 'atLeast' ? '≥' : '≤'} ${number(c.target)}`;
const row = (c: (typeof checks)[number]) => `| \`${c.id}\` | ${c.label} | ${target(c)} | ${c.unit} | ${c.source} (sources: ${c.sources.join(', ')}) |`;

describe('docs/realism.md', () => {
  it('lists every realism check as realism-checks.json states it, in its order', () => {
    const header = doc.indexOf('| id | what it measures | target | unit | source |');
    expect(header, 'the realism checks table').toBeGreaterThan(0);
    const rows: string[] = [];
    for (let i = header + 2; i < doc.length && doc[i].startsWith('| `'); i++) rows.push(doc[i]);
    expect(rows).toEqual(checks.filter((c) => c.kind === 'realism').map(row));
  });
});
