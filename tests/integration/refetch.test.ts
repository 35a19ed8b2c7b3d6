import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServer, listenOnLoopback } from '../../cli/loopback.ts';
import { kazfeed } from '../support/cli.ts';

const TITLE = 'Казахстан и Узбекистан обсудили транзит грузов';
const ARTICLE = `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>${TITLE}</title>
<meta property="article:published_time" content="2025-11-24T04:00:00Z"></head><body><article><h1>${TITLE}</h1>
<p>АСТАНА. Министры транспорта Казахстана и Узбекистана обсудили в Астане транзит грузов через обе страны.</p>
<p>Стороны договорились увеличить число контейнерных поездов и упростить пограничные процедуры.</p></article></body></html>`;

/** A feed of one item whose page is gone (404), down (503) or served, as `state.page` says. */
function flakySite(state: { page: 'gone' | 'down' | 'back' }): Server {
  return createServer((req, res) => {
    const origin = `http://${req.headers.host}`;
    if (req.url === '/feed.xml') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
        `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>${origin}/</link><description>d</description>` +
          `<item><title>${TITLE}</title><link>${origin}/ru/tranzit-a1234567</link><pubDate>Mon, 24 Nov 2025 04:00:00 GMT</pubDate></item></channel></rss>`,
      );
    } else if (req.url === '/ru/tranzit-a1234567' && state.page === 'back') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(ARTICLE);
    } else if (req.url === '/ru/tranzit-a1234567' && state.page === 'down') {
      res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '0' }).end('down');
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
}

describe('kazfeed refetch: rejected items fetched again', () => {
  const state: { page: 'gone' | 'down' | 'back' } = { page: 'gone' };
  let site: Server;
  let origin: string;
  let home: string;
  const env = () => ({ KAZFEED_HOME: home });
  const rejectedRecords = async () => (await kazfeed(['export', '--rejected'], env())).stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { reason: string; rejectedAt: string });
  const rejectedReasons = async () => (await rejectedRecords()).map((r) => r.reason);

  beforeAll(async () => {
    site = flakySite(state);
    origin = `127.0.0.1:${await listenOnLoopback(site, 0)}`;
    home = await mkdtemp(join(tmpdir(), 'kazfeed-refetch-'));
    const run = await kazfeed(['run', '--feed', `http://${origin}/feed.xml`, '--allow-host', origin], env());
    expect(run.stderr).toMatch(/1 rejected, 0 errors\n$/);
  });
  afterAll(async () => {
    await closeServer(site);
    await rm(home, { recursive: true, force: true });
  });

  it('leaves out items whose reason does not match --reason', async () => {
    const out = await kazfeed(['refetch', '--reason', 'HTTP 403', '--allow-host', origin], env());
    expect(out.code, out.stderr).toBe(0);
    expect(out.stderr).toContain('refetched 0 rejected items: 0 stored, 0 rejected again, 0 failed again (kept for a later refetch)\n');
  });

  it('leaves a record as it is when its host is not allowed, and says to give it with --allow-host', async () => {
    const before = await rejectedRecords();
    const out = await kazfeed(['refetch'], env());
    expect(out.code, out.stderr).toBe(0);
    expect(out.stderr).toMatch(/warn: \[1\/1\] not fetched \S+: host 127\.0\.0\.1:\d+ is not allowed \(give it with --allow-host\): http:\/\/127\.0\.0\.1:\d+\/ru\/tranzit-a1234567\n/);
    expect(out.stderr).toContain('refetched 1 rejected item: 0 stored, 0 rejected again, 0 failed again (kept for a later refetch), 1 not fetched: host not allowed\n');
    expect(await rejectedRecords()).toEqual(before);
  });

  it('keeps one record, with the latest reason, for an item rejected again', async () => {
    const [before] = await rejectedRecords();
    const out = await kazfeed(['refetch', '--reason', 'http 404', '--allow-host', origin], env());
    expect(out.code, out.stderr).toBe(0);
    expect(out.stderr).toMatch(/\[1\/1\] rejected \S+: HTTP 404, an answer, not retried: http:\/\/127\.0\.0\.1:\d+\/ru\/tranzit-a1234567\n/);
    expect(out.stderr).toContain('refetched 1 rejected item: 0 stored, 1 rejected again, 0 failed again (kept for a later refetch)\n');
    const after = await rejectedRecords();
    expect(after).toEqual([expect.objectContaining({ reason: expect.stringContaining('HTTP 404') })]);
    expect(after[0]!.rejectedAt > before!.rejectedAt).toBe(true);
  });

  it('keeps the record as it was for an item that fails again', async () => {
    state.page = 'down';
    const before = await rejectedReasons();
    const out = await kazfeed(['refetch', '--allow-host', origin], env());
    expect(out.code, out.stderr).toBe(0);
    expect(out.stderr).toMatch(/\[1\/1\] failed \S+: HTTP 503 on attempt 4 of 4: http:\/\/127\.0\.0\.1:\d+\/ru\/tranzit-a1234567\n/);
    expect(out.stderr).toContain('refetched 1 rejected item: 0 stored, 0 rejected again, 1 failed again (kept for a later refetch)\n');
    expect(await rejectedReasons()).toEqual(before);
  });

  it('stores and publishes the article once the page is back, and removes its rejection record', async () => {
    state.page = 'back';
    const out = await kazfeed(['refetch', '--from', '2025-11-24', '--to', '2025-11-24', '--allow-host', origin], env());
    expect(out.code, out.stderr).toBe(0);
    expect(out.stderr).toContain('refetched 1 rejected item: 1 stored, 0 rejected again, 0 failed again (kept for a later refetch)\n');
    expect(out.stderr).toMatch(/published \d+ feed files and 1 daily archive from 1 new article\n/);
    expect(await rejectedReasons()).toEqual([]);
    const exported = await kazfeed(['export'], env());
    expect(exported.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line).title)).toEqual([TITLE]);
    const check = await kazfeed(['check'], env());
    expect([check.code, check.stderr]).toEqual([0, expect.stringMatching(/: all is well\n$/)]);
    const again = await kazfeed(['refetch', '--allow-host', origin], env());
    expect(again.stderr).toContain('refetched 0 rejected items');
  });

  it('refuses a range that ends before it starts', async () => {
    const out = await kazfeed(['refetch', '--from', '2025-11-25', '--to', '2025-11-24'], env());
    expect([out.code, out.stdout, out.stderr]).toEqual([1, '', 'kazfeed: --from 2025-11-25 is after --to 2025-11-24 (see kazfeed refetch --help)\n']);
  });
});
