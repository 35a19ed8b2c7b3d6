import { describe, it, expect, beforeAll, afterAll, vi } from 'vitest';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer as createNetServer } from 'node:net';
import { HttpClient, type HttpOptions, type Retry } from '../../functions/lib/http.ts';
import { cp1251, failure } from '../support/http-failures.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A loopback server whose routes each test registers; counts requests per path. */
async function startServer() {
  const routes = new Map<string, Handler>();
  const hits = new Map<string, number>();
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const handler = routes.get(path);
    if (handler) handler(req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    route: (path: string, handler: Handler) => void routes.set(path, handler),
    hits: (path: string) => hits.get(path) ?? 0,
    totalHits: () => [...hits.values()].reduce((sum, n) => sum + n, 0),
    close: () => {
      server.closeAllConnections(); // stalled responses would keep close() waiting
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
type TestServer = Awaited<ReturnType<typeof startServer>>;

let site: TestServer; // allowed
let mirror: TestServer; // allowed, another origin
let stranger: TestServer; // not allowed

beforeAll(async () => {
  [site, mirror, stranger] = await Promise.all([startServer(), startServer(), startServer()]);
});
afterAll(async () => {
  await Promise.all([site.close(), mirror.close(), stranger.close()]);
});

/** A client for the allowed servers that records the waits it asks for instead of waiting. */
function client(options: Partial<HttpOptions> = {}) {
  const waits: number[] = [];
  const http = new HttpClient({
    allowHosts: [site.host, mirror.host],
    userAgent: 'kazfeed-test/1',
    sleep: async (ms) => void waits.push(ms),
    ...options,
  });
  return { http, waits };
}

describe('HttpClient: requests and conditional GET', () => {
  it('sends User-Agent and Accept, and returns the decoded body with its validators', async () => {
    let seen: IncomingMessage['headers'] = {};
    site.route('/feed', (req, res) => {
      seen = req.headers;
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: '"v1"', 'last-modified': 'Tue, 01 Sep 2026 10:00:00 GMT' });
      res.end('<rss>Астана</rss>');
    });
    const response = await client().http.get(site.url('/feed'), { accept: 'application/rss+xml' });
    expect(seen['user-agent']).toBe('kazfeed-test/1');
    expect(seen.accept).toBe('application/rss+xml');
    expect(response).toMatchObject({
      url: site.url('/feed'), status: 200, text: '<rss>Астана</rss>', etag: '"v1"',
      lastModified: 'Tue, 01 Sep 2026 10:00:00 GMT', contentType: 'application/rss+xml; charset=utf-8',
    });
    expect(response.body).toEqual(new TextEncoder().encode('<rss>Астана</rss>'));
  });

  it('gets 200 with an ETag, then 304 when sending it back in If-None-Match', async () => {
    site.route('/etag', (req, res) => {
      if (req.headers['if-none-match'] === '"abc"') res.writeHead(304, { etag: '"abc"' }).end();
      else res.writeHead(200, { etag: '"abc"' }).end('fresh');
    });
    const { http } = client();
    const first = await http.get(site.url('/etag'));
    expect(first).toMatchObject({ status: 200, text: 'fresh', etag: '"abc"' });
    const second = await http.get(site.url('/etag'), { conditional: { etag: first.etag } });
    expect(second).toMatchObject({ status: 304, text: '', etag: '"abc"' });
    expect(second.body.byteLength).toBe(0);
  });

  it('sends Last-Modified back as If-Modified-Since and keeps the sent validator on a bare 304', async () => {
    const stamp = 'Wed, 02 Sep 2026 08:30:00 GMT';
    site.route('/lm', (req, res) => {
      if (req.headers['if-modified-since'] === stamp) res.writeHead(304).end();
      else res.writeHead(200, { 'last-modified': stamp }).end('fresh');
    });
    const { http } = client();
    const first = await http.get(site.url('/lm'));
    expect(first).toMatchObject({ status: 200, lastModified: stamp });
    const second = await http.get(site.url('/lm'), { conditional: { lastModified: stamp } });
    expect(second).toMatchObject({ status: 304, text: '', lastModified: stamp });
  });

  it('treats a 304 to an unconditional request as a status error', async () => {
    site.route('/odd-304', (_req, res) => void res.writeHead(304).end());
    expect(await failure(client().http.get(site.url('/odd-304')))).toMatchObject({ kind: 'status', status: 304, retryable: false });
  });
});

describe('HttpClient: retries', () => {
  it('retries 503 until success, with growing full-jitter backoff', async () => {
    site.route('/flaky', (_req, res) => {
      if (site.hits('/flaky') <= 2) res.writeHead(503).end();
      else res.writeHead(200).end('ok');
    });
    const random = vi.spyOn(Math, 'random').mockReturnValue(0.5);
    try {
      const { http, waits } = client({ backoffBaseMs: 100 });
      expect((await http.get(site.url('/flaky'))).text).toBe('ok');
      expect(site.hits('/flaky')).toBe(3);
      expect(waits).toEqual([50, 100]); // half of 100, then of 200
    } finally {
      random.mockRestore();
    }
  });

  it('tells its caller of each retry before waiting for it: the URL, why, which attempt comes and when', async () => {
    site.route('/busy-twice', (_req, res) => {
      if (site.hits('/busy-twice') <= 2) res.writeHead(503, { 'retry-after': '2' }).end();
      else res.writeHead(200).end('ok');
    });
    const retries: Retry[] = [];
    const { http } = client({ onRetry: (retry) => retries.push(retry) });
    expect((await http.get(site.url('/busy-twice'))).text).toBe('ok');
    expect(retries).toEqual([
      { url: site.url('/busy-twice'), attempt: 2, attempts: 4, waitMs: 2000, reason: `HTTP 503 on attempt 1 of 4: ${site.url('/busy-twice')}` },
      { url: site.url('/busy-twice'), attempt: 3, attempts: 4, waitMs: 2000, reason: `HTTP 503 on attempt 2 of 4: ${site.url('/busy-twice')}` },
    ]);
  });

  it('caps the backoff at 30 s', async () => {
    site.route('/down', (_req, res) => void res.writeHead(500).end());
    const random = vi.spyOn(Math, 'random').mockReturnValue(0.999_999);
    try {
      const { http, waits } = client({ backoffBaseMs: 20_000, retries: 2 });
      await failure(http.get(site.url('/down')));
      expect(waits).toEqual([19_999, 29_999]);
    } finally {
      random.mockRestore();
    }
  });

  it('waits what Retry-After asks on 503 instead of the backoff', async () => {
    site.route('/busy', (_req, res) => {
      if (site.hits('/busy') === 1) res.writeHead(503, { 'retry-after': '7' }).end();
      else res.writeHead(200).end('ok');
    });
    const { http, waits } = client();
    expect((await http.get(site.url('/busy'))).text).toBe('ok');
    expect(waits).toEqual([7000]);
  });

  it('honours an HTTP-date Retry-After on 429', async () => {
    site.route('/limited', (_req, res) => {
      if (site.hits('/limited') === 1) res.writeHead(429, { 'retry-after': new Date(Date.now() + 5000).toUTCString() }).end();
      else res.writeHead(200).end('ok');
    });
    const { http, waits } = client();
    expect((await http.get(site.url('/limited'))).text).toBe('ok');
    expect(waits).toHaveLength(1);
    // The date has whole seconds, so up to 1 s (plus run time) of the 5 s is gone.
    expect(waits[0]).toBeGreaterThan(3000);
    expect(waits[0]).toBeLessThanOrEqual(5000);
  });

  it('gives up at once, retryable later, when Retry-After is beyond the 30 s cap', async () => {
    site.route('/go-away', (_req, res) => void res.writeHead(429, { 'retry-after': '3600' }).end());
    const { http, waits } = client();
    const error = await failure(http.get(site.url('/go-away')));
    expect(error).toMatchObject({ kind: 'status', status: 429, retryable: true });
    expect(error.message).toContain('Retry-After 3600 s');
    expect(waits).toEqual([]);
    expect(site.hits('/go-away')).toBe(1);
  });

  it('stops after the configured retries and says how many attempts were made', async () => {
    site.route('/broken', (_req, res) => void res.writeHead(502).end());
    const error = await failure(client({ retries: 2 }).http.get(site.url('/broken')));
    expect(error).toMatchObject({ kind: 'status', status: 502, retryable: true, url: site.url('/broken') });
    expect(error.message).toBe(`HTTP 502 on attempt 3 of 3: ${site.url('/broken')}`);
    expect(site.hits('/broken')).toBe(3);
  });

  it('does not retry a 404, and does not speak of attempts', async () => {
    site.route('/gone', (_req, res) => void res.writeHead(404).end());
    const error = await failure(client().http.get(site.url('/gone')));
    expect(error).toMatchObject({ kind: 'status', status: 404, retryable: false });
    expect(error.message).toBe(`HTTP 404, an answer, not retried: ${site.url('/gone')}`);
    expect(site.hits('/gone')).toBe(1);
  });

  it('retries a dropped connection as a network error', async () => {
    site.route('/drop', (req, res) => {
      if (site.hits('/drop') === 1) req.socket.destroy();
      else res.writeHead(200).end('ok');
    });
    const { http, waits } = client();
    expect((await http.get(site.url('/drop'))).text).toBe('ok');
    expect(waits).toHaveLength(1);
  });

  it('retries a body cut short of its Content-Length', async () => {
    site.route('/truncated', (_req, res) => {
      if (site.hits('/truncated') === 1) {
        res.writeHead(200, { 'content-length': '100' });
        res.write('only ten b', () => res.destroy());
      } else res.writeHead(200).end('whole');
    });
    expect((await client().http.get(site.url('/truncated'))).text).toBe('whole');
    expect(site.hits('/truncated')).toBe(2);
  });

  it('reports a network error with its cause once retries run out', async () => {
    site.route('/always-drop', (req) => void req.socket.destroy());
    const error = await failure(client({ retries: 1 }).http.get(site.url('/always-drop')));
    expect(error).toMatchObject({ kind: 'network', retryable: true });
    expect(error.message).toContain('attempt 2 of 2');
    expect(error.cause).toBeInstanceOf(Error);
  });
});

describe('HttpClient: timeouts and size cap', () => {
  it('abandons a response whose headers never come', async () => {
    site.route('/silent', () => {});
    const error = await failure(client({ headersTimeoutMs: 200, retries: 0 }).http.get(site.url('/silent')));
    expect(error).toMatchObject({ kind: 'timeout', retryable: true });
    expect(error.message).toContain('headers not received within 200 ms');
  });

  it('abandons a body that stalls after the headers, and retries it', async () => {
    site.route('/stall', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html>'); // then nothing more
    });
    const error = await failure(client({ bodyTimeoutMs: 200, retries: 1 }).http.get(site.url('/stall')));
    expect(error).toMatchObject({ kind: 'timeout', retryable: true });
    expect(error.message).toContain('body not received within 200 ms on attempt 2 of 2');
    expect(site.hits('/stall')).toBe(2);
  });

  it('abandons a body that ends with its connection (no Content-Length) when it trickles past the timeout: cut short, not whole', async () => {
    // Node's own server always frames a body; a raw socket writes one as HTTP/1.0-style servers do.
    const trickle = createNetServer((socket) => {
      socket.on('error', () => undefined);
      socket.write('HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n<html><body><p>The lead</p>');
      const drip = setInterval(() => socket.write(' '), 50);
      socket.on('close', () => clearInterval(drip));
    });
    await new Promise<void>((resolve) => trickle.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = trickle.address() as AddressInfo;
      const error = await failure(client({ bodyTimeoutMs: 300, retries: 0, allowHosts: [`127.0.0.1:${port}`] }).http.get(`http://127.0.0.1:${port}/slow`));
      expect(error).toMatchObject({ kind: 'timeout', retryable: true });
      expect(error.message).toContain('body not received within 300 ms');
    } finally {
      await new Promise((resolve) => trickle.close(resolve));
    }
  });

  it('gives up when the caller\'s signal aborts: hangs up at once, attempts nothing more, and it counts as a timeout', async () => {
    let hungUp!: () => void;
    const closed = new Promise<void>((resolve) => (hungUp = resolve));
    site.route('/deadline', (req) => req.socket.once('close', () => hungUp()));
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('deadline of 100 ms reached')), 100);
    const started = Date.now();
    const error = await failure(client({ headersTimeoutMs: 10_000, retries: 3 }).http.get(site.url('/deadline'), { signal: controller.signal }));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(error).toMatchObject({ kind: 'timeout', retryable: true });
    expect(error.message).toContain('given up on attempt 1 of 4: deadline of 100 ms reached');
    await closed;
    expect(site.hits('/deadline')).toBe(1);
  });

  it('sends nothing once the signal has aborted', async () => {
    const error = await failure(client().http.get(site.url('/never'), { signal: AbortSignal.abort(new Error('deadline reached')) }));
    expect(error.message).toContain('given up before attempt 1 of 4: deadline reached');
    expect(site.hits('/never')).toBe(0);
  });

  it('stops reading an endless body at the cap and hangs up', async () => {
    let sent = 0;
    let hungUp!: () => void;
    const closed = new Promise<void>((resolve) => (hungUp = resolve));
    site.route('/endless', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = Buffer.alloc(16 * 1024, 0x61);
      const pump = () => {
        while (!res.destroyed && res.write(chunk)) sent += chunk.byteLength;
        res.once('drain', pump);
      };
      res.on('close', hungUp);
      pump();
    });
    // A short body timeout turns a client that buffers first into a failed assertion, not a hung test.
    const error = await failure(client({ maxBytes: 64 * 1024, bodyTimeoutMs: 2000 }).http.get(site.url('/endless')));
    expect(error).toMatchObject({ kind: 'too-large', retryable: false });
    expect(error.message).toContain('body exceeds the 65536-byte cap');
    await closed; // the client closed the connection instead of draining it
    expect(sent).toBeLessThan(16 * 1024 * 1024); // only what the loopback socket buffers took (a few MB)
    expect(site.hits('/endless')).toBe(1);
  });

  it('rejects a declared Content-Length over the cap before reading', async () => {
    site.route('/huge', (_req, res) => {
      res.writeHead(200, { 'content-length': String(10 * 1024 * 1024) });
      res.write('x');
    });
    const error = await failure(client({ maxBytes: 1024, bodyTimeoutMs: 2000, retries: 0 }).http.get(site.url('/huge')));
    expect(error).toMatchObject({ kind: 'too-large', retryable: false });
    expect(error.message).toContain('Content-Length 10485760 exceeds the 1024-byte cap');
  });

  it('accepts a body of exactly the cap', async () => {
    site.route('/exact', (_req, res) => void res.writeHead(200).end('x'.repeat(1024)));
    expect((await client({ maxBytes: 1024 }).http.get(site.url('/exact'))).body.byteLength).toBe(1024);
  });
});

describe('HttpClient: hosts and redirects', () => {
  it('refuses a host not on the allowlist without sending anything', async () => {
    stranger.route('/secret', (_req, res) => void res.writeHead(200).end('leak'));
    const error = await failure(client().http.get(stranger.url('/secret')));
    expect(error).toMatchObject({ kind: 'host-not-allowed', retryable: false, url: stranger.url('/secret') });
    expect(stranger.totalHits()).toBe(0);
  });

  it('allows any port of a host listed without one', async () => {
    stranger.route('/hello', (_req, res) => void res.writeHead(200).end('hi'));
    expect((await client({ allowHosts: ['127.0.0.1'] }).http.get(stranger.url('/hello'))).text).toBe('hi');
  });

  it('a host listed with its scheme\'s default port allows the URL that leaves the port out', () => {
    const { http } = client({ allowHosts: ['example.org:443', 'example.net:80'] });
    expect(http.allows(new URL('https://example.org/a'))).toBe(true);
    expect(http.allows(new URL('http://example.net/a'))).toBe(true);
    expect(http.allows(new URL('http://example.org/a'))).toBe(false);
    expect(http.allows(new URL('https://example.net:8443/a'))).toBe(false);
  });

  it('refuses schemes other than http and https', async () => {
    const { http } = client({ allowHosts: ['127.0.0.1', ''] }); // '' is file:'s host: only the scheme check stops it
    expect(await failure(http.get('file:///etc/passwd'))).toMatchObject({ kind: 'host-not-allowed' });
    expect(await failure(http.get('ftp://127.0.0.1/x'))).toMatchObject({ kind: 'host-not-allowed' });
    expect(await failure(http.get('not a url'))).toMatchObject({ kind: 'host-not-allowed' });
  });

  it('follows a redirect to another allowed host', async () => {
    site.route('/moved', (_req, res) => void res.writeHead(301, { location: mirror.url('/new') }).end());
    mirror.route('/new', (_req, res) => void res.writeHead(200).end('here'));
    const response = await client().http.get(site.url('/moved'));
    expect(response).toMatchObject({ url: mirror.url('/new'), status: 200, text: 'here' });
  });

  it('resolves a relative Location against the current URL', async () => {
    site.route('/a/b', (_req, res) => void res.writeHead(302, { location: '../c?x=1' }).end());
    site.route('/c', (_req, res) => void res.writeHead(200).end('c'));
    expect(await client().http.get(site.url('/a/b'))).toMatchObject({ url: site.url('/c?x=1'), text: 'c' });
  });

  it('refuses a redirect to a host not on the allowlist without following it', async () => {
    site.route('/out', (_req, res) => void res.writeHead(302, { location: stranger.url('/trap') }).end());
    const error = await failure(client().http.get(site.url('/out')));
    expect(error).toMatchObject({ kind: 'host-not-allowed', url: stranger.url('/trap') });
    expect(error.message).toContain(`redirect from ${site.url('/out')} refused`);
    expect(stranger.hits('/trap')).toBe(0);
  });

  it('stops a redirect loop after maxRedirects hops', async () => {
    site.route('/loop', (_req, res) => void res.writeHead(307, { location: '/loop' }).end());
    const error = await failure(client({ maxRedirects: 3 }).http.get(site.url('/loop')));
    expect(error).toMatchObject({ kind: 'redirect', retryable: false });
    expect(error.message).toContain('more than 3 redirects');
    expect(site.hits('/loop')).toBe(4);
  });

  it('fails a redirect without Location', async () => {
    site.route('/nowhere', (_req, res) => void res.writeHead(302).end());
    expect(await failure(client().http.get(site.url('/nowhere')))).toMatchObject({ kind: 'redirect', status: 302 });
  });
});

describe('HttpClient: charsets', () => {
  const page = (head: string) => new Uint8Array([...new TextEncoder().encode(head), ...cp1251('Казахстан')]);

  it('decodes a windows-1251 page named by the Content-Type header', async () => {
    site.route('/cp-header', (_req, res) => void res.writeHead(200, { 'content-type': 'text/html; charset=windows-1251' }).end(page('')));
    expect((await client().http.get(site.url('/cp-header'))).text).toBe('Казахстан');
  });

  it('decodes a windows-1251 page named by <meta>', async () => {
    site.route('/cp-meta', (_req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end(page('<meta charset="windows-1251">')));
    expect((await client().http.get(site.url('/cp-meta'))).text).toBe('<meta charset="windows-1251">Казахстан');
  });

  it('decodes an undeclared windows-1251 page by sniffing', async () => {
    site.route('/cp-sniff', (_req, res) => void res.writeHead(200).end(page('<p>')));
    expect((await client().http.get(site.url('/cp-sniff'))).text).toBe('<p>Казахстан');
  });
});

describe('HttpClient: concurrency', () => {
  it('keeps at most concurrencyPerHost requests open to one host', async () => {
    let active = 0;
    let peak = 0;
    site.route('/slow', (_req, res) => {
      peak = Math.max(peak, ++active);
      setTimeout(() => {
        active--;
        res.writeHead(200).end('ok');
      }, 50);
    });
    const { http } = client({ concurrencyPerHost: 2 });
    await Promise.all(Array.from({ length: 8 }, () => http.get(site.url('/slow'))));
    expect(site.hits('/slow')).toBe(8);
    expect(peak).toBe(2);
  });
});
