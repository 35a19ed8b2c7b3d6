import { isDeepStrictEqual } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { Article } from '../../schemas/article.ts';
import { decodeBody } from '../lib/charset.ts';
import { datedKeys } from '../lib/dated-keys.ts';
import { keys } from '../lib/keys.ts';
import { type Logger, silentLogger } from '../lib/log.ts';
import { type Store, UnreadableObject } from '../lib/store.ts';
import { buildArticle, resolveDates } from './article.ts';
import { extractPage } from './extract/index.ts';
import { buildDailyArchive, updateManifest } from '../publish/archive.ts';
import { decodeRawMetadata, storeArticle } from './index.ts';

export interface ReprocessOptions {
  from?: string;
  to?: string;
  pipelineVersion: string;
  log?: Logger;
}

export interface ReprocessResult {
  examined: number;
  rewritten: number;
  unchanged: number;
  /** Raw pages that still do not make a valid article (their rejection record stands). */
  invalid: number;
}

/** Two versions of an article say the same thing when they differ at most in the pipeline version. */
function sameArticle(a: Article, b: Article): boolean {
  const strip = (x: Article) => ({ ...x, provenance: { ...x.provenance, pipelineVersion: '' } });
  return isDeepStrictEqual(strip(a), strip(b));
}

const UNREADABLE = Symbol('unreadable');

/** The stored article, null when there is none, UNREADABLE when it is damaged (the raw page rebuilds it). */
async function readPrevious(store: Store, key: string, rawKey: string, log: Logger) {
  try {
    return await store.getJson(key, Article);
  } catch (error) {
    if (!(error instanceof UnreadableObject)) throw error;
    log.warn(`${key} is unreadable (${error.reason}); rebuilt from ${rawKey}`);
    return UNREADABLE;
  }
}

/**
 * The reprocess stage: re-runs extraction and normalisation over the stored raw pages of a date
 * range (publication days) and rewrites only the articles whose result changed, so an extractor
 * upgrade can be applied to the whole archive without touching what it does not change.
 */
export async function reprocess(store: Store, options: ReprocessOptions): Promise<ReprocessResult> {
  const log = options.log ?? silentLogger;
  const result: ReprocessResult = { examined: 0, rewritten: 0, unchanged: 0, invalid: 0 };
  for await (const { key: rawKey, day } of datedKeys(store, 'raw', options.from, options.to)) {
    const raw = await store.get(rawKey);
    const meta = raw && decodeRawMetadata(raw.metadata);
    if (!raw || !meta) {
      log.warn(`skipped ${rawKey}: no readable metadata`);
      continue;
    }
    result.examined += 1;
    const html = decodeBody(gunzipSync(raw.body), meta.contentType);
    const page = extractPage(html, meta.finalUrl);
    // Raw pages live under their article's publication day: a corrected date moves both.
    const newRawKey = keys.raw(meta.item.id, resolveDates(page, meta.item).publishedAt ?? meta.fetchedAt);
    const { result: parsed } = buildArticle(page, { item: meta.item, finalUrl: meta.finalUrl, fetchedAt: meta.fetchedAt, rawKey: newRawKey, pipelineVersion: options.pipelineVersion });
    if (!parsed.success) {
      result.invalid += 1;
      continue;
    }
    const article = parsed.data;
    const previousKey = keys.article(article.id, `${day}T00:00:00Z`);
    const previous = await readPrevious(store, previousKey, rawKey, log);
    if (previous && previous !== UNREADABLE && sameArticle(previous.value, article)) {
      result.unchanged += 1;
      continue;
    }
    if (newRawKey !== rawKey) {
      await store.put(newRawKey, raw.body, { contentType: raw.contentType ?? 'application/gzip', metadata: raw.metadata });
      await store.delete(rawKey);
    }
    const key = await storeArticle(store, article, { overwrite: true });
    if (previous && key !== previousKey) {
      // Its publication day changed: the old day's archive file must lose it (publish adds it to the new day).
      await store.delete(previousKey);
      await updateManifest(store, [await buildDailyArchive(store, day)]);
    }
    result.rewritten += 1;
    log.info(`rewrote ${key}`);
  }
  return result;
}
