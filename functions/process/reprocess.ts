import { isDeepStrictEqual } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { Article } from '../../schemas/article.ts';
import { decodeBytes } from '../lib/charset.ts';
import { pMapIterable, pMapSkip } from 'p-map';
import { datedKeys, READ_AHEAD } from '../lib/dated-keys.ts';
import { besideRaw, keys } from '../lib/keys.ts';
import { type RenewableLease, renewalAsItGoes } from '../lib/lease.ts';
import { type Logger, silentLogger } from '../lib/log.ts';
import { readJson, type Store } from '../lib/store.ts';
import { buildDailyArchive, updateManifest } from '../lib/archive.ts';
import { decodeRawMetadata, examinePage, type FetchedPage, judgePage, storeArticle } from './index.ts';

export interface ReprocessOptions {
  from?: string;
  to?: string;
  pipelineVersion: string;
  log?: Logger;
  /**
   * The lease reprocess runs under: renewed as it goes, once a third of its TTL has passed, so
   * that a reprocess longer than the TTL is not taken over by a run half-way.
   */
  lease?: RenewableLease;
  now?: () => Date;
  /** Only these raw pages (check --repair rebuilding articles deleted by hand), not every page of the range. */
  rawKeys?: ReadonlySet<string>;
  /** Called at each raw page, with the count of pages so far (this one too) and its day: the CLI shows progress. */
  progress?: (pages: number, day: string) => void;
}

export interface ReprocessResult {
  examined: number;
  rewritten: number;
  unchanged: number;
  /** Raw pages that still do not make a valid article (their rejection record stands). */
  invalid: number;
  /** Of the rewritten, items that had been rejected (their rejection record is removed). */
  recovered: number;
  /** Of the rewritten, articles that were neither stored nor rejected (deleted by hand). */
  restored: number;
  /** Stored articles of the range with no raw page to rebuild them from: left as they are. */
  withoutRaw: number;
}

/** Two versions of an article say the same thing when they differ at most in the pipeline version. */
function sameArticle(a: Article, b: Article): boolean {
  const strip = (x: Article) => ({ ...x, provenance: { ...x.provenance, pipelineVersion: '' } });
  return isDeepStrictEqual(strip(a), strip(b));
}

/** A raw page and the article stored beside it, as read ahead of the one being reprocessed. */
async function readPage(store: Store, rawKey: string, day: string) {
  const beside = besideRaw(rawKey).article;
  const [raw, previous] = await Promise.all([store.get(rawKey), readJson(store, beside, Article)]);
  return { rawKey, day, raw, beside, previous };
}

/**
 * The reprocess stage: re-runs extraction and normalisation over the stored raw pages of a date
 * range (publication days) and rewrites only the articles whose result changed, so an extractor
 * upgrade can be applied to the whole archive without touching what it does not change.
 */
export async function reprocess(store: Store, options: ReprocessOptions): Promise<ReprocessResult> {
  const log = options.log ?? silentLogger;
  const result: ReprocessResult = { examined: 0, rewritten: 0, unchanged: 0, invalid: 0, recovered: 0, restored: 0, withoutRaw: 0 };
  const met = new Set<string>();
  const now = options.now ?? (() => new Date());
  const renew = renewalAsItGoes(options.lease, now());
  // Each page is two reads, a round trip each to S3: read ahead, READ_AHEAD pages at once. What
  // this reprocess has written or deleted since a page was read ahead is read again.
  const touched = new Set<string>();
  let walked = 0;
  const pages = pMapIterable(datedKeys(store, 'raw', options.from, options.to), ({ key, day }) => (options.rawKeys && !options.rawKeys.has(key) ? pMapSkip : readPage(store, key, day)), { concurrency: READ_AHEAD });
  for await (const ahead of pages) {
    const { rawKey, day } = ahead;
    options.progress?.((walked += 1), day);
    await renew(now());
    met.add(ahead.beside);
    const raw = touched.has(rawKey) ? await store.get(rawKey) : ahead.raw;
    const meta = raw && decodeRawMetadata(raw.metadata);
    if (!raw || !meta) {
      log.warn(`skipped ${rawKey}: no readable metadata`);
      continue;
    }
    result.examined += 1;
    const decoded = decodeBytes(gunzipSync(raw.body), meta.contentType);
    const page: FetchedPage = { item: meta.item, html: decoded.text, finalUrl: meta.finalUrl, fetchedAt: meta.fetchedAt, ...(decoded.fallback ? { decoding: decoded.fallback } : {}) };
    const examined = examinePage(page);
    // Raw pages live under their article's publication day: a corrected date moves both.
    const newRawKey = keys.raw(meta.item.id, examined.publishedAt);
    const verdict = judgePage(examined, page, newRawKey, options.pipelineVersion);
    if (!verdict.ok) {
      result.invalid += 1;
      log.warn(`${rawKey} still makes no article: ${verdict.reason}`);
      continue;
    }
    const article = verdict.article;
    const previousKey = keys.article(article.id, `${day}T00:00:00Z`);
    const previous = previousKey === ahead.beside && !touched.has(previousKey) ? ahead.previous : await readJson(store, previousKey, Article);
    // A damaged article counts as stored: the raw page rebuilds it.
    if (previous?.error) log.warn(`${previousKey} is unreadable (${previous.error.reason}); rebuilt from ${rawKey}`);
    if (previous?.value && sameArticle(previous.value, article)) {
      result.unchanged += 1;
      continue;
    }
    if (newRawKey !== rawKey) {
      touched.add(newRawKey).add(rawKey);
      await store.put(newRawKey, raw.body, { contentType: raw.contentType ?? 'application/gzip', metadata: raw.metadata });
      await store.delete(rawKey);
    }
    const { key } = await storeArticle(store, article, { overwrite: true });
    touched.add(key);
    if (previous && key !== previousKey) {
      // Its publication day changed: the old day's archive file must lose it (publish adds it to the new day).
      touched.add(previousKey);
      await store.delete(previousKey);
      await updateManifest(store, [await buildDailyArchive(store, day)]);
    }
    if (!previous) {
      // No article before: the item was rejected, its record beside the raw page (see processItem),
      // or the article was deleted.
      const rejectedKey = besideRaw(rawKey).rejected;
      if (await store.exists(rejectedKey)) {
        await store.delete(rejectedKey);
        result.recovered += 1;
      } else {
        result.restored += 1;
      }
    }
    met.add(key);
    result.rewritten += 1;
    log.info(`rewrote ${key}`);
  }
  // The raw pages were the walk: an article without one was not met, and the person should know.
  if (options.rawKeys) return result;
  for await (const { key } of datedKeys(store, 'articles', options.from, options.to)) {
    if (!key.endsWith('.json') || met.has(key)) continue;
    result.withoutRaw += 1;
    log.warn(`no raw page to rebuild ${key}`);
  }
  return result;
}
