import { describe, expect, it } from 'vitest';
import { CACHE_CONTROL, cacheControlFor } from '../../functions/lib/cache-control.ts';

describe('Cache-Control of published objects, by key', () => {
  it('feeds, RSS and JSON alike, for 5 minutes', () => {
    expect(cacheControlFor('feeds/all.xml')).toBe('public, max-age=300');
    expect(cacheControlFor('feeds/pair/kz-tm.json')).toBe('public, max-age=300');
    expect(cacheControlFor('feeds/feeds.opml')).toBe('public, max-age=300');
  });

  it('the manifest and the daily files for the same minute, so a download of both agrees', () => {
    expect(cacheControlFor('archive/manifest.json')).toBe('public, max-age=60');
    expect(cacheControlFor('archive/daily/2025-11-24.ndjson.gz')).toBe('public, max-age=60');
    expect(CACHE_CONTROL.manifest).toBe(CACHE_CONTROL.daily);
  });

  it('a pair\'s figure series for 5 minutes', () => {
    expect(cacheControlFor('archive/series/kz-tm.json')).toBe('public, max-age=300');
  });

  it('atlas pages for 5 minutes', () => {
    expect(cacheControlFor('site/index.html')).toBe('public, max-age=300');
    expect(cacheControlFor('site/pair/kz-tm.html')).toBe('public, max-age=300');
  });

  it('refuses a key outside the published prefixes', () => {
    expect(() => cacheControlFor('articles/2025/11/24/oz-9f3a27.json')).toThrow(/no Cache-Control for articles\/2025\/11\/24\/oz-9f3a27\.json/);
  });
});
