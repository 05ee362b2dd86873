import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { codeFiles, importsOf, layerOf, moduleGraph, readLayerRules, type LayerRule } from './import-graph.js';

const root = join(import.meta.dirname, '..', '..');
const rules: LayerRule[] = readLayerRules(readFileSync(join(root, 'ARCHITECTURE.md'), 'utf8'));
const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

describe('ARCHITECTURE.md: the layers and their imports', () => {
  it('the rules table names every layer once, and only layers it defines', () => {
    const names = rules.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['core', 'app', 'node', 'bench', 'compare', 'profile', 'cli', 'workers']));
    for (const r of rules) for (const dep of r.mayImport) expect(names, `${r.name} may import ${dep}`).toContain(dep);
  });

  it('every import of src/ and workers/ is one its layer may make', () => {
    const violations: string[] = [];
    for (const rule of rules) {
      for (const file of codeFiles(join(root, rule.folder))) {
        const from = relative(root, file);
        for (const imp of importsOf(file)) {
          if (imp.resolved) {
            const target = layerOf(rules, relative(root, imp.resolved));
            if (!target) violations.push(`${from} imports ${imp.specifier}, which is outside every layer`);
            else if (target.name !== rule.name && !rule.mayImport.includes(target.name)) violations.push(`${from} (${rule.name}) imports ${imp.specifier} (${target.name})`);
          } else if (builtins.has(imp.specifier) || builtins.has(imp.specifier.split('/')[0])) {
            if (!rule.nodeBuiltins) violations.push(`${from} (${rule.name}) imports the Node built-in ${imp.specifier}`);
          } else if (rule.packages !== 'any' && !rule.packages.includes(packageName(imp.specifier))) {
            violations.push(`${from} (${rule.name}) imports the package ${packageName(imp.specifier)}, not listed for its layer`);
          }
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it('no import cycle between files (type-only imports included)', () => {
    const graph = moduleGraph(rules.map((r) => join(root, r.folder)));
    const cycles = stronglyConnected(graph).map((c) => c.map((f) => relative(root, f)).sort().join(' ↔ '));
    expect(cycles).toEqual([]);
  });

  it('src/core and src/app use no Node-only global (process, Buffer, NodeJS.*, __dirname …)', () => {
    const configPath = join(root, 'tsconfig.web.json');
    const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(String(d.messageText)); } });
    if (!parsed) throw new Error('tsconfig.web.json cannot be read');
    expect(parsed.options.types, 'tsconfig.web.json type-checks without the Node types').toEqual([]);
    const program = ts.createProgram(parsed.fileNames, parsed.options);
    const checker = program.getTypeChecker();
    const nodeTypes = `${join('node_modules', '@types', 'node')}/`;
    const offenders = new Set<string>();
    for (const source of program.getSourceFiles()) {
      if (source.isDeclarationFile || !parsed.fileNames.includes(source.fileName)) continue;
      const visit = (node: ts.Node) => {
        if (ts.isIdentifier(node)) {
          const symbol = checker.getSymbolAtLocation(node);
          const declarations = symbol?.declarations ?? [];
          if (declarations.length && declarations.every((d) => d.getSourceFile().fileName.includes(nodeTypes))) {
            const { line } = source.getLineAndCharacterOfPosition(node.getStart());
            offenders.add(`${relative(root, source.fileName)}:${line + 1} ${node.text}`);
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect([...offenders]).toEqual([]);
  });
});

/** Tarjan's strongly connected components of more than one file (or a file importing itself). */
function stronglyConnected(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(component);
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return out;
}
