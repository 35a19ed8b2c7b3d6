import Parser from 'rss-parser';
import { describe, expect, it } from 'vitest';
import { articleHtml, feedLink, sanitizeFeedHtml } from '../../functions/publish/content-html.ts';
import { renderJsonFeed } from '../../functions/publish/json-feed.ts';
import { renderRss } from '../../functions/publish/rss.ts';
import { feedSpec } from '../../functions/publish/select.ts';
import type { IndexEntry } from '../../schemas/index-entry.ts';

function entry(overrides: Partial<IndexEntry> = {}): IndexEntry {
  return {
    id: 'en-abc123',
    key: 'articles/2025/11/05/en-abc123.json',
    url: 'https://www.inform.kz/en/kazakhstan-and-turkmenistan-abc123',
    language: 'en',
    title: 'Kazakhstan and Turkmenistan sign a deal',
    summary: 'The presidents met in Astana.',
    authors: ['A. Author'],
    tags: ['Turkmenistan'],
    imageUrl: null,
    publishedAt: '2025-11-05T06:07:08.000Z',
    updatedAt: '2025-11-05T06:07:08.000Z',
    body: { sections: [{ paragraphs: ['Trade grew by 5.4%.'] }] },
    relations: { kind: 'bilateral', countries: ['KZ', 'TM'], pair: 'KZ-TM', kazakhstanInvolved: true, confidence: 0.9, topics: ['trade'], signals: [] },
    ...overrides,
  };
}

const links = { self: 'https://feeds.example.org/feeds/all.xml' };
const render = (e: IndexEntry) => {
  const spec = feedSpec('feeds/all.xml', [e]);
  return { xml: renderRss(spec, links, '2025-11-06T00:00:00.000Z'), json: renderJsonFeed(spec, { ...links, self: 'https://feeds.example.org/feeds/all.json' }) };
};

describe('sanitizeFeedHtml: the allowlist for HTML in feeds', () => {
  it.each([
    ['a script, with its content', '<p>a</p><script>alert(1)</script>', '<p>a</p>'],
    ['a style element, with its content', '<style>p{color:red}</style><p>a</p>', '<p>a</p>'],
    ['an iframe', '<p>a<iframe src="https://evil.example/"></iframe></p>', '<p>a</p>'],
    ['object and embed', '<object data="x.swf"></object><embed src="x.swf"><p>a</p>', '<p>a</p>'],
    ['inline SVG with a script', '<svg onload="alert(1)"><script>alert(1)</script></svg><p>a</p>', '<p>a</p>'],
    ['event handlers', '<p onclick="alert(1)" onmouseover="x()">a</p>', '<p>a</p>'],
    ['style and class attributes', '<p style="position:fixed" class="x" id="y">a</p>', '<p>a</p>'],
    ['a javascript: link', '<a href="javascript:alert(1)">a</a>', '<a>a</a>'],
    ['a javascript: link in disguise', '<a href=" JaVaScRiPt:alert(1)">a</a>', '<a>a</a>'],
    ['an entity-encoded javascript: link', '<a href="&#106;avascript:alert(1)">a</a>', '<a>a</a>'],
    ['a data: URL', '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">a</a>', '<a>a</a>'],
    ['a data: image', '<img src="data:image/svg+xml,<svg onload=alert(1)>">', ''],
    ['a vbscript: link', '<a href="vbscript:msgbox(1)">a</a>', '<a>a</a>'],
    ['a protocol-relative link', '<a href="//evil.example/">a</a>', '<a>a</a>'],
    ['a relative link', '<a href="/ru/page">a</a>', '<a>a</a>'],
    ['a form', '<form action="https://evil.example/"><input name="q"><button>go</button></form>', 'go'],
    ['a meta refresh', '<meta http-equiv="refresh" content="0;url=https://evil.example/"><p>a</p>', '<p>a</p>'],
    ['a base element', '<base href="https://evil.example/"><p>a</p>', '<p>a</p>'],
  ])('removes %s', (_what, html, expected) => {
    expect(sanitizeFeedHtml(html)).toBe(expected);
  });

  it('keeps structure and absolute links, and writes Kazinform links as https', () => {
    expect(sanitizeFeedHtml('<h2>T</h2><p>See <a href="http://www.inform.kz/en/x-abc123">this</a> and <a href="https://example.org/a?b=1&amp;c=2">that</a>.</p>'))
      .toBe('<h2>T</h2><p>See <a href="https://www.inform.kz/en/x-abc123">this</a> and <a href="https://example.org/a?b=1&amp;c=2">that</a>.</p>');
  });

  it('removes control characters and lone surrogates', () => {
    expect(sanitizeFeedHtml('<p>a\u0000b\u0007c\u001Bd\u007Fe\u0085f\uD800g\uFFFEh 😀</p>')).toBe('<p>abcdefgh 😀</p>');
  });
});

describe('feedLink', () => {
  it('publishes absolute http(s) links only, Kazinform hosts over https, local replay hosts as served', () => {
    expect(feedLink('http://www.inform.kz/ru/x-abc123')).toBe('https://www.inform.kz/ru/x-abc123');
    expect(feedLink('https://kaz.inform.kz:8443/kz/x-abc123')).toBe('https://kaz.inform.kz/kz/x-abc123');
    expect(feedLink('http://127.0.0.1:8080/ru/x-abc123')).toBe('http://127.0.0.1:8080/ru/x-abc123');
    expect(['javascript:alert(1)', 'data:text/html,x', '/ru/x', '//evil.example/x', 'ftp://x.example/', '', null].map(feedLink)).toEqual([null, null, null, null, null, null, null]);
  });
});

describe('hostile article text in the published feeds', () => {
  const hostile = entry({
    title: 'Deal ]]> signed <script>alert("t")</script> & <b>more</b>\u0001',
    summary: 'Lead <img src=x onerror=alert(1)> ]]><![CDATA[ x',
    authors: ['<a href="javascript:alert(1)">Name</a>'],
    tags: ['<iframe src=//evil.example>'],
    body: { sections: [{ heading: '<style>*{display:none}</style>', paragraphs: ['<a href="javascript:alert(1)">click</a> \uD800 data:text/html,<script>x</script>'] }] },
  });
  const { xml, json } = render(hostile);

  it('writes RSS that parses back to the very same text', async () => {
    const [item] = (await new Parser().parseString(xml)).items;
    expect(item?.title).toBe('Deal ]]> signed <script>alert("t")</script> & <b>more</b>');
    expect(item?.creator).toBe('<a href="javascript:alert(1)">Name</a>');
    expect(item?.categories).toEqual(['<iframe src=//evil.example>', 'KZ-TM']);
  });

  it('keeps markup-looking text as text in RSS description and content (escaped HTML, no live markup)', async () => {
    const [item] = (await new Parser().parseString(xml)).items;
    expect(item?.content).toBe('<div lang="en" dir="ltr">\n<p>Lead &lt;img src=x onerror=alert(1)&gt; ]]&gt;&lt;![CDATA[ x</p>\n</div>');
    const content = item?.['content:encoded'] as string;
    expect(content).toBe([
      '<div lang="en" dir="ltr">',
      '<p><strong>Lead &lt;img src=x onerror=alert(1)&gt; ]]&gt;&lt;![CDATA[ x</strong></p>',
      '<h2>&lt;style&gt;*{display:none}&lt;/style&gt;</h2>',
      '<p>&lt;a href="javascript:alert(1)"&gt;click&lt;/a&gt;  data:text/html,&lt;script&gt;x&lt;/script&gt;</p>',
      '</div>',
    ].join('\n'));
  });

  it('writes "&" and "<" in plain-text elements as hexadecimal references, as the RSS Profile asks', () => {
    expect(xml).toContain('<title>Deal ]]&gt; signed &#x3C;script&gt;alert(&quot;t&quot;)&#x3C;/script&gt; &#x26; &#x3C;b&gt;more&#x3C;/b&gt;</title>');
    expect(xml).toContain('<dc:creator>&#x3C;a href=&quot;javascript:alert(1)&quot;&gt;Name&#x3C;/a&gt;</dc:creator>');
    expect(xml).toContain('<category>&#x3C;iframe src=//evil.example&gt;</category>');
  });

  it('writes no raw markup and no CDATA terminator into the XML', () => {
    expect(xml).not.toMatch(/<(script|style|iframe|img|a)\b/i);
    expect(xml).not.toContain(']]>');
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
  });

  it('writes JSON Feed whose text is the same text and whose HTML is escaped text', () => {
    const [item] = JSON.parse(json).items;
    expect(item.title).toBe('Deal ]]> signed <script>alert("t")</script> & <b>more</b>');
    expect(item.summary).toBe('Lead <img src=x onerror=alert(1)> ]]><![CDATA[ x');
    expect(item.content_html).not.toMatch(/<(script|style|iframe|img)\b|<a\s|<[a-z][^>]*\son\w+\s*=/i);
    expect(item.content_html).toContain('&lt;a href="javascript:alert(1)"&gt;click&lt;/a&gt;');
    expect(json).not.toMatch(/\\u(00[01][0-9a-f]|d[89ab][0-9a-f]{2})/i); // no control characters or lone surrogates, even escaped
  });

  it('publishes the article link over https for Kazinform hosts, and an http image link of Kazinform as https', async () => {
    const { xml: x, json: j } = render(entry({ url: 'http://www.inform.kz/en/x-abc123', imageUrl: 'http://static.inform.kz/img/1.jpg' }));
    expect((await new Parser().parseString(x)).items[0]?.link).toBe('https://www.inform.kz/en/x-abc123');
    expect(JSON.parse(j).items[0]).toMatchObject({ url: 'https://www.inform.kz/en/x-abc123', image: 'https://static.inform.kz/img/1.jpg' });
  });

  it('builds article HTML only from allowlisted elements', () => {
    const html = articleHtml(hostile);
    const tags = [...html.matchAll(/<\/?([a-z0-9]+)/gi)].map((m) => m[1]?.toLowerCase());
    expect([...new Set(tags)].sort()).toEqual(['div', 'h2', 'p', 'strong']);
  });
});
