import { indexEntryOf, type IndexEntry } from '../../schemas/index-entry.ts';
import { archivedDays, readDailyArchive } from '../lib/archive.ts';
import { keys, utcDay } from '../lib/keys.ts';
import type { Store } from '../lib/store.ts';
import { feedKeysOf } from './select.ts';

/** A feed that articles left while it was full: what it still shows and how many it lacks. */
export interface ShortFeed {
  /** The entries it keeps, newest first. */
  readonly kept: readonly IndexEntry[];
  readonly missing: number;
  /** The publication day of the oldest entry it showed before: every article it lacks is from then or earlier. */
  readonly from: string;
}

/**
 * Daily files a refill reads at most: about a year back from the oldest day a short feed showed.
 * A feed whose kind has no more articles than it shows would otherwise read the whole archive on
 * every publish it is short in; one left short by this bound is found by `kazfeed check`.
 */
export const REFILL_MAX_DAYS = 400;

/**
 * The entries that fill feeds back up after articles left them (reclassified out of a pair, or
 * no longer bilateral), read from the daily archive, newest day first. A feed shows the newest
 * articles of its kind, so the ones it lacks are no newer than the oldest it showed, and reading
 * stops at the first day by which every short feed has enough, or after REFILL_MAX_DAYS files.
 * Articles in `exclude` (this publish's own, whose archived copies are older than what it
 * publishes) are never taken. A feed that held fewer than its size already showed every article
 * of its kind: callers pass only feeds that were full.
 */
export async function refillFeeds(store: Store, short: ReadonlyMap<string, ShortFeed>, exclude: ReadonlySet<string>): Promise<Map<string, IndexEntry[]>> {
  const found = new Map<string, IndexEntry[]>([...short.keys()].map((key) => [key, []]));
  if (short.size === 0) return found;
  const latest = [...short.values()].reduce((day, feed) => (feed.from > day ? feed.from : day), '');
  const days = (await archivedDays(store)).filter((day) => day <= latest).reverse().slice(0, REFILL_MAX_DAYS);
  const shown = new Map([...short].map(([key, feed]) => [key, new Set(feed.kept.map((e) => e.id))]));
  const lacking = () => [...short].some(([key, feed]) => (found.get(key)?.length ?? 0) < feed.missing);
  for (const day of days) {
    if (!lacking()) break;
    for (const article of (await readDailyArchive(store, day)) ?? []) {
      if (exclude.has(article.id)) continue;
      const entry = indexEntryOf(article, keys.article(article.id, article.publishedAt));
      for (const key of feedKeysOf(entry)) {
        const feed = short.get(key);
        const taken = shown.get(key);
        // Once per article: a copy left on another day (an interrupted move) is not taken twice.
        if (!feed || !taken || utcDay(entry.publishedAt) > feed.from || taken.has(entry.id)) continue;
        taken.add(entry.id);
        found.get(key)?.push(entry);
      }
    }
  }
  return found;
}
