import { describe, expect, it } from 'vitest';
import type { SourceItem } from '../../schemas/source-item.ts';
import { buildArticle } from '../../functions/process/article.ts';
import { extractPage } from '../../functions/process/extract/index.ts';
import { examinePage, judgePage } from '../../functions/process/index.ts';

const url = 'https://www.inform.kz/en/talks-4c1e9a';
const item: SourceItem = { id: 'en-4c1e9a', url, feedUrl: 'https://www.inform.kz/rss/eng.xml', title: 'Feed title', publishedAt: null, feedLanguage: 'en' };
const context = { item, finalUrl: url, fetchedAt: '2025-11-25T00:00:00.000Z', rawKey: 'raw/2025/11/25/en-4c1e9a.html.gz', pipelineVersion: 'test' };

function page(body: string, head = ''): ReturnType<typeof extractPage> {
  return extractPage(`<html><head>${head}</head><body><article class="article"><h1 class="article__title">Kazakhstan and Turkmenistan hold talks</h1>
<div class="article__description"><p>ASTANA. KAZINFORM – The presidents of Kazakhstan and Turkmenistan held talks.</p></div>
<div class="article__body-text">${body}</div></article></body></html>`, url);
}

describe('buildArticle', () => {
  it('rejects a page whose publication time is stated nowhere, naming the field', () => {
    const { result } = buildArticle(page('<p>The sides signed an agreement on transit.</p>'), context);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['publishedAt', 'updatedAt']);
  });

  it("takes the feed's pubDate when the page has no date, and the update time equals it", () => {
    const { result } = buildArticle(page('<p>The sides signed an agreement on transit.</p>'), { ...context, item: { ...item, publishedAt: '2025-11-24T05:00:00.000Z' } });
    expect(result.success).toBe(true);
    expect(result.data?.publishedAt).toBe('2025-11-24T05:00:00.000Z');
    expect(result.data?.updatedAt).toBe('2025-11-24T05:00:00.000Z');
  });

  it('rejects a page without a body', () => {
    const { result } = buildArticle(page('', '<meta property="article:published_time" content="2025-11-24T10:00:00+05:00">'), context);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['body.sections']);
  });

  it('never lets an update precede publication', () => {
    const head = '<meta property="article:published_time" content="2025-11-24T10:00:00+05:00"><meta property="article:modified_time" content="2025-11-23T10:00:00+05:00">';
    const { result } = buildArticle(page('<p>Text.</p>', head), context);
    expect(result.data?.publishedAt).toBe('2025-11-24T05:00:00.000Z');
    expect(result.data?.updatedAt).toBe('2025-11-24T05:00:00.000Z');
  });

  it('parses the dateline off the lead, strips the site suffix and hashes title and body', () => {
    const head = '<meta property="article:published_time" content="2025-11-24T10:00:00+05:00">';
    const { result } = buildArticle(page('<p>The sides signed an agreement on transit.</p>', head), context);
    expect(result.data?.dateline).toEqual({ place: 'ASTANA' });
    expect(result.data?.summary).toBe('The presidents of Kazakhstan and Turkmenistan held talks.');
    expect(result.data?.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(result.data?.relations).toMatchObject({ kind: 'bilateral', pair: 'KZ-TM' });
  });

  it('takes the lead and its dateline from the body when the page has no lead element', () => {
    const html = `<html><head><meta property="article:published_time" content="2025-11-24T10:00:00+05:00"></head><body>
<article class="article"><h1 class="article__title">Talks held</h1><div class="article__body-text">
<p>ASTANA. KAZINFORM – The presidents of Kazakhstan and Turkmenistan held talks.</p><p>They signed a transit agreement.</p></div></article></body></html>`;
    const { result } = buildArticle(extractPage(html, url), context);
    expect(result.data?.dateline).toEqual({ place: 'ASTANA' });
    expect(result.data?.summary).toBe('The presidents of Kazakhstan and Turkmenistan held talks.');
    expect(result.data?.body.sections).toEqual([{ paragraphs: ['They signed a transit agreement.'] }]);
  });
});

describe('authors from the dateline', () => {
  it('adds the author an older Russian dateline names to the page\'s authors', () => {
    const html = `<html><head><meta property="article:published_time" content="2014-05-24T10:00:00+06:00"></head><body><article class="article">
<h1 class="article__title">Назарбаев провел переговоры</h1><span class="article__author">Редакция</span>
<div class="article__description">АСТАНА. 24 мая. КАЗИНФОРМ /Иван Петров/ - Президенты провели переговоры.</div>
<div class="article__body-text"><p>Стороны подписали соглашение.</p></div></article></body></html>`;
    const { result } = buildArticle(extractPage(html, url), context);
    expect(result.data?.authors).toEqual(['Редакция', 'Иван Петров']);
    expect(result.data?.summary).toBe('Президенты провели переговоры.');
  });
});

describe('judgePage', () => {
  it('turns an exception in extraction into a rejection naming the stage and where it was thrown', () => {
    const fetched = { item, html: null as unknown as string, finalUrl: url, fetchedAt: context.fetchedAt };
    const verdict = judgePage(examinePage(fetched), fetched, context.rawKey, 'test');
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.error).toMatchObject({ stage: 'extract', name: 'TypeError', frame: expect.stringMatching(/^at /) });
    expect(verdict.reason).toMatch(/^extract failed: TypeError: .* \(at .*\): https:\/\/www\.inform\.kz\/en\/talks-4c1e9a$/);
  });

  it('rejects a page dated more than a day after it was fetched (a mistyped year), naming publishedAt; a few hours ahead pass', () => {
    const html = (published: string) => `<html><head><meta property="article:published_time" content="${published}"></head><body><article class="article"><h1 class="article__title">Kazakhstan and Turkmenistan hold talks</h1>
<div class="article__description"><p>ASTANA. KAZINFORM – The presidents of Kazakhstan and Turkmenistan held talks.</p></div><div class="article__body-text"><p>They agreed on transit.</p></div></article></body></html>`;
    const verdict = (published: string) => {
      const fetched = { item, html: html(published), finalUrl: url, fetchedAt: context.fetchedAt };
      return judgePage(examinePage(fetched), fetched, context.rawKey, 'test');
    };
    const future = verdict('2099-01-01T09:00:00+05:00');
    expect(future.ok).toBe(false);
    if (future.ok) return;
    expect(future.reason).toBe(`invalid article: publishedAt 2099-01-01T04:00:00.000Z is more than a day after the page was fetched (${context.fetchedAt}): ${url}`);
    expect(future.issues).toEqual([{ path: ['publishedAt'], message: `after the page was fetched (${context.fetchedAt})`, code: 'custom' }]);
    expect(verdict('2025-11-25T10:00:00+05:00').ok).toBe(true);
  });
});
