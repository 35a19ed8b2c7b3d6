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
        { http, state, now: new Date('2026-01-01T00:00:00Z'), maxItems: 100, budgetMs: 100 },
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
      const polled = await pollSource({ url: `${origin}/index.xml` }, { http, state: { feeds: {}, sources: {}, items: {} }, now: new Date('2026-01-03T00:00:00Z'), maxItems: 100 });
      expect(polled.outcome).toMatchObject({ kind: 'sitemap-index', status: 'fetched', items: 1, notes: [expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/gone\.xml: error, HTTP 404/)] });
      expect(polled.items.map((i) => i.id)).toEqual(['oz-9f3a27']);
    } finally {
      http.close();
    }
  });
});
