/** Styles of the HTML report: readable on screen, printable to PDF for a decision file. */
export const REPORT_CSS = `
:root { --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --bad: #b3261e; --bg-alt: #f6f8fa; }
* { box-sizing: border-box; }
body { font: 13.5px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); margin: 0 auto; padding: 1.5rem; max-width: 1400px; }
h1 { margin: 0 0 .25rem; } h2 { margin-top: 2.5rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
h2 small, h3 small { color: var(--muted); font-weight: normal; font-size: .75em; margin-left: .5rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; width: 100%; }
.table-wrap { overflow-x: auto; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .45rem; text-align: left; vertical-align: top; }
th { background: var(--bg-alt); font-weight: 600; white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.ranking tbody tr:first-child { background: #eef7ee; }
code { font-size: .9em; word-break: break-all; }
small { color: var(--muted); }
.bad { color: var(--bad); }
.note { color: var(--muted); font-style: italic; }
a.src { font-weight: 600; text-decoration: none; }
details { margin: .5rem 0 1rem; } summary { cursor: pointer; color: var(--muted); }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(560px, 1fr)); gap: 1.25rem; }
.chart { position: relative; height: 320px; border: 1px solid var(--line); border-radius: 6px; padding: .5rem; }
.chart.tall { height: 380px; }
ul.reasons > li { margin-bottom: .5rem; }
table.sources td { font-size: .92em; }
tr:target { background: #fff8c5; }
@media print { .grid { grid-template-columns: 1fr; } .chart { break-inside: avoid; } details { display: block; } }
`;
