import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { buildResult, uniform, writeSigned } from './result-fixture.js';
import { runCompare, writeDigestsFile } from './run-compare.js';

/** Debian's `chromium` package (apt-get install -y chromium). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const ARTIFACTS = join(import.meta.dirname, '..', '..', 'test-artifacts');

describe('the HTML report in headless Chromium', () => {
  const dir = tempDir('compare-html');
  const report = join(dir, 'report.html');
  let browser: Browser;
  let stdout: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium, or set CHROMIUM_PATH`);
    const digests = await writeDigestsFile(dir, [1, 10]);
    const q = (cold: number, hot: number) => ({ q01: [cold, hot, hot * 1.1], q02: [cold * 3, hot * 2, hot * 2], q03: [cold / 2, hot / 3, hot / 3] }) as Parameters<typeof buildResult>[0]['times'];
    const failed = q(0.3, 0.15);
    failed.q02 = [0.5, null, 0.3];
    const files = [
      await writeSigned(dir, 'alpha-sf1.json', buildResult({ bidder: 'Alpha Cloud', times: q(0.2, 0.1), price: 1.85, completed: 900 }), join(dir, 'alpha.jwk')),
      await writeSigned(dir, 'beta-sf1.json', buildResult({ bidder: 'Beta <b>Santé</b>', times: failed, price: 3.2, loadSeconds: 14, completed: 700 })),
      await writeSigned(dir, 'gamma-sf1.json', buildResult({ bidder: 'Gamma Data', times: q(0.25, 0.2), price: 0.9, sizeBytes: 60_000_000, completed: 500 })),
      await writeSigned(dir, 'alpha-sf10.json', buildResult({ bidder: 'Alpha Cloud', scale: 10, times: q(1.5, 0.8), price: 1.85, loadSeconds: 90, completed: 200 }), join(dir, 'alpha.jwk')),
    ];
    const tampered = join(dir, 'tampered.json');
    const data = JSON.parse(await readFile(files[2], 'utf8'));
    data.sut.price_eur_per_hour = 0.1;
    await writeFile(tampered, JSON.stringify(data));
    const r = await runCompare([...files, tampered, '--digests', digests, '--html', report]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1); // the tampered file is excluded
    stdout = r.stdout;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('renders offline without console errors, draws every chart, and is screenshotted', async () => {
    expect(stdout).toContain(`report: ${report}`);
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
    page.on('request', (req) => requests.push(req.url()));
    await page.goto(pathToFileURL(report).href);
    await page.waitForFunction(() => document.body.dataset.chartsDrawn !== undefined);
    const canvases = await page.locator('canvas').count();
    // Two groups × (hot, cold, load/size, latency, price) + the scaling curves (time, QPS).
    expect(canvases).toBe(12);
    expect(await page.evaluate(() => Number(document.body.dataset.chartsDrawn))).toBe(canvases);
    // Every chart has ink: more than 1 % of its pixels drawn.
    const inked = await page.evaluate(() =>
      [...document.querySelectorAll('canvas')].map((c) => {
        const pixels = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        let drawn = 0;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) drawn++;
        return drawn / (c.width * c.height);
      }),
    );
    for (const share of inked) expect(share).toBeGreaterThan(0.01);
    expect(errors).toEqual([]);
    expect(requests).toEqual([pathToFileURL(report).href]);

    // What an evaluator reads: the ranking, the excluded file and why, the sources.
    const ranking = await page.locator('table.ranking').first().innerText();
    expect(ranking.split('\n')[1]).toMatch(/^1\tE1\tAlpha Cloud\t/);
    expect(await page.locator('table.ranking').first().locator('tbody tr').count()).toBe(3);
    expect(await page.getByText('Beta <b>Santé</b>').first().isVisible()).toBe(true); // escaped, not markup
    expect(await page.locator('ul.reasons').innerText()).toContain('signature does not match the content');
    expect(await page.locator('#src-E1').innerText()).toContain('alpha-sf1.json');
    expect(await page.locator('h2').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringMatching(/^SF 1 · seed 42/), expect.stringMatching(/^SF 10 · seed 42/), expect.stringMatching(/^Scaling curves/)]));

    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'compare-report.png'), fullPage: true });
    await copyFile(report, join(ARTIFACTS, 'compare-report.html'));
    expect(existsSync(join(ARTIFACTS, 'compare-report.png'))).toBe(true);
    await page.close();
  });
});
