import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBody } from '../../functions/lib/charset.ts';
import { keys } from '../../functions/lib/keys.ts';
import { runPipeline } from '../../functions/pipeline.ts';
import { Article } from '../../schemas/article.ts';
import { RejectedItem } from '../../schemas/rejected.ts';
import type { RunReport } from '../../schemas/run-report.ts';
import { type FaultyStack, startFaultyStack } from '../support/faulty-stack.ts';
import { type HostileSite, samplePage, startHostileSite } from '../support/hostile-site.ts';
import { cp1251 } from '../support/http-failures.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('decodeBody with a wrong charset', () => {
  it('reads windows-1251 bytes served as UTF-8 (header and meta both wrong) as windows-1251', () => {
    expect(decodeBody(cp1251('<meta charset="utf-8"><p>Казахстан и Узбекистан</p>'), 'text/html; charset=utf-8')).toBe('<meta charset="utf-8"><p>Казахстан и Узбекистан</p>');
  });

  it('reads UTF-8 bytes served as windows-1251 as UTF-8', () => {
    expect(decodeBody(utf8('<p>Қазақстан мен Түрікменстан</p>'), 'text/html; charset=windows-1251')).toBe('<p>Қазақстан мен Түрікменстан</p>');
  });

  it('keeps UTF-8 for a UTF-8 page with one stray byte', () => {
    const bytes = new Uint8Array([...utf8('<p>Казахстан'), 0xff, ...utf8(' и Узбекистан</p>')]);
    expect(decodeBody(bytes, 'text/html; charset=utf-8')).toBe('<p>Казахстан\uFFFD и Узбекистан</p>');
  });
});

/**
 * One run over a site that serves every kind of bad input the issue lists, next to good articles:
 * each bad input must become a recorded rejection or a counted error with its URL and reason,
 * and the good articles must be stored and published all the same.
 */
describe('a run over a hostile site', () => {
  let site: HostileSite;
  let stack: FaultyStack;
  let report: RunReport;
  let second: RunReport;
  const pages: Record<string, { path: string; bytes: Buffer; text: string }> = {};
  const feedUrl = (name: string) => site.url(`/rss/${name}`);
  const enormous = `${'Ж'.repeat(50_000)} &#x1; \u0007 ${'x'.repeat(50_000)}`;

  beforeAll(async () => {
    for (const id of ['en-d93a61', 'en-7b2f04', 'ru-4c1e9a', 'ru-8d20b7', 'kz-5e8c3d', 'oz-9f3a27', 'cn-1a6b0c', 'en-a4098765']) pages[id] = await samplePage(id);
    const p = (id: string) => pages[id] as { path: string; bytes: Buffer; text: string };
    const item = (title: string | null, link: string | null, extra = '') =>
      `<item>${title === null ? '' : `<title>${title}</title>`}${link === null ? '' : `<link>{{origin}}${link}</link>`}${extra}</item>`;
    const main = `\uFEFF<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Hostile</title><link>{{origin}}/</link><description>d</description>
${item('Kazakh and French ministers', p('en-d93a61').path)}
${item('No link here', null, '<guid isPermaLink="false">nolink-1</guid>')}
${item(null, p('en-7b2f04').path)}
${item('The same article again', `${p('en-d93a61').path}?utm_source=rss`, `<guid>{{origin}}${p('en-d93a61').path}</guid>`)}
${item(enormous, p('ru-4c1e9a').path)}
${item('Казахстан и Франция: страница без текста', '/en/empty-page-aaaaaa')}
${item('A PDF', '/en/report-bbbbbb')}
${item('A photo', '/en/photo-cccccc')}
${item('Gone', '/en/gone-dddddd')}
${item('Too large', '/en/huge-eeeeee')}
${item('Moved away', '/en/moved-ffffff')}
${item('Flaky', p('en-a4098765').path)}
<item><title>Script link</title><link>javascript:alert(1)</link></item>
${item('Wrong charset', p('ru-8d20b7').path)}
${item('Control characters', p('kz-5e8c3d').path)}
${item('Hostile markup', p('oz-9f3a27').path)}
${item('Plain text', '/en/plain-0a0b0c')}
</channel></rss>`;
    const atom = `<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom</title><id>urn:x</id><updated>2025-11-14T10:00:00Z</updated>
<entry><title>An Atom entry</title><link rel="alternate" href="{{origin}}${p('cn-1a6b0c').path}"/><id>urn:cn-1a6b0c</id><updated>2025-08-14T10:00:00Z</updated></entry></feed>`;

    const controlled = p('kz-5e8c3d').text.replace('<title>', '<title>\u0001\u0007').replace(/<p>/, '<p>\u0000\u001B\u0085');
    const hostile = p('oz-9f3a27').text.replace(/<p>/, '<p><script>alert(1)</script><img src=x onerror="alert(2)"><a href="javascript:alert(3)" onclick="alert(4)">click</a><iframe src="https://evil.example/"></iframe><style>*{display:none}</style>');
    site = await startHostileSite({
      '/rss/main.xml': { type: 'application/rss+xml; charset=windows-1251', body: main }, // the charset is wrong: the bytes are UTF-8
      '/rss/atom.xml': { type: 'application/atom+xml', body: atom },
      '/rss/malformed.xml': { type: 'application/rss+xml', body: '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>a</item></channel></rss>' },
      '/rss/truncated.xml': { type: 'application/rss+xml', body: main.slice(0, Math.floor(main.length / 2)) },
      // An HTML page is a source too; this one (an error page served with 200) links to no article.
      '/rss/html.xml': { type: 'text/html', body: '<!DOCTYPE html><html><head><title>Kazinform</title></head><body><nav><a href="/en/politics">Politics</a> <a href="/tags/1">Tag</a></nav></body></html>' },
      '/rss/empty.xml': { type: 'application/rss+xml', body: '<?xml version="1.0"?><rss version="2.0"><channel><title>Nothing</title><link>{{origin}}/</link><description>d</description></channel></rss>' },
      '/rss/empty-body.xml': { type: 'application/rss+xml', body: '' },
      '/rss/not-a-feed.xml': { type: 'application/xml', body: '<?xml version="1.0"?><sitemap><url>x</url></sitemap>' },
      [p('en-d93a61').path]: { body: p('en-d93a61').text },
      [p('en-7b2f04').path]: { body: p('en-7b2f04').text },
      [p('ru-4c1e9a').path]: { body: p('ru-4c1e9a').text },
      // A Content-Type with Latin-1 bytes in it (it travels into the raw page's S3 metadata).
      [p('cn-1a6b0c').path]: { type: 'text/html; charset=utf-8; x=\u00ff\u00e9', body: p('cn-1a6b0c').text },
      [p('ru-8d20b7').path]: { type: 'text/html; charset=utf-8', body: new Uint8Array(p('ru-8d20b7').bytes) }, // windows-1251 bytes
      [p('kz-5e8c3d').path]: { body: controlled },
      [p('oz-9f3a27').path]: { body: hostile },
      [p('en-a4098765').path]: (hit) => (hit === 1 ? { status: 503, type: 'text/plain', body: 'busy' } : { body: p('en-a4098765').text }),
      '/en/empty-page-aaaaaa': { body: '<!DOCTYPE html><html><head><title>Empty</title></head><body></body></html>' },
      '/en/report-bbbbbb': { type: 'application/pdf', body: '%PDF-1.7 ...' },
      '/en/photo-cccccc': { type: 'image/jpeg', body: new Uint8Array([0xff, 0xd8, 0xff, 0xe0]) },
      '/en/huge-eeeeee': { body: `<html><body>${'<p>padding</p>'.repeat(30_000)}</body></html>` },
      '/en/moved-ffffff': { status: 302, headers: { location: 'https://evil.example/steal' } },
      '/en/plain-0a0b0c': { type: 'text/plain; charset=utf-8', body: 'just text' },
    });
    stack = await startFaultyStack({
      // Real S3 refuses metadata over 2 KB: the enormous title must not take the run down.
      proxy: { enforceConditionalWrites: true, enforceMetadataLimit: true },
      config: {
        feeds: ['main.xml', 'atom.xml', 'malformed.xml', 'truncated.xml', 'html.xml', 'empty.xml', 'empty-body.xml', 'not-a-feed.xml'].map((f) => ({ url: feedUrl(f) })),
        allowHosts: [site.host],
        maxPageBytes: 256 * 1024,
        retries: 0,
      },
    });
    report = await runPipeline(stack.config, { store: stack.store });
    second = await runPipeline(stack.config, { store: stack.store });
  });
  afterAll(async () => {
    await stack?.close();
    await site?.close();
  });

  const error = (stage: string, url: string, message: string | RegExp) => expect.objectContaining({ stage, url, message: typeof message === 'string' ? expect.stringContaining(message) : expect.stringMatching(message) });

  it('counts what it saw: 15 items, 7 stored, 7 rejected, and 7 errors (4 sources, 2 entries, 1 page to retry)', () => {
    expect(report.counts).toEqual({ seen: 15, fetched: 11, new: 15, accepted: 7, bilateral: 6, rejected: 7, errors: 7, blocked: 0 }); // bilateral: as the sample site's site.json expects
  });

  it('reports every source that is none as an error with its URL and reason, one without items as empty, and reads the others', () => {
    expect(report.feeds.map((f) => [f.url.split('/').pop(), f.kind, f.status, f.items])).toEqual([
      ['main.xml', 'rss', 'fetched', 14], ['atom.xml', 'atom', 'fetched', 1], ['malformed.xml', null, 'error', 0], ['truncated.xml', null, 'error', 0],
      ['html.xml', 'html', 'empty', 0], ['empty.xml', 'rss', 'empty', 0], ['empty-body.xml', null, 'error', 0], ['not-a-feed.xml', null, 'error', 0],
    ]);
    expect(report.errors).toEqual(expect.arrayContaining([
      error('ingest', feedUrl('malformed.xml'), /^malformed feed \(line 1, column \d+: .*\): /),
      error('ingest', feedUrl('truncated.xml'), /^malformed feed \(cut short\? <rss>, <channel>(, <[a-z]+>)* never closed\): /),
      error('ingest', feedUrl('empty-body.xml'), 'an empty response, not a feed'),
      error('ingest', feedUrl('not-a-feed.xml'), 'not a feed or a sitemap (root element <sitemap>)'),
    ]));
    expect(report.feeds.find((f) => f.url === feedUrl('html.xml'))?.error).toBe('no links to article pages among 2 links');
  });

  it('reports feed entries without a usable link, and reads a duplicate once', () => {
    expect(report.errors).toEqual(expect.arrayContaining([
      error('ingest', feedUrl('main.xml'), 'feed entry "nolink-1" skipped: no link'),
      error('ingest', feedUrl('main.xml'), 'feed entry "Script link" skipped: unusable link "javascript:alert(1)"'),
    ]));
    expect(site.hits(pages['en-d93a61']!.path)).toBe(1);
  });

  it('records every page that cannot be an article as a rejection with its URL and reason', async () => {
    const expected: [string, string | RegExp][] = [
      ['/en/empty-page-aaaaaa', /^invalid article: /],
      ['/en/report-bbbbbb', 'not an HTML page (application/pdf)'],
      ['/en/photo-cccccc', 'not an HTML page (image/jpeg)'],
      ['/en/plain-0a0b0c', 'not an HTML page (text/plain; charset=utf-8)'],
      ['/en/gone-dddddd', 'HTTP 404'],
      ['/en/huge-eeeeee', 'the 262144-byte cap'],
      ['/en/moved-ffffff', 'host evil.example is not in the allowlist'],
    ];
    for (const [path, reason] of expected) expect(report.errors).toContainEqual(error('process', site.url(path), reason));
    const rejected = [];
    for await (const key of stack.s3.store.list('rejected/')) rejected.push((await stack.s3.store.getJson(key, RejectedItem))!.value);
    expect(rejected.map((r) => new URL(r.item.url).pathname).sort()).toEqual(expected.map(([path]) => path).sort());
    // The feed's title was read as UTF-8 although the feed said windows-1251.
    expect(rejected.find((r) => r.item.url.endsWith('aaaaaa'))?.item.title).toBe('Казахстан и Франция: страница без текста');
  });

  it('counts a page that answers 503 as an error to retry, and the next run stores it', () => {
    expect(report.errors).toContainEqual(error('process', site.url(pages['en-a4098765']!.path), 'HTTP 503'));
    expect(second.counts).toMatchObject({ new: 1, fetched: 1, accepted: 1, rejected: 0 });
  });

  it('stores the good articles, read from an Atom feed, without a feed title, under an enormous title, in a wrong charset, with control characters and hostile markup', async () => {
    const stored = new Map<string, Article>();
    for await (const key of stack.s3.store.list('articles/')) {
      const article = (await stack.s3.store.getJson(key, Article))!.value;
      expect(stored.has(article.id)).toBe(false);
      stored.set(article.id, article);
    }
    expect([...stored.keys()].sort()).toEqual(['cn-1a6b0c', 'en-7b2f04', 'en-a4098765', 'en-d93a61', 'kz-5e8c3d', 'oz-9f3a27', 'ru-4c1e9a', 'ru-8d20b7']);
    expect(stored.get('ru-8d20b7')?.title).toMatch(/^[А-Яа-яЁё0-9 ,.«»–—-]+$/u);
    for (const article of stored.values()) {
      expect(JSON.stringify(article)).not.toMatch(/\\u00[01][0-9a-f]|\\u007f|\u0085/i);
    }
    expect(stack.proxy.log.filter((e) => e.status === 400)).toEqual([]); // no S3 request refused (metadata within 2 KB)
  });

  it('lets nothing hostile from the pages into the published feeds', async () => {
    for (const key of [keys.feedAll('xml'), keys.feedAll('json')]) {
      const text = new TextDecoder().decode((await stack.s3.store.get(key))!.body);
      expect(text).not.toMatch(/<(script|iframe|style)\b|\sonerror=|\sonclick=|javascript:/i);
      expect(text).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    }
  });

  it('does not fetch a page twice once it is done, rejected or not', () => {
    for (const path of ['/en/empty-page-aaaaaa', '/en/report-bbbbbb', '/en/gone-dddddd', '/en/huge-eeeeee', pages['en-7b2f04']!.path]) expect(site.hits(path), path).toBe(1);
    expect(site.hits(pages['en-a4098765']!.path)).toBe(2);
  });
});
