import { describe, expect, it } from 'vitest';
import { articleId, canonicalUrl, editionLanguage, isArticleUrl } from '../../functions/lib/urls.ts';

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

  it("takes a six-letter or six-digit end for a word or a number, not an id, off Kazinform's hosts: two such articles keep two ids", () => {
    const decade = articleId('http://127.0.0.1:8080/en/the-new-decade');
    expect(decade).toMatch(/^en-s[0-9a-f]{12}$/);
    expect(articleId('http://127.0.0.1:8080/en/a-lost-decade')).not.toBe(decade);
    const fines = articleId('https://news.example.org/en/fines-reach-500000');
    expect(fines).toMatch(/^en-s[0-9a-f]{12}$/);
    expect(articleId('https://news.example.org/en/salary-rises-to-500000')).not.toBe(fines);
    expect(articleId('https://www.inform.kz/ru/tokaev-i-mirziyoev-500000')).toBe('ru-500000');
    expect(articleId('http://127.0.0.1:8080/en/kazakh-and-french-ministers-meet-4b7e21')).toBe('en-4b7e21');
    expect(articleId('https://www.inform.kz/en/kazakh-and-french-ministers-meet-facade')).toBe('en-facade');
  });

  it('falls back to a hash of the URL when the URL carries no site id', () => {
    expect(articleId('https://www.inform.kz/ru/about')).toMatch(/^u-[0-9a-f]{16}$/);
  });
});

describe('articleId across hosts and renderings', () => {
  it("is the same on inform.kz and on qazinform.com, the English edition's own domain", () => {
    expect(articleId('https://qazinform.com/news/kazakhstan-and-korea-sign-roadmap-3e7a19')).toBe('en-3e7a19');
    expect(articleId('https://www.inform.kz/en/kazakhstan-and-korea-sign-roadmap-3e7a19')).toBe('en-3e7a19');
    expect(articleId('https://qazinform.com/news/older-story_a4017987')).toBe('en-a4017987');
  });

  it('ignores an AMP segment, before the slug or after it', () => {
    expect(articleId('https://www.inform.kz/amp/ru/tokaev-i-mirziyoev-4c1e9a')).toBe('ru-4c1e9a');
    expect(articleId('https://www.inform.kz/en/kazakh-president-holds-meeting-with-governor-of-akmola-rgn_a3561843/amp')).toBe('en-a3561843');
  });

  it('gives an article URL without a site id its edition and a hash of its slug, whatever the host or the trailing slash', () => {
    const id = articleId('https://www.inform.kz/ru/kazahstan-i-turkmenistan-obsudili-tranzit-gruzov/');
    expect(id).toMatch(/^ru-s[0-9a-f]{12}$/);
    expect(articleId('https://www.inform.kz/ru/kazahstan-i-turkmenistan-obsudili-tranzit-gruzov')).toBe(id);
    expect(articleId('https://cn.inform.kz/news/zhong-ha-liang-guo-qianshu-xieyi/')).toMatch(/^cn-s[0-9a-f]{12}$/);
  });
});

describe('canonicalUrl on qazinform.com', () => {
  it('upgrades it to https like the inform.kz hosts', () => {
    expect(canonicalUrl('http://qazinform.com/news/x-3e7a19?utm_source=rss')).toBe('https://qazinform.com/news/x-3e7a19');
  });
});

describe('isArticleUrl: Kazinform article pages by the shape of their URL', () => {
  const article = (url: string) => isArticleUrl(new URL(url));

  it('recognises the older a-number and the newer 6-hex ids, /news/ and slug-only pages, AMP included', () => {
    for (const url of [
      'https://www.inform.kz/ru/mezhpravkomissiya-obsudila-tranzit_a4112873',
      'https://www.inform.kz/ru/tokaev-i-mirziyoev-obsudili-rost-tovarooborota-4c1e9a',
      'https://oz.inform.kz/news/astana-va-ashxobod-9f3a27',
      'https://qazinform.com/news/kazakhstan-and-korea-sign-roadmap-3e7a19',
      'https://cn.inform.kz/news/zhong-ha-liang-guo-qianshu-xieyi/',
      'https://www.inform.kz/ru/kazahstan-i-turkmenistan-obsudili-tranzit-gruzov/',
      'https://www.inform.kz/amp/ru/tokaev-i-mirziyoev-4c1e9a',
      'http://127.0.0.1:8080/qz/qazaqstan-men-azerbaijan-orta-daliz-4b7e21',
    ]) expect(article(url), url).toBe(true);
  });

  it("leaves out navigation, sections, tags, authors, categories, pagination and the site's files", () => {
    for (const url of [
      'https://www.inform.kz/', 'https://www.inform.kz/ru/', 'https://www.inform.kz/ru/lenta', 'https://cn.inform.kz/lenta/',
      'https://www.inform.kz/en/politics', 'https://www.inform.kz/tags/1', 'https://www.inform.kz/author/arman-tulegenov',
      'https://www.inform.kz/category/section_s22880', 'https://www.inform.kz/ru/lenta?page=2', 'https://www.inform.kz/page/2',
      'https://www.inform.kz/rss/rus.xml', 'https://cn.inform.kz/sitemaps/google-news_cn.xml', 'https://www.inform.kz/en/world-decade',
      'https://www.inform.kz/ru/tokaev-i-mirziyoev-4c1e9a?page=2',
    ]) expect(article(url), url).toBe(false);
  });
});

describe('editionLanguage', () => {
  it('names the language an edition writes in, by subdomain, path or domain', () => {
    expect(editionLanguage(new URL('https://oz.inform.kz/news/x-9f3a27'))).toBe('uz-Cyrl');
    expect(editionLanguage(new URL('http://127.0.0.1:1/qz/x-4b7e21'))).toBe('kk-Latn');
    expect(editionLanguage(new URL('https://ar.inform.kz/x-6c2f90'))).toBe('kk-Arab');
    expect(editionLanguage(new URL('https://qazinform.com/news/x-3e7a19'))).toBe('en');
    expect(editionLanguage(new URL('https://www.inform.kz/about'))).toBeNull();
  });
});
