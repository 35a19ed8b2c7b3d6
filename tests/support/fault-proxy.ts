/**
 * A fault-injecting HTTP proxy on 127.0.0.1 for tests: it stands in front of the loopback S3
 * server (or the replay site) and, per request, does what the test's rule says: pass it on, drop
 * the connection, stall, answer 500/503, truncate the response body, apply it upstream and then
 * hang or hang up. It can also enforce what real S3 enforces and the emulators do not: conditional
 * writes (`If-None-Match: *`, `If-Match`: 412, serialised per key) and the 2 KB limit on
 * user-defined metadata.
 */
import { createServer, request, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { keyLocks, preconditionFailure, readBody } from '../../cli/conditional-writes.ts';

export interface ProxyRequest {
  /** 1-based order of arrival at the proxy. */
  seq: number;
  method: string;
  /** Path and query as received. */
  path: string;
  /** The S3 object key (path-style, after `/<bucket>/`), decoded; null when not an object request. */
  key: string | null;
  headers: IncomingHttpHeaders;
}

export type Fault =
  /** Forward as is. */
  | 'pass'
  /** Hang up at once: nothing reaches the upstream, the client sees a reset connection. */
  | 'drop'
  /** Never answer (until the proxy closes): nothing reaches the upstream. */
  | 'stall'
  /** Forward (the upstream applies it), then hang up before answering. */
  | 'apply-then-drop'
  /** Forward (the upstream applies it), then never answer. */
  | 'apply-then-stall'
  /** Answer this status without forwarding, with an S3-style error body. */
  | { status: number; code?: string }
  /** Answer 200 with this HTML page without forwarding (a site serving an error page as a success). */
  | { html: string }
  /** Forward, then send the response headers and only the first `bytes` bytes of the body, and hang up. */
  | { truncate: number }
  /** Forward, then send the response headers and the first `bytes` bytes of the body, and never the rest. */
  | { stallAfter: number };

/** What to do with a request; may wait first (e.g. for the test to let it through). */
export type Rule = (req: ProxyRequest) => Fault | undefined | void | Promise<Fault | undefined | void>;

export interface LogEntry {
  seq: number;
  method: string;
  key: string | null;
  path: string;
  fault: string;
  /** Status sent to the client; null when it got none (dropped, stalled, killed). */
  status: number | null;
}

export interface FaultProxyOptions {
  /** Where requests go, e.g. the S3 server's endpoint. */
  upstream: string;
  /** Bucket name, so object keys can be told apart (path-style S3). */
  bucket?: string;
  /** Answer conditional PUTs as real S3 does (412 / 404), atomically per key. */
  enforceConditionalWrites?: boolean;
  /** Refuse PUTs whose user-defined metadata exceeds 2 KB or is not ASCII (400), as real S3 does. */
  enforceMetadataLimit?: boolean;
  /**
   * Replace the upstream's origin with the proxy's in text bodies (feeds and pages), so that links
   * a site gives out lead back through the proxy.
   */
  rewriteOrigin?: boolean;
}

export interface FaultProxy {
  /** `http://127.0.0.1:<port>`: point the client here instead of at the upstream. */
  url: string;
  /** The test's schedule: called for every request; undefined means 'pass'. */
  rule: Rule;
  /** Every request, in order of arrival. */
  log: LogEntry[];
  /** Requests the upstream received (after faults), by method. */
  forwarded: Record<string, number>;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'expect', 'content-length']);
const METADATA_LIMIT = 2048;

function s3Error(code: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>fault-proxy</RequestId></Error>`;
}

const DEFAULT_CODES: Record<number, string> = { 500: 'InternalError', 503: 'SlowDown', 412: 'PreconditionFailed', 404: 'NoSuchKey', 400: 'BadRequest', 409: 'ConditionalRequestConflict' };

interface Upstream {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

function send(upstream: URL, method: string, path: string, headers: IncomingHttpHeaders, body?: Buffer): Promise<Upstream> {
  return new Promise((resolve, reject) => {
    const out: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
    if (body) out['content-length'] = String(body.byteLength);
    const req = request({ host: upstream.hostname, port: upstream.port, method, path, headers: out, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

function metadataBytes(headers: IncomingHttpHeaders): number {
  let total = 0;
  for (const [name, value] of Object.entries(headers)) {
    if (!name.startsWith('x-amz-meta-')) continue;
    total += Buffer.byteLength(name.slice('x-amz-meta-'.length)) + Buffer.byteLength(String(value));
  }
  return total;
}

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const upstream = new URL(options.upstream);
  const sockets = new Set<Socket>();
  let seq = 0;
  /** Conditional writes to one key happen one at a time, as in the embedded store. */
  const withKeyLock = keyLocks();

  /** What real S3 would answer instead of applying this PUT, or null to apply it. */
  const refusal = async (req: ProxyRequest): Promise<{ status: number; code: string; message: string } | null> => {
    if (req.method !== 'PUT' || req.key === null) return null;
    if (options.enforceMetadataLimit && metadataBytes(req.headers) > METADATA_LIMIT) {
      return { status: 400, code: 'MetadataTooLarge', message: 'Your metadata headers exceed the maximum allowed metadata size' };
    }
    if (options.enforceMetadataLimit && Object.entries(req.headers).some(([name, v]) => name.startsWith('x-amz-meta-') && /[^\x20-\x7e]/.test(String(v)))) {
      return { status: 400, code: 'InvalidArgument', message: 'User-defined metadata must be US-ASCII' };
    }
    if (!options.enforceConditionalWrites) return null;
    if (!req.headers['if-none-match'] && !req.headers['if-match']) return null;
    const head = await send(upstream, 'HEAD', req.path.split('?')[0] as string, {});
    const refused = preconditionFailure(req.headers, head.status === 200 ? String(head.headers.etag ?? '') : null);
    return refused && { ...refused, message: refused.status === 404 ? 'The specified key does not exist.' : 'At least one of the pre-conditions you specified did not hold' };
  };

  const proxy: FaultProxy = {
    url: '',
    rule: () => undefined,
    log: [],
    forwarded: {},
    close: async () => undefined,
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? '/';
    const pathname = decodeURIComponent(path.split('?')[0] as string);
    const prefix = options.bucket ? `/${options.bucket}/` : null;
    const key = prefix && pathname.startsWith(prefix) && pathname.length > prefix.length ? pathname.slice(prefix.length) : null;
    const info: ProxyRequest = { seq: ++seq, method: req.method ?? 'GET', path, key, headers: req.headers };
    const fault = (await proxy.rule(info)) ?? 'pass';
    const entry: LogEntry = { seq: info.seq, method: info.method, key, path, fault: typeof fault === 'string' ? fault : JSON.stringify(fault), status: null };
    proxy.log.push(entry);
    const reply = (status: number, headers: Record<string, string | string[] | undefined>, body: Buffer | string) => {
      entry.status = status;
      const clean = Object.fromEntries(Object.entries(headers).filter(([name, v]) => v !== undefined && !HOP_BY_HOP.has(name))) as Record<string, string | string[]>;
      // A HEAD answer keeps the object's length; any other answer is sent whole.
      const length = req.method === 'HEAD' && headers['content-length'] !== undefined ? String(headers['content-length']) : Buffer.byteLength(body);
      res.writeHead(status, { ...clean, 'content-length': length });
      res.end(req.method === 'HEAD' ? undefined : body);
    };

    if (fault === 'drop') return void req.socket.destroy();
    if (fault === 'stall') return; // the socket stays open until the client gives up or the proxy closes
    if (typeof fault === 'object' && 'status' in fault) {
      await readBody(req);
      return reply(fault.status, { 'content-type': 'application/xml' }, s3Error(fault.code ?? DEFAULT_CODES[fault.status] ?? 'InternalError', `injected by fault-proxy (request ${info.seq})`));
    }

    if (typeof fault === 'object' && 'html' in fault) {
      await readBody(req);
      return reply(200, { 'content-type': 'text/html; charset=utf-8' }, fault.html);
    }

    const body = await readBody(req);
    const forward = async (): Promise<Upstream | { refused: { status: number; code: string; message: string } }> => {
      const refused = await refusal(info);
      if (refused) return { refused };
      proxy.forwarded[info.method] = (proxy.forwarded[info.method] ?? 0) + 1;
      return send(upstream, info.method, path, req.headers, info.method === 'GET' || info.method === 'HEAD' ? undefined : body);
    };
    let result;
    try {
      result = key !== null && info.method === 'PUT' && options.enforceConditionalWrites ? await withKeyLock(key, forward) : await forward();
    } catch (error) {
      return reply(502, { 'content-type': 'text/plain' }, `fault-proxy: upstream failed: ${(error as Error).message}`);
    }
    if ('refused' in result) return reply(result.refused.status, { 'content-type': 'application/xml' }, s3Error(result.refused.code, result.refused.message));
    if (options.rewriteOrigin && /^(text\/|application\/(rss|atom|xml|json))/.test(String(result.headers['content-type'] ?? ''))) {
      result = { ...result, body: Buffer.from(result.body.toString('latin1').replaceAll(upstream.origin, proxy.url), 'latin1') };
      delete result.headers.etag; // the bytes changed
    }
    if (fault === 'apply-then-drop') return void req.socket.destroy();
    if (fault === 'apply-then-stall') return;
    if (typeof fault === 'object' && ('truncate' in fault || 'stallAfter' in fault)) {
      entry.status = result.status;
      const headers = Object.fromEntries(Object.entries(result.headers).filter(([name, v]) => v !== undefined && !HOP_BY_HOP.has(name))) as Record<string, string | string[]>;
      res.writeHead(result.status, { ...headers, 'content-length': result.body.byteLength });
      if ('truncate' in fault) res.write(result.body.subarray(0, fault.truncate), () => req.socket.destroy());
      else res.write(result.body.subarray(0, fault.stallAfter));
      return;
    }
    reply(result.status, result.headers as Record<string, string | string[] | undefined>, result.body);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(502).end(`fault-proxy: ${(error as Error).message}`);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return proxy;
}

/** Requests that change the store. */
export function isWrite(req: Pick<ProxyRequest, 'method'>): boolean {
  return req.method === 'PUT' || req.method === 'DELETE' || req.method === 'POST';
}
