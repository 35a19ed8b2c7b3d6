import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollSource } from '../../functions/ingest/poll-source.ts';
import { HttpClient } from '../../functions/lib/http.ts';
import type { IngestState } from '../../schemas/state.ts';

describe('pollSource on a host that hangs', () => {
  const hits = new Map<string, number>();
  const server = createServer((req, res) => {
    hits.set(req.url ?? '', (hits.get(req.url ?? '') ?? 0) + 1);
    if (req.url === '/lenta/') res.writeHead(200, { 'content-type': 'text/html' }).end('<a href="/oz/story-9f3a27">Story</a>');
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
});
