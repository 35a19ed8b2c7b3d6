import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBody } from '../../functions/lib/charset.ts';
import { extractPage, type PageExtraction } from '../../functions/process/extract/index.ts';
import { examinePage, type FetchedPage, judgePage } from '../../functions/process/index.ts';
import { Article } from '../../schemas/article.ts';
import { SAMPLE_SITE, sampleSiteIndex } from '../support/stack.ts';
import { dateish, hostileText, paragraphText, tagSoup, urlish } from './arbitraries.ts';
import { countFuzzRuns, fuzzRuns, reportFuzzRuns } from './count.ts';

afterAll(() => reportFuzzRuns('fuzz/extract'));

const URL_ = 'https://www.inform.kz/en/kazakhstan-and-turkmenistan-abc123';
const optionalString = (v: unknown) => v === undefined || typeof v === 'string';
const strings = (v: unknown) => v === undefined || (Array.isArray(v) && v.every((s) => typeof s === 'string'));

/** The shape extractPage promises, whatever the page. */
function checkShape(page: PageExtraction) {
  const f = page.fields;
  for (const key of ['title', 'lead', 'imageUrl', 'imageCaption', 'canonicalUrl', 'published', 'modified', 'language'] as const) expect(optionalString(f[key]), key).toBe(true);
  expect(strings(f.authors)).toBe(true);
  expect(strings(f.tags)).toBe(true);
  for (const section of f.sections ?? []) {
    expect(optionalString(section.heading)).toBe(true);
    expect(strings(section.paragraphs)).toBe(true);
  }
  expect(typeof page.extractor).toBe('string');
  expect(typeof page.layoutBroken).toBe('boolean');
}

/** Markup aimed at the head + article scan (locate.ts): nesting, raw text, quotes, the site's own classes. */
const SCAN_HAZARDS = [
  '<div>', '</div>', '<p>', '</p>', '<li>', '<td>', '<h2>', '</article>', '<article class="article">', '<article>', '<div class="article__body-text">',
  '<div class="article__content"><p>x</p></div>', '<script>', '</script>', '<script>"</div></article>"</script>', '<!--', '-->', '<!-- </div> -->',
  '<a title="x>y">', "<a title='</div>'>", '<meta property="og:title" content="Injected">', '<meta property="article:tag" content="Injected">',
  '<link rel="canonical" href="/injected">', '<title>Injected</title>', '<h1>Injected</h1>', '<script type="application/ld+json">{"@type":"NewsArticle","headline":"Injected"}</script>',
  '<DIV>', '</DIV>', '<div/>', '<br/>', '<Br>', '<pre>', '</pre>', '<span class="article__tag">Injected</span>', '<body>', '<html lang="xx">', '"', "'", '<', '>', '<div\u1680class="article">', '<![CDATA[x]]>',
  '<b>', '<dt>', '<tr>', '<P>', '<p/>', '<img src=x/>', '<div a=x/>', '<div a=x />', '<div class=article__body-text>', '<i id=" class=article">',
  '<svg><title>t</title></svg>', '<h1 class="article__title">Injected</h1>', '<time class="meta-date">1</time>',
];

describe('extractPage, fuzzed', () => {
  let pages: string[] = [];
  beforeAll(async () => {
    const { articles } = await sampleSiteIndex();
    pages = await Promise.all(articles.map(async (a) => decodeBody(await readFile(join(SAMPLE_SITE, (a as unknown as { file: string }).file)), 'text/html')));
  });

  it('never throws on tag soup or arbitrary text, and returns fields of the promised types', () => {
    const property = fc.property(fc.oneof(tagSoup(40), hostileText(40), fc.string({ unit: 'binary', maxLength: 400 })), (html) => {
      checkShape(extractPage(html, URL_));
    });
    fc.assert(countFuzzRuns('extractPage tag soup', property), { numRuns: fuzzRuns(300) });
  });

  it('never throws on the sample pages cut short, with hostile markup inserted anywhere', () => {
    const property = fc.property(fc.nat(14), fc.double({ min: 0, max: 1, noNaN: true }), fc.oneof(fc.constant(''), tagSoup(6), hostileText(4)), (which, at, insert) => {
      const page = pages[which % pages.length] as string;
      const cut = Math.floor(at * page.length);
      const mutated = insert ? page.slice(0, cut) + insert + page.slice(cut) : page.slice(0, cut);
      checkShape(extractPage(mutated, URL_));
    });
    fc.assert(countFuzzRuns('extractPage mutated samples', property), { numRuns: fuzzRuns(200) });
  });

  it('finds no body in a page that has none, whatever its head says', () => {
    const property = fc.property(hostileText(6), (title) => {
      const page = extractPage(`<html><head><title>${title.replace(/</g, '&lt;')}</title><meta property="og:title" content="x"></head><body></body></html>`, URL_);
      expect(page.fields.sections ?? []).toEqual([]);
      expect(page.extractor).toBe('none');
    });
    fc.assert(countFuzzRuns('extractPage bodiless pages', property), { numRuns: fuzzRuns(100) });
  });

  it('extracts what the whole-page parse extracts, cut to head + article or not, whatever markup is inserted anywhere in a sample page', () => {
    const insertion = fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.oneof(fc.constantFrom(...SCAN_HAZARDS), tagSoup(3)));
    const property = fc.property(fc.nat(23), fc.array(insertion, { minLength: 1, maxLength: 3 }), (which, insertions) => {
      let html = pages[which % pages.length] as string;
      for (const [at, text] of insertions) {
        const cut = Math.floor(at * html.length);
        html = html.slice(0, cut) + text + html.slice(cut);
      }
      const { parse: _a, ...auto } = extractPage(html, URL_);
      const { parse: _w, ...whole } = extractPage(html, URL_, { parse: 'document' });
      expect(auto).toEqual(whole);
    });
    fc.assert(countFuzzRuns('extractPage head + article vs whole page', property), { numRuns: fuzzRuns(1000) });
  });
});

/** An attribute value safe inside double quotes (the hostility is in what it says, not in breaking out). */
const attr = (value: string) => value.replaceAll('&', '&amp;').replaceAll('"', '&quot;');
const text = (value: string) => value.replaceAll('&', '&amp;').replaceAll('<', '&lt;');

interface PageFields {
  title: string; lead: string; paragraphs: string[]; image: string; shown: string; author: string; depth: number; wrapper: string; hugeAttribute: number;
}

const nested = (f: PageFields, inner: string) => `${`<${f.wrapper}>`.repeat(f.depth)}${inner}${`</${f.wrapper}>`.repeat(f.depth)}`;

/** The article in kazinform@2024-01's markup. */
const body2024 = (f: PageFields) => `<div class="article" data-x="${'x'.repeat(f.hugeAttribute)}"><h1 class="article__title">${text(f.title)}</h1><div class="article__info"><span class="article__time">${text(f.shown)}</span><span class="article__author">${text(f.author)}</span></div>
<div class="article__photo"><img src="${attr(f.image)}"></div><div class="article__description">${text(f.lead)}</div>
<div class="article__body-text">${nested(f, f.paragraphs.map((p) => `<p>${text(p)}</p>`).join(''))}</div></div>`;

/** The article in kazinform@2026-08's markup: the lead is the content's first paragraph. */
const body2026 = (f: PageFields) => `<article data-x="${'x'.repeat(f.hugeAttribute)}"><h1>${text(f.title)}</h1><div class="article__meta"><time>${text(f.shown)}</time><span class="article__author">${text(f.author)}</span></div>
<figure class="article__image"><img src="${attr(f.image)}"><figcaption>${text(f.author)}</figcaption></figure>
<div class="article__content">${nested(f, [f.lead, ...f.paragraphs].map((p) => `<p>${text(p)}</p>`).join(''))}</div><div class="article__tags"><a href="/tag">${text(f.author)}</a></div></article>`;

/** A Kazinform-shaped page, in either markup, whose every field comes from its edge cases. */
const articlePage = fc.record({
  title: paragraphText(),
  lead: paragraphText(),
  paragraphs: fc.array(paragraphText(), { maxLength: 4 }),
  image: urlish(),
  canonical: urlish(),
  jsonLdImage: fc.oneof(urlish().map((u) => JSON.stringify(u)), urlish().map((u) => JSON.stringify({ url: u })), fc.constantFrom('null', '[]', '{}', '[[[[', '{"url": 5}', `${'['.repeat(5_000)}${']'.repeat(5_000)}`)),
  published: dateish(),
  modified: dateish(),
  shown: dateish(),
  author: hostileText(3),
  depth: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 6_000 }) }),
  wrapper: fc.constantFrom('div', 'span', 'section', 'b', 'li', 'blockquote'),
  hugeAttribute: fc.nat(300_000),
  // Each version of the site's markup, so each site extractor meets every edge case.
  markup: fc.constantFrom('2024', '2026'),
}).map((f) => `<!DOCTYPE html><html lang="${attr(f.author)}"><head><title>${text(f.title)} | Kazinform</title>
<meta property="og:image" content="${attr(f.image)}"><link rel="canonical" href="${attr(f.canonical)}"><meta property="og:url" content="${attr(f.canonical)}">
<meta property="article:published_time" content="${attr(f.published)}"><meta property="article:modified_time" content="${attr(f.modified)}"><meta name="author" content="${attr(f.author)}">
<script type="application/ld+json">{"@type":"NewsArticle","headline":${JSON.stringify(f.title)},"image":${f.jsonLdImage},"url":${JSON.stringify(f.canonical)},"datePublished":${JSON.stringify(f.published)}}</script></head>
<body>${f.markup === '2024' ? body2024(f) : body2026(f)}</body></html>`);

describe('processing a fetched page, fuzzed field by field', () => {
  const item = { id: 'ru-abc123', url: 'https://www.inform.kz/ru/x-abc123', feedUrl: 'https://www.inform.kz/rss/rus.xml', title: 'Feed title', publishedAt: null, feedLanguage: 'ru' };

  it('never throws: every page becomes a valid article or a rejection with its reason, and no exception is caught on the way', () => {
    const property = fc.property(articlePage, (html) => {
      const page: FetchedPage = { item, html, finalUrl: item.url, fetchedAt: '2025-11-24T10:00:00.000Z' };
      const examined = examinePage(page);
      const verdict = judgePage(examined, page, 'raw/2025/11/24/ru-abc123.html.gz', '0.0.0');
      if (verdict.ok) {
        expect(Article.safeParse(verdict.article).success).toBe(true);
        expect(JSON.stringify(verdict.article)).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u061C]/);
      } else {
        expect(verdict.reason).not.toBe('');
        expect(verdict.error).toBeUndefined();
      }
    });
    fc.assert(countFuzzRuns('processing fuzzed article pages', property), { numRuns: fuzzRuns(60) });
  });
});
