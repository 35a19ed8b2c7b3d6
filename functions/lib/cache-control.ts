import { keys } from './keys.ts';

/**
 * How long readers and CloudFront may keep each kind of published object before asking again
 * (the distribution follows these; see infra/stack.ts). Every object publish writes under a public
 * prefix gets one, so none falls back to CloudFront's default of keeping it longer.
 */
export const CACHE_CONTROL = {
  /** Feeds change whenever a publish brings a new article; readers poll them. */
  feed: 'public, max-age=300',
  /**
   * The manifest and today's daily file change together on every publish: equal, short lifetimes
   * keep a download of both in step, so the manifest's sha256 matches the file fetched with it.
   */
  manifest: 'public, max-age=60',
  daily: 'public, max-age=60',
  /** A pair's figure series changes when one of its articles is published. */
  series: 'public, max-age=300',
  /** Atlas pages under site/. */
  page: 'public, max-age=300',
} as const;

/** The Cache-Control of a published key, by its prefix. */
export function cacheControlFor(key: string): string {
  if (key.startsWith('feeds/')) return CACHE_CONTROL.feed;
  if (key === keys.manifest) return CACHE_CONTROL.manifest;
  if (key.startsWith(keys.dailyPrefix) || key.startsWith(keys.athenaDailyPrefix)) return CACHE_CONTROL.daily;
  if (key.startsWith(keys.seriesPrefix)) return CACHE_CONTROL.series;
  if (key.startsWith('site/')) return CACHE_CONTROL.page;
  throw new Error(`no Cache-Control for ${key}: only feeds/, archive/ and site/ objects are published`);
}
