import { XMLValidator } from 'fast-xml-parser';
import fc from 'fast-check';
import Parser from 'rss-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { articleHtml, feedText, sanitizeFeedHtml } from '../../functions/publish/content-html.ts';
import { renderJsonFeed } from '../../functions/publish/json-feed.ts';
import { renderRss } from '../../functions/publish/rss.ts';
import { feedKeysOf, feedSpec, newestFirst as byNewest } from '../../functions/publish/select.ts';
import type { IndexEntry } from '../../schemas/index-entry.ts';
import { hostileText, tagSoup } from './arbitraries.ts';
import { countFuzzRuns, fuzzRuns, reportFuzzRuns } from './count.ts';

afterAll(() => reportFuzzRuns('fuzz/writers'));

const rssParser = new Parser();
const links = { self: 'https://feeds.example.org/feeds/all.xml' };

/** An index entry with hostile text everywhere text goes; structure as the schema allows. */
const entryArb: fc.Arbitrary<IndexEntry> = fc.record({
  id: fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,15}$/),
  path: fc.webPath(),
  host: fc.constantFrom('https://www.inform.kz', 'http://www.inform.kz', 'https://kaz.inform.kz', 'http://127.0.0.1:8080'),
  title: hostileText().filter((t) => t.length > 0),
  summary: hostileText(),
  authors: fc.array(hostileText(4).filter((t) => t.length > 0), { maxLength: 3 }),
  tags: fc.array(hostileText(4).filter((t) => t.length > 0), { maxLength: 3 }),
  sections: fc.array(fc.record({ heading: fc.option(hostileText(4).filter((t) => t.length > 0), { nil: undefined }), paragraphs: fc.array(hostileText(), { minLength: 1, maxLength: 3 }) }), { minLength: 1, maxLength: 3 }),
  published: fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }),
  image: fc.option(fc.constantFrom('https://static.inform.kz/a.jpg', 'http://www.inform.kz/b.png'), { nil: null }),
}).map((r) => {
  const publishedAt = new Date(Math.floor(r.published.getTime() / 1000) * 1000).toISOString();
  return {
    id: r.id,
    key: `articles/x/${r.id}.json`,
    url: `${r.host}/en${r.path}-abc123`,
    language: 'en',
    title: r.title,
    summary: r.summary,
    authors: r.authors,
    tags: r.tags,
    imageUrl: r.image,
    publishedAt,
    updatedAt: publishedAt,
    body: { sections: r.sections.map((s) => (s.heading === undefined ? { paragraphs: s.paragraphs } : { heading: s.heading, paragraphs: s.paragraphs })) },
    relations: { kind: 'bilateral', countries: ['KZ', 'TM'], pair: 'KZ-TM', kazakhstanInvolved: true, confidence: 0.5, topics: [], signals: [] },
  } satisfies IndexEntry;
});

/** Entries with distinct ids (a feed never holds one article twice). */
const entriesArb = fc.uniqueArray(entryArb, { minLength: 1, maxLength: 4, selector: (e) => e.id });

/** What an XML parser gives back for text the writer was given: forbidden characters gone, line ends LF. */
const asXmlText = (text: string) => feedText(text).replace(/[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');
/** The all-articles feed of these entries: the bilateral ones, newest first. */
const newestFirst = (entries: IndexEntry[]) => feedSpec('feeds/all.xml', entries.filter((e) => feedKeysOf(e).length > 0).sort(byNewest));

describe('feed writers, fuzzed with hostile text', () => {
  it('renderRss always writes well-formed XML that rss-parser reads back to the same items', async () => {
    const property = fc.asyncProperty(entriesArb, async (entries) => {
      const spec = newestFirst(entries);
      const xml = renderRss(spec, links, '2025-11-06T00:00:00.000Z');
      expect(XMLValidator.validate(xml)).toBe(true);
      expect(xml).not.toContain(']]>');
      const feed = await rssParser.parseString(xml);
      expect(feed.items.map((i) => i.guid)).toEqual(spec.items.map((e) => e.id));
      feed.items.forEach((item, n) => {
        const entry = spec.items[n] as IndexEntry;
        expect(item.title ?? '').toBe(asXmlText(entry.title));
        expect(item.link).toMatch(/^https:\/\/[a-z.]+inform\.kz\/|^http:\/\/127\.0\.0\.1:8080\//);
        expect(item.isoDate).toBe(entry.publishedAt);
        expect(item['content:encoded'] ?? '').toBe(asXmlText(articleHtml(entry)));
        expect(item.categories ?? []).toEqual([...entry.tags.map(asXmlText).filter(Boolean), 'KZ-TM']);
      });
    });
    await fc.assert(countFuzzRuns('renderRss round trip', property), { numRuns: fuzzRuns(300) });
  });

  it('renderJsonFeed always writes JSON that parses back to the same items, with sanitised HTML', () => {
    const property = fc.property(entriesArb, (entries) => {
      const spec = newestFirst(entries);
      const json = renderJsonFeed(spec, { ...links, self: 'https://feeds.example.org/feeds/all.json' });
      const feed = JSON.parse(json) as { items: Record<string, unknown>[] };
      expect(feed.items.map((i) => i.id)).toEqual(spec.items.map((e) => e.id));
      feed.items.forEach((item, n) => {
        const entry = spec.items[n] as IndexEntry;
        expect(item.title).toBe(feedText(entry.title));
        expect(item.date_published).toBe(entry.publishedAt);
        expect(item.content_html).toBe(articleHtml(entry));
        expect(item.content_html).not.toMatch(/<(?!\/?(p|h2|strong|div)>|div lang="[a-zA-Z-]+" dir="(ltr|rtl)">)/);
        expect(String(item.url)).toMatch(/^https:\/\/[a-z.]+inform\.kz\/|^http:\/\/127\.0\.0\.1:8080\//);
      });
      expect(json).not.toMatch(/\\u(000[0-8bcef]|001[0-9a-f]|d[89ab][0-9a-f]{2}(?!\\u[dD][c-fC-F]))/i);
    });
    fc.assert(countFuzzRuns('renderJsonFeed round trip', property), { numRuns: fuzzRuns(300) });
  });

  it('sanitizeFeedHtml lets no script, handler, frame or unsafe URL through, and sanitising again changes no text', () => {
    const property = fc.property(tagSoup(), (html) => {
      const clean = sanitizeFeedHtml(html);
      // Not byte-idempotent (a re-parse may re-nest odd markup such as "<p><p<!-- x -->"), but the text stays.
      const text = (h: string) => h.replace(/<[^>]*>/g, '');
      expect(text(sanitizeFeedHtml(clean))).toBe(text(clean));
      const tags = [...clean.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)/g)].map((m) => (m[1] as string).toLowerCase());
      for (const tag of tags) expect(['div', 'p', 'br', 'h2', 'h3', 'h4', 'strong', 'b', 'em', 'i', 'blockquote', 'ul', 'ol', 'li', 'a', 'img', 'figure', 'figcaption']).toContain(tag);
      for (const [, dir] of clean.matchAll(/\sdir="([^"]*)"/g)) expect(['ltr', 'rtl']).toContain(dir);
      // In sanitised HTML every "<" starts a tag (text has &lt;): check each tag's attributes.
      for (const [, attributes] of clean.matchAll(/<[a-zA-Z][a-zA-Z0-9]*([^>]*)>/g)) {
        expect(attributes).not.toMatch(/\s(on\w+|style|class|srcset|formaction)\s*=/i);
        for (const [, url] of (attributes as string).matchAll(/\s(?:href|src)="([^"]*)"/g)) expect(url).toMatch(/^https?:\/\/[^/]/);
      }
    });
    fc.assert(countFuzzRuns('sanitizeFeedHtml', property), { numRuns: fuzzRuns(1000) });
  });
});
