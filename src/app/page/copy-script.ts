/** The page's only script: a copy button for the DuckDB snippet (the page works without it). */
export const COPY_SCRIPT = `
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
