import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../../functions/lib/http.ts';
import { failure } from '../support/http-failures.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
const routes = new Map<string, Handler>();
const seen: IncomingMessage['headers'][] = [];
let server: ReturnType<typeof createServer>;
let origin = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req.headers);
    const handler = routes.get(req.url ?? '');
    if (handler) handler(req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const client = (maxBytes = 1024 * 1024) => new HttpClient({ allowHosts: [new URL(origin).host], userAgent: 'kazfeed-test/1', maxBytes, retries: 1, sleep: async () => undefined });

describe('HttpClient: compressed bodies', () => {
  const page = '<p>Қазақстан мен Түрікменстан</p>'.repeat(100);

  it('asks for gzip and brotli, and decodes either', async () => {
    routes.set('/gzip', (_req, res) => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip' }).end(gzipSync(page)));
    routes.set('/br', (_req, res) => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'br' }).end(brotliCompressSync(page)));
    const http = client();
    expect((await http.get(`${origin}/gzip`)).text).toBe(page);
    expect((await http.get(`${origin}/br`)).text).toBe(page);
    expect(seen.at(-1)?.['accept-encoding']).toBe('gzip, br');
  });

  it('applies the size cap to the decompressed body: a small gzip bomb is abandoned', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024)); // 64 MB of zeros in about 64 KB
    routes.set('/bomb', (_req, res) => void res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip', 'content-length': bomb.byteLength }).end(bomb));
    const error = await failure(client(1024 * 1024).get(`${origin}/bomb`));
    expect(error).toMatchObject({ kind: 'too-large', retryable: false });
    expect(bomb.byteLength).toBeLessThan(1024 * 1024);
  });

  it('refuses a body in an encoding it did not ask for', async () => {
    routes.set('/zstd', (_req, res) => void res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'zstd' }).end('xx'));
    const error = await failure(client().get(`${origin}/zstd`));
    expect(error).toMatchObject({ kind: 'content-type', retryable: false });
    expect(error.message).toContain('unsupported Content-Encoding "zstd"');
  });

  it('retries a corrupt gzip body as a network error', async () => {
    let n = 0;
    routes.set('/corrupt', (_req, res) => {
      n++;
      const body = n === 1 ? Buffer.from('not gzip at all') : gzipSync('fine');
      res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' }).end(body);
    });
    expect((await client().get(`${origin}/corrupt`)).text).toBe('fine');
    expect(n).toBe(2);
  });
});

describe('HttpClient: kept-alive connections', () => {
  it('replaces a kept-alive connection the server hangs up on, without spending an attempt', async () => {
    // The server answers one request per connection and resets the connection on a second one,
    // as a server does whose keep-alive timeout ran out just as the request was sent.
    const perSocket = new WeakMap<object, number>();
    let answered = 0;
    routes.set('/keep', (req, res) => {
      const count = (perSocket.get(req.socket) ?? 0) + 1;
      perSocket.set(req.socket, count);
      if (count > 1) return void req.socket.destroy();
      answered++;
      res.writeHead(200, { 'content-type': 'text/plain', connection: 'keep-alive' }).end(`hello ${answered}`);
    });
    const http = new HttpClient({ allowHosts: [new URL(origin).host], userAgent: 'kazfeed-test/1', retries: 0 });
    expect((await http.get(`${origin}/keep`)).text).toBe('hello 1');
    expect((await http.get(`${origin}/keep`)).text).toBe('hello 2'); // retries: 0, yet it succeeds
    http.close();
  });
});
