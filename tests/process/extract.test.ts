import { describe, expect, it } from 'vitest';
import { extractPage } from '../../functions/process/extract/index.ts';

const URL_ = 'https://www.inform.kz/en/talks-4c1e9a';

const sitePage = `<!doctype html><html lang="en"><head>
<title>Talks held | Kazinform</title>
<meta property="og:title" content="Talks held | Kazinform">
<meta property="og:image" content="/img/1.jpg">
<meta property="article:published_time" content="2025-11-24T10:30:00+05:00">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Talks held (JSON-LD)","datePublished":"2025-11-24T10:31:00+05:00","author":[{"@type":"Person","name":"A. Writer"}]}</script>
</head><body><header><nav><a href="/">Home</a></nav></header>
<article class="article">
<h1 class="article__title">Talks held</h1>
<div class="article__info"><span class="article__time">10:30, 24 November 2025</span><a class="article__author">Site Author</a></div>
<div class="article__description"><p>ASTANA. KAZINFORM – The lead.</p></div>
<div class="article__body-text">
<p>First paragraph.</p>
<h2>Trade</h2>
<p>Second &amp; third.</p>
<ul><li>One item</li><li>Two item</li></ul>
<blockquote>A quote.</blockquote>
<p><strong>Read also:</strong> <a href="/x">Other news</a></p>
<div class="article__share">Share Telegram</div>
</div>
<div class="article__tags"><a class="article__tag">Diplomacy</a></div>
</article></body></html>`;

describe('extractPage', () => {
  it('takes text fields from the Kazinform markup, in document order, with sub-headings as sections', () => {
    const page = extractPage(sitePage, URL_);
    expect(page.extractor).toBe('kazinform@2024-01');
    expect(page.fields.title).toBe('Talks held');
    expect(page.fields.lead).toBe('ASTANA. KAZINFORM – The lead.');
    expect(page.fields.sections).toEqual([
      { paragraphs: ['First paragraph.'] },
      { heading: 'Trade', paragraphs: ['Second & third.', 'One item', 'Two item', 'A quote.'] },
    ]);
    expect(page.fields.authors).toEqual(['Site Author']);
    expect(page.fields.tags).toEqual(['Diplomacy']);
    expect(page.layoutBroken).toBe(false);
  });

  it('trusts JSON-LD dates over meta tags over the displayed time, and resolves the image URL', () => {
    const page = extractPage(sitePage, URL_);
    expect(page.fields.published).toBe('2025-11-24T10:31:00+05:00');
    expect(page.sources.published).toBe('json-ld');
    expect(page.fields.imageUrl).toBe('https://www.inform.kz/img/1.jpg');
  });

  it('falls back to JSON-LD and meta tags when the site markup is missing, and flags the broken layout', () => {
    const html = `<html><head><meta property="og:title" content="Meta title | Kazinform">
<meta property="article:published_time" content="2025-11-24T10:30:00+05:00"></head>
<body><div class="story"><p>A long enough paragraph of the article body, with words.</p><p>Another paragraph of the body.</p></div>
<footer><p>Copyright footer text that is long but is furniture.</p></footer></body></html>`;
    const page = extractPage(html, URL_);
    expect(page.fields.title).toBe('Meta title | Kazinform');
    expect(page.sources.title).toBe('meta');
    expect(page.extractor).toBe('generic');
    expect(page.fields.sections).toEqual([{ paragraphs: ['A long enough paragraph of the article body, with words.', 'Another paragraph of the body.'] }]);
    expect(page.layoutBroken).toBe(true);
  });

  it('finds nothing on a page without content, instead of inventing a body', () => {
    const page = extractPage('<html><body><nav><a href="/">Home</a></nav></body></html>', URL_);
    expect(page.fields.sections).toBeUndefined();
    expect(page.extractor).toBe('none');
  });

  it('never lets script or style text into the body', () => {
    const html = `<article class="article"><div class="article__body-text"><p>Safe text.</p><script>alert("x")</script><style>p{}</style></div></article>`;
    expect(extractPage(html, URL_).fields.sections).toEqual([{ paragraphs: ['Safe text.'] }]);
  });
});
