import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServer, listenOnLoopback } from '../../cli/loopback.ts';
import { kazfeed } from '../support/cli.ts';

/** A feed of one item whose page refuses this client (403 Forbidden): a block, kept for later runs. */
function blockingSite(): Server {
  return createServer((req, res) => {
    const origin = `http://${req.headers.host}`;
    if (req.url === '/feed.xml') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
        `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>${origin}/</link><description>d</description><item><title>Talks</title><link>${origin}/ru/talks-a1b2c4</link><pubDate>Mon, 24 Nov 2025 04:00:00 GMT</pubDate></item></channel></rss>`,
      );
    } else {
      res.writeHead(403, { 'content-type': 'text/html' }).end('<h1>Forbidden</h1>');
    }
  });
}

describe("a run's summary line", () => {
  let site: Server;
  let origin: string;
  let home: string;

  beforeAll(async () => {
    site = blockingSite();
    origin = `127.0.0.1:${await listenOnLoopback(site, 0)}`;
    home = await mkdtemp(join(tmpdir(), 'kazfeed-summary-'));
  });
  afterAll(async () => {
    await closeServer(site);
    await rm(home, { recursive: true, force: true });
  });

  it('counts the blocked items beside the rejected and the errors, as the report does', async () => {
    const run = await kazfeed(['run', '--feed', `http://${origin}/feed.xml`, '--allow-host', origin, '--json'], { KAZFEED_HOME: home });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).counts).toMatchObject({ seen: 1, fetched: 0, accepted: 0, rejected: 0, errors: 0, blocked: 1 });
    expect(run.stderr).toMatch(/: 1 item seen, 1 new, 0 fetched, 0 stored \(0 bilateral\), 0 rejected, 0 errors, 1 blocked \(tried again by later runs\)\n$/);
  });
});
