/**
 * The polite HTTP client every stage uses: a host allowlist checked on every
 * hop, per-host concurrency, header and body timeouts, a size cap enforced
 * while streaming, retries with backoff, conditional GET, and SSRF protection:
 * https only, and only to public addresses, unless a host is explicitly
 * allowed for local use.
 *
 * Requests go through `node:http` / `node:https` rather than global fetch,
 * because fetch cannot check the address it connects to: here the socket's DNS
 * lookup is `guardedLookup`, which resolves the name and refuses loopback,
 * private, link-local, unique-local and multicast addresses before the socket
 * connects to exactly the address that was checked (so DNS rebinding between a
 * check and the connect is impossible).
 */
import type { PipelineConfig } from '../../schemas/config.ts';
import type * as Http from 'node:http';
import type { ClientRequest, IncomingMessage } from 'node:http';
import type * as Https from 'node:https';
import { createRequire } from 'node:module';
import type { LookupFunction } from 'node:net';
import { pipeline, type Transform } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import pLimit, { type LimitFunction } from 'p-limit';
import { CHALLENGE_SNIFF_BYTES, CHALLENGE_STATUSES, challengeOf } from './challenge.ts';
import { decodeBytes } from './charset.ts';
import { DEFAULT_CONFIG } from './config.ts';
import { FetchError, isTransient } from './errors.ts';
import { BlockedAddressError, guardedLookup, isExplicitlyLocal, type Resolver, systemResolver } from './net-guard.ts';

// Loaded through require: an ESM import of node:http builds its module namespace, which loads
// Node's bundled undici first (~25 ms of every Lambda cold start; the AWS SDK requires it anyway).
const nodeRequire = createRequire(import.meta.url);
const { Agent: HttpAgent, request: httpRequest } = nodeRequire('node:http') as typeof Http;
const { Agent: HttpsAgent, request: httpsRequest } = nodeRequire('node:https') as typeof Https;

export interface HttpOptions {
  /**
   * Lower-case host names, optionally with a port ("127.0.0.1:8080"); a name without a port allows
   * any port. Entries that are IP literals or `localhost` are the explicit permission to fetch
   * from a local address over plain http; every other host is fetched over https only, and only
   * when it resolves to public addresses.
   */
  allowHosts: string[];
  userAgent: string;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  maxBytes: number;
  /** Extra attempts after a network error, timeout, 5xx or 429. */
  retries: number;
  backoffBaseMs: number;
  maxRedirects: number;
  concurrencyPerHost: number;
  /** Injectable so tests need not wait for real backoff. */
  sleep?: (ms: number) => Promise<void>;
  /** Told before each wait for a retry: a run that waits on a slow host can say so. */
  onRetry?: (retry: Retry) => void;
  /** Name resolution (default: the system resolver); injectable so tests can play DNS. */
  resolve?: Resolver;
}

/** A failed attempt about to be retried: which URL, why, and how long until the next attempt. */
export interface Retry {
  url: string;
  /** The attempt about to be made (2 for the first retry) and how many there are at most. */
  attempt: number;
  attempts: number;
  waitMs: number;
  reason: string;
}

/** The pipeline configuration's defaults (one set: DEFAULT_CONFIG), and what only the client has. */
export const DEFAULT_HTTP_OPTIONS: Omit<HttpOptions, 'allowHosts'> = {
  userAgent: DEFAULT_CONFIG.userAgent,
  headersTimeoutMs: DEFAULT_CONFIG.headersTimeoutMs,
  bodyTimeoutMs: DEFAULT_CONFIG.bodyTimeoutMs,
  maxBytes: DEFAULT_CONFIG.maxPageBytes,
  retries: DEFAULT_CONFIG.retries,
  backoffBaseMs: 500,
  maxRedirects: 5,
  concurrencyPerHost: 4,
};

export interface Conditional {
  etag?: string;
  lastModified?: string;
}

export interface HttpResponse {
  /** Final URL, after redirects. */
  url: string;
  /** 2xx, or 304 when conditional headers were sent. */
  status: number;
  headers: Headers;
  body: Uint8Array;
  /** The body decoded with decodeBytes; '' on 304. */
  text: string;
  /** How decoding fell back (see decodeBytes), when it had to. */
  decoding?: string;
  /** On 304 without validators in the response, the ones sent (they are still current). */
  etag?: string;
  lastModified?: string;
  contentType: string;
}

/** Longest wait between attempts; a longer Retry-After ends the retries (a later run tries again). */
const MAX_WAIT_MS = 30_000;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const EMPTY = new Uint8Array(0);

/** One request's outcome; the body is read only for 2xx. */
interface Hop {
  status: number;
  headers: Headers;
  body: Uint8Array;
}

export class HttpClient {
  readonly #options: Required<HttpOptions>;
  readonly #allowHosts: Set<string>;
  readonly #limits = new Map<string, LimitFunction>();
  readonly #httpAgent = new HttpAgent({ keepAlive: true });
  readonly #httpsAgent = new HttpsAgent({ keepAlive: true });
  /** For hosts allowed for local use: any address. For all others: public addresses only. */
  readonly #localLookup: LookupFunction;
  readonly #publicLookup: LookupFunction;

  constructor(options: Partial<HttpOptions> & { allowHosts: string[] }) {
    // Drop explicit undefineds so they don't override the defaults.
    const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
    this.#options = { ...DEFAULT_HTTP_OPTIONS, sleep: (ms: number) => delay(ms), resolve: systemResolver, ...given } as Required<HttpOptions>;
    this.#allowHosts = new Set(options.allowHosts.map((host) => host.trim().toLowerCase()));
    this.#localLookup = guardedLookup(this.#options.resolve, true);
    this.#publicLookup = guardedLookup(this.#options.resolve, false);
  }

  /**
   * GETs a URL, following allowed redirects. `signal` gives the request up when it aborts (the
   * caller's deadline): the connection is closed and no further attempt is made; that counts as a
   * timeout, which a later attempt may get past.
   */
  async get(url: string, init: { conditional?: Conditional; accept?: string; signal?: AbortSignal } = {}): Promise<HttpResponse> {
    const { conditional = {}, accept = '*/*', signal } = init;
    const headers: Record<string, string> = { 'user-agent': this.#options.userAgent, accept, 'accept-encoding': 'gzip, br' };
    if (conditional.etag) headers['if-none-match'] = conditional.etag;
    if (conditional.lastModified) headers['if-modified-since'] = conditional.lastModified;
    const isConditional = 'if-none-match' in headers || 'if-modified-since' in headers;

    let current = parse(url, 'host-not-allowed', 'not a URL');
    let from: URL | undefined;
    for (let redirects = 0; ; redirects++) {
      this.#checkDestination(current, from);
      const hop = await this.#withRetries(current, headers, isConditional, signal);
      if (!REDIRECT_STATUSES.has(hop.status)) return toResponse(current, hop, conditional);

      if (redirects === this.#options.maxRedirects) {
        throw new FetchError('redirect', url, `more than ${redirects} redirects (last to ${current.href})`, { status: hop.status });
      }
      const location = hop.headers.get('location');
      if (!location) throw new FetchError('redirect', current.href, `HTTP ${hop.status} without Location`, { status: hop.status });
      from = current;
      current = parse(location, 'redirect', `bad Location from ${from.href}`, from);
    }
  }

  /** Whether the allowlist lets this URL's host be contacted (the same check every request passes). */
  allows(url: URL): boolean {
    // `host:443` given for an https URL: the URL's own host leaves the default port out.
    const port = url.port || (url.protocol === 'https:' ? '443' : '80');
    return this.#allowHosts.has(url.host) || this.#allowHosts.has(url.hostname) || this.#allowHosts.has(`${url.hostname}:${port}`);
  }

  /** Closes idle keep-alive connections (they do not keep the process alive either way). */
  close(): void {
    this.#httpAgent.destroy();
    this.#httpsAgent.destroy();
  }

  /**
   * Every hop passes here before anything is sent. The resolved address is checked later, by
   * the socket's lookup (see #attempt), so that it is the address connected to.
   */
  #checkDestination(url: URL, from: URL | undefined): void {
    const redirect = from ? `redirect from ${from.href} refused: ` : '';
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new FetchError('host-not-allowed', url.href, `${redirect}only http and https are fetched`);
    }
    if (from?.protocol === 'https:' && url.protocol === 'http:') {
      throw new FetchError('redirect', url.href, `${redirect}downgrade from https to http`);
    }
    if (!this.allows(url)) {
      throw new FetchError('host-not-allowed', url.href, `${redirect}host ${url.host} is not in the allowlist`);
    }
    if (url.protocol === 'http:' && !isExplicitlyLocal(url.hostname)) {
      throw new FetchError('host-not-allowed', url.href, `${redirect}${url.hostname} is fetched over https only (plain http only for hosts allowed for local use: IP literals, localhost)`);
    }
  }

  /** Requests one URL until it yields a usable status, sleeping between attempts outside the host's slot. */
  async #withRetries(url: URL, headers: Record<string, string>, isConditional: boolean, signal: AbortSignal | undefined): Promise<Hop> {
    const attempts = this.#options.retries + 1;
    for (let attempt = 1; ; attempt++) {
      const of = `attempt ${attempt} of ${attempts}`;
      let failure: FetchError;
      let wait: number | undefined;
      try {
        const hop = await this.#limit(url.host)(() => this.#attempt(url, headers, of, signal));
        // A challenge is not worth retrying at once: the source or item is retried by a later run.
        const challenge = challengeOf(hop.status, hop.headers, hop.body);
        if (challenge) throw new FetchError('blocked', url.href, `${challenge}, HTTP ${hop.status} on ${of}`, { status: hop.status });
        const usable = (hop.status >= 200 && hop.status < 300) || REDIRECT_STATUSES.has(hop.status) ||
          (hop.status === 304 && isConditional);
        if (usable) return hop;
        // A status that is an answer (404, 410, ...) ends the tries at once: say so, not "attempt 1 of 4".
        const status = isTransient('status', hop.status) ? `HTTP ${hop.status} on ${of}` : `HTTP ${hop.status}, an answer, not retried`;
        failure = new FetchError('status', url.href, status, { status: hop.status });
        if (hop.status === 429 || hop.status === 503) wait = retryAfterMs(hop.headers);
      } catch (error) {
        if (!(error instanceof FetchError)) throw error;
        failure = error;
      }
      if (!failure.retryable || attempt === attempts || signal?.aborted) throw failure;
      if (wait !== undefined && wait > MAX_WAIT_MS) {
        throw new FetchError('status', url.href, `HTTP ${failure.status} on ${of}, Retry-After ${Math.ceil(wait / 1000)} s is beyond the ${MAX_WAIT_MS / 1000} s cap`, { status: failure.status, cause: failure });
      }
      const waitMs = wait ?? this.#backoff(attempt);
      this.#options.onRetry?.({ url: url.href, attempt: attempt + 1, attempts, waitMs, reason: failure.message });
      await this.#options.sleep(waitMs);
    }
  }

  /** Full jitter: a random wait up to the exponential bound keeps clients from retrying in step. */
  #backoff(attempt: number): number {
    return Math.floor(Math.random() * Math.min(MAX_WAIT_MS, this.#options.backoffBaseMs * 2 ** (attempt - 1)));
  }

  #limit(host: string): LimitFunction {
    let limit = this.#limits.get(host);
    if (!limit) this.#limits.set(host, (limit = pLimit(this.#options.concurrencyPerHost)));
    return limit;
  }

  /**
   * One request; times out on headers (DNS, connect and TLS included), then on the body, and
   * stops reading past the size cap (counted after decompression). A keep-alive connection the
   * server had already closed is replaced at once, without counting as an attempt.
   */
  async #attempt(url: URL, headers: Record<string, string>, of: string, signal: AbortSignal | undefined, staleRetries = 2): Promise<Hop> {
    if (signal?.aborted) throw new FetchError('timeout', url.href, `given up before ${of}: ${describe(signal.reason)}`);
    const { headersTimeoutMs, bodyTimeoutMs, maxBytes } = this.#options;
    const secure = url.protocol === 'https:';
    const req: ClientRequest = (secure ? httpsRequest : httpRequest)(url, {
      method: 'GET',
      headers,
      agent: secure ? this.#httpsAgent : this.#httpAgent,
      lookup: isExplicitlyLocal(url.hostname) ? this.#localLookup : this.#publicLookup,
    });
    let timedOut: string | undefined;
    let timer: NodeJS.Timeout | undefined;
    const arm = (ms: number, what: string) => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timedOut = `${what} not received within ${ms} ms on ${of}`;
        req.destroy(new Error(timedOut));
      }, ms);
    };

    const giveUp = () => {
      timedOut = `given up on ${of}: ${describe(signal?.reason)}`;
      req.destroy(new Error(timedOut));
    };
    signal?.addEventListener('abort', giveUp, { once: true });

    let responded = false;
    arm(headersTimeoutMs, 'headers');
    try {
      const res = await new Promise<IncomingMessage>((resolve, reject) => {
        req.once('response', resolve);
        req.once('error', reject);
        req.end();
      });
      responded = true;
      req.on('error', () => undefined); // later failures surface through the body stream
      clearTimeout(timer);
      const status = res.statusCode ?? 0;
      const resHeaders = toHeaders(res.rawHeaders);
      if (status < 200 || status >= 300) {
        // A 304 has no body and keeps the connection; any other body is not read, except the start
        // of one that may be a challenge page.
        let body: Uint8Array = EMPTY;
        if (status === 304) res.resume();
        else if (CHALLENGE_STATUSES.has(status)) {
          arm(bodyTimeoutMs, 'body');
          body = await readCapped(res, url, of, CHALLENGE_SNIFF_BYTES, (detail) => new FetchError('too-large', url.href, detail)).catch(() => EMPTY);
          req.destroy();
        } else req.destroy();
        return { status, headers: resHeaders, body };
      }
      arm(bodyTimeoutMs, 'body');
      const tooLarge = (detail: string) => new FetchError('too-large', url.href, `${detail} the ${maxBytes}-byte cap on ${of}`);
      const body = await readCapped(res, url, of, maxBytes, tooLarge);
      // A body whose end is the connection's close (no Content-Length) ends "complete" when the
      // timer closes it: that is a page cut short, never a whole one.
      if (timedOut) throw new FetchError('timeout', url.href, timedOut);
      return { status, headers: resHeaders, body };
    } catch (error) {
      req.destroy(); // make sure the connection is torn down whatever failed
      if (error instanceof FetchError) throw error;
      if (timedOut) throw new FetchError('timeout', url.href, timedOut, { cause: error });
      if (error instanceof BlockedAddressError) throw new FetchError('host-not-allowed', url.href, error.message, { cause: error });
      const code = (error as NodeJS.ErrnoException).code;
      if (!responded && req.reusedSocket && staleRetries > 0 && (code === 'ECONNRESET' || code === 'EPIPE')) {
        clearTimeout(timer);
        return this.#attempt(url, headers, of, signal, staleRetries - 1);
      }
      throw new FetchError('network', url.href, `${describe(error)} on ${of}`, { cause: error });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', giveUp);
    }
  }
}

function parse(raw: string, kind: 'host-not-allowed' | 'redirect', detail: string, base?: URL): URL {
  try {
    return new URL(raw, base);
  } catch (cause) {
    throw new FetchError(kind, raw, detail, { cause });
  }
}

function toHeaders(raw: readonly string[]): Headers {
  const headers = new Headers();
  for (let i = 0; i + 1 < raw.length; i += 2) {
    try {
      headers.append(raw[i] as string, raw[i + 1] as string);
    } catch {
      // A header value fetch would refuse is dropped, as a browser would.
    }
  }
  return headers;
}

/** The decoder for a Content-Encoding, null for none, undefined for one that was not asked for. */
function decoderFor(encoding: string): Transform | null | undefined {
  switch (encoding) {
    case '':
    case 'identity':
      return null;
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'br':
      return createBrotliDecompress();
    case 'deflate':
      return createInflate();
    default:
      return undefined;
  }
}

/**
 * Reads the body counting (decompressed) bytes, and stops as soon as the cap is passed: the caller
 * then destroys the request, which closes the connection instead of draining it.
 */
async function readCapped(res: IncomingMessage, url: URL, of: string, maxBytes: number, tooLarge: (detail: string) => FetchError): Promise<Uint8Array> {
  const declared = Number(res.headers['content-length']);
  if (declared > maxBytes) throw tooLarge(`Content-Length ${declared} exceeds`);
  const encoding = (res.headers['content-encoding'] ?? '').trim().toLowerCase();
  const decoder = decoderFor(encoding);
  if (decoder === undefined) throw new FetchError('content-type', url.href, `unsupported Content-Encoding ${JSON.stringify(encoding)} on ${of}`);
  const source: AsyncIterable<Buffer> = decoder ? pipeline(res, decoder, () => undefined) as Transform : res;
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of source) {
    total += chunk.byteLength;
    if (total > maxBytes) {
      decoder?.destroy();
      throw tooLarge('body exceeds');
    }
    chunks.push(chunk);
  }
  if (!res.complete) throw new Error('connection closed before the end of the body');
  const body = Buffer.concat(chunks, total);
  return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
}

/** Retry-After in milliseconds, from delay-seconds or an HTTP date. */
function retryAfterMs(headers: Headers): number | undefined {
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/**
 * A header value as printable ASCII: servers send Latin-1 bytes too, and values travel on (e.g.
 * into S3 metadata, which must be ASCII) where those would fail a later request.
 */
function asciiHeader(value: string | null): string {
  return (value ?? '').replace(/[^\x20-\x7e]/g, '').trim();
}

function toResponse(url: URL, hop: Hop, sent: Conditional): HttpResponse {
  const notModified = hop.status === 304;
  const contentType = asciiHeader(hop.headers.get('content-type'));
  const decoded = notModified ? { text: '' } : decodeBytes(hop.body, contentType);
  return {
    url: url.href,
    status: hop.status,
    headers: hop.headers,
    body: hop.body,
    text: decoded.text,
    ...('fallback' in decoded && decoded.fallback ? { decoding: decoded.fallback } : {}),
    etag: hop.headers.get('etag') ?? (notModified ? sent.etag : undefined),
    lastModified: hop.headers.get('last-modified') ?? (notModified ? sent.lastModified : undefined),
    contentType,
  };
}

/** "connect ECONNREFUSED ...": the useful part is sometimes in the cause. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message;
}

/** The polite HTTP client a pipeline configuration asks for (the CLI and the Lambda functions alike). */
export function httpClientFor(config: PipelineConfig, onRetry?: (retry: Retry) => void): HttpClient {
  return new HttpClient({
    onRetry,
    allowHosts: config.allowHosts,
    userAgent: config.userAgent,
    headersTimeoutMs: config.headersTimeoutMs,
    bodyTimeoutMs: config.bodyTimeoutMs,
    maxBytes: config.maxPageBytes,
    retries: config.retries,
  });
}
