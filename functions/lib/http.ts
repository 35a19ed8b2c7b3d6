/**
 * The polite HTTP client every stage uses: a host allowlist checked on every
 * hop, per-host concurrency, header and body timeouts, a size cap enforced
 * while streaming, retries with backoff, conditional GET.
 */
import { setTimeout as delay } from 'node:timers/promises';
import pLimit, { type LimitFunction } from 'p-limit';
import { decodeBody } from './charset.ts';
import { FetchError } from './errors.ts';

export interface HttpOptions {
  /** Lower-case host names, optionally with a port ("127.0.0.1:8080"); a name without a port allows any port. */
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
}

export const DEFAULT_HTTP_OPTIONS: Omit<HttpOptions, 'allowHosts'> = {
  userAgent: 'kazinform-relations-feed/0.1',
  headersTimeoutMs: 10_000,
  bodyTimeoutMs: 30_000,
  maxBytes: 5 * 1024 * 1024,
  retries: 3,
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
  /** The body decoded with decodeBody; '' on 304. */
  text: string;
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

  constructor(options: Partial<HttpOptions> & { allowHosts: string[] }) {
    // Drop explicit undefineds so they don't override the defaults.
    const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
    this.#options = { ...DEFAULT_HTTP_OPTIONS, sleep: (ms: number) => delay(ms), ...given } as Required<HttpOptions>;
    this.#allowHosts = new Set(options.allowHosts.map((host) => host.trim().toLowerCase()));
  }

  async get(url: string, init: { conditional?: Conditional; accept?: string } = {}): Promise<HttpResponse> {
    const { conditional = {}, accept = '*/*' } = init;
    const headers = new Headers({ 'user-agent': this.#options.userAgent, accept });
    if (conditional.etag) headers.set('if-none-match', conditional.etag);
    if (conditional.lastModified) headers.set('if-modified-since', conditional.lastModified);
    const isConditional = headers.has('if-none-match') || headers.has('if-modified-since');

    let current = parse(url, 'host-not-allowed', 'not a URL');
    let from: URL | undefined;
    for (let redirects = 0; ; redirects++) {
      this.#checkDestination(current, from);
      const hop = await this.#withRetries(current, headers, isConditional);
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

  /**
   * Every hop passes here before anything is sent: the one place for further
   * destination checks (e.g. resolved addresses).
   */
  #checkDestination(url: URL, from: URL | undefined): void {
    const redirect = from ? `redirect from ${from.href} refused: ` : '';
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new FetchError('host-not-allowed', url.href, `${redirect}only http and https are fetched`);
    }
    if (from?.protocol === 'https:' && url.protocol === 'http:') {
      throw new FetchError('redirect', url.href, `${redirect}downgrade from https to http`);
    }
    if (!this.#allowHosts.has(url.host) && !this.#allowHosts.has(url.hostname)) {
      throw new FetchError('host-not-allowed', url.href, `${redirect}host ${url.host} is not in the allowlist`);
    }
  }

  /** Requests one URL until it yields a usable status, sleeping between attempts outside the host's slot. */
  async #withRetries(url: URL, headers: Headers, isConditional: boolean): Promise<Hop> {
    const attempts = this.#options.retries + 1;
    for (let attempt = 1; ; attempt++) {
      const of = `attempt ${attempt} of ${attempts}`;
      let failure: FetchError;
      let wait: number | undefined;
      try {
        const hop = await this.#limit(url.host)(() => this.#attempt(url, headers, of));
        const usable = (hop.status >= 200 && hop.status < 300) || REDIRECT_STATUSES.has(hop.status) ||
          (hop.status === 304 && isConditional);
        if (usable) return hop;
        failure = new FetchError('status', url.href, `HTTP ${hop.status} on ${of}`, { status: hop.status });
        if (hop.status === 429 || hop.status === 503) wait = retryAfterMs(hop.headers);
      } catch (error) {
        if (!(error instanceof FetchError)) throw error;
        failure = error;
      }
      if (!failure.retryable || attempt === attempts) throw failure;
      if (wait !== undefined && wait > MAX_WAIT_MS) {
        throw new FetchError('status', url.href, `HTTP ${failure.status} on ${of}, Retry-After ${Math.ceil(wait / 1000)} s is beyond the ${MAX_WAIT_MS / 1000} s cap`, { status: failure.status, cause: failure });
      }
      await this.#options.sleep(wait ?? this.#backoff(attempt));
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

  /** One request; times out on headers, then on the body, and stops reading past the size cap. */
  async #attempt(url: URL, headers: Headers, of: string): Promise<Hop> {
    const { headersTimeoutMs, bodyTimeoutMs, maxBytes } = this.#options;
    const controller = new AbortController();
    let timedOut: string | undefined;
    const arm = (ms: number, what: string) => setTimeout(() => {
      timedOut = `${what} not received within ${ms} ms on ${of}`;
      controller.abort();
    }, ms);

    let timer = arm(headersTimeoutMs, 'headers');
    try {
      const res = await fetch(url, { headers, redirect: 'manual', signal: controller.signal });
      clearTimeout(timer);
      if (res.status < 200 || res.status >= 300) {
        await res.body?.cancel();
        return { status: res.status, headers: res.headers, body: EMPTY };
      }
      timer = arm(bodyTimeoutMs, 'body');
      const tooLarge = (detail: string) => new FetchError('too-large', url.href, `${detail} the ${maxBytes}-byte cap on ${of}`);
      return { status: res.status, headers: res.headers, body: await readCapped(res, maxBytes, tooLarge) };
    } catch (error) {
      controller.abort(); // make sure the connection is torn down whatever failed
      if (error instanceof FetchError) throw error;
      if (timedOut) throw new FetchError('timeout', url.href, timedOut, { cause: error });
      throw new FetchError('network', url.href, `${describe(error)} on ${of}`, { cause: error });
    } finally {
      clearTimeout(timer);
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

/** Reads the body counting bytes, and cancels as soon as the cap is passed. */
async function readCapped(res: Response, maxBytes: number, tooLarge: (detail: string) => FetchError): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length'));
  if (declared > maxBytes) {
    await res.body?.cancel();
    throw tooLarge(`Content-Length ${declared} exceeds`);
  }
  if (!res.body) return EMPTY;
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge('body exceeds');
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** Retry-After in milliseconds, from delay-seconds or an HTTP date. */
function retryAfterMs(headers: Headers): number | undefined {
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function toResponse(url: URL, hop: Hop, sent: Conditional): HttpResponse {
  const notModified = hop.status === 304;
  const contentType = hop.headers.get('content-type') ?? '';
  return {
    url: url.href,
    status: hop.status,
    headers: hop.headers,
    body: hop.body,
    text: notModified ? '' : decodeBody(hop.body, contentType),
    etag: hop.headers.get('etag') ?? (notModified ? sent.etag : undefined),
    lastModified: hop.headers.get('last-modified') ?? (notModified ? sent.lastModified : undefined),
    contentType,
  };
}

/** "fetch failed: connect ECONNREFUSED ...": the useful part is often in the cause. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message;
}
