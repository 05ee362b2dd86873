import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import ts from 'typescript';

/** One row of the rules table of ARCHITECTURE.md. */
export interface LayerRule {
  name: string;
  /** Folder relative to the repository root, without a trailing slash. */
  folder: string;
  /** Layers this one may import (its own files are always allowed). */
  mayImport: string[];
  /** npm packages it may import: a list, or 'any'. */
  packages: string[] | 'any';
  nodeBuiltins: boolean;
}

const cell = (s: string) => s.trim().replace(/`/g, '');
const list = (s: string) => (cell(s) === '—' ? [] : cell(s).split(',').map((x) => x.trim()).filter(Boolean));

/** The rules table that follows the `<!-- rules:` marker of ARCHITECTURE.md. */
export function readLayerRules(markdown: string): LayerRule[] {
  const start = markdown.indexOf('<!-- rules:');
  if (start < 0) throw new Error('ARCHITECTURE.md has no <!-- rules: … --> marker before its rules table');
  const lines = markdown.slice(start).split('\n').slice(1);
  const rows = [];
  for (const line of lines) {
    if (!line.startsWith('|')) break;
    rows.push(line.split('|').slice(1, -1));
  }
  const [header, , ...body] = rows;
  const expected = ['layer', 'folder', 'may import', 'npm packages', 'Node built-ins'];
  if (!header || header.map(cell).join('|') !== expected.join('|')) throw new Error(`ARCHITECTURE.md rules table: expected the columns ${expected.join(', ')}`);
  return body.map(([name, folder, mayImport, packages, builtins]) => {
    const b = cell(builtins);
    if (b !== 'yes' && b !== 'no') throw new Error(`ARCHITECTURE.md rules table, layer ${cell(name)}: Node built-ins must be yes or no, got "${b}"`);
    return { name: cell(name), folder: cell(folder).replace(/\/$/, ''), mayImport: list(mayImport), packages: cell(packages) === 'any' ? 'any' : list(packages), nodeBuiltins: b === 'yes' };
  });
}

/** The layer a path (relative to the root) belongs to: the one with the longest matching folder. */
export function layerOf(rules: readonly LayerRule[], path: string): LayerRule | undefined {
  return rules.filter((r) => path === r.folder || path.startsWith(`${r.folder}/`)).sort((a, b) => b.folder.length - a.folder.length)[0];
}

/** TypeScript files under a folder (generated catalog included: it is code like any other). */
export function codeFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = resolve(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : codeFiles(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

export interface Import {
  specifier: string;
  /** Absolute path of a relative import (`.js` mapped to its `.ts` source); undefined for a package or built-in. */
  resolved?: string;
}

/** Every import of a file, as the TypeScript compiler reads it: static, type-only, re-exports, dynamic import() and require(). */
export function importsOf(file: string): Import[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles.map(({ fileName: specifier }) => {
    if (!specifier.startsWith('.')) return { specifier };
    const target = resolve(dirname(file), specifier);
    const ts = target.replace(/\.js$/, '.ts');
    return { specifier, resolved: existsSync(ts) ? ts : target };
  });
}

/** File → the project files it imports, for the TypeScript files under the given folders. */
export function moduleGraph(folders: readonly string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of folders.flatMap(codeFiles)) graph.set(file, importsOf(file).flatMap((i) => (i.resolved?.endsWith('.ts') ? [i.resolved] : [])));
  return graph;
}
