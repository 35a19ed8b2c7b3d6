import { STATUS_CODES } from 'node:http';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import * as z from '../../schemas/zod.ts';
import { firstIssue, KazfeedError } from './errors.ts';

/**
 * Why an S3 call failed, in words a person can act on. Where the SDK's own words say little, the
 * HTTP status says more: an answer without a body (a HEAD's 404 or 403) is "UnknownError", and a
 * body it cannot parse is its parser's failure ("XML parse error ... inspect the hidden field"),
 * which is how a wrong endpoint, or a sick one, answers.
 */
export function s3Reason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const message = error.message || error.name;
  const { $metadata, $response } = error as { $metadata?: { httpStatusCode?: number }; $response?: { statusCode?: number } };
  const status = $metadata?.httpStatusCode ?? $response?.statusCode;
  if (status === undefined) return message;
  const answered = `HTTP ${status}${STATUS_CODES[status] ? ` ${STATUS_CODES[status]}` : ''}`;
  if (message === 'UnknownError') return answered;
  if (/Deserialization error|XML parse error/.test(message)) return `${answered}, with an answer that is no S3 response (is the endpoint an S3-compatible server, and is it well?)`;
  return message;
}

/** A store operation failed; carries the operation and key. */
export class StoreError extends KazfeedError {
  readonly operation: string;
  readonly key: string;
  constructor(operation: string, key: string, cause: unknown) {
    super(`S3 ${operation} ${key} failed: ${s3Reason(cause)}`, { cause });
    this.name = 'StoreError';
    this.operation = operation;
    this.key = key;
  }
}

/**
 * An object that is there but cannot be used: not JSON, or not of the expected shape (a write
 * cut short, a hand edit). Callers that can do without it skip it, set it aside or rebuild it.
 */
export class UnreadableObject extends StoreError {
  /** What is wrong with it, without the key: "not JSON: ...". */
  readonly reason: string;
  constructor(key: string, reason: string) {
    super('GET', key, new Error(reason));
    // Not "S3 GET failed": the read worked, and the person should know what to do about what it found.
    this.message = `${key} is damaged: ${reason} (kazfeed check names what is damaged; check --repair rebuilds what can be rebuilt)`;
    this.name = 'UnreadableObject';
    this.reason = reason;
  }
}

/** Whether any object is stored under a prefix (one listing, stopped at its first key). */
export async function anyKey(store: Store, prefix: string): Promise<boolean> {
  for await (const _ of store.list(prefix)) return true;
  return false;
}

/**
 * One object read with its schema, for a reader that goes on past damage: its value, or why it
 * cannot be read; null when it is gone. Any other failure is thrown.
 */
export async function readJson<T extends z.core.$ZodType>(store: Store, key: string, schema: T): Promise<{ key: string; value?: z.infer<T>; error?: UnreadableObject } | null> {
  try {
    const stored = await store.getJson(key, schema);
    return stored ? { key, value: stored.value } : null;
  } catch (error) {
    if (!(error instanceof UnreadableObject)) throw error;
    return { key, error };
  }
}

/** For `.catch` on a read: an unreadable object counts as none (a check names it); any other failure is thrown. */
export function noneIfUnreadable(error: unknown): undefined {
  if (error instanceof UnreadableObject) return undefined;
  throw error;
}

/** A value refused before it was written, because its key's schema rejects it (a bug, or a setting let through). */
export class InvalidWrite extends KazfeedError {
  readonly key: string;
  constructor(key: string, issue: string) {
    super(`not writing ${key}: it would not fit its schema (${issue})`);
    this.name = 'InvalidWrite';
    this.key = key;
  }
}

export interface PutOptions {
  contentType: string;
  contentEncoding?: string;
  cacheControl?: string;
  metadata?: Record<string, string>;
  /** Write only when no object exists under the key (S3 conditional write). */
  ifNoneMatch?: '*';
  /** Write only when the object still has this ETag (optimistic concurrency). */
  ifMatch?: string;
}

export interface StoredObject {
  body: Uint8Array;
  etag: string | undefined;
  /** When the object was last written (S3 keeps whole seconds), for HTTP Last-Modified. */
  lastModified: Date | undefined;
  contentType: string | undefined;
  metadata: Record<string, string>;
}

export interface S3Location {
  bucket: string;
  /** An S3-compatible endpoint (path-style); absent for AWS S3. */
  endpoint?: string;
  /**
   * Absent: for AWS S3, the SDK's own chain (AWS_REGION, then the profile's region in
   * ~/.aws/config, ...); for an S3-compatible server, AWS_REGION or us-east-1.
   */
  region?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Attempts per request, first included (SDK standard retry: network errors, 5xx, throttling). */
  maxAttempts?: number;
  /** Abandon a connection attempt after this long (then retried). */
  connectionTimeoutMs?: number;
  /** Abandon a request whose response has not come after this long (then retried). */
  requestTimeoutMs?: number;
  /**
   * The embedded store on loopback: the client is configured here alone, whatever AWS_* variables
   * or AWS profile settings exist (AWS_DEFAULTS_MODE, AWS_RETRY_MODE, ...: see createS3Client).
   */
  embedded?: boolean;
}

/** Defaults that keep a hung S3 connection from hanging a run: the SDK's own default is no timeout. */
export const S3_TIMEOUTS = { connectionTimeoutMs: 5_000, requestTimeoutMs: 30_000, maxAttempts: 4 } as const;

export function createS3Client(location: S3Location, options: Pick<S3ClientConfig, 'retryStrategy'> = {}): S3Client {
  const region = location.region ?? (location.endpoint ? process.env.AWS_REGION || 'us-east-1' : undefined);
  return new S3Client({
    ...(region ? { region } : {}),
    // A bucket in another region than the one configured answers with a redirect: follow it.
    ...(location.endpoint ? { endpoint: location.endpoint, forcePathStyle: true } : { followRegionRedirects: true }),
    // The SDK refuses a custom endpoint with FIPS or dual-stack (AWS_USE_FIPS_ENDPOINT,
    // AWS_USE_DUALSTACK_ENDPOINT or the profile's use_fips_endpoint): both name AWS's own hosts.
    ...(location.endpoint ? { useFipsEndpoint: false, useDualstackEndpoint: false } : {}),
    // What the SDK would take from AWS_DEFAULTS_MODE and AWS_RETRY_MODE (or the profile), as it is
    // with neither set. (The others it reads are pinned above or below, or do not apply to a
    // path-style request to an explicit endpoint: AWS_ENDPOINT_URL*, AWS_S3_USE_ARN_REGION, ...)
    ...(location.embedded ? { defaultsMode: 'legacy', retryMode: 'standard' } : {}),
    ...(location.credentials ? { credentials: location.credentials } : {}),
    // Only checksum when S3 requires it: streamed aws-chunked bodies confuse S3-compatible servers.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: location.maxAttempts ?? S3_TIMEOUTS.maxAttempts,
    ...options,
    requestHandler: {
      connectionTimeout: location.connectionTimeoutMs ?? S3_TIMEOUTS.connectionTimeoutMs,
      requestTimeout: location.requestTimeoutMs ?? S3_TIMEOUTS.requestTimeoutMs,
      throwOnRequestTimeout: true,
      // Also covers a response body (an error's included, which the SDK reads itself) that stops
      // coming: the socket is closed and the SDK retries.
      socketTimeout: location.requestTimeoutMs ?? S3_TIMEOUTS.requestTimeoutMs,
    },
  });
}

function statusOf(error: unknown): number | undefined {
  return error instanceof S3ServiceException ? error.$metadata.httpStatusCode : undefined;
}

/** Attempts at reading one object's body (the request itself is retried by the SDK). */
const BODY_ATTEMPTS = 3;

interface BodyStream extends AsyncIterable<Uint8Array> {
  destroy?(error?: Error): void;
}

/** Reads a response body, giving up (and destroying the stream) when it takes longer than `ms`. */
async function readWithin(body: BodyStream, ms: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const timer = setTimeout(() => body.destroy?.(new Error(`body not received within ${ms} ms`)), ms);
  try {
    for await (const chunk of body) {
      chunks.push(chunk);
      total += chunk.byteLength;
    }
  } finally {
    clearTimeout(timer);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** The pipeline's view of one bucket: bytes and JSON under keys, nothing more. */
export class Store {
  readonly client: S3Client;
  readonly bucket: string;
  /** Requests sent, by operation: benchmarks report S3 requests per article. */
  readonly requests: Record<string, number> = {};
  /** How long reading one object's body may take. */
  readonly bodyTimeoutMs: number;

  constructor(client: S3Client, bucket: string, options: { bodyTimeoutMs?: number } = {}) {
    this.client = client;
    this.bucket = bucket;
    this.bodyTimeoutMs = options.bodyTimeoutMs ?? S3_TIMEOUTS.requestTimeoutMs;
  }

  private count(operation: string): void {
    this.requests[operation] = (this.requests[operation] ?? 0) + 1;
  }

  /**
   * Reads an object, or null when there is none. The SDK retries the request; a body cut short or
   * stalled after the headers (which the SDK does not retry) is read again here.
   */
  async get(key: string): Promise<StoredObject | null> {
    for (let attempt = 1; ; attempt++) {
      this.count('GET');
      let out;
      try {
        out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      } catch (error) {
        if (statusOf(error) === 404) return null;
        throw new StoreError('GET', key, error);
      }
      try {
        const body = out.Body ? await readWithin(out.Body as BodyStream, this.bodyTimeoutMs) : new Uint8Array();
        return { body, etag: out.ETag, lastModified: out.LastModified, contentType: out.ContentType, metadata: out.Metadata ?? {} };
      } catch (error) {
        if (attempt >= BODY_ATTEMPTS) throw new StoreError('GET', key, error);
      }
    }
  }

  async getJson<T extends z.core.$ZodType>(key: string, schema: T): Promise<{ value: z.infer<T>; etag: string | undefined } | null> {
    const object = await this.get(key);
    if (!object) return null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(new TextDecoder().decode(object.body));
    } catch (error) {
      throw new UnreadableObject(key, `not JSON: ${(error as Error).message}`);
    }
    const result = z.safeParse(schema, parsed);
    if (!result.success) throw new UnreadableObject(key, `unexpected content: ${firstIssue(result.error.issues)}`);
    return { value: result.data, etag: object.etag };
  }

  async exists(key: string): Promise<boolean> {
    this.count('HEAD');
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (error) {
      if (statusOf(error) === 404) return false;
      throw new StoreError('HEAD', key, error);
    }
  }

  /**
   * Writes bytes; returns false when a condition (ifNoneMatch / ifMatch) was not met,
   * so callers decide what a lost race means.
   */
  async put(key: string, body: Uint8Array | string, options: PutOptions): Promise<boolean> {
    this.count('PUT');
    try {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: body,
          ContentType: options.contentType,
          ContentEncoding: options.contentEncoding,
          CacheControl: options.cacheControl,
          Metadata: options.metadata,
          IfNoneMatch: options.ifNoneMatch,
          IfMatch: options.ifMatch,
        }),
      );
      return true;
    } catch (error) {
      const status = statusOf(error);
      const conditional = Boolean(options.ifNoneMatch || options.ifMatch);
      // 412: the condition does not hold. 409: a concurrent conditional write (retry after
      // re-reading). 404 to If-Match: the object read before is gone. All mean "not written".
      if (conditional && (status === 412 || status === 409 || (status === 404 && options.ifMatch))) return false;
      throw new StoreError('PUT', key, error);
    }
  }

  /**
   * Writes a value as JSON. With `schema` (the one its readers parse it with), a value that does
   * not fit is refused before anything is sent (InvalidWrite): nothing writes what it could not read back.
   */
  putJson(key: string, value: unknown, options: Omit<PutOptions, 'contentType'> & { schema?: z.core.$ZodType } = {}): Promise<boolean> {
    const { schema, ...put } = options;
    if (schema) {
      const result = z.safeParse(schema, value);
      if (!result.success) return Promise.reject(new InvalidWrite(key, firstIssue(result.error.issues)));
    }
    return this.put(key, `${JSON.stringify(value, null, 2)}\n`, { ...put, contentType: 'application/json; charset=utf-8' });
  }

  async delete(key: string): Promise<void> {
    this.count('DELETE');
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
    } catch (error) {
      throw new StoreError('DELETE', key, error);
    }
  }

  /** Every key under a prefix, in lexicographic order, page by page. */
  async *list(prefix: string): AsyncGenerator<string> {
    let token: string | undefined;
    do {
      this.count('LIST');
      let page;
      try {
        page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }));
      } catch (error) {
        throw new StoreError('LIST', prefix, error);
      }
      for (const object of page.Contents ?? []) if (object.Key) yield object.Key;
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }
}
