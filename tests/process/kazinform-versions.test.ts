import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { extractPage } from '../../functions/process/extract/index.ts';
import { kazinformVersion } from '../../functions/process/extract/kazinform/index.ts';

const URL_ = 'https://www.inform.kz/ru/peregovory-v-akorde/';

const page2026 = `<!doctype html><html lang="ru"><head><title>Переговоры | Kazinform</title></head><body>
<header><nav><a href="/ru/">Главная</a></nav></header>
<main><article class="article">
<h1 class="article__title">Переговоры в Акорде</h1>
<div class="article__meta"><time class="meta-date">21:38, 18 Августа 2026</time> <a class="article__author" href="/author/1">Автор Первый</a></div>
<figure class="article__image"><img src="/img/2026.jpg" alt=""><figcaption>Фото: Акорда</figcaption></figure>
<div class="article__content">
<p>АСТАНА. KAZINFORM — Первый абзац, он же лид.</p>
<p>Второй абзац.</p>
<h2>Подзаголовок</h2>
<p>Третий абзац.</p>
<p><strong>Читайте также:</strong> <a href="/ru/x/">Другое</a></p>
</div>
<div class="article__tags"><a href="/ru/tags/1">Дипломатия</a><a href="/ru/tags/2">Акорда</a></div>
</article></main></body></html>`;

const page2024 = `<html><body><article class="article"><h1 class="article__title">Old</h1>
<div class="article__description"><p>ASTANA. KAZINFORM – Lead.</p></div><div class="article__body-text"><p>Body.</p></div></article></body></html>`;

describe('the Kazinform extractor versions, chosen by the page', () => {
  it('reads the 2026 markup: the lead is the first paragraph of the content, sub-headings open sections', () => {
    const page = extractPage(page2026, URL_);
    expect(page.extractor).toBe('kazinform@2026-08');
    expect(page.layoutBroken).toBe(false);
    expect(page.fields).toMatchObject({
      title: 'Переговоры в Акорде',
      lead: 'АСТАНА. KAZINFORM — Первый абзац, он же лид.',
      sections: [{ paragraphs: ['Второй абзац.'] }, { heading: 'Подзаголовок', paragraphs: ['Третий абзац.'] }],
      authors: ['Автор Первый'],
      tags: ['Дипломатия', 'Акорда'],
      imageUrl: 'https://www.inform.kz/img/2026.jpg',
      imageCaption: 'Фото: Акорда',
      published: '21:38, 18 Августа 2026',
    });
  });

  it('names the version that produced each field, and the fallbacks for the fields it lacks', () => {
    const withMeta = page2026.replace('</head>', '<meta property="og:image" content="https://www.inform.kz/og.jpg"></head>');
    const { sources } = extractPage(withMeta, URL_);
    expect(sources).toMatchObject({ title: 'kazinform@2026-08', lead: 'kazinform@2026-08', sections: 'kazinform@2026-08', published: 'kazinform@2026-08', imageUrl: 'meta' });
  });

  it('takes a content of one paragraph as the body, not as a lead with nothing after it', () => {
    const page = extractPage('<article><h1>Коротко</h1><div class="article__content"><p>АСТАНА. KAZINFORM — Одна фраза.</p></div></article>', URL_);
    expect(page.fields.lead).toBeUndefined();
    expect(page.fields.sections).toEqual([{ paragraphs: ['АСТАНА. KAZINFORM — Одна фраза.'] }]);
  });

  it('still reads the 2024 markup with kazinform@2024-01', () => {
    expect(extractPage(page2024, URL_).extractor).toBe('kazinform@2024-01');
  });

  it('gives a page holding the markers of both versions to the newer', () => {
    const both = page2024.replace('</article>', '<div class="article__content"><p>New.</p></div></article>');
    expect(kazinformVersion(parse(both))?.name).toBe('kazinform@2026-08');
  });

  it('chooses no version for a page in neither markup: the fallbacks read it and the page is flagged', () => {
    const html = '<html><head><meta property="og:title" content="Story | Kazinform"></head><body><div class="story"><p>A paragraph of the body, long enough to count.</p></div></body></html>';
    const page = extractPage(html, URL_);
    expect(kazinformVersion(parse(html))).toBeUndefined();
    expect(page.layoutBroken).toBe(true);
    expect(page.extractor).toBe('generic');
    expect(page.sources).toEqual({ title: 'meta', sections: 'generic' });
  });

  it('does not take an empty content container for the 2026 markup', () => {
    expect(kazinformVersion(parse('<div class="article__content"></div><div class="story"><p>Text.</p></div>'))).toBeUndefined();
  });
});
