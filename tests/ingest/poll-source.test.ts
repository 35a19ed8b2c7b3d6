import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollSource } from '../../functions/ingest/poll-source.ts';
import { HttpClient } from '../../functions/lib/http.ts';
import type { IngestState } from '../../schemas/state.ts';

describe('pollSource on a host that hangs or half answers', () => {
  const hits = new Map<string, number>();
  const server = createServer((req, res) => {
    hits.set(req.url ?? '', (hits.get(req.url ?? '') ?? 0) + 1);
    const xml = { 'content-type': 'application/xml' };
    if (req.url === '/lenta/') res.writeHead(200, { 'content-type': 'text/html' }).end('<a href="/oz/story-9f3a27">Story</a>');
    else if (req.url === '/index.xml') res.writeHead(200, xml).end(`<sitemapindex><sitemap><loc>${origin}/gone.xml</loc><lastmod>2026-01-02</lastmod></sitemap><sitemap><loc>${origin}/ok.xml</loc><lastmod>2026-01-01</lastmod></sitemap></sitemapindex>`);
    else if (req.url === '/ok.xml') res.writeHead(200, xml).end(`<urlset><url><loc>${origin}/oz/story-9f3a27</loc></url></urlset>`);
    else if (req.url === '/gone.xml') res.writeHead(404).end();
    // Every other path never answers.
  });
  let origin = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('starts no further candidate once the source has spent its time budget, and says so', async () => {
    const http = new HttpClient({ allowHosts: ['127.0.0.1'], headersTimeoutMs: 200, retries: 0 });
    const state: IngestState = { feeds: {}, sources: {}, items: {} };
    try {
      const polled = await pollSource(
        { edition: 'uz-cyrl', candidates: [`${origin}/rss.xml`, `${origin}/sitemap.xml`, `${origin}/lenta/`] },
        { http, state, now: new Date('2026-01-01T00:00:00Z'), maxItems: 100, maxListPages: 7, budgetMs: 100 },
      );
      expect(polled.outcome).toMatchObject({ status: 'error', error: expect.stringMatching(/headers not received within 200 ms.*; 2 more not tried, the source's 0\.1 s were spent$/) });
      expect(polled.outcome.candidates?.map((c) => c.status)).toEqual(['error']);
      expect(hits.get('/sitemap.xml')).toBeUndefined();
      expect(hits.get('/lenta/')).toBeUndefined();
    } finally {
      http.close();
    }
  });

  it('serves a sitemap index from the sitemaps that answer, naming the ones that did not', async () => {
    const http = new HttpClient({ allowHosts: ['127.0.0.1'], retries: 0 });
    try {
      const polled = await pollSource({ url: `${origin}/index.xml` }, { http, state: { feeds: {}, sources: {}, items: {} }, now: new Date('2026-01-03T00:00:00Z'), maxItems: 100, maxListPages: 7 });
      expect(polled.outcome).toMatchObject({ kind: 'sitemap-index', status: 'fetched', items: 1, notes: [expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/gone\.xml: error, HTTP 404/)] });
      expect(polled.items.map((i) => i.id)).toEqual(['oz-9f3a27']);
    } finally {
      http.close();
    }
  });
});

describe('pollSource on a paginated latest-news list (/ru/lenta?page=N)', () => {
  const requested: string[] = [];
  /** Page N of the list: two 2026-style cards, and a link to page N+1 while there is one. */
  const lenta = (n: number, last: number, ids = [`${n}a0001`, `${n}b0002`]) => `<!doctype html><html lang="ru"><body>
    ${ids.map((id) => `<a class="news-card" href="/ru/novost-nomer-${id}"><time class="meta-date">10:00, ${20 - n} Августа 2026</time><h3 class="card-title">Новость ${id}</h3></a>`).join('')}
    ${n < last ? `<a href="/ru/lenta?page=${n + 1}">${n + 1}</a>` : ''}</body></html>`;
  const server = createServer((req, res) => {
    requested.push(req.url ?? '');
    const url = new URL(req.url ?? '/', 'http://x');
    const n = Number(url.searchParams.get('page') ?? 1);
    const html = (body: string) => res.writeHead(200, { 'content-type': 'text/html' }).end(body);
    if (url.pathname === '/ru/lenta') html(lenta(n, 4));
    else if (url.pathname === '/ru/broken-lenta') n === 1 ? html(lenta(1, 4).replaceAll('/ru/lenta', '/ru/broken-lenta')) : res.writeHead(503).end();
    else if (url.pathname === '/ru/same-lenta') html(lenta(1, 4).replaceAll('/ru/lenta', '/ru/same-lenta'));
    else if (url.pathname === '/ru/') html(lenta(1, 1).replace('</body>', '<a href="/ru/lenta?page=2">2</a></body>'));
    else res.writeHead(404).end();
  });
  let origin = '';
  let http: HttpClient;
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    http = new HttpClient({ allowHosts: ['127.0.0.1'], retries: 0 });
  });
  afterAll(async () => {
    http.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const poll = async (path: string, options: { maxListPages?: number; seen?: string[] } = {}) => {
    requested.length = 0;
    const state: IngestState = { feeds: {}, sources: {}, items: {} };
    for (const id of options.seen ?? []) state.items[id] = { status: 'done', attempts: 1, lastSeenAt: '2026-08-19T00:00:00.000Z' };
    return pollSource({ url: `${origin}${path}` }, { http, state, now: new Date('2026-08-20T00:00:00Z'), maxItems: 100, maxListPages: options.maxListPages ?? 3 });
  };

  it('reads the next pages while every item on them is new, up to maxListPages pages in all', async () => {
    const polled = await poll('/ru/lenta');
    expect(polled.items.map((i) => i.id)).toEqual(['ru-1a0001', 'ru-1b0002', 'ru-2a0001', 'ru-2b0002', 'ru-3a0001', 'ru-3b0002']);
    expect(polled.items[2]).toMatchObject({ title: 'Новость 2a0001', publishedAt: '2026-08-18T05:00:00.000Z' });
    expect(polled.outcome).toMatchObject({ kind: 'html', status: 'fetched', items: 6 });
    expect(requested).toEqual(['/ru/lenta', '/ru/lenta?page=2', '/ru/lenta?page=3']);
  });

  it('stops at the first page that holds an item seen before', async () => {
    const polled = await poll('/ru/lenta', { seen: ['ru-2b0002'] });
    expect(polled.items.map((i) => i.id)).toEqual(['ru-1a0001', 'ru-1b0002', 'ru-2a0001', 'ru-2b0002']);
    expect(requested).toEqual(['/ru/lenta', '/ru/lenta?page=2']);
  });

  it('reads only the first page when it holds an item seen before, or when maxListPages is 1', async () => {
    await poll('/ru/lenta', { seen: ['ru-1b0002'] });
    expect(requested).toEqual(['/ru/lenta']);
    await poll('/ru/lenta', { maxListPages: 1 });
    expect(requested).toEqual(['/ru/lenta']);
  });

  it('keeps what the pages before gave when a next page fails, and says so', async () => {
    const polled = await poll('/ru/broken-lenta');
    expect(polled.outcome).toMatchObject({ status: 'fetched', items: 2, notes: [expect.stringMatching(/\/ru\/broken-lenta\?page=2: error, HTTP 503/)] });
  });

  it('stops when a next page adds no item (a site that ignores ?page=)', async () => {
    const polled = await poll('/ru/same-lenta');
    expect(polled.items).toHaveLength(2);
    expect(requested).toEqual(['/ru/same-lenta', '/ru/same-lenta?page=2']);
  });

  it('does not page through a page that links to no next page of its own (a front page)', async () => {
    await poll('/ru/');
    expect(requested).toEqual(['/ru/']);
  });
});
