import type { Comparison, EntryScore, FileVerdict, RankedGroup, ScalingCurve } from '../model.js';
import { bytes, euros, milliseconds, percent, ratio, seconds, significant } from '../format.js';
import { chartLibrary } from './chart-library.js';
import { escapeHtml as esc, jsonForScript } from './html-escape.js';
import { drawReportCharts } from './report-client.js';
import { REPORT_CSS } from './report-style.js';

/**
 * The evaluator's report: one HTML file with everything inlined (data, Chart.js, styles), a
 * Content-Security-Policy forbidding any network access, and every figure linked to the file it
 * comes from (id → Sources: file name, sha256, run id, challenge, environment).
 */

const src = (id: string) => `<a class="src" href="#src-${esc(id)}">${esc(id)}</a>`;

function table(header: string[], rows: string[][], numericFrom = 0, cls = ''): string {
  const th = header.map((h, i) => `<th${i >= numericFrom && numericFrom > 0 ? ' class="num"' : ''}>${h}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c, i) => `<td${i >= numericFrom && numericFrom > 0 ? ' class="num"' : ''}>${c}</td>`).join('')}</tr>`).join('\n');
  return `<div class="table-wrap"><table${cls ? ` class="${cls}"` : ''}><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table></div>`;
}

function chart(name: string, tall = false): string {
  return `<div class="chart${tall ? ' tall' : ''}"><canvas data-chart="${esc(name)}" role="img" aria-label="${esc(name)}"></canvas></div>`;
}

function rankingTable(g: RankedGroup): string {
  return table(
    ['#', 'source', 'bidder', 'product', 'combined', 'cold', 'hot', 'load', 'size', 'QPS', 'p99 ms', '€/h', '€ per composite'],
    g.entries.map((e) => [
      String(e.rank),
      src(e.id),
      esc(e.label),
      esc(e.product),
      `<strong>${ratio(e.combined)}</strong>`,
      ratio(e.cold),
      ratio(e.hot),
      ratio(e.load_ratio),
      ratio(e.size_ratio),
      significant(e.qps),
      milliseconds(e.latency_ms.p99),
      euros(e.price_eur_per_hour),
      euros(e.eur_per_composite),
    ]),
    4,
    'ranking',
  );
}

function measuredTable(g: RankedGroup): string {
  return table(
    ['source', 'load s', 'on disk', 'refresh s', 'Power@SF', 'Throughput@SF', 'composite', 'streams', 'errors', 'p50 ms', 'p99 ms', 'p99.9 ms', 'max ms', '€ / 1M queries'],
    g.entries.map((e) => [
      src(e.id),
      seconds(e.load_seconds),
      bytes(e.size_on_disk_bytes),
      seconds(e.refresh_seconds),
      significant(e.power_at_sf),
      significant(e.throughput_at_sf),
      significant(e.composite),
      String(e.streams),
      percent(e.error_ratio),
      ...[e.latency_ms.p50, e.latency_ms.p99, e.latency_ms.p999, e.latency_ms.max].map(milliseconds),
      euros(e.eur_per_million_queries),
    ]),
    1,
  );
}

function perQueryTable(g: RankedGroup): string {
  const cell = (e: EntryScore, t: string, view: 'cold' | 'hot') => {
    const v = e.queries.find((q) => q.template === t)?.[view];
    if (!v) return '—';
    return v.penalised ? `<span class="bad" title="penalty ${significant(v.scored_seconds)} s">failed ×${ratio(v.ratio)}</span>` : `${milliseconds((v.seconds as number) * 1000)} <small>×${ratio(v.ratio)}</small>`;
  };
  const header = ['template', ...g.entries.flatMap((e) => [`${src(e.id)} cold ms`, `${src(e.id)} hot ms`]), 'penalty s (cold / hot)'];
  const rows = g.penalties.map((p) => [esc(p.template), ...g.entries.flatMap((e) => [cell(e, p.template, 'cold'), cell(e, p.template, 'hot')]), `${significant(p.cold_seconds)} / ${significant(p.hot_seconds)}`]);
  return `<details><summary>Per-query times and ratios (× = ratio to the best of the group)</summary>${table(header, rows, 1)}</details>`;
}

function groupSection(g: RankedGroup, gi: number): string {
  const priced = g.entries.some((e) => e.price_eur_per_hour !== null);
  const penalised = g.entries.filter((e) => e.penalised_queries.length);
  return `<section class="group">
<h2>${esc(g.title)} <small>${g.entries.length} ranked result(s)</small></h2>
${rankingTable(g)}
${penalised.length ? `<p class="bad">Failed or missing queries (penalised): ${penalised.map((e) => `${src(e.id)} ${e.penalised_queries.map(esc).join(', ')}`).join('; ')}</p>` : ''}
<h3>Measured</h3>
${measuredTable(g)}
${perQueryTable(g)}
<div class="grid">
${chart(`g${gi}-hot`, true)}
${chart(`g${gi}-cold`, true)}
${chart(`g${gi}-load`)}
${chart(`g${gi}-latency`)}
${priced ? chart(`g${gi}-price`) : '<p class="note">No entry declared a price: no price-performance chart.</p>'}
</div>
</section>`;
}

function scalingSection(curves: ScalingCurve[]): string {
  if (curves.length === 0) return '';
  const rows = curves.flatMap((s) => s.points.map((p) => [esc(s.bidder), esc(s.product), src(p.id), String(p.scale), milliseconds(p.hot_geomean_seconds * 1000), milliseconds(p.cold_geomean_seconds * 1000), significant(p.qps), significant(p.composite)]));
  return `<section>
<h2>Scaling curves <small>the same bidder at several scale factors — shown, never ranked across scales</small></h2>
${table(['bidder', 'product', 'source', 'SF', 'hot geomean ms', 'cold geomean ms', 'QPS', 'composite'], rows, 3)}
<div class="grid">${chart('scaling-time')}${chart('scaling-qps')}</div>
</section>`;
}

function excludedSection(files: FileVerdict[]): string {
  const excluded = files.filter((f) => !f.admitted);
  if (excluded.length === 0) return '<section><h2>Excluded files</h2><p>None: every file passed every check.</p></section>';
  const items = excluded.map((f) => `<li>${src(f.provenance.id)} <code>${esc(f.provenance.file)}</code><ul>${f.reasons.map((r) => `<li>${esc(r)}</li>`).join('')}</ul></li>`).join('\n');
  return `<section><h2 class="bad">Excluded files <small>${excluded.length}, left out of every ranking</small></h2><ul class="reasons">\n${items}\n</ul></section>`;
}

function sourcesSection(files: FileVerdict[]): string {
  const rows = files.map((f) => {
    const p = f.provenance;
    const env = p.environment;
    const d = p.dataset;
    return `<tr id="src-${esc(p.id)}"><td>${esc(p.id)}</td><td>${f.admitted ? 'ranked' : '<span class="bad">excluded</span>'}</td>
<td><code>${esc(p.file)}</code><br><small>sha256 <code>${esc(p.file_sha256)}</code></small></td>
<td>${esc(p.bidder ?? '—')}<br><small>${esc(p.product ?? '')}; engine ${esc(p.target ?? '—')}</small></td>
<td><small>run <code>${esc(p.run_id ?? '—')}</code><br>started ${esc(p.started_at ?? '—')}<br>challenge <code>${esc(p.challenge ?? 'none')}</code><br>key <code>${esc(p.key_fingerprint ?? 'unsigned')}</code></small></td>
<td><small>${d ? `SF ${esc(String(d.scale))}, seed ${esc(String(d.seed))}, ${esc(String(d.parts))} part(s), ${esc(String(d.format))}, generator ${esc(String(d.generator_version))}<br>digest <code>${esc(String(d.dataset_sha256))}</code>` : '—'}</small></td>
<td><small>${env ? `${esc(String(env.cpu))} × ${esc(String(env.cpus))}, ${bytes(Number(env.memory_bytes))}<br>${esc(String(env.os))}, Node ${esc(String(env.node))}<br>driver ${esc(String(env.driver_version))}, RTT ${esc(String(env.rtt_ms))} ms` : '—'}</small></td></tr>`;
  });
  return `<section><h2>Sources <small>every figure above comes from the file with its id</small></h2>
<div class="table-wrap"><table class="sources"><thead><tr><th>id</th><th>status</th><th>file</th><th>system</th><th>run</th><th>dataset</th><th>environment</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table></div></section>`;
}

export async function renderHtmlReport(c: Comparison): Promise<string> {
  const lib = await chartLibrary();
  const admitted = c.files.filter((f) => f.admitted).length;
  const data = {
    files: c.files.map((f) => ({ provenance: { id: f.provenance.id } })),
    groups: c.groups,
    scaling: c.scaling,
  };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>hdsbench comparison — ${esc(c.generated_at)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header>
<h1>hdsbench comparison</h1>
<p>${c.files.length} result file(s): ${admitted} ranked in ${c.groups.length} group(s), ${c.files.length - admitted} excluded.
Generated ${esc(c.generated_at)} by hdsbench ${esc(c.hdsbench_version)}; charts by Chart.js ${esc(lib.version)} (inlined, no network needed).</p>
${c.groups.length > 1 ? '<p class="note">Results of different scale factors are ranked separately and never against each other.</p>' : ''}
<details><summary>Scoring rules</summary><ul>${c.rules.map((r) => `<li>${esc(r)}</li>`).join('')}</ul></details>
</header>
<main>
${c.groups.map(groupSection).join('\n')}
${c.groups.length === 0 ? '<p class="bad">No result could be ranked.</p>' : ''}
${scalingSection(c.scaling)}
${excludedSection(c.files)}
${sourcesSection(c.files)}
</main>
<script type="application/json" id="comparison-data">${jsonForScript(data)}</script>
<script>${lib.source}</script>
<script>(${drawReportCharts.toString()})(JSON.parse(document.getElementById('comparison-data').textContent), window.Chart);</script>
</body>
</html>
`;
}
