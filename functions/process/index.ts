import { gzipSync } from 'node:zlib';
import { Article } from '../../schemas/article.ts';
import { IndexEntry } from '../../schemas/index-entry.ts';
import type { RejectedItem } from '../../schemas/rejected.ts';
import { SourceItem } from '../../schemas/source-item.ts';
import { errorMessage, FetchError, firstIssue } from '../lib/errors.ts';
import type { HttpClient } from '../lib/http.ts';
import { keys } from '../lib/keys.ts';
import { type Store, StoreError } from '../lib/store.ts';
import { buildArticle, resolveDates } from './article.ts';
import { extractPage } from './extract/index.ts';

export interface ProcessDeps {
  store: Store;
  http: HttpClient;
  pipelineVersion: string;
  now?: () => Date;
  /** Aborts the page fetch when the caller's deadline passes: the item then comes back `failed`. */
  signal?: AbortSignal;
}

export type ItemOutcome =
  | {
      status: 'accepted';
      id: string;
      key: string;
      bilateral: boolean;
      extractor: string;
      layoutBroken: boolean;
      url: string;
      /** Stored by an earlier, interrupted attempt (its pending marker was there): not fetched again. */
      resumed?: boolean;
    }
  | { status: 'rejected'; id: string; key: string; reason: string; url: string; /** Whether the page was fetched before the rejection. */ fetched: boolean }
  | {
      status: 'failed';
      id: string;
      reason: string;
      url: string;
      /** A challenge or block page came instead of the page: nothing is stored, a later run tries again. */
      blocked?: boolean;
    };

const HTML_TYPE = /^(text\/html|application\/xhtml\+xml)\b/i;

/** Raw page metadata: S3 metadata must be ASCII, so the item travels as base64url JSON. */
interface RawMetadata {
  item: SourceItem;
  fetchedAt: string;
  finalUrl: string;
  contentType: string;
}

/** S3 refuses user metadata over 2 KB (keys and values together). */
const MAX_METADATA_BYTES = 2048;

export function encodeRawMetadata(meta: RawMetadata): Record<string, string> {
  const encode = (item: SourceItem, finalUrl: string) => ({
    item: Buffer.from(JSON.stringify(item)).toString('base64url'),
    'fetched-at': meta.fetchedAt,
    ...(finalUrl ? { 'final-url': finalUrl } : {}),
    'content-type': meta.contentType,
  });
  const size = (m: Record<string, string>) => Object.entries(m).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
  const full = encode(meta.item, meta.finalUrl);
  if (size(full) <= MAX_METADATA_BYTES) return full;
  // The feed title is only a hint (the page's own title wins), and the final URL defaults to the item's.
  return encode({ ...meta.item, title: '' }, meta.finalUrl.length > 1024 ? '' : meta.finalUrl);
}

export function decodeRawMetadata(metadata: Record<string, string>): RawMetadata | null {
  try {
    const item = SourceItem.parse(JSON.parse(Buffer.from(metadata.item ?? '', 'base64url').toString('utf8')));
    const fetchedAt = metadata['fetched-at'];
    if (!fetchedAt) return null;
    return { item, fetchedAt, finalUrl: metadata['final-url'] ?? item.url, contentType: metadata['content-type'] ?? '' };
  } catch {
    return null;
  }
}

export function indexEntryOf(article: Article, key: string): IndexEntry {
  const { id, url, language, title, summary, authors, tags, imageUrl, publishedAt, updatedAt, body, relations } = article;
  return { id, url, language, title, summary, authors, tags, imageUrl, publishedAt, updatedAt, body, relations, key };
}

async function reject(store: Store, record: RejectedItem, date: string): Promise<string> {
  const key = keys.rejected(record.id, date);
  await store.putJson(key, record);
  return key;
}

/**
 * Stores a valid article (first writer wins: an article is never stored twice) and marks it for
 * the next publish. Also used by reprocess, which overwrites on purpose.
 */
export async function storeArticle(store: Store, article: Article, options: { overwrite: boolean }): Promise<string> {
  const key = keys.article(article.id, article.publishedAt);
  const written = await store.putJson(key, article, options.overwrite ? {} : { ifNoneMatch: '*' });
  // Already stored (S3 refused the conditional write): the feeds must show what the archive holds.
  const kept = written ? article : ((await store.getJson(key, Article))?.value ?? article);
  await store.putJson(keys.pending(article.id), indexEntryOf(kept, key));
  return key;
}

/**
 * The process stage for one feed item: fetch the page politely, extract, normalise, classify,
 * validate, store. Transient failures and challenge pages come back as `failed` (the caller retries later); every
 * other failure is recorded under `rejected/` with its reason. An item an interrupted attempt
 * already stored (its pending marker is there) is not fetched again; an unexpected error (a bug
 * meeting hostile input) fails that item only. A store failure is thrown, with its key: nothing
 * can be recorded without the store.
 */
export async function processItem(item: SourceItem, deps: ProcessDeps): Promise<ItemOutcome> {
  const marker = await deps.store.getJson(keys.pending(item.id), IndexEntry);
  if (marker) {
    const entry = marker.value;
    return { status: 'accepted', id: item.id, key: entry.key, bilateral: entry.relations.kind === 'bilateral', extractor: 'stored', layoutBroken: false, url: item.url, resumed: true };
  }
  try {
    return await fetchAndStore(item, deps);
  } catch (error) {
    if (error instanceof StoreError) throw error;
    const reason = `unexpected ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
    return { status: 'failed', id: item.id, reason, url: item.url };
  }
}

async function fetchAndStore(item: SourceItem, deps: ProcessDeps): Promise<ItemOutcome> {
  const { store } = deps;
  const now = deps.now ?? (() => new Date());
  const fetchedAt = now().toISOString();
  const base = { item, rejectedAt: fetchedAt, issues: [], rawKey: null, id: item.id };

  let response;
  try {
    response = await deps.http.get(item.url, { accept: 'text/html,application/xhtml+xml', signal: deps.signal });
  } catch (error) {
    const reason = errorMessage(error);
    if (error instanceof FetchError && error.kind === 'blocked') return { status: 'failed', id: item.id, reason, url: item.url, blocked: true };
    if (error instanceof FetchError && error.retryable) return { status: 'failed', id: item.id, reason, url: item.url };
    const key = await reject(store, { ...base, reason }, fetchedAt);
    return { status: 'rejected', id: item.id, key, reason, url: item.url, fetched: false };
  }
  if (!HTML_TYPE.test(response.contentType)) {
    const reason = `not an HTML page (${response.contentType || 'no content type'}): ${response.url}`;
    const key = await reject(store, { ...base, reason }, fetchedAt);
    return { status: 'rejected', id: item.id, key, reason, url: item.url, fetched: true };
  }

  const page = extractPage(response.text, response.url);
  const rawKey = keys.raw(item.id, resolveDates(page, item).publishedAt ?? fetchedAt);
  await store.put(rawKey, gzipSync(response.body), {
    contentType: 'application/gzip',
    metadata: encodeRawMetadata({ item, fetchedAt, finalUrl: response.url, contentType: response.contentType }),
  });

  const { candidate, result } = buildArticle(page, { item, finalUrl: response.url, fetchedAt, rawKey, pipelineVersion: deps.pipelineVersion });
  if (!result.success) {
    const issues = result.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message, code: i.code }));
    const reason = `invalid article: ${firstIssue(issues)} (${issues.length} issue${issues.length === 1 ? '' : 's'}): ${response.url}`;
    const key = await reject(store, { ...base, reason, issues, rawKey, candidate }, candidate.publishedAt ?? fetchedAt);
    return { status: 'rejected', id: item.id, key, reason, url: item.url, fetched: true };
  }
  const key = await storeArticle(store, result.data, { overwrite: false });
  return {
    status: 'accepted',
    id: item.id,
    key,
    bilateral: result.data.relations.kind === 'bilateral',
    extractor: page.extractor,
    layoutBroken: page.layoutBroken,
    url: item.url,
  };
}
