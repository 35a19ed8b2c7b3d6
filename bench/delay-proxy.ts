/**
 * A loopback HTTP proxy in front of an S3-compatible server that holds every request for a delay
 * before passing it on, as a bucket a round trip away answers: `bench:remote` measures the CLI
 * through it, and a test plays a store server slow to answer with it.
 */
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Proxy {
  endpoint: string;
  /** Read as each request arrives: changing it holds the requests that come after. */
  delayMs: number;
  requests: Record<string, number>;
  close(): Promise<void>;
}

/** A loopback HTTP proxy to `upstream` that holds each request `delayMs` first, counting them by operation. */
export async function startDelayProxy(upstream: string): Promise<Proxy> {
  const target = new URL(upstream);
  const agent = new Agent({ keepAlive: true });
  const proxy: Proxy = { endpoint: '', delayMs: 0, requests: {}, close: async () => {} };
  const server = createServer((incoming, outgoing) => {
    // A listing is a GET with list-type=2 in its query.
    const operation = incoming.method === 'GET' && /[?&]list-type=/.test(incoming.url ?? '') ? 'LIST' : (incoming.method ?? '?');
    proxy.requests[operation] = (proxy.requests[operation] ?? 0) + 1;
    setTimeout(() => {
      const forwarded = request({ host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers: incoming.headers, agent }, (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      });
      forwarded.on('error', (error) => outgoing.destroy(error));
      incoming.pipe(forwarded);
    }, proxy.delayMs);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    agent.destroy();
  };
  return proxy;
}
