import { gzipSync } from 'node:zlib';
import { Article } from '../../schemas/article.ts';
import { IndexEntry, indexEntryOf } from '../../schemas/index-entry.ts';
import type { RejectedItem } from '../../schemas/rejected.ts';
import { SourceItem } from '../../schemas/source-item.ts';
import { during, errorMessage, FetchError, firstFrame, firstIssue, ProcessingError } from '../lib/errors.ts';
import type { HttpClient } from '../lib/http.ts';
import { keys } from '../lib/keys.ts';
import { type Store, StoreError } from '../lib/store.ts';
import { articleId, canonicalUrl } from '../lib/urls.ts';
import { buildArticle, type ResolvedDates, resolveDates } from './article.ts';
import { errorPageText } from './error-page.ts';
import { extractPage, type PageExtraction } from './extract/index.ts';
import { looksMisdecoded } from './normalise/text.ts';
import { plural } from '../lib/plural.ts';

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
      /** The id of the URL the item's page redirected to, when it differs from the item's. */
      articleId?: string;
      /** The article was in the store already, stored by another link to it (two items, one article) or an earlier attempt: not stored again. */
      duplicate?: boolean;
    }
  | {
      status: 'rejected';
      id: string;
      key: string;
      reason: string;
      url: string;
      /** Whether the page was fetched before the rejection. */
      fetched: boolean;
      articleId?: string;
    }
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

/**
 * The raw page's S3 metadata, within S3's 2 KB; null when even the item alone is larger (an
 * address of a thousand non-Latin characters, percent-encoded): S3 would refuse the write.
 */
export function encodeRawMetadata(meta: RawMetadata): Record<string, string> | null {
  const encode = (item: SourceItem, finalUrl: string) => ({
    item: Buffer.from(JSON.stringify(item)).toString('base64url'),
    'fetched-at': meta.fetchedAt,
    ...(finalUrl ? { 'final-url': finalUrl } : {}),
    'content-type': meta.contentType,
  });
  const size = (m: Record<string, string>) => Object.entries(m).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
  // Shed first the feed title (only a hint: the page's own title wins), then the final URL (it defaults to the item's).
  const untitled = { ...meta.item, title: '' };
  return [encode(meta.item, meta.finalUrl), encode(untitled, meta.finalUrl), encode(untitled, '')].find((m) => size(m) <= MAX_METADATA_BYTES) ?? null;
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

async function reject(store: Store, record: RejectedItem, date: string): Promise<string> {
  const key = keys.rejected(record.id, date);
  await store.putJson(key, record);
  return key;
}

/**
 * Records an item given up after failing transiently on every attempt (the CLI's runs and the
 * queue's receives alike): nothing leaves the pipeline without a trace under `rejected/`.
 */
export async function recordGivenUp(store: Store, item: SourceItem, reason: string, rejectedAt: string): Promise<string> {
  return reject(store, { id: item.id, item, rejectedAt, reason, issues: [], rawKey: null }, item.publishedAt ?? rejectedAt);
}

/**
 * Removes what an earlier attempt at an item recorded under `rejected/`, now that it is stored: an
 * item given up and then redriven from the dead-letter queue, or fetched again after the ingest
 * state was rebuilt. Those are the keys its rejections are filed under (see fetchAndStore); each
 * is deleted only when it is there, since a delete in a versioned bucket leaves a marker.
 */
export async function clearEarlierRejections(store: Store, candidates: readonly string[]): Promise<void> {
  // At once: every stored article asks, and nearly always finds nothing.
  await Promise.all([...new Set(candidates)].map(async (key) => {
    if (await store.exists(key)) await store.delete(key);
  }));
}

/**
 * Stores a valid article (first writer wins: an article is never stored twice) and marks it for
 * the next publish. Also used by reprocess, which overwrites on purpose.
 */
export async function storeArticle(store: Store, article: Article, options: { overwrite: boolean }): Promise<{ key: string; kept: Article }> {
  const key = keys.article(article.id, article.publishedAt);
  const written = await store.putJson(key, article, options.overwrite ? {} : { ifNoneMatch: '*' });
  // Already stored (S3 refused the conditional write): the feeds must show what the archive holds.
  const kept = written ? article : ((await store.getJson(key, Article))?.value ?? article);
  await store.putJson(keys.pending(article.id), indexEntryOf(kept, key));
  return { key, kept };
}

/** A fetched page, as the process stage and reprocess read it. */
export interface FetchedPage {
  /** The item as its final URL names it (see followRedirect). */
  item: SourceItem;
  html: string;
  finalUrl: string;
  fetchedAt: string;
  /** How decoding fell back, when it had to. */
  decoding?: string;
}

/** A page's extraction and the instant its raw page is kept under (the item's own when extraction threw). */
export interface Examined {
  extraction: PageExtraction | ProcessingError;
  publishedAt: string;
  /** The page's dates as buildArticle takes them, when extraction succeeded (resolved once). */
  dates?: ResolvedDates;
}

export function examinePage(page: FetchedPage): Examined {
  try {
    const extraction = during('extract', () => extractPage(page.html, page.finalUrl));
    const dates = during('normalise', () => resolveDates(extraction, page.item));
    return { extraction, publishedAt: dates.publishedAt ?? page.fetchedAt, dates };
  } catch (error) {
    return { extraction: error as ProcessingError, publishedAt: page.item.publishedAt ?? page.fetchedAt };
  }
}

type Issue = RejectedItem['issues'][number];

/** What a fetched page becomes: an article, or why it cannot be one (pure: no I/O, never throws). */
export type Verdict =
  | { ok: true; article: Article; extractor: string; layoutBroken: boolean }
  | { ok: false; reason: string; issues: Issue[]; candidate?: unknown; error?: RejectedItem['error'] };

/** An error message cut to a line's length: a message may quote the page. */
const MAX_MESSAGE = 300;

function thrown(error: ProcessingError, url: string): Verdict {
  const cause = error.cause;
  const frame = firstFrame(cause);
  const message = errorMessage(cause).slice(0, MAX_MESSAGE);
  const name = cause instanceof Error ? cause.name : typeof cause;
  return {
    ok: false,
    reason: `${error.stage} failed: ${name}: ${message}${frame ? ` (${frame})` : ''}: ${url}`,
    issues: [],
    error: { stage: error.stage, name, message, frame },
  };
}

/**
 * Normalises, classifies and validates an examined page. Any exception becomes a rejection with
 * its stage and first stack frame, and so does a title that looks mis-decoded (mojibake is never stored).
 */
export function judgePage(examined: Examined, page: FetchedPage, rawKey: string, pipelineVersion: string): Verdict {
  const { extraction } = examined;
  if (extraction instanceof ProcessingError) return thrown(extraction, page.finalUrl);
  let built;
  try {
    built = during('normalise', () => buildArticle(extraction, {
      item: page.item, finalUrl: page.finalUrl, fetchedAt: page.fetchedAt, rawKey, pipelineVersion, ...(page.decoding ? { decoding: page.decoding } : {}),
      ...(examined.dates ? { dates: examined.dates } : {}),
    }));
  } catch (error) {
    return thrown(error as ProcessingError, page.finalUrl);
  }
  const { candidate, result } = built;
  if (!result.success) {
    const issues = result.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message, code: i.code }));
    return { ok: false, reason: `invalid article: ${firstIssue(issues)} (${plural(issues.length, 'issue')}): ${page.finalUrl}`, issues, candidate };
  }
  if (looksMisdecoded(result.data.title)) {
    const how = page.decoding ?? 'the page decoded as declared; the feed title may be the mis-decoded one';
    return { ok: false, reason: `title looks mis-decoded (${how}): ${result.data.title.slice(0, 80)}: ${page.finalUrl}`, issues: [], candidate };
  }
  // A year mistyped on the page or in the feed (2099) would head every feed and stretch the atlas's charts for good.
  if (Date.parse(result.data.publishedAt) > Date.parse(page.fetchedAt) + FUTURE_TOLERANCE_MS) {
    const issues = [{ path: ['publishedAt'], message: `after the page was fetched (${page.fetchedAt})`, code: 'custom' }];
    return { ok: false, reason: `invalid article: publishedAt ${result.data.publishedAt} is more than a day after the page was fetched (${page.fetchedAt}): ${page.finalUrl}`, issues, candidate };
  }
  return { ok: true, article: result.data, extractor: extraction.extractor, layoutBroken: extraction.layoutBroken };
}

/** How far after its fetch a page's publication may lie: a clock or a time zone off, not a year. */
const FUTURE_TOLERANCE_MS = 24 * 3600_000;

/**
 * The item as the URL it finally came from names it: a page that redirected (within the allowed
 * hosts) to another article's URL is that article, stored under that URL's id.
 */
export function followRedirect(item: SourceItem, finalUrl: string): SourceItem {
  if (finalUrl === item.url) return item;
  const url = canonicalUrl(finalUrl);
  const id = url && articleId(url);
  return url && id && id !== item.id ? { ...item, id, url } : item;
}

/**
 * The process stage for one feed item: fetch the page politely, store the raw page, extract,
 * normalise, classify, validate, store. Transient failures and challenge pages come back as
 * `failed` (the caller retries later); every other failure, an exception included, is recorded
 * under `rejected/` with its reason on the first attempt, with the raw page's key when the page
 * was fetched (reprocess turns it into an article once the cause is fixed). An item an
 * interrupted attempt already stored (its pending marker is there) is not fetched again. A store
 * failure is thrown, with its key: nothing can be recorded without the store.
 */
export async function processItem(item: SourceItem, deps: ProcessDeps): Promise<ItemOutcome> {
  const marker = await deps.store.getJson(keys.pending(item.id), IndexEntry);
  if (marker) {
    const entry = marker.value;
    return { status: 'accepted', id: item.id, key: entry.key, bilateral: entry.relations.kind === 'bilateral', extractor: 'stored', layoutBroken: false, url: item.url, resumed: true };
  }
  const rejectedAt = (deps.now ?? (() => new Date()))().toISOString();
  try {
    return await fetchAndStore(item, deps);
  } catch (error) {
    if (error instanceof StoreError) throw error;
    const frame = firstFrame(error);
    const reason = `unexpected ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}${frame ? ` (${frame})` : ''}`;
    const key = await reject(deps.store, { id: item.id, item, rejectedAt, reason, issues: [], rawKey: null }, item.publishedAt ?? rejectedAt);
    return { status: 'rejected', id: item.id, key, reason, url: item.url, fetched: false };
  }
}

async function fetchAndStore(item: SourceItem, deps: ProcessDeps): Promise<ItemOutcome> {
  const { store } = deps;
  const now = deps.now ?? (() => new Date());
  const fetchedAt = now().toISOString();
  const base = { item, rejectedAt: fetchedAt, issues: [], rawKey: null, id: item.id };
  // A rejection with no raw page stored is filed under the item's publication day where it has one.
  const dayWithoutRaw = item.publishedAt ?? fetchedAt;

  let response;
  try {
    response = await deps.http.get(item.url, { accept: 'text/html,application/xhtml+xml', signal: deps.signal });
  } catch (error) {
    const reason = errorMessage(error);
    if (error instanceof FetchError && error.kind === 'blocked') return { status: 'failed', id: item.id, reason, url: item.url, blocked: true };
    // A 403 for an article page that its feed lists refuses this client (a firewall, a region's
    // block), not the page: kept for later runs as a block is. (A source's 403 stays an error, for
    // it may as well be a wrong address, and the alarm should say so.)
    if (error instanceof FetchError && error.status === 403) return { status: 'failed', id: item.id, reason: `${reason} (taken for a block of this client: later runs try again)`, url: item.url, blocked: true };
    if (error instanceof FetchError && error.retryable) return { status: 'failed', id: item.id, reason, url: item.url };
    const key = await reject(store, { ...base, reason }, dayWithoutRaw);
    return { status: 'rejected', id: item.id, key, reason, url: item.url, fetched: false };
  }
  if (!HTML_TYPE.test(response.contentType)) {
    const reason = `not an HTML page (${response.contentType || 'no content type'}): ${response.url}`;
    const key = await reject(store, { ...base, reason }, dayWithoutRaw);
    return { status: 'rejected', id: item.id, key, reason, url: item.url, fetched: true };
  }

  const target = followRedirect(item, response.url);
  const redirected = target.id === item.id ? {} : { articleId: target.id };
  const page: FetchedPage = { item: target, html: response.text, finalUrl: response.url, fetchedAt, ...(response.decoding ? { decoding: response.decoding } : {}) };
  const examined = examinePage(page);
  // A "page not found" or maintenance page served as a success: the article may well come back, so
  // it is tried again by later runs (and given up, on record, after maxAttempts), not rejected for good.
  const errorPage = examined.extraction instanceof ProcessingError || examined.extraction.fields.published ? null : errorPageText(response.text);
  if (errorPage) {
    return { status: 'failed', id: item.id, reason: `an error page ("${errorPage}") came with status ${response.status} instead of the article: ${response.url}`, url: item.url };
  }
  // A second link to an article stored already (it redirected there): the stored article and its
  // raw page stay as they are, so that reprocess reads the page the article was made from.
  if (target.id !== item.id) {
    const articleKey = keys.article(target.id, examined.publishedAt);
    const stored = await store.getJson(articleKey, Article);
    if (stored) return { status: 'accepted', id: item.id, key: articleKey, duplicate: true, bilateral: stored.value.relations.kind === 'bilateral', extractor: 'stored', layoutBroken: false, url: item.url, ...redirected };
  }
  // Stored before anything can fail on it: whatever becomes of the page, reprocess can read it again.
  const rawKey = keys.raw(target.id, examined.publishedAt);
  const metadata = encodeRawMetadata({ item: target, fetchedAt, finalUrl: response.url, contentType: response.contentType });
  if (!metadata) {
    const reason = `address too long to keep with its raw page (S3 holds 2 KB of metadata): ${target.url.length} characters`;
    const key = await reject(store, { ...base, reason }, dayWithoutRaw);
    return { status: 'rejected', id: item.id, key, reason, url: item.url, fetched: true };
  }
  await store.put(rawKey, gzipSync(response.body), { contentType: 'application/gzip', metadata });

  const verdict = judgePage(examined, page, rawKey, deps.pipelineVersion);
  if (!verdict.ok) {
    const { reason, issues, candidate, error } = verdict;
    const record: RejectedItem = { id: target.id, item: target, rejectedAt: fetchedAt, reason, issues, rawKey, ...(candidate === undefined ? {} : { candidate }), ...(error ? { error } : {}) };
    // Under the raw page's day, so that reprocess finds it beside the page it turns into an article.
    const key = await reject(store, record, examined.publishedAt);
    return { status: 'rejected', id: item.id, key, reason, url: item.url, fetched: true, ...redirected };
  }
  const { key, kept } = await storeArticle(store, verdict.article, { overwrite: false });
  await clearEarlierRejections(store, [keys.rejected(item.id, dayWithoutRaw), keys.rejected(target.id, examined.publishedAt), keys.rejected(target.id, fetchedAt)]);
  return {
    status: 'accepted',
    id: item.id,
    key,
    // Another item led to the same article first (it was processed at the same time). An article
    // kept from this very fetch is this item's own write, whose answer was lost.
    ...(kept.fetchedAt !== fetchedAt ? { duplicate: true } : {}),
    bilateral: kept.relations.kind === 'bilateral',
    extractor: verdict.extractor,
    layoutBroken: verdict.layoutBroken,
    url: item.url,
    ...redirected,
  };
}
