/**
 * A source that lists far more new items than a run should take: each run takes at most the
 * per-run limit, newest first, says how many wait, and stays within its memory; later runs take
 * the rest, none twice.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../../functions/pipeline.ts';
import { Article } from '../../schemas/article.ts';
import type { RunReport } from '../../schemas/run-report.ts';
import { type FaultyStack, startFaultyStack } from '../support/faulty-stack.ts';
import { type HostileSite, type Route, samplePage, startHostileSite } from '../support/hostile-site.ts';
import { REPO_ROOT } from '../support/stack.ts';

/** Ids mixing a letter with digits, as Kazinform's do: off Kazinform's hosts six digits alone are no id. */
const siteId = (n: number) => `a${n.toString(16).padStart(5, '0')}`;
const path = (n: number) => `/ru/x-y-${siteId(n)}`;
/** An RSS feed of `count` items, newest first (item 0 the newest), dated a minute apart. */
function rss(count: number, dated: boolean): string {
  const start = Date.parse('2025-11-24T12:00:00Z');
  const items = Array.from({ length: count }, (_, n) => `<item><link>${path(n)}</link>${dated ? `<pubDate>${new Date(start - n * 60_000).toUTCString()}</pubDate>` : ''}</item>`);
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>/</link><description>d</description>${items.join('')}</channel></rss>`;
}

async function storedIds(stack: FaultyStack): Promise<string[]> {
  const ids: string[] = [];
  for await (const key of stack.s3.store.list('articles/')) ids.push((await stack.s3.store.getJson(key, Article))!.value.id);
  return ids.sort();
}

describe('a source with more new items than one run takes', () => {
  let site: HostileSite;
  let stack: FaultyStack;
  const reports: RunReport[] = [];
  const stored: string[][] = [];

  beforeAll(async () => {
    const page = (await samplePage('ru-4c1e9a')).text;
    // Listed oldest first: the run must still take the newest first.
    const feed = rss(30, true).replace(/<item>.*<\/item>/, (all) => all.split('</item>').filter(Boolean).reverse().map((i) => `${i}</item>`).join(''));
    const routes: Record<string, Route> = { '/rss/ru.xml': { type: 'application/rss+xml', body: feed } };
    for (let n = 0; n < 30; n++) routes[path(n)] = { body: page };
    site = await startHostileSite(routes);
    stack = await startFaultyStack({ config: { feeds: [{ url: site.url('/rss/ru.xml') }], allowHosts: [site.host], retries: 0, newItemsPerRun: 12 } });
    for (let run = 0; run < 4; run++) {
      reports.push(await runPipeline(stack.config, { store: stack.store }));
      stored.push(await storedIds(stack));
    }
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
    await site?.close();
  });

  it('takes at most the per-run limit, newest first, and says how many wait', () => {
    expect(reports.map((r) => [r.counts.new, r.counts.waiting])).toEqual([[12, 18], [12, 6], [6, undefined], [0, undefined]]);
    expect(reports[0]!.feeds[0]).toMatchObject({ newItems: 12, waiting: 18 });
    expect(stored[0]).toEqual(Array.from({ length: 12 }, (_, n) => `ru-${siteId(n)}`).sort());
  });

  it('drains the rest over later runs, fetching and storing each item once', () => {
    expect(stored.map((ids) => ids.length)).toEqual([12, 24, 30, 30]);
    for (let n = 0; n < 30; n++) expect(site.hits(path(n)), path(n)).toBe(1);
  });
});

describe('a feed of 100,000 items', () => {
  let site: HostileSite;
  let stack: FaultyStack;

  beforeAll(async () => {
    const page = { body: (await samplePage('ru-4c1e9a')).text };
    const routes: Record<string, Route> = { '/rss/ru.xml': { type: 'application/rss+xml', body: rss(100_000, false) } };
    for (let n = 0; n < 100_000; n++) routes[path(n)] = page;
    site = await startHostileSite(routes);
    stack = await startFaultyStack({ config: { feeds: [{ url: site.url('/rss/ru.xml') }], allowHosts: [site.host], retries: 0 } });
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
    await site?.close();
  });

  it('is under the 5 MB cap, and one run over it takes the default 200 items and peaks under 256 MB', async () => {
    expect(rss(100_000, false).length).toBeLessThan(5 * 1024 * 1024);
    // The heap budget bench/run.ts measures runs with: without one, V8 sizes its heap from the
    // machine's memory and RSS is mostly garbage not yet collected.
    const child = spawn(process.execPath, ['--max-old-space-size=192', '--max-semi-space-size=2', join(REPO_ROOT, 'tests/support/pipeline-child.ts')], {
      cwd: REPO_ROOT,
      env: { ...process.env, KAZFEED_TEST_S3: JSON.stringify(stack.location), KAZFEED_TEST_CONFIG: JSON.stringify(stack.config), KAZFEED_TEST_PEAK_RSS: '1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    expect(await new Promise((resolve) => child.on('close', resolve))).toBe(0);
    const [reportLine, rssLine] = output.trim().split('\n');
    const report = JSON.parse(reportLine!) as RunReport;
    const peakMb = Number(rssLine?.replace('peak-rss-mb ', ''));
    process.stderr.write(`100,000-item feed: ${report.counts.fetched} fetched, ${report.counts.waiting} waiting, peak RSS ${peakMb} MB\n`);
    expect(report.counts).toMatchObject({ seen: 1000, new: 200, fetched: 200, accepted: 200, waiting: 800 });
    expect(peakMb).toBeLessThan(256);
  }, 180_000);
});
