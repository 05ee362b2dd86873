import type { Comparison, RankedGroup } from './model.js';
import { bytes, euros, milliseconds, percent, ratio, seconds, shortHash, significant } from './format.js';

/** The comparison as plain text for a 100-column terminal. */
export const TERMINAL_WIDTH = 100;

type Align = 'left' | 'right';

function fit(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

/** Cut in the middle: file names differ at their end (run id) as much as at their start. */
function fitMiddle(text: string, width: number): string {
  if (text.length <= width) return text;
  const tail = Math.floor((width - 1) / 2);
  return `${text.slice(0, width - 1 - tail)}…${text.slice(text.length - tail)}`;
}

/** A table whose columns are as wide as their content, with optional maximum widths (then cut with …). */
function table(header: string[], rows: string[][], align: Align[], maxWidths: (number | undefined)[] = []): string[] {
  const cells = [header, ...rows].map((r) => r.map((c, i) => fit(c, maxWidths[i] ?? Infinity)));
  const widths = header.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  return cells.map((r) => `  ${r.map((c, i) => (align[i] === 'right' ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ')}`.trimEnd());
}

/** Wrap `text` to the terminal width, continuation lines indented by `indent` spaces. */
function wrap(text: string, first: string, indent: number): string[] {
  const lines: string[] = [];
  let line = first;
  const room = TERMINAL_WIDTH - indent - 1;
  // A word longer than a line (a path, a digest) is cut into pieces that fit.
  const words = text.split(' ').flatMap((w) => (w.length <= room ? [w] : (w.match(new RegExp(`.{1,${room}}`, 'g')) ?? [w])));
  for (const word of words) {
    if (line.length + word.length + 1 > TERMINAL_WIDTH && line.trim().length > 0) {
      lines.push(line.trimEnd());
      line = ' '.repeat(indent);
    }
    line += (line.endsWith(' ') || line.length === 0 ? '' : ' ') + word;
  }
  lines.push(line.trimEnd());
  return lines;
}

function groupLines(g: RankedGroup): string[] {
  const lines = [`${g.title} — ${g.entries.length} ranked result(s)`, ''];
  lines.push(
    ...table(
      ['#', 'id', 'bidder', 'product', 'combined', 'cold', 'hot', 'load', 'size'],
      g.entries.map((e) => [String(e.rank), e.id, e.label, e.product, ratio(e.combined), ratio(e.cold), ratio(e.hot), ratio(e.load_ratio), ratio(e.size_ratio)]),
      ['right', 'left', 'left', 'left', 'right', 'right', 'right', 'right', 'right'],
      [undefined, undefined, 24, 22],
    ),
  );
  lines.push('', '  measurements', '');
  lines.push(
    ...table(
      ['id', 'load s', 'on disk', 'QPS', 'errors', 'p50 ms', 'p99 ms', 'composite', '€/h', '€/composite', '€/1M queries'],
      g.entries.map((e) => [
        e.id,
        seconds(e.load_seconds),
        bytes(e.size_on_disk_bytes),
        significant(e.qps),
        percent(e.error_ratio),
        milliseconds(e.latency_ms.p50),
        milliseconds(e.latency_ms.p99),
        significant(e.composite),
        euros(e.price_eur_per_hour),
        euros(e.eur_per_composite),
        euros(e.eur_per_million_queries),
      ]),
      ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
    ),
  );
  const penalised = g.entries.filter((e) => e.penalised_queries.length > 0);
  if (penalised.length) {
    lines.push('');
    for (const e of penalised) lines.push(...wrap(`${e.id} failed or missing (penalised): ${e.penalised_queries.join(', ')}`, '  ', 4));
  }
  return lines;
}

export function terminalReport(c: Comparison, htmlPath?: string): string {
  const admitted = c.files.filter((f) => f.admitted).length;
  const excluded = c.files.filter((f) => !f.admitted);
  const out: string[] = [`hdsbench compare — ${c.files.length} file(s): ${admitted} ranked in ${c.groups.length} group(s), ${excluded.length} excluded`, ''];
  if (c.groups.length > 1) out.push(...wrap('Results of different scale factors are ranked separately and never against each other.', '', 0), '');
  for (const g of c.groups) out.push(...groupLines(g), '');
  if (c.groups.length === 0) out.push('No result could be ranked.', '');
  out.push('Scores are ratios to the best of the group (1.00 = best; lower is better); combined weighs', 'load 10 %, size 10 %, cold 20 %, hot 60 %. Rules: --json or the HTML report.', '');
  for (const s of c.scaling) {
    out.push(`Scaling of ${s.bidder} (${s.product}), not ranked across scale factors:`);
    out.push(...table(['id', 'SF', 'hot geomean ms', 'cold geomean ms', 'QPS', 'composite'], s.points.map((p) => [p.id, String(p.scale), milliseconds(p.hot_geomean_seconds * 1000), milliseconds(p.cold_geomean_seconds * 1000), significant(p.qps), significant(p.composite)]), ['left', 'right', 'right', 'right', 'right', 'right']), '');
  }
  if (excluded.length) {
    out.push('Excluded from the ranking:');
    for (const f of excluded) {
      out.push(...wrap(f.provenance.path, `  ${f.provenance.id}  `, 6));
      for (const r of f.reasons) out.push(...wrap(r, '      - ', 8));
    }
    out.push('');
  }
  out.push('Sources:');
  out.push(
    ...table(
      ['id', 'file', 'sha256', 'run id', 'challenge', 'key'],
      c.files.map((f) => [f.provenance.id, fitMiddle(f.provenance.file, 36), shortHash(f.provenance.file_sha256), shortHash(f.provenance.run_id, 8), f.provenance.challenge ?? '—', shortHash(f.provenance.key_fingerprint)]),
      ['left', 'left', 'left', 'left', 'left', 'left'],
      [undefined, 36, undefined, undefined, 12],
    ),
  );
  if (htmlPath) out.push('', `report: ${htmlPath}`);
  return out.join('\n');
}
