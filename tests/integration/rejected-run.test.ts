import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServer, listenOnLoopback } from '../../cli/loopback.ts';
import { kazfeed } from '../support/cli.ts';

/** A feed of one entry without a link and one item whose page is gone (404): a run stores no article. */
function goneSite(): Server {
  return createServer((req, res) => {
    if (req.url !== '/feed.xml') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const origin = `http://${req.headers.host}`;
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
      `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>${origin}/</link><description>d</description>` +
        `<item><title>No link</title><pubDate>Mon, 24 Nov 2025 04:00:00 GMT</pubDate></item>` +
        `<item><title>Gone</title><link>${origin}/ru/gone-a1234567</link><pubDate>Mon, 24 Nov 2025 04:00:00 GMT</pubDate></item></channel></rss>`,
    );
  });
}

describe('a store with no article: new, or after a run that rejected every item', () => {
  const homes: string[] = [];
  let site: Server;
  let origin: string;
  const newHome = async () => {
    const home = await mkdtemp(join(tmpdir(), 'kazfeed-check-empty-'));
    homes.push(home);
    return home;
  };

  beforeAll(async () => {
    site = goneSite();
    origin = `127.0.0.1:${await listenOnLoopback(site, 0)}`;
  });
  afterAll(async () => {
    await closeServer(site);
    for (const home of homes) await rm(home, { recursive: true, force: true });
  });

  it('finds all well in a new store, and exits 0', async () => {
    const home = await newHome();
    const out = await kazfeed(['check'], { KAZFEED_HOME: home });
    expect([out.code, out.stdout, out.stderr]).toEqual([0, '', `checked 0 objects in embedded store in ${home}: all is well\n`]);
  });

  it('the run names the skipped entry and the rejected page on stderr; check finds all well, with or without --repair', async () => {
    const home = await newHome();
    const feed = `http://${origin}/feed.xml`;
    const run = await kazfeed(['run', '--feed', feed, '--allow-host', origin], { KAZFEED_HOME: home });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`warn: feed entry "No link" skipped: no link (source ${feed})\n`);
    expect(run.stderr).toMatch(/\[1\/1\] rejected \S+: HTTP 404, an answer, not retried: http:\/\/127\.0\.0\.1:\d+\/ru\/gone-a1234567\n/);
    expect(run.stderr).toMatch(/: 1 item seen, 1 new, 0 fetched, 0 stored \(0 bilateral\), 1 rejected, 1 error\n$/);
    const rejected = async (...flags: string[]) => {
      const out = await kazfeed(['export', '--rejected', ...flags], { KAZFEED_HOME: home });
      return [out.code, out.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line).item.title)];
    };
    // Filed under the item's publication day, as every rejection is, not under the day of the run.
    expect(await rejected('--from', '2025-11-24', '--to', '2025-11-24')).toEqual([0, ['Gone']]);
    expect(await rejected('--from', '2025-11-25')).toEqual([0, []]);
    expect(await rejected('--lang', 'ru')).toEqual([0, ['Gone']]);
    expect(await rejected('--lang', 'zh')).toEqual([0, []]);
    const pair = await kazfeed(['export', '--rejected', '--pair', 'kz-ru'], { KAZFEED_HOME: home });
    expect([pair.code, pair.stdout]).toEqual([1, '']);
    expect(pair.stderr).toContain('--rejected cannot take --pair: a rejected item was never classified, so it has no pair');
    for (const args of [['check'], ['check', '--repair']]) {
      const out = await kazfeed(args, { KAZFEED_HOME: home });
      expect(out.stderr, args.join(' ')).toMatch(/^checked \d+ objects in embedded store in .*: all is well\n$/);
      expect(out.code, args.join(' ')).toBe(0);
    }
  });
});
