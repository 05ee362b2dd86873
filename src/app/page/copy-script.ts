/**
 * The page's only script (the page works without it): a copy button for the DuckDB snippet, and,
 * when the server has no configured base URL, the browser's own origin in front of the snippet's
 * paths and in the command line (DuckDB needs absolute URLs; the server never trusts Host for them).
 */
export const COPY_SCRIPT = `
for (const el of document.querySelectorAll('[data-relative-urls]')) el.textContent = el.textContent.replaceAll("'/v1/", "'" + location.origin + "/v1/");
for (const el of document.querySelectorAll('[data-origin]')) el.textContent = location.origin;
for (const button of document.querySelectorAll('button[data-copy]')) {
  button.hidden = false;
  button.addEventListener('click', async () => {
    const text = document.getElementById(button.dataset.copy).textContent;
    const status = document.getElementById(button.dataset.copy + '-status');
    try { await navigator.clipboard.writeText(text); status.textContent = 'Copied.'; }
    catch { status.textContent = 'Copy failed: select the text and copy it by hand.'; }
  });
}
`;
