import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/core/catalog/catalog.js';
import { GENERATOR_VERSION } from '../../src/core/version.js';

const root = join(import.meta.dirname, '..', '..');

describe('project rules', () => {
  it('the generator version matches package.json', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(GENERATOR_VERSION).toBe(pkg.version);
  });

  it('every generated table has every column of its schema-snds definition, in order (pinned copy in test/fixtures/schema-snds)', () => {
    const upstream = join(root, 'test', 'fixtures', 'schema-snds');
    const catalog = defaultCatalog();
    const generated = catalog.outputTables().filter((t) => t.kind !== 'nomenclature');
    expect(generated).toHaveLength(28);
    for (const t of generated) {
      // Each table names its upstream file: "schema-snds (Health Data Hub, MPL-2.0): schemas/<product>/<TABLE>.json",
      // or that of the table whose columns it has (IR_BEN_R_ARC: IR_BEN_R, which schema-snds defines).
      const path = /: (schemas\/.+\.json)$/.exec(t.source ?? '')?.[1];
      expect(path, `${t.name}: source names its schema-snds file`).toMatch(new RegExp(`/${t.columnsOf ?? t.name}\\.json$`));
      const fields = (JSON.parse(readFileSync(join(upstream, path as string), 'utf8')) as { fields: { name: string }[] }).fields.map((f) => f.name);
      expect(t.fields.map((f) => f.name), t.name).toEqual(fields);
    }
  });
});
