import { textTable } from '../format/text.js';
import { isGap } from './rules.js';
import type { CompatReport, RuleResult } from './run.js';

const clip = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

/** Three significant digits, small shares kept readable (0.0047, not 0.00). */
export function formatAnswer(v: number | null): string {
  if (v === null) return '-';
  if (Number.isInteger(v)) return String(v);
  if (Math.abs(v) >= 100) return v.toFixed(0);
  return String(Number(v.toPrecision(3)));
}

function status(r: RuleResult): string {
  if (!r.ran) return 'FAILS';
  return r.isPlausible ? 'plausible' : 'IMPLAUSIBLE';
}

function listed(r: RuleResult): string {
  return isGap(r.expect) ? `gap: ${r.expect.gap}` : 'plausible';
}

/** One line per rule (runs or fails, answer, range, plausible or not), then the engine errors and the summary. */
export function renderCompat(report: CompatReport): string {
  const d = report.dataset;
  const head = `dataset ${d.dir}: seed ${d.seed}, scale ${d.scale}, ${d.generator}, care years ${d.care_years.join(', ')}` + (d.digest ? `\ndigest ${d.digest}` : '');
  const rows = report.results.map((r) => [
    clip(r.id, 34),
    r.ran ? 'runs' : 'fails',
    formatAnswer(r.value),
    `${formatAnswer(r.plausible.min)}..${formatAnswer(r.plausible.max)}`,
    clip(r.unit, 18),
    status(r),
    listed(r),
  ]);
  const table = textTable(['rule', 'query', 'answer', 'plausible', 'unit', 'answer is', 'rules.json'], rows);
  const failures = report.results.filter((r) => !r.ran).map((r) => `- ${r.id}: ${r.error}`);
  const surprises = report.results.filter((r) => r.verdict !== 'as-expected').map((r) => `- ${r.id} (${r.verdict}): ${r.explanation}`);
  const s = report.summary;
  return [
    head,
    '',
    table,
    ...(failures.length ? ['', 'engine errors:', ...failures] : []),
    ...(surprises.length ? ['', 'different from rules.json:', ...surprises] : []),
    '',
    `${s.rules} rules, ${s.ran} run, ${s.plausible} plausible (${s.gaps} listed as known gap${s.gaps === 1 ? '' : 's'}; ${s.asExpected} as listed, ${s.gapsClosed} gap${s.gapsClosed === 1 ? '' : 's'} closed, ${s.unexpected} unexpected)`,
  ].join('\n');
}
