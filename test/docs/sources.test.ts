import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
const text = (path: string) => readFileSync(join(root, path), 'utf8');
const textFiles = tracked.filter((p) => /\.(md|json|ts|mjs|js|sh|toml|csv|sql|txt)$|^\.ci\//.test(p) && !p.includes('node_modules'));
const sourceIds = new Set([...text('docs/sources.md').matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]));

/** The rewrite tool names the citation form it removes (scripts/cite-sources.mjs has rewritten every model file). */
const CITATION_TOOL = ['scripts/cite-sources.mjs', 'schemas/sources/citations.json', 'test/docs/sources.test.ts'];

describe('sources inside the repository', () => {
  it('docs/sources.md lists each source once, with an organisation, a publication, a year and a URL', () => {
    const rows = [...text('docs/sources.md').matchAll(/^\| `([a-z0-9-]+)` \|(.*)$/gm)];
    expect(rows.length).toBe(sourceIds.size);
    for (const [, id, rest] of rows) {
      const cells = rest.split('|').map((c) => c.trim());
      expect(cells.slice(0, 3).every(Boolean), id).toBe(true);
      expect(cells[3], `${id}: URL`).toMatch(/^https:\/\//);
    }
  });

  it('every source id cited by the realism checks, the model files and the docs is listed in docs/sources.md', () => {
    const cited = new Map<string, string>();
    const checks = JSON.parse(text('schemas/model/realism-checks.json')) as { checks: { id: string; sources: string[] }[] };
    for (const c of checks.checks) for (const id of c.sources) cited.set(id, `realism check ${c.id}`);
    for (const p of textFiles.filter((f) => f.startsWith('schemas/') || f.startsWith('docs/') || f === 'README.md'))
      for (const m of text(p).matchAll(/\(sources: ([a-z0-9-]+(?:, [a-z0-9-]+)*)\)/g)) for (const id of m[1].split(', ')) cited.set(id, p);
    const unknown = [...cited].filter(([id]) => !sourceIds.has(id)).map(([id, where]) => `${id} (${where})`);
    expect(unknown).toEqual([]);
  });

  it('nothing cites the research notes or a file outside the repository, and no path of a development machine appears', () => {
    const offenders = textFiles
      .filter((p) => !CITATION_TOOL.includes(p))
      .filter((p) => /domain\.md|\/work\/|\.\.\/shared\b|\.\.\/\.\.\/shared\b|benchmark-anchors\.md|library-notes\.md/.test(text(p)));
    expect(offenders).toEqual([]);
  });
});
