import { describe, expect, it } from 'vitest';
import { firstEntries, readSource, type SourceContext } from '../../functions/ingest/read-source.ts';
import { FeedParseError } from '../../functions/ingest/xml.ts';

const SOURCE = 'https://oz.inform.kz/sitemaps/google-news_oz.xml';
const ctx = (extra: Partial<SourceContext> = {}): SourceContext => ({ url: SOURCE, allows: (u) => u.hostname.endsWith('inform.kz'), ...extra });
const read = (body: string, type = '', extra: Partial<SourceContext> = {}) => readSource(body, type, ctx(extra));

function failure(body: string, type = ''): string {
  try {
    read(body, type);
  } catch (error) {
    expect(error).toBeInstanceOf(FeedParseError);
    return (error as Error).message;
  }
  throw new Error('expected a FeedParseError');
}

const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><language>ru</language>
<item><title>Токаев и Мирзиёев</title><link>https://www.inform.kz/ru/tokaev-i-mirziyoev-4c1e9a?utm_source=rss</link><pubDate>Thu, 16 Oct 2025 12:40:00 +0500</pubDate></item></channel></rss>`;

const newsSitemap = `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://oz.inform.kz/news/astana-va-ashxobod-9f3a27</loc>
<news:news><news:publication><news:name>Kazinform</news:name><news:language>uz</news:language></news:publication>
<news:publication_date>2025-11-24T09:00:00+05:00</news:publication_date><news:title>Астана ва Ашхобод</news:title></news:news></url>
<url><loc>https://oz.inform.kz/news/tashkent-talks-2d7e54</loc>
<news:news><news:publication><news:name>Kazinform</news:name><news:language>uz</news:language></news:publication>
<news:publication_date>2025-10-08</news:publication_date><news:title>Тошкентдаги музокаралар</news:title></news:news></url>
</urlset>`;

describe('readSource: the kind of a source is found from what it serves', () => {
  it('reads RSS 2.0 as rss, whatever the content type says', () => {
    const parsed = read(rss, 'text/html; charset=utf-8');
    expect(parsed.kind).toBe('rss');
    expect(parsed.items).toEqual([expect.objectContaining({ id: 'ru-4c1e9a', url: 'https://www.inform.kz/ru/tokaev-i-mirziyoev-4c1e9a', publishedAt: '2025-10-16T07:40:00.000Z', feedLanguage: 'ru' })]);
  });

  it('reads Atom, its alternate link first', () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><title>A</title><link rel="enclosure" href="https://www.inform.kz/img/1.jpg"/><link href="https://www.inform.kz/ru/a-story-4c1e9a"/><id>urn:1</id><updated>2025-10-16T12:40:00+05:00</updated></entry></feed>`;
    expect(read(atom, 'application/atom+xml')).toMatchObject({ kind: 'atom', items: [{ id: 'ru-4c1e9a', publishedAt: '2025-10-16T07:40:00.000Z' }] });
  });

  it('reads a Google News sitemap: each URL an item, with its news title, publication date and language', () => {
    const parsed = read(newsSitemap, 'application/xml');
    expect(parsed.kind).toBe('news-sitemap');
    expect(parsed.items).toEqual([
      { id: 'oz-9f3a27', url: 'https://oz.inform.kz/news/astana-va-ashxobod-9f3a27', feedUrl: SOURCE, title: 'Астана ва Ашхобод', publishedAt: '2025-11-24T04:00:00.000Z', feedLanguage: 'uz' },
      { id: 'oz-2d7e54', url: 'https://oz.inform.kz/news/tashkent-talks-2d7e54', feedUrl: SOURCE, title: 'Тошкентдаги музокаралар', publishedAt: '2025-10-07T19:00:00.000Z', feedLanguage: 'uz' },
    ]);
  });

  it('reads a news sitemap whatever prefix it gives the news namespace', () => {
    const other = newsSitemap.replaceAll('news:', 'n:').replace('xmlns:news=', 'xmlns:n=');
    expect(read(other).items.map((i) => i.title)).toEqual(['Астана ва Ашхобод', 'Тошкентдаги музокаралар']);
  });

  it('reads a plain sitemap: only its article pages on allowed hosts are items', () => {
    const sitemap = `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <url><loc>https://www.inform.kz/ru/</loc></url><url><loc>https://www.inform.kz/ru/politika</loc></url>
      <url><loc>https://www.inform.kz/tags/1</loc></url><url><loc>https://elsewhere.example/ru/story-4c1e9a</loc></url>
      <url><loc>https://www.inform.kz/ru/story-4c1e9a</loc><lastmod>2025-10-16</lastmod></url></urlset>`;
    const parsed = read(sitemap);
    expect(parsed.kind).toBe('sitemap');
    expect(parsed.items.map((i) => i.id)).toEqual(['ru-4c1e9a']);
    expect(parsed.notes).toEqual(['1 link to hosts not allowed (elsewhere.example) ignored']);
  });

  it('reads a sitemap index as its newest sitemaps, at most three, to be read in turn', () => {
    const index = `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <sitemap><loc>https://cn.inform.kz/s/2025-07.xml</loc><lastmod>2025-07-31</lastmod></sitemap>
      <sitemap><loc>https://cn.inform.kz/s/2025-11.xml</loc><lastmod>2025-11-30</lastmod></sitemap>
      <sitemap><loc>https://cn.inform.kz/s/2025-08.xml</loc><lastmod>2025-08-31</lastmod></sitemap>
      <sitemap><loc>https://cn.inform.kz/s/2025-10.xml</loc><lastmod>2025-10-31</lastmod></sitemap></sitemapindex>`;
    const parsed = read(index);
    expect(parsed.kind).toBe('sitemap-index');
    expect(parsed.sitemaps).toEqual(['https://cn.inform.kz/s/2025-11.xml', 'https://cn.inform.kz/s/2025-10.xml', 'https://cn.inform.kz/s/2025-08.xml']);
    expect(parsed.notes).toEqual(['4 sitemaps listed, the newest 3 read']);
  });

  it('reads a JSON Feed, even served as text/plain at an .xml address, skipping entries with no link', () => {
    const feed = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1', title: 't', language: 'kk',
      items: [
        { id: '1', url: 'https://kaz.inform.kz/kz/story-3a9c55', title: 'Ойын', date_published: '2025-11-14T22:10:00+05:00' },
        { id: 'https://kaz.inform.kz/kz/other-b61f08', title: 'Аурухана' },
        { id: 'x', title: 'No link' },
        42,
      ],
    });
    const parsed = read(feed, 'text/plain');
    expect(parsed.kind).toBe('json-feed');
    expect(parsed.items.map((i) => [i.id, i.title, i.publishedAt])).toEqual([['kz-3a9c55', 'Ойын', '2025-11-14T17:10:00.000Z'], ['kz-b61f08', 'Аурухана', null]]);
    expect(parsed.skipped.map((s) => s.reason)).toEqual(['no link', 'no link']);
  });

  it('says an HTML page is nested too deeply to read, instead of the parser\'s stack overflow', () => {
    const deep = `<!DOCTYPE html><html><body><a href="/oz/news/story-9f3a27">Story</a>${'<div>'.repeat(60_000)}x${'</div>'.repeat(60_000)}</body></html>`;
    expect(failure(deep, 'text/html')).toBe(`an HTML page nested too deeply to read (tens of thousands of elements inside one another): ${SOURCE}`);
  });

  it('refuses a feed that declares XML entities, however long the comments before its DOCTYPE', () => {
    const bomb = (before: string) => `<?xml version="1.0"?>${before}<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><rss version="2.0"><channel><title>&b;</title></channel></rss>`;
    for (const before of ['', `<!--${' pad'.repeat(20_000)}-->`]) expect(failure(bomb(before), 'application/rss+xml')).toContain('a feed declaring XML entities, refused');
  });

  it('skips a link that passes 1,024 characters only once percent-encoded (a long Cyrillic slug), naming its length', () => {
    const slug = (n: number) => `https://www.inform.kz/ru/${'казахстан-'.repeat(n)}4c1e9a`;
    const feed = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>https://www.inform.kz/</link><description>d</description>
      <item><title>Long</title><link>${slug(20)}</link></item><item><title>Short</title><link>${slug(8)}</link></item></channel></rss>`;
    const parsed = read(feed, 'application/rss+xml');
    expect(slug(20).length).toBeLessThan(1024);
    expect(parsed.items.map((i) => i.title)).toEqual(['Short']);
    expect(parsed.skipped).toEqual([{ entry: 'Long', reason: `link longer than 1024 characters once percent-encoded (${new URL(slug(20)).href.length})` }]);
  });

  it('reads an HTML page (and XHTML) as a list page whose article links are the items', () => {
    const page = '<!DOCTYPE html><html lang="uz"><body><a href="/oz/">Home</a><a href="/oz/news/story-9f3a27">Story</a></body></html>';
    expect(read(page, 'text/html')).toMatchObject({ kind: 'html', items: [{ id: 'oz-9f3a27', title: 'Story' }] });
    const xhtml = `<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body><a href="/oz/news/story-9f3a27">Story</a></body></html>`;
    expect(read(xhtml, 'application/xhtml+xml').kind).toBe('html');
    expect(read('<div><a href="/oz/news/story-9f3a27">Story</a></div>', 'text/html').kind).toBe('html');
  });

  it('says what is none of these, and a sitemap that is broken, cut short or not a sitemap', () => {
    expect(failure('')).toBe(`an empty response, not a feed: ${SOURCE}`);
    expect(failure('just text', 'text/plain')).toBe(`neither a feed, a sitemap nor an HTML page (text/plain): ${SOURCE}`);
    expect(failure('{"version": 1, "items": []}', 'application/json')).toMatch(/^JSON that is not a JSON Feed/);
    expect(failure('{"version":', 'application/json')).toMatch(/^malformed JSON/);
    expect(failure(newsSitemap.slice(0, newsSitemap.indexOf('</news:title>')))).toMatch(/^malformed feed \(cut short\? <urlset>, <url>, <news:news>, <news:title> never closed\)/);
    expect(failure('<urlset><url><loc>x</url></urlset>')).toMatch(/^malformed feed/);
    expect(failure('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>')).toBe(`not a feed or a sitemap (root element <svg>): ${SOURCE}`);
  });

  it('keeps at most maxItems, the newest', () => {
    const parsed = read(newsSitemap, '', { maxItems: 1 });
    expect(parsed.items.map((i) => i.id)).toEqual(['oz-9f3a27']);
    expect(parsed.notes).toEqual(['2 items listed, the newest 1 kept']);
  });
});

describe('firstEntries: the entries a source is parsed through', () => {
  const rss = (n: number) => `<rss><channel><title>t</title><image><url>https://x/i.png</url></image>${Array.from({ length: n }, (_, i) => `<item><link>/${i}</link></item>`).join('')}</channel></rss>`;

  it('keeps the first entries and what follows the last one, so the document stays well-formed', () => {
    expect(firstEntries(rss(4), 2)).toEqual({ xml: '<rss><channel><title>t</title><image><url>https://x/i.png</url></image><item><link>/0</link></item><item><link>/1</link></item></channel></rss>', dropped: 2 });
  });

  it('leaves a document with no more entries than the limit as it is', () => {
    expect(firstEntries(rss(2), 2)).toEqual({ xml: rss(2), dropped: 0 });
  });

  it('is how readSource reads a feed of 100,000 items: the first 10,000, with a note', () => {
    const parsed = read(rss(100_000).replaceAll('<link>/', '<link>https://www.inform.kz/ru/x-y-a'), 'application/rss+xml', { maxItems: 3 });
    expect(parsed.items).toHaveLength(3);
    expect(parsed.notes).toContain('90000 entries past the first 10000 not read');
  });
});

describe('an HTML source with more links than a list page has', () => {
  it('is read through its first 10,000 links, with a note', () => {
    const page = `<!DOCTYPE html><html><body>${Array.from({ length: 12_000 }, (_, n) => `<a href="https://www.inform.kz/ru/x-y-${n.toString(16).padStart(6, '0')}">x</a>`).join('')}</body></html>`;
    const parsed = read(page, 'text/html', { maxItems: 3 });
    expect(parsed.items).toHaveLength(3);
    expect(parsed.notes).toContain('2000 links past the first 10000 not read');
  });
});
