import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/core/catalog/catalog.js';
import { GENERATOR_VERSION } from '../../src/core/version.js';

const root = join(import.meta.dirname, '..', '..');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

describe('project rules', () => {
  it('the generator version matches package.json', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(GENERATOR_VERSION).toBe(pkg.version);
  });

  it('every generated table has every column of its schema-snds definition, in order', () => {
    const upstream = join(root, '..', 'shared', 'snds-schema', 'schemas');
    if (!existsSync(upstream)) throw new Error(`the schema-snds reference files are expected beside the checkout, in ${upstream}`);
    const byName = new Map(files(upstream).filter((f) => f.endsWith('.json')).map((f) => [f.split('/').pop()?.replace('.json', ''), f]));
    const catalog = defaultCatalog();
    for (const t of catalog.outputTables().filter((t) => t.kind !== 'nomenclature')) {
      const path = byName.get(t.name);
      expect(path, `${t.name} in schema-snds`).toBeDefined();
      const fields = (JSON.parse(readFileSync(path as string, 'utf8')) as { fields: { name: string }[] }).fields.map((f) => f.name);
      expect(t.fields.map((f) => f.name), t.name).toEqual(fields);
    }
  });
});
