import { createServer } from 'node:http';
import type { Store } from '../functions/lib/store.ts';
import { JSON_FEED_TYPE } from '../functions/publish/index.ts';
import { closeServer, listenOnLoopback } from './loopback.ts';

const SERVED_PREFIXES = ['feeds/', 'archive/', 'site/'];

const TYPES: [RegExp, string][] = [
  [/\.xml$/, 'application/rss+xml; charset=utf-8'],
  // JSON feeds and the manifest: as publish stores them (see JSON_FEED_TYPE).
  [/\.json$/, JSON_FEED_TYPE],
  [/\.gz$/, 'application/gzip'],
  [/\.html$/, 'text/html; charset=utf-8'],
  [/\.opml$/, 'text/x-opml; charset=utf-8'],
];

export interface FeedServer {
  origin: string;
  close(): Promise<void>;
}

/**
 * Serves the stored `feeds/`, `archive/` and `site/` over HTTP on 127.0.0.1 at their S3 key paths
 * (`/feeds/all.xml`, `/archive/manifest.json`, `/site/index.html`), with ETags so readers can poll cheaply.
 */
export async function startFeedServer(store: Store, port: number): Promise<FeedServer> {
  const server = createServer(async (req, res) => {
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('bad request: the path is not valid percent-encoded UTF-8\n');
      return;
    }
    const key = path.replace(/^\/+/, '');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (!SERVED_PREFIXES.some((p) => key.startsWith(p)) || key.includes('..')) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`not found: ${path}\nthe atlas is at /site/index.html, feeds are under /feeds/, the archive under /archive/\n`);
      return;
    }
    try {
      const object = await store.get(key);
      if (!object) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`not found: ${path}\n`);
        return;
      }
      const etag = object.etag ?? '';
      if (etag && req.headers['if-none-match'] === etag) {
        res.writeHead(304, { etag }).end();
        return;
      }
      const type = TYPES.find(([pattern]) => pattern.test(key))?.[1] ?? object.contentType ?? 'application/octet-stream';
      res.writeHead(200, { 'content-type': type, 'content-length': object.body.byteLength, 'cache-control': 'no-cache', ...(etag ? { etag } : {}) });
      res.end(req.method === 'HEAD' ? undefined : object.body);
    } catch (error) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' }).end(`store unavailable: ${(error as Error).message}\n`);
    }
  });
  const actual = await listenOnLoopback(server, port);
  return {
    origin: `http://127.0.0.1:${actual}`,
    close: () => closeServer(server),
  };
}
