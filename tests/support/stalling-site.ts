import { createServer } from 'node:http';
import { closeServer, listenOnLoopback } from '../../cli/loopback.ts';
import type { ReplaySite } from '../../cli/replay-site.ts';

export interface StallingSite {
  origin: string;
  /** The replayed site's feed URLs, moved onto this server. */
  feedUrls: string[];
  close(): Promise<void>;
}

/**
 * A replayed site whose feeds answer and whose article pages never do: a run started against it
 * takes the lease, reads the feeds and then waits, so a test can interrupt it at that point.
 */
export async function startStallingSite(site: ReplaySite): Promise<StallingSite> {
  let origin = '';
  const server = createServer(async (req, res) => {
    const path = req.url ?? '/';
    if (!path.startsWith('/rss/')) return; // held until the server closes
    const upstream = await fetch(site.url(path));
    // The feed's links lead here, where the pages never come.
    const feed = (await upstream.text()).replaceAll(site.origin, origin);
    res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/xml' }).end(feed);
  });
  origin = `http://127.0.0.1:${await listenOnLoopback(server, 0)}`;
  return {
    origin,
    feedUrls: site.feedUrls.filter((url) => new URL(url).pathname.startsWith('/rss/')).map((url) => `${origin}${new URL(url).pathname}`),
    close: () => closeServer(server),
  };
}
