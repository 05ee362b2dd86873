#!/usr/bin/env node
// The README's realism table, from a profile report: `hdsbench profile DIR --json | node scripts/realism-table.mjs`.
// One row per realism check (coherence rules are summarised in the first line), so the README quotes
// exactly what `hdsbench profile` measured, never numbers typed by hand.
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(0, 'utf8'));
const { dataset, checks } = report;
const realism = checks.filter((c) => c.kind === 'realism');
const coherence = checks.filter((c) => c.kind === 'coherence');

const number = (v, digits = 2) => v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const measured = (c) => (c.unit === 'EUR' ? `${number(c.value, 0)} EUR` : `${number(c.value)} ${c.unit}`);
// A share check with a sampling band (docs/realism.md): the tolerance applied, then its stated part and z standard errors.
const within = (c) => (c.band ? `${c.target} ±${number(c.tolerance, 1)} (${c.band.stated} + ${c.band.z} SE)` : `${c.target} ±${c.tolerance}`);
const target = (c) => (c.compare === 'within' ? within(c) : `${c.compare === 'atLeast' ? '≥' : '≤'} ${c.target}`);
const evidence = (c) => /^\[[A-Z]\]/.exec(c.source)?.[0] ?? '';

console.log(
  `Seed ${dataset.seed}, scale ${dataset.scale} (${dataset.beneficiaries.toLocaleString('en-US')} beneficiaries), digest \`${dataset.digest.slice(0, 16)}…\`: ` +
    `${coherence.filter((c) => c.pass).length} of ${coherence.length} coherence rules hold, ${realism.filter((c) => c.pass).length} of ${realism.length} realism checks pass.`,
);
console.log('');
console.log('| check | measured | target | pass | sources ([docs/sources.md](docs/sources.md)) |');
console.log('|---|---|---|---|---|');
for (const c of realism) console.log(`| ${c.label} | ${measured(c)} | ${target(c)} | ${c.pass ? 'yes' : '**no**'} | ${evidence(c)} ${c.sources.join(', ')} |`);
