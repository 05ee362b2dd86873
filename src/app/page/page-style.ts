/** The page's whole stylesheet: system fonts, readable width, visible focus, no external assets. */
export const PAGE_STYLE = `
:root { color-scheme: light dark; --accent: #1f5fbf; }
body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 72rem; padding: 1rem 1.5rem 3rem; }
h1 { font-size: 1.6rem; margin-bottom: .25rem; }
fieldset { border: 1px solid #8886; border-radius: 6px; margin: 0 0 1rem; padding: .75rem 1rem; }
legend { font-weight: 600; padding: 0 .25rem; }
.tables { columns: 14rem auto; }
.tables label { display: block; break-inside: avoid; }
.row { display: flex; flex-wrap: wrap; gap: 1.5rem; }
.row label { display: flex; flex-direction: column; font-weight: 600; }
input[type=number] { font: inherit; width: 10rem; padding: .25rem; }
button { font: inherit; padding: .4rem 1rem; border-radius: 6px; border: 1px solid var(--accent); background: var(--accent); color: #fff; cursor: pointer; }
button.secondary { background: transparent; color: inherit; }
:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border-bottom: 1px solid #8884; padding: .25rem .75rem .25rem 0; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
pre { background: #8881; padding: .75rem; overflow-x: auto; border-radius: 6px; }
.error { border-left: 4px solid #c62828; padding: .5rem 1rem; background: #c6282814; }
.hint { color: #666; font-weight: 400; font-size: .9rem; }
details { margin: .25rem 0; }
summary { cursor: pointer; }
`;
