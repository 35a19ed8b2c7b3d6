import Parser from 'rss-parser';
import { describe, expect, it } from 'vitest';
import type { IndexEntry } from '../../schemas/index-entry.ts';
import { renderJsonFeed } from '../../functions/publish/json-feed.ts';
import { renderRss } from '../../functions/publish/rss.ts';
import { entriesInFeeds, selectFeeds } from '../../functions/publish/select.ts';

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

describe('selectFeeds', () => {
  const entries = [
    entry('en-000001', '2025-11-01T00:00:00.000Z', 'KZ-TM'),
    entry('en-000002', '2025-11-03T00:00:00.000Z', 'CN-RU'),
    entry('ru-000003', '2025-11-02T00:00:00.000Z', 'KZ-TM', 'ru'),
    entry('en-000004', '2025-11-04T00:00:00.000Z', null),
  ];

  it('puts only bilateral articles in feeds: all, per language and per pair, newest first', () => {
    const specs = selectFeeds(entries, 100);
    expect(specs.map((s) => [s.key.xml, s.items.map((i) => i.id)])).toEqual([
      ['feeds/all.xml', ['en-000002', 'ru-000003', 'en-000001']],
      ['feeds/lang/en.xml', ['en-000002', 'en-000001']],
      ['feeds/lang/ru.xml', ['ru-000003']],
      ['feeds/pair/cn-ru.xml', ['en-000002']],
      ['feeds/pair/kz-tm.xml', ['ru-000003', 'en-000001']],
    ]);
  });

  it('caps every feed at the configured size, whatever the age of the items', () => {
    const specs = selectFeeds(entries, 1);
    expect(specs.map((s) => s.items.length)).toEqual([1, 1, 1, 1, 1]);
    expect(entriesInFeeds(specs).map((e) => e.id)).toEqual(['en-000002', 'ru-000003']);
  });
});

describe('feed writers', () => {
  const hostile = entry('en-000009', '2025-11-05T06:07:08.000Z', 'KZ-TM');
  hostile.title = 'A <b>bold</b> ]]> & "quoted" \u0001title';
  hostile.body = { sections: [{ heading: '<script>alert(1)</script>', paragraphs: ['<img src=x onerror=alert(1)>'] }] };
  const [spec] = selectFeeds([hostile], 10);
  const links = { self: 'http://127.0.0.1:8080/feeds/all.xml', home: 'https://www.inform.kz/' };

  it('writes RSS 2.0 that parses back to the same text, with markup kept as text', async () => {
    const feed = await new Parser().parseString(renderRss(spec!, links, '2025-11-06T00:00:00.000Z'));
    expect(feed.items).toHaveLength(1);
    expect(feed.items[0]?.title).toBe('A <b>bold</b> ]]> & "quoted" title');
    expect(feed.items[0]?.guid).toBe('en-000009');
    expect(feed.items[0]?.link).toBe('https://www.inform.kz/en/en-000009');
    expect(new Date(feed.items[0]?.pubDate as string).toISOString()).toBe('2025-11-05T06:07:08.000Z');
    expect(feed.items[0]?.['content:encoded']).toContain('&lt;script&gt;');
  });

  it('writes JSON Feed 1.1 whose HTML holds the article text escaped', () => {
    const feed = JSON.parse(renderJsonFeed(spec!, { ...links, self: 'http://127.0.0.1:8080/feeds/all.json' }));
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.feed_url).toBe('http://127.0.0.1:8080/feeds/all.json');
    expect(feed.items[0].id).toBe('en-000009');
    expect(feed.items[0].date_published).toBe('2025-11-05T06:07:08.000Z');
    expect(feed.items[0].content_html).not.toMatch(/<script|<img/);
    expect(feed.items[0].content_html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
