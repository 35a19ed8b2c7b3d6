import Parser from 'rss-parser';
import { describe, expect, it } from 'vitest';
import type { IndexEntry } from '../../schemas/index-entry.ts';
import { renderJsonFeed } from '../../functions/publish/json-feed.ts';
import { renderRss } from '../../functions/publish/rss.ts';
import { countryName, feedKeysOf, feedSpec } from '../../functions/publish/select.ts';

function entry(id: string, publishedAt: string, pair: string | null, language: IndexEntry['language'] = 'en'): IndexEntry {
  const countries = pair ? pair.split('-') : [];
  return {
    id,
    key: `articles/x/${id}.json`,
    url: `https://www.inform.kz/en/${id}`,
    language,
    title: `Title ${id}`,
    summary: `Summary ${id}`,
    authors: [],
    tags: [],
    imageUrl: null,
    publishedAt,
    updatedAt: publishedAt,
    body: { sections: [{ paragraphs: ['Body.'] }] },
    relations: { kind: pair ? 'bilateral' : 'none', countries, pair, kazakhstanInvolved: countries.includes('KZ'), confidence: 0.9, topics: ['diplomacy'], signals: [] },
  };
}

describe('feed membership and specs', () => {
  it('puts a bilateral article in three feeds: all, its language and its pair', () => {
    expect(feedKeysOf(entry('en-000001', '2025-11-01T00:00:00.000Z', 'KZ-TM', 'kk-Cyrl'))).toEqual(['feeds/all.xml', 'feeds/lang/kk-cyrl.xml', 'feeds/pair/kz-tm.xml']);
    expect(feedKeysOf(entry('en-000004', '2025-11-04T00:00:00.000Z', null))).toEqual([]);
  });

  it('names each feed by its key, in both formats', () => {
    expect(feedSpec('feeds/lang/zh-hans.xml', [])).toMatchObject({ key: { xml: 'feeds/lang/zh-hans.xml', json: 'feeds/lang/zh-hans.json' }, language: 'zh-Hans', title: 'Chinese (Simplified): bilateral relations · Kazinform' });
    expect(feedSpec('feeds/pair/kz-tm.xml', [])).toMatchObject({ language: null, title: 'Kazakhstan–Turkmenistan relations · Kazinform' });
    expect(feedSpec('feeds/all.xml', []).title).toBe('Kazinform: bilateral relations');
    expect(() => feedSpec('feeds/other.xml', [])).toThrow(/not a feed key/);
  });

  it('links each language feed to its edition\'s front page, and the others to Kazinform\'s', () => {
    expect(['en', 'ru', 'kk-cyrl', 'kk-latn', 'kk-arab', 'uz-cyrl', 'zh-hans'].map((tag) => feedSpec(`feeds/lang/${tag}.xml`, []).home)).toEqual([
      'https://qazinform.com/', 'https://www.inform.kz/ru/', 'https://kaz.inform.kz/', 'https://qz.inform.kz/', 'https://ar.inform.kz/', 'https://oz.inform.kz/', 'https://cn.inform.kz/',
    ]);
    expect([feedSpec('feeds/all.xml', []).home, feedSpec('feeds/pair/kz-tm.xml', []).home]).toEqual(['https://www.inform.kz/', 'https://www.inform.kz/']);
  });

  it('names pairs as news does, not by the ISO long forms, with "the" where running text needs it', () => {
    expect(feedSpec('feeds/pair/cn-ru.xml', [])).toMatchObject({ title: 'China–Russia relations · Kazinform', description: 'Kazinform articles, in every language, about the relations between China and Russia.' });
    expect(feedSpec('feeds/pair/kz-us.xml', [])).toMatchObject({ title: 'Kazakhstan–United States relations · Kazinform', description: 'Kazinform articles, in every language, about the relations between Kazakhstan and the United States.' });
    expect(['IR', 'TW', 'MD', 'KR', 'TR', 'GB', 'AE', 'NL'].map(countryName)).toEqual(['Iran', 'Taiwan', 'Moldova', 'South Korea', 'Türkiye', 'United Kingdom', 'United Arab Emirates', 'Netherlands']);
    expect(feedSpec('feeds/pair/kz-nl.xml', []).description).toBe('Kazinform articles, in every language, about the relations between Kazakhstan and the Netherlands.');
    expect(feedSpec('feeds/pair/ky-kz.xml', []).description).toBe('Kazinform articles, in every language, about the relations between the Cayman Islands and Kazakhstan.');
  });
});

describe('feed writers', () => {
  const hostile = entry('en-000009', '2025-11-05T06:07:08.000Z', 'KZ-TM');
  hostile.title = 'A <b>bold</b> ]]> & "quoted" \u0001title';
  hostile.body = { sections: [{ heading: '<script>alert(1)</script>', paragraphs: ['<img src=x onerror=alert(1)>'] }] };
  const spec = feedSpec('feeds/all.xml', [hostile]);
  const links = { self: 'http://127.0.0.1:8080/feeds/all.xml' };

  it('writes RSS 2.0 that parses back to the same text, with markup kept as text', async () => {
    const feed = await new Parser().parseString(renderRss(spec, links, '2025-11-06T00:00:00.000Z'));
    expect(feed.items).toHaveLength(1);
    expect(feed.items[0]?.title).toBe('A <b>bold</b> ]]> & "quoted" title');
    expect(feed.items[0]?.guid).toBe('en-000009');
    expect(feed.items[0]?.link).toBe('https://www.inform.kz/en/en-000009');
    expect(new Date(feed.items[0]?.pubDate as string).toISOString()).toBe('2025-11-05T06:07:08.000Z');
    expect(feed.items[0]?.['content:encoded']).toContain('&lt;script&gt;');
  });

  it('writes JSON Feed 1.1 whose HTML holds the article text escaped', () => {
    const feed = JSON.parse(renderJsonFeed(spec, { ...links, self: 'http://127.0.0.1:8080/feeds/all.json' }));
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.feed_url).toBe('http://127.0.0.1:8080/feeds/all.json');
    expect(feed.items[0].id).toBe('en-000009');
    expect(feed.items[0].date_published).toBe('2025-11-05T06:07:08.000Z');
    expect(feed.items[0].content_html).not.toMatch(/<script|<img/);
    expect(feed.items[0].content_html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('feeds in seven languages and three scripts', () => {
  const arabic = { ...entry('ar-6c2f90', '2025-11-05T06:00:00.000Z', 'KZ-TM', 'kk-Arab'), title: 'قازاقستان مەن تۇرىكمەنستان', summary: 'ەكى ەل كەلىسىم جاسادى.', body: { sections: [{ paragraphs: ['ساۋدا ءوستى.'] }] } };
  const chinese = { ...entry('cn-e47f19', '2025-11-05T05:00:00.000Z', 'KZ-TM', 'zh-Hans'), body: { sections: [{ paragraphs: ['哈土两国签署协议。'] }] } };
  const links = { self: 'https://feeds.example.org/feeds/lang/kk-arab.xml' };

  it('tells readers the language and the direction of each article\'s text: Kazakh in Arabic script right to left', async () => {
    const xml = renderRss(feedSpec('feeds/lang/kk-arab.xml', [arabic]), links, '2025-11-06T00:00:00.000Z');
    const [item] = (await new Parser({ customFields: { item: ['dc:language'] } }).parseString(xml)).items as unknown as Array<Record<string, unknown>>;
    expect(item?.['content:encoded']).toBe('<div lang="kk-Arab" dir="rtl">\n<p><strong>ەكى ەل كەلىسىم جاسادى.</strong></p>\n<p>ساۋدا ءوستى.</p>\n</div>');
    expect(item?.content).toBe('<div lang="kk-Arab" dir="rtl">\n<p>ەكى ەل كەلىسىم جاسادى.</p>\n</div>');
    expect(item?.['dc:language']).toBe('kk-Arab');
    expect(JSON.parse(renderJsonFeed(feedSpec('feeds/lang/kk-arab.xml', [arabic]), links)).items[0].content_html).toContain('<div lang="kk-Arab" dir="rtl">');
  });

  it('announces each language feed in a tag that tells the scripts apart, and labels each item of a mixed feed with its own', () => {
    const language = (key: string) => /<language>([^<]+)<\/language>/.exec(renderRss(feedSpec(key, []), links, '2025-11-06T00:00:00.000Z'))?.[1];
    expect(['kk-cyrl', 'kk-latn', 'kk-arab', 'uz-cyrl', 'zh-hans', 'ru', 'en'].map((tag) => language(`feeds/lang/${tag}.xml`))).toEqual(['kk', 'kk-Latn', 'kk-Arab', 'uz-Cyrl', 'zh-cn', 'ru', 'en']);
    const all = renderRss(feedSpec('feeds/all.xml', [arabic, chinese]), links, '2025-11-06T00:00:00.000Z');
    expect([...all.matchAll(/<dc:language>([^<]+)<\/dc:language>/g)].map((m) => m[1])).toEqual(['kk-Arab', 'zh-Hans']);
    expect(JSON.parse(renderJsonFeed(feedSpec('feeds/all.xml', [arabic, chinese]), links)).items.map((i: { content_html: string }) => i.content_html.split('\n')[0])).toEqual(['<div lang="kk-Arab" dir="rtl">', '<div lang="zh-Hans" dir="ltr">']);
    expect(all).not.toMatch(/<channel>[\s\S]*<language>[\s\S]*<item>/);
  });
});

describe('RSS items as readers look for updates and photos', () => {
  const links = { self: 'https://feeds.example.org/feeds/all.xml' };
  const render = (e: IndexEntry) => renderRss(feedSpec('feeds/all.xml', [e]), links, '2025-11-06T00:00:00.000Z');

  it('say when an article changed after it was published (atom:updated), and nothing when it did not', () => {
    const first = entry('en-000010', '2025-11-05T06:00:00.000Z', 'KZ-TM');
    expect(render(first)).not.toContain('<atom:updated>');
    // The same instant written with other precision is no update.
    expect(render({ ...first, updatedAt: '2025-11-05T06:00:00Z' })).not.toContain('<atom:updated>');
    expect(render({ ...first, updatedAt: '2025-11-05T09:30:00.000Z' })).toContain('<atom:updated>2025-11-05T09:30:00.000Z</atom:updated>');
  });

  it('carry the lead photo as media:content, over https for Kazinform, and none without a safe link', () => {
    const e = entry('en-000011', '2025-11-05T06:00:00.000Z', 'KZ-TM');
    expect(render({ ...e, imageUrl: 'http://static.inform.kz/img/1.jpg' })).toContain('<media:content url="https://static.inform.kz/img/1.jpg" medium="image"/>');
    expect(render({ ...e, imageUrl: 'javascript:alert(1)' })).not.toContain('media:content url');
    expect(render(e)).toContain('xmlns:media="http://search.yahoo.com/mrss/"');
  });
});
