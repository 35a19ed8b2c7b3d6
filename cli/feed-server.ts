import { createServer, type IncomingMessage } from 'node:http';
import type { Store } from '../functions/lib/store.ts';
import { JSON_FEED_TYPE } from '../functions/publish/feed-files.ts';
import { PUBLIC_PREFIXES, ROOT_REDIRECT, SITE_CONTENT_SECURITY_POLICY } from '../infra/served.ts';
import { closeServer, listenOnLoopback } from './loopback.ts';
import type { ReplayHandler } from './replay-site.ts';

const TYPES: [RegExp, string][] = [
  [/\.xml$/, 'application/rss+xml; charset=utf-8'],
  // JSON feeds and the manifest: as publish stores them (see JSON_FEED_TYPE).
  [/\.json$/, JSON_FEED_TYPE],
  [/\.gz$/, 'application/gzip'],
  [/\.html$/, 'text/html; charset=utf-8'],
  [/\.opml$/, 'text/x-opml; charset=utf-8'],
];

export interface FeedServerOptions {
  /** Answers the paths outside the store's prefixes that it serves (the demo's sample site). */
  beside?: Pick<ReplayHandler, 'serves' | 'handle'>;
}

export interface FeedServer {
  origin: string;
  close(): Promise<void>;
}

/**
 * The headers the distribution's response policies add (infra/stack.ts), but HSTS, which plain
 * HTTP on loopback cannot use. Feeds and the archive: AWS's managed CORS-and-security policy, whose
 * CORS header answers requests that carry an Origin (a script on another origin, such as a web
 * feed reader). Atlas pages: the policy of their own, so the browser tests see them under its CSP.
 */
function policyHeaders(key: string, req: IncomingMessage): Record<string, string> {
  const security = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'strict-origin-when-cross-origin' };
  if (key.startsWith('site/')) return { ...security, 'content-security-policy': SITE_CONTENT_SECURITY_POLICY, 'x-frame-options': 'DENY' };
  return { ...security, 'x-frame-options': 'SAMEORIGIN', 'x-xss-protection': '1; mode=block', ...(req.headers.origin ? { 'access-control-allow-origin': '*' } : {}) };
}

/**
 * Serves the stored `feeds/`, `archive/` and `site/` over HTTP on 127.0.0.1 at their S3 key paths
 * (`/feeds/all.xml`, `/archive/manifest.json`, `/site/index.html`), with the objects' current ETag
 * and Last-Modified, so readers can poll cheaply and see each new version at once. As the
 * deployment does, "/" redirects to the all-in-one feed and other paths are 404s.
 */
export async function startFeedServer(store: Store, port: number, options: FeedServerOptions = {}): Promise<FeedServer> {
  let origin = '';
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
    if (options.beside?.serves(path)) return options.beside.handle(req, res, origin);
    if (path === '/') {
      res.writeHead(302, { location: ROOT_REDIRECT }).end();
      return;
    }
    if (!PUBLIC_PREFIXES.some((p) => key.startsWith(p)) || key.includes('..')) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`not found: ${path}\nthe atlas is at /site/index.html, feeds are under /feeds/, the archive under /archive/\n`);
      return;
    }
    // S3's answers, a 404 too, leave the distribution through the policy of their path.
    const policy = policyHeaders(key, req);
    try {
      const object = await store.get(key);
      if (!object) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...policy }).end(`not found: ${path}\n`);
        return;
      }
      const validators = {
        ...(object.etag ? { etag: object.etag } : {}),
        ...(object.lastModified ? { 'last-modified': object.lastModified.toUTCString() } : {}),
      };
      if (notModified(req, object.etag, object.lastModified)) {
        // A 304 repeats the Cache-Control the 200 would carry (RFC 9110 §15.4.5).
        res.writeHead(304, { ...validators, ...policy, 'cache-control': 'no-cache' }).end();
        return;
      }
      const type = TYPES.find(([pattern]) => pattern.test(key))?.[1] ?? object.contentType ?? 'application/octet-stream';
      res.writeHead(200, { 'content-type': type, 'content-length': object.body.byteLength, 'cache-control': 'no-cache', ...validators, ...policy });
      res.end(req.method === 'HEAD' ? undefined : object.body);
    } catch (error) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' }).end(`store unavailable: ${(error as Error).message}\n`);
    }
  });
  origin = `http://127.0.0.1:${await listenOnLoopback(server, port)}`;
  return {
    origin,
    close: () => closeServer(server),
  };
}

/**
 * RFC 9110 §13.1: If-None-Match decides when sent, by weak comparison (a proxy that compresses
 * hands readers `W/"…"` for our ETag); otherwise If-Modified-Since, compared in whole seconds as
 * HTTP dates carry them.
 */
function notModified(req: IncomingMessage, etag: string | undefined, lastModified: Date | undefined): boolean {
  const ifNoneMatch = req.headers['if-none-match'];
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  if (ifNoneMatch !== undefined) return etag !== undefined && ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
  const since = Date.parse(req.headers['if-modified-since'] ?? '');
  return lastModified !== undefined && !Number.isNaN(since) && Math.floor(lastModified.getTime() / 1000) * 1000 <= since;
}
