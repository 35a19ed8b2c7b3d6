import { FeedIndex, type IndexEntry } from '../../schemas/index-entry.ts';
import { cacheControlFor } from '../lib/cache-control.ts';
import { keys } from '../lib/keys.ts';
import { noneIfUnreadable, type Store } from '../lib/store.ts';
import { renderJsonFeed } from './json-feed.ts';
import { renderRss } from './rss.ts';
import { feedSpec } from './select.ts';

/**
 * How feeds and atlas pages are rendered, as a number recorded in `index/members.json` by each
 * publish: raised whenever a change to this code changes their bytes (titles, markup, elements),
 * so that the first publish after an upgrade renders every feed and page again, the quiet ones
 * too, not only those new articles enter. 2: languages and directions, photos, updates, titles.
 * 3: hexadecimal references in RSS plain text, uz-Cyrl as the Uzbek Cyrillic feed's language.
 * 4: atlas text breaks a word rather than overflow (a title with no space in it).
 */
export const RENDER_FORMAT = 4;

/**
 * JSON Feed's own type, application/feed+json, is not one CloudFront compresses; readers accept
 * application/json as well (JSON Feed 1.1), and the feed then travels at a third of its size
 * (gzip) or a quarter (Brotli): 35 KB of 11 sample articles as 11 KB or 8 KB.
 */
export const JSON_FEED_TYPE = 'application/json; charset=utf-8';

export interface FeedFile {
  key: string;
  body: string;
  contentType: string;
}

/** One feed's RSS and JSON Feed files as rendered from the entries it shows (its index): what `kazfeed check` compares with the stored ones. */
export function renderFeedFiles(xmlKey: string, items: IndexEntry[], base: string, builtAt: string): [FeedFile, FeedFile] {
  const spec = feedSpec(xmlKey, items);
  return [
    { key: xmlKey, body: renderRss(spec, { self: `${base}/${xmlKey}` }, builtAt), contentType: 'application/rss+xml; charset=utf-8' },
    { key: spec.key.json, body: renderJsonFeed(spec, { self: `${base}/${spec.key.json}` }), contentType: JSON_FEED_TYPE },
  ];
}

export async function writeFeedFile(store: Store, file: FeedFile): Promise<string> {
  await store.put(file.key, file.body, { contentType: file.contentType, cacheControl: cacheControlFor(file.key) });
  return file.key;
}

/**
 * Renders every feed again from its index for `base`, and writes the files whose stored bytes
 * differ (a new base URL in the self links, or a new rendering). Call under the publish lease;
 * returns the keys written.
 */
export async function rerenderFeeds(store: Store, base: string): Promise<string[]> {
  const written: string[] = [];
  for await (const indexKey of store.list(keys.feedIndexPrefix)) {
    // An unreadable index is left for `kazfeed check` to name and rebuild: it does not stop every publish.
    const index = (await store.getJson(indexKey, FeedIndex).catch(noneIfUnreadable))?.value;
    if (!index) continue;
    for (const file of renderFeedFiles(keys.feedOfIndex(indexKey), index.entries, base, index.updatedAt)) {
      const stored = await store.get(file.key);
      if (!stored || new TextDecoder().decode(stored.body) !== file.body) written.push(await writeFeedFile(store, file));
    }
  }
  return written;
}
