import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { TableSchema } from '../../core/catalog/catalog-types.js';
import { FORMATS, type Format } from '../../core/encode/encoder.js';
import type { Manifest } from '../../core/pipeline/manifest.js';
import { GENERATOR_NAME, GENERATOR_VERSION } from '../../core/version.js';
import { COPY_SCRIPT } from './copy-script.js';
import { PAGE_STYLE } from './page-style.js';

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

export interface PageChoice {
  tables: string[];
  scale: number;
  seed: number;
  format: Format;
}

export interface PageResult {
  manifest: Manifest;
  /** URL of each manifest path: absolute under the configured base URL, else relative to the server. */
  urlOf(path: string): string;
  snippet: string;
  /** The snippet's URLs are paths on this server (no base URL configured): the script prefixes the page's own origin. */
  relative?: boolean;
}

export interface PageModel {
  tables: TableSchema[];
  choice: PageChoice;
  maxScale: number;
  /** The server's configured base URL (scheme, host, optional path); undefined: links are relative. */
  origin: string | undefined;
  error?: string;
  result?: PageResult;
}

const FORMAT_LABELS: Record<Format, string> = { parquet: 'Parquet (ZSTD)', arrow: 'Arrow IPC stream', csv: 'CSV' };

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1 << 20) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / (1 << 20)).toFixed(1)} MiB`;
}

function tablePicker(tables: TableSchema[], chosen: string[]): Html {
  const kinds: [string, string][] = [['fact', 'Per beneficiary (claims, stays, beneficiaries)'], ['referential', 'Referentials (professionals, establishments)'], ['nomenclature', 'Nomenclatures']];
  return html`<fieldset>
  <legend>Tables <span class="hint">(none ticked = all tables)</span></legend>
  ${kinds.map(([kind, label]) => html`<fieldset><legend>${label}</legend><div class="tables">
    ${tables.filter((t) => t.kind === kind).map((t) => html`<label><input type="checkbox" name="tables" value="${t.name}"${chosen.includes(t.name) ? raw(' checked') : ''}> <code>${t.name}</code> <span class="hint">${t.title ?? ''}</span></label>`)}
  </div></fieldset>`)}
</fieldset>`;
}

function options(m: PageModel): Html {
  const c = m.choice;
  return html`<fieldset>
  <legend>Sample</legend>
  <div class="row">
    <label for="scale">Scale <span class="hint">1 = 100,000 beneficiaries; samples up to ${m.maxScale}</span>
      <input id="scale" name="scale" type="number" min="0.00001" max="${m.maxScale}" step="any" value="${c.scale}" required></label>
    <label for="seed">Seed <span class="hint">0 to 4294967295</span>
      <input id="seed" name="seed" type="number" min="0" max="4294967295" step="1" value="${c.seed}" required></label>
    <fieldset><legend>Format</legend>
      ${FORMATS.map((f) => html`<label><input type="radio" name="format" value="${f}"${f === c.format ? raw(' checked') : ''}> ${FORMAT_LABELS[f]}</label>`)}
    </fieldset>
  </div>
</fieldset>`;
}

function filesSection(r: PageResult): Html {
  const m = r.manifest;
  const totalRows = m.files.reduce((a, f) => a + f.rows, 0);
  return html`<section aria-labelledby="files-title">
  <h2 id="files-title">Files</h2>
  <p>Seed ${m.seed}, scale ${m.scale} (${m.beneficiaries.toLocaleString('en')} beneficiaries), ${m.format}; care from ${m.period.first_care_day} to ${m.period.last_flux_day}.
  Every byte is determined by these choices and ${GENERATOR_NAME} ${GENERATOR_VERSION}: the sha256 below is what anyone regenerating it gets.</p>
  <table>
    <caption class="hint">${m.files.length} file(s), ${totalRows.toLocaleString('en')} rows</caption>
    <thead><tr><th scope="col">Table</th><th scope="col" class="num">Rows</th><th scope="col" class="num">Size</th><th scope="col">Download</th><th scope="col">sha256</th></tr></thead>
    <tbody>
    ${m.files.map((f) => html`<tr><th scope="row"><code>${f.table}</code></th><td class="num" data-rows="${f.table}">${f.rows.toLocaleString('en')}</td><td class="num">${formatBytes(f.bytes)}</td>
      <td><a href="${r.urlOf(f.path)}" download>${f.path}</a></td><td><code title="${f.sha256}">${f.sha256.slice(0, 12)}…</code></td></tr>`)}
    </tbody>
  </table>
  <p><a href="${r.urlOf('manifest.json')}">manifest.json</a> (every file's rows, bytes and sha256)</p>
  <h2 id="duckdb-title">Read it with DuckDB</h2>
  <p>Paste into <code>duckdb</code>: it reads the files straight from these URLs.</p>
  <pre id="duckdb-snippet" aria-labelledby="duckdb-title"${r.relative ? raw(' data-relative-urls') : ''}>${r.snippet}</pre>
  <button type="button" class="secondary" data-copy="duckdb-snippet" hidden>Copy the DuckDB snippet</button> <span id="duckdb-snippet-status" role="status"></span>
</section>`;
}

function dictionary(tables: TableSchema[]): Html {
  return html`<section aria-labelledby="dictionary-title">
  <h2 id="dictionary-title">Data dictionary</h2>
  ${tables.map((t) => html`<details>
    <summary><code>${t.name}</code> — ${t.title ?? t.kind} (${t.fields.length} columns)</summary>
    ${t.description ? html`<p>${t.description}</p>` : ''}
    <table><thead><tr><th scope="col">Column</th><th scope="col">Type</th><th scope="col">Description</th><th scope="col">Nomenclature</th></tr></thead><tbody>
    ${t.fields.map((f) => html`<tr><th scope="row"><code>${f.name}</code></th><td>${f.type}</td><td>${f.description ?? ''}</td><td>${f.nomenclature ?? ''}</td></tr>`)}
    </tbody></table>
  </details>`)}
</section>`;
}

/** The researchers' page: a GET form (works without JavaScript), then files, snippet and dictionary. */
export function renderPage(m: PageModel): Html {
  const shown = m.choice.tables.length ? m.tables.filter((t) => m.choice.tables.includes(t.name)) : m.tables;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>hdsbench samples — synthetic SNDS-like health claims</title>
<style>${raw(PAGE_STYLE)}</style>
</head>
<body>
<header>
  <h1>hdsbench samples</h1>
  <p>Synthetic, deterministic SNDS-like claims (no real person in them) for trying queries before asking for real data. Pick tables, a small scale, a seed and a format.
  Larger datasets: <code>hdsbench gen --from ${m.origin ?? html`<span data-origin>URL-of-this-server</span>`} --scale S --parts K --out DIR</code>, or the <a href="${m.origin ?? ''}/v1">API</a>.</p>
</header>
<main>
  ${m.error ? html`<div class="error" role="alert"><strong>Cannot build this sample:</strong> ${m.error}</div>` : ''}
  <form method="get" action="/">
    ${tablePicker(m.tables, m.choice.tables)}
    ${options(m)}
    <button type="submit">Show files</button>
  </form>
  ${m.result ? filesSection(m.result) : ''}
  ${dictionary(shown)}
</main>
<script type="module">${raw(COPY_SCRIPT)}</script>
</body>
</html>`;
}
