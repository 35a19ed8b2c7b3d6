import { describe, expect, it } from 'vitest';
import { articleId, canonicalUrl } from '../../functions/lib/urls.ts';

describe('canonicalUrl', () => {
  it('drops tracking parameters and the fragment, keeps real query parameters', () => {
    expect(canonicalUrl('https://www.inform.kz/ru/slug-4c1e9a?utm_source=rss&utm_medium=feed&page=2#top')).toBe('https://www.inform.kz/ru/slug-4c1e9a?page=2');
  });

  it('upgrades Kazinform hosts to https and lower-cases the host', () => {
    expect(canonicalUrl('http://KAZ.Inform.kz/kz/slug-3a9c55')).toBe('https://kaz.inform.kz/kz/slug-3a9c55');
  });

  it('leaves other hosts on their scheme and port', () => {
    expect(canonicalUrl('http://127.0.0.1:8123/ru/x-4c1e9a?fbclid=1')).toBe('http://127.0.0.1:8123/ru/x-4c1e9a');
  });

  it('resolves a relative link against the feed', () => {
    expect(canonicalUrl('/en/a-b_a3866397', 'https://www.inform.kz/rss/eng.xml')).toBe('https://www.inform.kz/en/a-b_a3866397');
  });

  it('refuses what is not an absolute http(s) URL', () => {
    expect(canonicalUrl('javascript:alert(1)')).toBeNull();
    expect(canonicalUrl('mailto:a@b.kz')).toBeNull();
    expect(canonicalUrl('not a url')).toBeNull();
  });
});

describe('articleId', () => {
  it('takes the edition and the newer 6-hex id', () => {
    expect(articleId('https://www.inform.kz/ru/tokaev-i-mirziyoev-4c1e9a')).toBe('ru-4c1e9a');
  });

  it('takes the edition from a language subdomain and the older a-number id', () => {
    expect(articleId('https://en.inform.kz/news/some-slug_a3866397')).toBe('en-a3866397');
    expect(articleId('https://kaz.inform.kz/news/some-slug_a3866397')).toBe('kz-a3866397');
  });

  it('is the same for the same article reached through different hosts', () => {
    expect(articleId('https://oz.inform.kz/news/astana-ashgabat-9f3a27')).toBe(articleId('https://www.inform.kz/oz/astana-ashgabat-9f3a27'));
  });

  it('falls back to a hash of the URL when the URL carries no site id', () => {
    expect(articleId('https://www.inform.kz/ru/about')).toMatch(/^u-[0-9a-f]{16}$/);
  });
});
