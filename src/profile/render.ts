import { textTable } from '../format/text.js';
import type { CheckResult, ProfileReport } from './profile.js';

/** Significant digits for a value of this magnitude (EUR and counts as integers, shares with one or two decimals). */
export function formatValue(v: number | null): string {
  if (v === null) return '-';
  const a = Math.abs(v);
  if (Number.isInteger(v)) return String(v);
  if (a >= 100) return v.toFixed(0);
  if (a >= 10) return v.toFixed(1);
  return v.toFixed(2);
}

function targetText(r: CheckResult): string {
  const t = formatValue(r.target);
  if (r.kind === 'coherence') return '0';
  if (r.compare === 'atLeast') return r.tolerance ? `>= ${formatValue(r.target - r.tolerance)}` : `>= ${t}`;
  if (r.compare === 'atMost') return r.tolerance ? `<= ${formatValue(r.target + r.tolerance)}` : `<= ${t}`;
  return `${t} ±${formatValue(r.tolerance)}`;
}

const clip = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

/** Readable report: one line per check (at most 100 columns), then failures with their source and note. */
export function renderReport(report: ProfileReport): string {
  const d = report.dataset;
  const head = `dataset ${d.dir}: seed ${d.seed}, scale ${d.scale} (${d.beneficiaries.toLocaleString('en-US')} beneficiaries), ${d.format}, care years ${d.care_years.join(', ')}` +
    (d.digest ? `\ndigest ${d.digest}` : '');
  const section = (kind: 'realism' | 'coherence') => {
    const rows = report.checks.filter((r) => r.kind === kind).map((r) => [
      clip(r.id, 30),
      kind === 'coherence' && r.value !== null && r.checked !== undefined ? `${formatValue(r.value)}/${r.checked}` : formatValue(r.value),
      targetText(r),
      clip(r.unit, 8),
      r.pass ? 'pass' : r.open ? 'OPEN' : 'FAIL',
      clip(r.label, 36),
    ]);
    if (rows.length === 0) return '';
    const header = kind === 'realism' ? ['realism check', 'value', 'target', 'unit', '', 'what'] : ['coherence check', 'violations', 'target', 'unit', '', 'what'];
    return textTable(header, rows);
  };
  const band = (r: CheckResult) =>
    r.band ? ` (±${formatValue(r.band.stated)} stated + ${formatValue(r.band.sampling)} sampling: ${r.band.z} standard errors over ${Math.round(r.band.persons)} persons)` : '';
  const describe = (r: CheckResult) => `- ${r.id}: ${formatValue(r.value)} ${r.unit}, target ${targetText(r)}${band(r)}\n    ${r.label}\n    source: ${r.source} (sources: ${r.sources.join(', ')}; see docs/sources.md)${r.note ? `\n    note: ${r.note}` : ''}${r.open ? `\n    open gap: ${r.open}` : ''}`;
  const failures = report.checks.filter((r) => !r.pass && !r.open).map(describe);
  const open = report.checks.filter((r) => r.open).map(describe);
  return [
    head,
    '',
    section('realism'),
    '',
    section('coherence'),
    '',
    `${report.passed} passed, ${report.failed} failed${report.open ? `, ${report.open} open calibration gap${report.open > 1 ? 's' : ''}` : ''}`,
    ...(failures.length ? ['', 'failed checks:', ...failures] : []),
    ...(open.length ? ['', 'open calibration gaps (known, not yet met; see docs/realism.md):', ...open] : []),
  ].join('\n');
}
