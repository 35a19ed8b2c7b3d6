import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import * as z from 'zod';
import { closeServer, listenOnLoopback } from './loopback.ts';

/** A source served at a path of its own, with the content type a server would give it. */
const SourceRoute = z.object({ path: z.string().startsWith('/'), file: z.string(), type: z.string() });

/** `site.json` of a replayed site: the pages and sources it serves. */
const SiteIndex = z.object({
  articles: z.array(z.object({ id: z.string(), path: z.string(), file: z.string(), charset: z.string().default('utf-8') }).passthrough()),
  /** RSS feeds, served at `/<file>`. */
  feeds: z.array(z.string()),
  /** Editions' sources with no RSS of their own, shaped like the default candidates (see replayUrl). */
  editionSources: z.array(SourceRoute).default([]),
  /** Sources of the other kinds (Atom, JSON Feed, sitemaps), served for tests but polled by no default. */
  otherSources: z.array(SourceRoute).default([]),
});

export interface ReplaySite {
  origin: string;
  /** Absolute URLs of the site's feeds and editions' sources: together they list every article. */
  feedUrls: string[];
  /** The absolute URL of a path on the site. */
  url(path: string): string;
  /** Every request served, in order: tests check what a run fetched. */
  requests: { path: string; status: number }[];
  close(): Promise<void>;
}

/** Pages and feeds never change while replayed, so one fixed Last-Modified serves them all. */
const LAST_MODIFIED = 'Mon, 24 Nov 2025 12:00:00 GMT';

/**
 * Where a replayed site serves what a Kazinform URL names: its one origin stands for every host,
 * the language subdomains becoming path prefixes (`oz.inform.kz/lenta/` → `/oz/lenta/`), as
 * Kazinform has also served its editions, and qazinform.com being the English edition (`/en/`).
 */
export function replayUrl(url: string, origin: string): string {
  const { hostname, pathname, search } = new URL(url);
  const subdomain = hostname.endsWith('.inform.kz') ? hostname.slice(0, -'.inform.kz'.length) : null;
  const prefix = hostname.endsWith('qazinform.com') ? '/en' : subdomain && subdomain !== 'www' ? `/${subdomain}` : '';
  return `${origin}${prefix}${pathname}${search}`;
}

/** A replayed site's request handler, for a server of its own or mounted beside the feeds (the demo). */
export interface ReplayHandler {
  /** Paths of the site's feeds and editions' sources: together they list every article. */
  feedPaths: string[];
  /** Every request served, in order: tests check what a run fetched. */
  requests: { path: string; status: number }[];
  /** Whether the site has a page or source at this path. */
  serves(path: string): boolean;
  /** Answers the request, with `{{origin}}` in the files replaced by the origin the site is served at. */
  handle(req: IncomingMessage, res: ServerResponse, origin: string): Promise<void>;
}

/**
 * A recorded or hand-written Kazinform-like site in a folder: its feeds under `/rss/...`, its other
 * sources and article pages at their paths, with ETag / Last-Modified validators answered with 304
 * like a real server.
 */
export async function loadReplaySite(dir: string): Promise<ReplayHandler> {
  const index = SiteIndex.parse(JSON.parse(await readFile(join(dir, 'site.json'), 'utf8')));
  const routes = new Map<string, { file: string; type: string }>();
  for (const feed of index.feeds) routes.set(`/${feed}`, { file: feed, type: 'application/rss+xml; charset=utf-8' });
  for (const source of [...index.editionSources, ...index.otherSources]) routes.set(source.path, source);
  for (const article of index.articles) {
    // A legacy-encoded page is served without a charset parameter, as old servers did: its <meta> decides.
    const type = article.charset.toLowerCase() === 'utf-8' ? 'text/html; charset=utf-8' : 'text/html';
    routes.set(article.path, { file: article.file, type });
  }
  // The pages' photos (`/static/img/<article id>.jpg`, a photo story's `<id>-<n>.jpg`): a
  // placeholder drawn here, so that the articles' images open in the demo and in feed readers
  // without photos in the repository.
  const ids = new Set(index.articles.map((article) => article.id));
  const photos = { has: (path: string) => ids.has(/^\/static\/img\/(.+?)(?:-\d{1,2})?\.jpg$/.exec(path)?.[1] ?? '') };
  const requests: ReplayHandler['requests'] = [];
  return {
    feedPaths: [...index.feeds.map((feed) => `/${feed}`), ...index.editionSources.map((source) => source.path)],
    requests,
    serves: (path) => routes.has(path) || photos.has(path),
    async handle(req, res, origin) {
      const { pathname, search } = new URL(req.url ?? '/', 'http://localhost');
      // A page of a list (`/lenta?page=2`) has a route of its own; other queries are the path's page.
      const path = `${pathname}${search}`;
      const route = routes.get(path) ?? routes.get(pathname);
      const respond = (status: number, headers: Record<string, string | number> = {}, body?: Buffer | string) => {
        requests.push({ path, status });
        res.writeHead(status, headers).end(body);
      };
      if (!route && !photos.has(pathname)) return respond(404, { 'content-type': 'text/plain' }, 'not found');
      // Placeholders are ASCII, so a latin1 round trip keeps any ASCII-compatible encoding intact.
      const body = route ? Buffer.from((await readFile(join(dir, route.file))).toString('latin1').replaceAll('{{origin}}', origin), 'latin1') : placeholderPhoto(pathname);
      const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"`;
      const validators = { etag, 'last-modified': LAST_MODIFIED };
      if (req.headers['if-none-match'] === etag || (!req.headers['if-none-match'] && req.headers['if-modified-since'] === LAST_MODIFIED)) {
        return respond(304, validators);
      }
      respond(200, { 'content-type': route?.type ?? 'image/svg+xml', 'content-length': body.byteLength, ...validators }, body);
    },
  };
}

/** A sample photo: a grey 16:9 frame naming the photo it stands in for (an SVG, whatever the path's extension). */
function placeholderPhoto(path: string): Buffer {
  const id = path.slice('/static/img/'.length, -'.jpg'.length);
  return Buffer.from([
    '<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360" viewBox="0 0 640 360">',
    '<rect width="640" height="360" fill="#d9dde3"/>',
    `<text x="320" y="188" font-family="sans-serif" font-size="28" text-anchor="middle" fill="#4a5360">Sample photo · ${id}</text>`,
    '</svg>',
    '',
  ].join('\n'));
}

/** Serves a replayed site (see loadReplaySite) on 127.0.0.1, at an origin of its own. */
export async function startReplaySite(dir: string, port = 0): Promise<ReplaySite> {
  const site = await loadReplaySite(dir);
  let origin = '';
  const server = createServer((req, res) => void site.handle(req, res, origin));
  origin = `http://127.0.0.1:${await listenOnLoopback(server, port)}`;
  return {
    origin,
    feedUrls: site.feedPaths.map((path) => `${origin}${path}`),
    url: (path) => `${origin}${path}`,
    requests: site.requests,
    close: () => closeServer(server),
  };
}
