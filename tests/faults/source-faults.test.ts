import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockedForADay, loadIngestState } from '../../functions/ingest/index.ts';
import { PROBE_INTERVAL_MS } from '../../functions/ingest/poll-source.ts';
import { runPipeline } from '../../functions/pipeline.ts';
import type { RunReport } from '../../schemas/run-report.ts';
import { type FaultyStack, snapshot, startFaultyStack } from '../support/faulty-stack.ts';
import { type Answer, type HostileSite, samplePage, startHostileSite } from '../support/hostile-site.ts';

const HOUR = 3_600_000;
const T0 = new Date('2026-03-02T08:00:00.000Z');
const at = (ms: number) => () => new Date(T0.getTime() + ms);

/** What Cloudflare serves a client it wants to see run JavaScript first. */
const challenge: Answer = {
  status: 403,
  headers: { 'cf-mitigated': 'challenge', server: 'cloudflare' },
  body: '<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title></head><body><noscript>Enable JavaScript and cookies to continue</noscript><script>window._cf_chl_opt={cvId: "3"};</script></body></html>',
};
/** The same interstitial answered with 200, as some configurations do. */
const interstitial: Answer = { body: '<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>Checking your browser.</body></html>' };

const sitemap = (entries: { path: string; title: string }[]) => `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
${entries.map((e) => `<url><loc>{{origin}}${e.path}</loc><news:news><news:publication><news:name>Kazinform</news:name><news:language>uz</news:language></news:publication><news:publication_date>2025-11-24T09:00:00+05:00</news:publication_date><news:title>${e.title}</news:title></news:news></url>`).join('\n')}
</urlset>`;

/**
 * An edition whose first candidates fail (a missing feed, a broken sitemap, a challenge), served
 * by its front page, next to a feed behind a challenge, an interstitial in place of a feed, a page
 * with 500 links and one with none: over four runs, each source and item gets a clear entry in the
 * run report, and what was stored stays as it was.
 */
describe('sources that fail, block or mislead', () => {
  let site: HostileSite;
  let stack: FaultyStack;
  const reports: RunReport[] = [];
  const stored: Record<string, string>[] = [];
  const pages: Record<string, { path: string; text: string }> = {};
  const source = (report: RunReport | undefined, path: string) => report?.feeds.find((f) => f.source === site.url(path) || f.source === path);

  beforeAll(async () => {
    for (const id of ['oz-9f3a27', 'oz-c0b418', 'oz-2d7e54', 'en-d93a61', 'en-7b2f04']) pages[id] = await samplePage(id);
    const p = (id: string) => pages[id] as { path: string; text: string };
    const front = `<!DOCTYPE html><html lang="uz"><body><nav><a href="/oz/">Бош саҳифа</a> <a href="/oz/siyosat">Сиёсат</a></nav>
      <div class="allNewsCard"><a href="${p('oz-9f3a27').path}">Астана ва Ашхобод</a></div>
      <div class="allNewsCard"><a href="${p('oz-c0b418').path}">Қозоғистон иқтисодиёти</a></div></body></html>`;
    const links = [
      `<a href="${p('en-d93a61').path}"><img src="/i.jpg"></a>`, `<a href="${p('en-d93a61').path}">Kazakh and French ministers</a>`,
      `<a href="${p('en-7b2f04').path}"><img src="/i.jpg"></a>`, `<a href="${p('en-7b2f04').path}">Kazakhstan and China</a>`,
      ...Array.from({ length: 100 }, (_, i) => `<a href="/en/section-${i}">Section ${i}</a>`),
      ...Array.from({ length: 100 }, (_, i) => `<a href="/tags/${i}">#${i}</a>`),
      ...Array.from({ length: 100 }, (_, i) => `<a href="/en/lenta?page=${i}">${i}</a>`),
      ...Array.from({ length: 150 }, (_, i) => `<a href="https://mirror.example/en/copied-story-${(0xa00000 + i).toString(16)}">Copy ${i}</a>`),
      ...Array.from({ length: 46 }, (_, i) => `<a href="mailto:desk${i}@inform.kz">Desk ${i}</a>`),
    ];
    site = await startHostileSite({
      '/oz/rss.xml': { status: 404, type: 'text/plain', body: 'not found' },
      // Broken until it is mended: the later probe finds it answering.
      '/oz/sitemaps/google-news_oz.xml': (hit) => (hit === 1
        ? { type: 'application/xml', body: sitemap([{ path: p('oz-9f3a27').path, title: 'Астана' }]).slice(0, 300) }
        : { type: 'application/xml', body: sitemap([{ path: p('oz-9f3a27').path, title: 'Астана' }, { path: p('oz-2d7e54').path, title: 'Тошкент' }]) }),
      '/oz/lenta/': challenge,
      '/oz/': { body: front },
      '/cn/feed.xml': { ...challenge, status: 503 },
      '/cn/interstitial.xml': interstitial,
      '/en/big.html': { body: `<!DOCTYPE html><html lang="en"><body>${links.join('\n')}</body></html>` },
      '/en/empty.html': { body: '<!DOCTYPE html><html lang="en"><body><nav><a href="/en/">Home</a> <a href="/en/politics">Politics</a></nav><p>We are updating the site.</p></body></html>' },
      [p('oz-9f3a27').path]: { body: p('oz-9f3a27').text },
      // A challenge in place of the article on the first try only.
      [p('oz-c0b418').path]: (hit) => (hit === 1 ? interstitial : { body: p('oz-c0b418').text }),
      [p('oz-2d7e54').path]: { body: p('oz-2d7e54').text },
      [p('en-d93a61').path]: { body: p('en-d93a61').text },
      [p('en-7b2f04').path]: { body: p('en-7b2f04').text },
    });
    stack = await startFaultyStack({
      config: {
        feeds: [
          { edition: 'uz-cyrl', language: 'uz-Cyrl', candidates: ['/oz/rss.xml', '/oz/sitemaps/google-news_oz.xml', '/oz/lenta/', '/oz/'].map((path) => site.url(path)) },
          { url: site.url('/cn/feed.xml') },
          { url: site.url('/cn/interstitial.xml') },
          { url: site.url('/en/big.html') },
          { url: site.url('/en/empty.html') },
        ],
        allowHosts: [site.host],
        retries: 2,
      },
    });
    // 0 h; 1 h (the front page remembered); 7 h (the earlier candidates tried again); 25 h (blocked for a day).
    for (const ms of [0, HOUR, HOUR + PROBE_INTERVAL_MS, 25 * HOUR]) {
      reports.push(await runPipeline(stack.config, { store: stack.store, now: at(ms) }));
      stored.push(await snapshot(stack.s3.store, 'articles/'));
    }
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
    await site?.close();
  });

  it('serves an edition from the first candidate that answers, each candidate tried listed with why it did not', () => {
    const edition = source(reports[0], 'uz-cyrl');
    expect(edition).toMatchObject({ url: site.url('/oz/'), kind: 'html', status: 'fetched', items: 2 });
    expect(edition?.candidates?.map((c) => [new URL(c.url).pathname, c.status, c.kind])).toEqual([
      ['/oz/rss.xml', 'error', null], ['/oz/sitemaps/google-news_oz.xml', 'error', null], ['/oz/lenta/', 'blocked', null], ['/oz/', 'fetched', 'html'],
    ]);
    expect(edition?.candidates?.map((c) => c.error ?? '')).toEqual([
      expect.stringContaining('HTTP 404'), expect.stringMatching(/^malformed feed \(cut short\?/), expect.stringContaining('Cloudflare bot challenge'), '',
    ]);
  });

  it('asks only the remembered candidate while it answers, then tries the earlier ones again and lets one that mended take over', () => {
    expect(source(reports[1], 'uz-cyrl')?.candidates?.map((c) => new URL(c.url).pathname)).toEqual(['/oz/']);
    expect(site.hits('/oz/rss.xml')).toBe(3); // runs 1, 3 and 4: the first run, then probes at least six hours apart
    expect(source(reports[2], 'uz-cyrl')).toMatchObject({ url: site.url('/oz/sitemaps/google-news_oz.xml'), kind: 'news-sitemap', status: 'fetched', items: 2, newItems: 1 });
    expect(source(reports[2], 'uz-cyrl')?.candidates?.map((c) => c.status)).toEqual(['error', 'fetched']);
    expect(reports[2]?.counts).toMatchObject({ new: 1, accepted: 1 }); // oz-2d7e54, listed only by the sitemap; oz-9f3a27 is not fetched again
    expect(site.hits(pages['oz-9f3a27']!.path)).toBe(1);
  });

  it('records a feed behind a challenge as blocked, since its first run, and names it once blocked for a day', () => {
    expect(reports.map((r) => source(r, '/cn/feed.xml')?.status)).toEqual(['blocked', 'blocked', 'blocked', 'blocked']);
    expect(reports.map((r) => source(r, '/cn/feed.xml')?.blockedSince)).toEqual(reports.map(() => T0.toISOString()));
    expect(reports[0]?.errors).toContainEqual({ stage: 'ingest', url: site.url('/cn/feed.xml'), message: expect.stringMatching(/^blocked: a Cloudflare bot challenge \(cf-mitigated: challenge\), HTTP 503/) });
    expect(site.hits('/cn/feed.xml')).toBe(4); // once a run: a challenge is not retried within the run
    expect(blockedForADay(reports[2]?.feeds ?? [], at(HOUR + PROBE_INTERVAL_MS)())).toEqual([]);
    expect(blockedForADay(reports[3]?.feeds ?? [], at(25 * HOUR)())).toEqual([site.url('/cn/feed.xml'), site.url('/cn/interstitial.xml')]);
  });

  it('never reads an interstitial answered with 200 as a list page', () => {
    expect(source(reports[0], '/cn/interstitial.xml')).toMatchObject({ status: 'blocked', kind: null, items: 0, error: expect.stringContaining('"Just a moment..."') });
  });

  it('stores nothing for an article answered with a challenge, rejects nothing, and stores it when a later run gets the page', async () => {
    expect(reports[0]?.counts).toMatchObject({ accepted: 3, rejected: 0, blocked: 1 });
    expect(reports[0]?.errors).toContainEqual({ stage: 'process', url: expect.stringContaining(pages['oz-c0b418']!.path), message: expect.stringContaining('"Just a moment..."') });
    expect(Object.keys(stored[0] ?? {}).some((key) => key.includes('oz-c0b418'))).toBe(false);
    expect(reports[1]?.counts).toMatchObject({ new: 1, accepted: 1, blocked: 0 });
    expect(Object.keys(stored[1] ?? {}).some((key) => key.includes('oz-c0b418'))).toBe(true);
    expect((await snapshot(stack.s3.store, 'rejected/'))).toEqual({});
    expect((await loadIngestState(stack.s3.store)).state.items['oz-c0b418']).toMatchObject({ status: 'done', attempts: 1 });
  });

  it('takes from a page of 500 links only its links to article pages on allowed hosts, once each', () => {
    expect(source(reports[0], '/en/big.html')).toMatchObject({ kind: 'html', status: 'fetched', items: 2, notes: ['150 links to hosts not allowed (mirror.example) ignored'] });
    expect(site.hits(pages['en-d93a61']!.path)).toBe(1);
  });

  it('reports a page with no article link as empty, saying so', () => {
    expect(source(reports[0], '/en/empty.html')).toMatchObject({ kind: 'html', status: 'empty', items: 0, error: 'no links to article pages among 2 links' });
  });

  it('loses nothing: every article stored stays as it was through the later runs', () => {
    for (let run = 1; run < stored.length; run++) {
      for (const [key, hash] of Object.entries(stored[run - 1] ?? {})) expect(stored[run]?.[key], `${key} after run ${run + 1}`).toBe(hash);
    }
    expect(Object.keys(stored[3] ?? {})).toHaveLength(5);
  });
});
