import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServer, listenOnLoopback } from '../../cli/loopback.ts';
import { createS3Client, Store } from '../../functions/lib/store.ts';

/** A web server that is no S3: HEAD answers 403 with no body, GET 500 with an HTML page. */
function notS3(): Server {
  return createServer((req, res) => {
    if (req.method === 'HEAD') res.writeHead(403).end();
    else res.writeHead(500, { 'content-type': 'text/html' }).end('<html><head><meta charset="utf-8"></head><body>Internal error</body></html>');
  });
}

describe('a store error says what the server answered where the SDK says little', () => {
  let server: Server;
  let store: Store;

  beforeAll(async () => {
    server = notS3();
    const endpoint = `http://127.0.0.1:${await listenOnLoopback(server, 0)}`;
    store = new Store(createS3Client({ bucket: 'b', endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, embedded: true }), 'b');
  });
  afterAll(async () => {
    await closeServer(server);
  });

  it('names an HTML answer by its status instead of the SDK\'s parser failure', async () => {
    await expect(store.get('feeds/all.xml')).rejects.toThrow(
      /^S3 GET feeds\/all\.xml failed: HTTP 500 Internal Server Error, with an answer that is no S3 response \(is the endpoint an S3-compatible server, and is it well\?\)$/,
    );
  });

  it('names an answer without a body by its status, where the SDK says "UnknownError"', async () => {
    await expect(store.exists('feeds/all.xml')).rejects.toThrow(/^S3 HEAD feeds\/all\.xml failed: HTTP 403 Forbidden$/);
  });
});
