/**
 * The atlas in a real browser: Debian's Chromium, driven by playwright-core (no browser download),
 * opening the pages `kazfeed serve` serves after a pipeline run over the sample site. Screenshots
 * go to test-output/browser/ (git-ignored) for a person to look at.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FeedServer, startFeedServer } from '../../cli/feed-server.ts';
import { renderSite, siteFromArticles } from '../../functions/publish/site/update-site.ts';
import { testArticle } from '../support/articles.ts';
import { sampleRun } from '../support/sample-run.ts';
import { type ExpectedArticle, REPO_ROOT, type Stack } from '../support/stack.ts';
import { type Browser, chromiumMissing, launchChromium, watch } from './chromium.ts';

const SCREENSHOTS = join(REPO_ROOT, 'test-output/browser');

describe.skipIf(chromiumMissing)('the relations atlas in Chromium, served by kazfeed serve after a run over the sample site', () => {
  let stack: Stack;
  let expected: ExpectedArticle[];
  let server: FeedServer;
  let browser: Browser;

  beforeAll(async () => {
    ({ stack, expected } = await sampleRun());
    server = await startFeedServer(stack.s3.store, 0);
    browser = await launchChromium();
    await mkdir(SCREENSHOTS, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await stack?.close();
  });

  const pairs = () => [...new Set(expected.flatMap((a) => (a.expected.kind === 'bilateral' && a.expected.pair ? [a.expected.pair.toLowerCase()] : [])))].sort();

  /** Opens a page of the atlas and returns it with what went wrong loading it. */
  async function open(path: string, width = 1440): Promise<{ page: Page; trouble: string[] }> {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width, height: 900 });
    const trouble = watch(page);
    const response = await page.goto(`${server.origin}${path}`, { waitUntil: 'load' });
    expect(response?.status(), path).toBe(200);
    return { page, trouble };
  }

  /** Every chart followed by its table: the chart's text alternative. */
  const chartsWithTables = (page: Page) => page.evaluate(() => [...document.querySelectorAll('svg.chart')].map((svg) => {
    const next = svg.nextElementSibling;
    return { label: svg.getAttribute('aria-label'), table: Boolean(next?.matches('table') || next?.querySelector('table')) };
  }));

  it('shows every pair of the sample site on the front page, each chart with its table, without a console error or failed request', async () => {
    const { page, trouble } = await open('/site/index.html');
    expect(await page.locator('.pairs > li h3 a').evaluateAll((links) => links.map((a) => a.getAttribute('href')).sort())).toEqual(pairs().map((p) => `pair/${p}.html`));
    const charts = await chartsWithTables(page);
    expect(charts).toHaveLength(pairs().length);
    expect(charts.filter((c) => !c.table)).toEqual([]);
    expect(trouble).toEqual([]);
    await page.close();
  });

  it('has every feed link answer, the OPML list included', async () => {
    const { page } = await open('/site/index.html');
    const links = await page.locator('a[href*="feeds/"]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(links.length).toBeGreaterThan(2 * pairs().length);
    for (const link of new Set(links)) expect((await fetch(link)).status, link).toBe(200);
    await page.close();
  });

  it('opens every pair page from the front page, with its articles, topics and charts with tables', async () => {
    for (const pair of pairs()) {
      const { page, trouble } = await open('/site/index.html');
      await page.click(`a[href="pair/${pair}.html"]`);
      await page.waitForURL(`**/site/pair/${pair}.html`);
      const articles = expected.filter((a) => a.expected.pair?.toLowerCase() === pair && a.expected.kind === 'bilateral');
      expect(await page.locator('#articles + ol > li').count(), pair).toBe(articles.length);
      expect(await page.locator('#topics + table tbody tr').count(), pair).toBeGreaterThan(0);
      const charts = await chartsWithTables(page);
      expect(charts.length, pair).toBeGreaterThan(0);
      expect(charts.filter((c) => !c.table), pair).toEqual([]);
      expect(trouble, pair).toEqual([]);
      await page.close();
    }
  });

  it('filters by language with plain links: each language page lists only that language\'s articles', async () => {
    const languages = [...new Set(expected.flatMap((a) => (a.expected.kind === 'bilateral' ? [a.expected.language] : [])))].sort();
    for (const language of languages) {
      const { page, trouble } = await open('/site/index.html');
      await page.click(`nav a[lang="${language}"]`);
      await page.waitForURL(`**/site/lang/${language.toLowerCase()}.html`);
      const shown = await page.locator('#newest + ol > li > a > span').evaluateAll((spans) => spans.map((s) => s.getAttribute('lang')));
      expect(shown, language).toEqual(expected.filter((a) => a.expected.kind === 'bilateral' && a.expected.language === language).map(() => language));
      expect(trouble, language).toEqual([]);
      await page.close();
    }
  });

  it('shows the KZ-TM figures with their sources', async () => {
    const { page } = await open('/site/pair/kz-tm.html');
    expect(await page.locator('#figures ~ h3').allTextContents()).toContain('Trade turnover (USD)');
    expect(await page.getByRole('cell', { name: '555,7 миллион доллар' }).count()).toBeGreaterThan(0);
    await page.close();
  });

  it('has no serious or critical accessibility violation (axe-core), light or dark, on every kind of page', async () => {
    for (const path of ['/site/index.html', '/site/pair/kz-tm.html', '/site/pair/cn-ru.html', '/site/lang/kk-arab.html', '/site/lang/zh-hans.html']) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const { page } = await open(path, 360);
        await page.emulateMedia({ colorScheme });
        // Through the DevTools protocol, which the pages' policy does not govern: the pages allow no script.
        await page.evaluate(axe.source);
        const violations = await page.evaluate(async () => {
          const result = await (globalThis as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] });
          return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
        });
        expect(violations, `${path} ${colorScheme}`).toEqual([]);
        await page.close();
      }
    }
  }, 60_000);

  it('fits 360 px without sideways scrolling, follows a dark colour scheme, and leaves screenshots at 360 and 1440 px', async () => {
    for (const [name, path] of [['index', '/site/index.html'], ['pair-kz-tm', '/site/pair/kz-tm.html']] as const) {
      for (const width of [360, 1440]) {
        const { page } = await open(path, width);
        expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} at ${width}`).toBeLessThanOrEqual(width);
        await page.screenshot({ path: join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
        await page.emulateMedia({ colorScheme: 'dark' });
        expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(13, 17, 23)');
        await page.screenshot({ path: join(SCREENSHOTS, `${name}-${width}-dark.png`), fullPage: true });
        await page.close();
      }
    }
    expect(existsSync(join(SCREENSHOTS, 'index-360.png'))).toBe(true);
  }, 60_000);
});

describe.skipIf(chromiumMissing)('atlas pages in Chromium with a title that has no space in it', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => browser?.close());

  it('breaks it rather than scroll sideways, at 360 and 1440 px', async () => {
    const long = { ...testArticle('en-0000aa', '2025-11-01T10:00:00.000Z', { pair: 'FR-KZ' }), title: `Kazakhstan${'France'.repeat(160)}` };
    const { states, summary } = siteFromArticles(new Map(), [long]);
    const pages = renderSite(states, summary, () => null, 'http://127.0.0.1:8080').filter((o) => o.key.endsWith('.html'));
    expect(pages.map((o) => o.key).sort()).toEqual(['site/index.html', 'site/lang/en.html', 'site/pair/fr-kz.html']);
    for (const { key, body } of pages) {
      for (const width of [360, 1440]) {
        const page = await browser.context.newPage();
        await page.setViewportSize({ width, height: 900 });
        await page.setContent(body, { waitUntil: 'load' });
        expect(await page.evaluate(() => document.documentElement.scrollWidth), `${key} at ${width}`).toBeLessThanOrEqual(width);
        await page.close();
      }
    }
  });
});
