import { createServer, type IncomingHttpHeaders, type IncomingMessage, request } from 'node:http';
import { closeServer, listenOnLoopback } from './loopback.ts';

/**
 * What S3 answers instead of applying a conditional PUT, or null to apply it: 412 for
 * `If-None-Match: *` on an existing key and for an `If-Match` whose ETag is not the current one,
 * 404 for `If-Match` on a missing key.
 */
export function preconditionFailure(headers: IncomingHttpHeaders, currentEtag: string | null): { status: number; code: string } | null {
  const unquote = (etag: string) => etag.trim().replace(/^W\//, '').replace(/^"|"$/g, '');
  const ifNoneMatch = headers['if-none-match'];
  const ifMatch = headers['if-match'];
  if (ifNoneMatch && currentEtag !== null) return { status: 412, code: 'PreconditionFailed' };
  if (ifMatch && currentEtag === null) return { status: 404, code: 'NoSuchKey' };
  if (ifMatch && currentEtag !== null && unquote(String(ifMatch)) !== unquote(currentEtag)) return { status: 412, code: 'PreconditionFailed' };
  return null;
}

/** Runs writes to one key one at a time, so a condition checked is still true when the write lands. */
export function keyLocks() {
  const locks = new Map<string, Promise<void>>();
  return async <T>(key: string, work: () => Promise<T>): Promise<T> => {
    const previous = locks.get(key) ?? Promise.resolve();
    let release!: () => void;
    const chained = previous.then(() => new Promise<void>((resolve) => (release = resolve)));
    locks.set(key, chained);
    await previous;
    try {
      return await work();
    } finally {
      release();
      if (locks.get(key) === chained) locks.delete(key);
    }
  };
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'expect', 'content-length']);

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A request's or response's whole body. */
export function readBody(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

function forward(upstream: URL, method: string, path: string, headers: IncomingHttpHeaders, body?: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const out: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
    if (body) out['content-length'] = String(body.byteLength);
    const req = request({ host: upstream.hostname, port: upstream.port, method, path, headers: out }, async (res) => {
      try {
        resolve({ status: res.statusCode ?? 502, headers: res.headers, body: await readBody(res) });
      } catch (error) {
        reject(error);
      }
    });
    req.on('error', reject);
    req.end(body);
  });
}

export interface ConditionalFront {
  url: string;
  /** Called on every request: the embedded server counts it as use. */
  onRequest: () => void;
  close(): Promise<void>;
}

/**
 * An HTTP front for an S3-compatible server that does not enforce conditional writes (fauxqs):
 * PUTs and DELETEs to one key are applied one at a time, and a conditional PUT whose condition
 * does not hold is answered as S3 answers it, so the lease and the read-merge-write loops meet the
 * same semantics locally as on AWS. Every other request passes through.
 */
export async function startConditionalFront(upstreamUrl: string, bucket: string): Promise<ConditionalFront> {
  const upstream = new URL(upstreamUrl);
  const withKeyLock = keyLocks();
  const prefix = `/${bucket}/`;
  const front: ConditionalFront = { url: '', onRequest: () => undefined, close: async () => undefined };
  const server = createServer(async (req, res) => {
    front.onRequest();
    try {
      const method = req.method ?? 'GET';
      const path = req.url ?? '/';
      const pathname = decodeURIComponent(path.split('?')[0] as string);
      const key = pathname.startsWith(prefix) && pathname.length > prefix.length ? pathname.slice(prefix.length) : null;
      const body = method === 'GET' || method === 'HEAD' ? undefined : await readBody(req);
      const apply = async (): Promise<Answer> => {
        if (method === 'PUT' && (req.headers['if-none-match'] || req.headers['if-match'])) {
          const head = await forward(upstream, 'HEAD', path.split('?')[0] as string, {});
          const refused = preconditionFailure(req.headers, head.status === 200 ? String(head.headers.etag ?? '') : null);
          if (refused) {
            const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${refused.code}</Code><Message>At least one of the pre-conditions you specified did not hold</Message><Key>${key}</Key></Error>`;
            return { status: refused.status, headers: { 'content-type': 'application/xml' }, body: Buffer.from(xml) };
          }
        }
        return forward(upstream, method, path, req.headers, body);
      };
      const answer = key !== null && (method === 'PUT' || method === 'DELETE') ? await withKeyLock(key, apply) : await apply();
      const headers = Object.fromEntries(Object.entries(answer.headers).filter(([name, v]) => v !== undefined && !HOP_BY_HOP.has(name))) as Record<string, string | string[]>;
      // A HEAD answer keeps the object's length.
      const length = method === 'HEAD' ? (answer.headers['content-length'] ?? '0') : String(answer.body.byteLength);
      res.writeHead(answer.status, { ...headers, 'content-length': length });
      res.end(method === 'HEAD' ? undefined : answer.body);
    } catch (error) {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`embedded store: ${(error as Error).message}`);
    }
  });
  front.url = `http://127.0.0.1:${await listenOnLoopback(server, 0)}`;
  front.close = () => closeServer(server);
  return front;
}
