/**
 * A small site for bad-input tests, on 127.0.0.1: each path answers what the test says (status,
 * content type, bytes, redirect), possibly changing from one request to the next; `{{origin}}` in
 * text bodies becomes the site's own origin. Counts the requests per path.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SAMPLE_SITE } from './stack.ts';

export interface Answer {
  status?: number;
  /** Content-Type; none is sent when null. */
  type?: string | null;
  body?: string | Uint8Array;
  headers?: Record<string, string>;
}

/** A fixed answer, or one chosen by the number of the request to this path (1, 2, ...). */
export type Route = Answer | ((hit: number) => Answer);

export interface HostileSite {
  origin: string;
  host: string;
  url(path: string): string;
  hits(path: string): number;
  close(): Promise<void>;
}

export async function startHostileSite(routes: Record<string, Route>): Promise<HostileSite> {
  const hits = new Map<string, number>();
  let origin = '';
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const hit = (hits.get(path) ?? 0) + 1;
    hits.set(path, hit);
    const route = routes[path];
    if (!route) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    const answer = typeof route === 'function' ? route(hit) : route;
    const body = typeof answer.body === 'string' ? Buffer.from(answer.body.replaceAll('{{origin}}', origin), 'utf8') : Buffer.from(answer.body ?? new Uint8Array());
    const type = answer.type === undefined ? 'text/html; charset=utf-8' : answer.type;
    res.writeHead(answer.status ?? 200, { ...(type === null ? {} : { 'content-type': type }), 'content-length': body.byteLength, ...answer.headers });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    host: new URL(origin).host,
    url: (path) => `${origin}${path}`,
    hits: (path) => hits.get(path) ?? 0,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** A sample-site article page: its path and bytes as recorded (`{{origin}}` left in). */
export async function samplePage(id: string): Promise<{ path: string; bytes: Buffer; text: string }> {
  const index = JSON.parse(await readFile(join(SAMPLE_SITE, 'site.json'), 'utf8')) as { articles: { id: string; path: string; file: string }[] };
  const article = index.articles.find((a) => a.id === id);
  if (!article) throw new Error(`no sample page ${id}`);
  const bytes = await readFile(join(SAMPLE_SITE, article.file));
  return { path: article.path, bytes, text: bytes.toString('utf8') };
}
