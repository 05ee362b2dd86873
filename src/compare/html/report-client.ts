/**
 * The report's in-page script. It runs in the browser, not in Node: `drawReportCharts.toString()`
 * is inlined into the HTML, so this function must stay self-contained (no imports at run time,
 * no reference to anything outside its body). It draws every <canvas data-chart="…"> of the page
 * with Chart.js from the comparison data embedded in the page, then records how many it drew in
 * document.body.dataset.chartsDrawn (the Chromium test reads it).
 */
import type { Comparison } from '../model.js';

interface ChartConfig {
  type: string;
  data: unknown;
  options: unknown;
}
type ChartConstructor = new (canvas: HTMLCanvasElement, config: ChartConfig) => unknown;

export function drawReportCharts(c: Comparison, Chart: ChartConstructor): void {
  // Okabe–Ito palette (readable by colour-blind readers), one colour per file id.
  const palette = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];
  const colourOf = (id: string) => palette[(c.files.findIndex((f) => f.provenance.id === id) + palette.length) % palette.length];
  const logAxis = (title: string) => ({ type: 'logarithmic', title: { display: true, text: title } });
  const linearAxis = (title: string, extra: Record<string, unknown> = {}) => ({ type: 'linear', title: { display: true, text: title }, ...extra });
  const base = (title: string, scales: Record<string, unknown>) => ({
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    plugins: { title: { display: true, text: title }, legend: { position: 'bottom' } },
    scales,
  });
  const charts: Record<string, (canvas: HTMLCanvasElement) => ChartConfig | null> = {};

  c.groups.forEach((g, gi) => {
    const entryName = (e: (typeof g.entries)[number]) => `${e.id} ${e.label}`;
    const templates = g.penalties.map((p) => p.template);
    const perQuery = (view: 'cold' | 'hot') => (): ChartConfig => ({
      type: 'bar',
      data: {
        labels: templates,
        datasets: g.entries.map((e) => ({
          label: entryName(e),
          backgroundColor: colourOf(e.id),
          data: templates.map((t) => {
            const s = e.queries.find((q) => q.template === t)?.[view].seconds;
            return s === null || s === undefined ? null : s * 1000;
          }),
        })),
      },
      options: base(`${view === 'hot' ? 'Hot (best of 2 hot runs)' : 'Cold (first run)'} time per query — ms, log scale; a gap is a failed or missing query`, { y: logAxis('milliseconds (log)') }),
    });
    charts[`g${gi}-hot`] = perQuery('hot');
    charts[`g${gi}-cold`] = perQuery('cold');
    charts[`g${gi}-load`] = () => ({
      type: 'bar',
      data: {
        labels: g.entries.map(entryName),
        datasets: [
          { label: 'load time (s)', yAxisID: 'y', backgroundColor: '#0072B2', data: g.entries.map((e) => e.load_seconds) },
          { label: 'size on disk (MiB)', yAxisID: 'y1', backgroundColor: '#E69F00', data: g.entries.map((e) => e.size_on_disk_bytes / 1048576) },
        ],
      },
      options: base('Load time and size on disk', { y: linearAxis('seconds', { position: 'left', beginAtZero: true }), y1: linearAxis('MiB', { position: 'right', beginAtZero: true, grid: { drawOnChartArea: false } }) }),
    });
    charts[`g${gi}-latency`] = () => ({
      type: 'scatter',
      data: {
        datasets: g.entries.map((e) => ({
          label: `${entryName(e)} (${e.latency_distribution.count} queries, ${e.streams} stream(s))`,
          showLine: true,
          borderColor: colourOf(e.id),
          backgroundColor: colourOf(e.id),
          pointRadius: 2,
          data: e.latency_distribution.points.map(([ms, p]) => ({ x: Math.max(ms, 0.001), y: p })),
        })),
      },
      options: base('Throughput phase latency distribution (from the HDR histograms)', { x: logAxis('latency, ms (log)'), y: linearAxis('percentile', { min: 0, max: 100 }) }),
    });
    charts[`g${gi}-price`] = () => {
      const priced = g.entries.filter((e) => e.price_eur_per_hour !== null);
      if (priced.length === 0) return null;
      return {
        type: 'scatter',
        data: {
          datasets: priced.map((e) => ({
            label: `${entryName(e)}: ${(e.eur_per_composite ?? 0).toPrecision(3)} € per composite`,
            backgroundColor: colourOf(e.id),
            borderColor: colourOf(e.id),
            pointRadius: 7,
            data: [{ x: e.price_eur_per_hour, y: e.composite }],
          })),
        },
        options: base('Price-performance: declared €/hour against composite (QphSNDS@SF) — up and left is better', { x: linearAxis('€ per hour (declared)', { beginAtZero: true }), y: linearAxis('composite', { beginAtZero: true }) }),
      };
    };
  });

  const scaleFactors = [...new Set(c.scaling.flatMap((s) => s.points.map((p) => p.scale)))].sort((a, b) => a - b);
  const curveChart = (metric: 'hot_geomean_seconds' | 'qps', title: string, axis: string) => (): ChartConfig => ({
    type: 'scatter',
    data: {
      datasets: c.scaling.map((s, si) => ({
        label: `${s.bidder} (${s.product})`,
        showLine: true,
        borderColor: palette[si % palette.length],
        backgroundColor: palette[si % palette.length],
        data: s.points.map((p) => ({ x: p.scale, y: metric === 'qps' ? p.qps : p.hot_geomean_seconds * 1000 })),
      })),
    },
    options: base(title, {
      // Ticks only at the measured scale factors: a log axis over a short range otherwise crowds its labels.
      x: { ...logAxis('scale factor (log)'), afterBuildTicks: (scale: { ticks: { value: number }[] }) => (scale.ticks = scaleFactors.map((value) => ({ value }))) },
      y: logAxis(axis),
    }),
  });
  charts['scaling-time'] = curveChart('hot_geomean_seconds', 'Scaling: hot geometric-mean query time per scale factor', 'ms (log)');
  charts['scaling-qps'] = curveChart('qps', 'Scaling: throughput per scale factor', 'queries per second (log)');

  let drawn = 0;
  const problems: string[] = [];
  document.querySelectorAll<HTMLCanvasElement>('canvas[data-chart]').forEach((canvas) => {
    const name = canvas.dataset.chart ?? '';
    const config = charts[name]?.(canvas);
    if (!config) {
      problems.push(name);
      return;
    }
    new Chart(canvas, config);
    drawn++;
  });
  document.body.dataset.chartsDrawn = String(drawn);
  if (problems.length) console.error(`hdsbench report: no data for chart(s) ${problems.join(', ')}`);
}
