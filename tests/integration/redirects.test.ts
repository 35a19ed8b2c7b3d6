import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServer, listenOnLoopback } from '../../cli/loopback.ts';
import { kazfeed } from '../support/cli.ts';

const TITLE = 'Казахстан и Кыргызстан обсудили водные ресурсы';
const ARTICLE = `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>${TITLE}</title>
<meta property="article:published_time" content="2025-11-24T04:00:00Z"></head><body><article><h1>${TITLE}</h1>
<p>АСТАНА. Министры водных ресурсов Казахстана и Кыргызстана обсудили в Бишкеке совместное использование рек.</p>
<p>Стороны договорились о графике попусков воды на вегетационный период.</p></article></body></html>`;

/** A feed of items whose pages all redirect to one article (old addresses of it); the article may be edited. */
function redirectingSite(state: { aliases: string[]; edited: boolean }): Server {
  return createServer((req, res) => {
    const origin = `http://${req.headers.host}`;
    const item = (path: string) => `<item><title>${TITLE}</title><link>${origin}${path}</link><pubDate>Mon, 24 Nov 2025 04:00:00 GMT</pubDate></item>`;
    if (req.url === '/feed.xml') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
        `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>${origin}/</link><description>d</description>${state.aliases.map(item).join('')}</channel></rss>`,
      );
    } else if (state.aliases.includes(req.url ?? '')) {
      res.writeHead(301, { location: '/ru/vodnye-resursy-a1b2c3' }).end();
    } else if (req.url === '/ru/vodnye-resursy-a1b2c3') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(state.edited ? ARTICLE.replace('графике попусков', 'новом графике попусков') : ARTICLE);
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
}

describe('two items that lead to one article', () => {
  let site: Server;
  let origin: string;
  let home: string;
  const state = { aliases: ['/old/one', '/old/two'], edited: false };

  beforeAll(async () => {
    site = redirectingSite(state);
    origin = `127.0.0.1:${await listenOnLoopback(site, 0)}`;
    home = await mkdtemp(join(tmpdir(), 'kazfeed-redirects-'));
  });
  afterAll(async () => {
    await closeServer(site);
    await rm(home, { recursive: true, force: true });
  });

  it('store the article once, count it once as accepted and the other item as a duplicate, and say so', async () => {
    const run = await kazfeed(['run', '--feed', `http://${origin}/feed.xml`, '--allow-host', origin, '--json'], { KAZFEED_HOME: home });
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.counts).toEqual({ seen: 2, fetched: 2, new: 2, accepted: 1, bilateral: 1, rejected: 0, errors: 0, blocked: 0, duplicates: 1 });
    expect(run.stderr).toMatch(/\] accepted \S+: already stored, by another link to it or an earlier attempt \(articles\/2025\/11\/24\/ru-a1b2c3\.json\)\n/);
    expect(run.stderr).toMatch(/: 2 items seen, 2 new, 2 fetched, 1 stored \(1 bilateral\), 1 already stored, 0 rejected, 0 errors\n$/);
    const exported = await kazfeed(['export'], { KAZFEED_HOME: home });
    expect(exported.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line).id)).toEqual(['ru-a1b2c3']);
  });

  it('leave the stored article and its raw page as they were when a later link leads to it: an edit seen through that link does not reach the article, even by reprocess', async () => {
    const before = (await kazfeed(['export'], { KAZFEED_HOME: home })).stdout;
    state.aliases = ['/old/one', '/old/two', '/old/three'];
    state.edited = true;
    const run = await kazfeed(['run', '--feed', `http://${origin}/feed.xml`, '--allow-host', origin, '--json'], { KAZFEED_HOME: home });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).counts).toMatchObject({ new: 1, accepted: 0, duplicates: 1 });
    expect((await kazfeed(['export'], { KAZFEED_HOME: home })).stdout).toBe(before);
    const reprocess = await kazfeed(['reprocess'], { KAZFEED_HOME: home });
    expect(reprocess.code, reprocess.stderr).toBe(0);
    const [article] = (await kazfeed(['export'], { KAZFEED_HOME: home })).stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line));
    expect(JSON.stringify(article.body)).toContain('о графике попусков');
  });
});
