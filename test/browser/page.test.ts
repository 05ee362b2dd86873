import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../src/app/limits.js';
import { GENERATOR_VERSION } from '../../src/core/version.js';
import { startServer, type RunningServer } from '../../src/node/server.js';
import { tempDir } from '../helpers/cli.js';
import { openDataset, scalar } from '../helpers/duckdb.js';

/** Debian's `chromium` package (CI installs it: apt-get install -y chromium). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

describe('the researchers\' page in headless Chromium', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium, or set CHROMIUM_PATH`);
    server = await startServer({ port: 0, host: '127.0.0.1' });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('chooses tables, scale, seed and format, shows row counts, downloads a file that reads back', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const page = await context.newPage();
    await page.goto(server.url);
    for (const box of await page.locator('input[name=tables]').all()) await box.setChecked(false);
    await page.getByRole('checkbox', { name: /^IR_BEN_R / }).check();
    await page.getByRole('checkbox', { name: /ER_PHA_F/ }).check();
    await page.getByLabel(/^Scale/).fill('0.001');
    await page.getByLabel(/^Seed/).fill('9');
    await page.getByRole('radio', { name: /Parquet/ }).check();
    await page.getByRole('button', { name: 'Show files' }).click();

    const shownRows = Number((await page.locator('td[data-rows="IR_BEN_R"]').textContent())?.replace(/,/g, ''));
    expect(shownRows).toBeGreaterThan(0);
    await expect(page.getByRole('heading', { name: 'Data dictionary' }).isVisible()).resolves.toBe(true);
    expect((await page.locator('summary code').allTextContents()).sort()).toEqual(['ER_PHA_F', 'IR_BEN_R']);

    const dir = tempDir('browser');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'IR_BEN_R/part-1-of-1.parquet' }).click()]);
    await download.saveAs(join(dir, 'IR_BEN_R', 'part-1.parquet'));
    const db = await openDataset(dir, ['IR_BEN_R']);
    expect(await scalar(db, 'select count(*) from IR_BEN_R')).toBe(shownRows);

    const snippet = await page.locator('#duckdb-snippet').textContent();
    expect(snippet).toContain(`read_parquet('${server.url}/v1/datasets/hdsbench-${GENERATOR_VERSION}/seed-9/sf-0.001/parts-1/parquet/IR_BEN_R/part-1-of-1.parquet')`);
    await page.getByRole('button', { name: 'Copy the DuckDB snippet' }).click();
    await page.getByRole('status').filter({ hasText: 'Copied.' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(snippet);
    await context.close();
  });

  it('explains a bad choice on the page itself', async () => {
    const page = await browser.newPage();
    const res = await page.goto(`${server.url}/?tables=IR_BEN_R&scale=5&seed=1&format=csv`);
    expect(res?.status()).toBe(400);
    expect(await page.getByRole('alert').textContent()).toContain(`above the page's ${DEFAULT_LIMITS.maxPageScale}`);
    await page.close();
  });
});
