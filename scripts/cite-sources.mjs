#!/usr/bin/env node
// Rewrites the citations of the research notes ("domain.md §3.4", "(shared/domain.md §1.3)": a file
// that is not part of the repository) into source ids of docs/sources.md, following the rules of
// schemas/sources/citations.json:
//   node scripts/cite-sources.mjs FILE…          rewrite in place (JSON or Markdown)
//   node scripts/cite-sources.mjs --check FILE…  list what would change, exit 1 if anything would
// In JSON, a "source" string loses the reference and gains a "sources" array of ids right after it;
// any other string gets "(sources: id, id)" in place of the reference. Text is replaced in the
// file's own bytes (no reformatting). A citation that no
// rule matches, or an id missing from docs/sources.md, stops the script with the list of them.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { rules } = JSON.parse(readFileSync(join(root, 'schemas/sources/citations.json'), 'utf8'));
const known = new Set([...readFileSync(join(root, 'docs/sources.md'), 'utf8').matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]));
for (const r of rules) for (const id of r.sources) if (!known.has(id)) throw new Error(`schemas/sources/citations.json: ${id} is not a source of docs/sources.md`);

// The reference: optional "shared/", the file name, then its section numbers ("§3.4", "§1.1, §3.5", "§1.5 rule 1").
const REFERENCE = /(?:shared\/)?domain\.md(?:\s*§[\d.]*\d(?: rule \d+)?(?:\s*(?:,|and)\s*§[\d.]*\d)*)?/g;
const SECTION = /(?:^|[\s;,(])§[\d.]*\d/g;

function idsFor(text) {
  const ids = [];
  for (const r of rules) if (new RegExp(r.pattern, 'i').test(text)) for (const id of r.sources) if (!ids.includes(id)) ids.push(id);
  return ids;
}

const problems = [];
/** A citation text without its reference to the notes (and the empty brackets or separators left behind). */
function stripped(text) {
  return text
    .replace(REFERENCE, '')
    .replace(SECTION, '')
    .replace(/\(\s*[,;]?\s*\)/g, '')
    .replace(/\(\s*[,;:]\s*/g, '(')
    .replace(/\s*[,;]\s*\)/g, ')')
    .replace(/\s+(?:of|in|see)\s*(?=[:)])/g, '')
    .replace(/\.\s*\./g, '.')
    .replace(/\s{2,}/g, ' ')
    .replace(/\s+([.,;)])/g, '$1')
    .trim();
}
function inline(text, where) {
  if (!REFERENCE.test(text)) return text;
  REFERENCE.lastIndex = 0;
  const ids = idsFor(text);
  if (!ids.length) {
    problems.push(`${where}: no rule of schemas/sources/citations.json matches "${text.slice(0, 160)}"`);
    return text;
  }
  const bare = stripped(text);
  const tag = `(sources: ${ids.join(', ')})`;
  return /[.)]$/.test(bare) && !bare.endsWith(')') ? `${bare.slice(0, -1)} ${tag}.` : `${bare} ${tag}`;
}

function rewriteJson(path, text) {
  // Replaced in the file's own text (no reformatting): each changed string, and for a "source"
  // string a "sources" array inserted right after it.
  let out = text;
  const visit = (node, where) => {
    if (Array.isArray(node)) return node.forEach((v, i) => visit(v, `${where}[${i}]`));
    if (!node || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if (typeof v === 'string' && /domain\.md/.test(v)) {
        const old = JSON.stringify(v);
        if (k === 'source' && !('sources' in node)) {
          const ids = idsFor(v);
          if (!ids.length) problems.push(`${path} ${where}.${k}: no rule matches "${v.slice(0, 160)}"`);
          out = replaceOnce(out, `"source": ${old}`, `"source": ${JSON.stringify(stripped(v))}, "sources": ${JSON.stringify(ids).replaceAll(',', ', ')}`, path);
        } else out = replaceOnce(out, old, JSON.stringify(inline(v, `${path} ${where}.${k}`)), path);
      } else visit(v, `${where}.${k}`);
    }
  };
  visit(JSON.parse(text), '$');
  JSON.parse(out); // still JSON
  return out;
}

function replaceOnce(text, from, to, path) {
  const at = text.indexOf(from);
  if (at < 0) {
    problems.push(`${path}: cannot find ${from.slice(0, 80)} as written (escaped differently?)`);
    return text;
  }
  return text.slice(0, at) + to + text.slice(at + from.length);
}

function rewriteMarkdown(path, text) {
  return text
    .split('\n')
    .map((line, i) => (/domain\.md/.test(line) ? line.replace(/[^|]*domain\.md[^|]*/g, (cell) => {
              const [, lead, body, trail] = /^(\s*)([\s\S]*?)(\s*)$/.exec(cell);
              return lead + inline(body, `${path}:${i + 1}`) + trail;
            }) : line))
    .join('\n');
}

const args = process.argv.slice(2);
const check = args.includes('--check');
const files = args.filter((a) => a !== '--check');
if (!files.length) {
  console.error('usage: node scripts/cite-sources.mjs [--check] FILE…');
  process.exit(2);
}
const changed = [];
const results = files.map((f) => {
  const text = readFileSync(f, 'utf8');
  const next = f.endsWith('.json') ? rewriteJson(f, text) : rewriteMarkdown(f, text);
  if (next !== text) changed.push(f);
  return [f, next];
});
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
if (!check) for (const [f, next] of results) writeFileSync(f, next);
for (const f of changed) console.log(`${check ? 'would rewrite' : 'rewrote'}: ${f}`);
process.exit(check && changed.length ? 1 : 0);
