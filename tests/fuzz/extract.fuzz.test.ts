import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBody } from '../../functions/lib/charset.ts';
import { extractPage, type PageExtraction } from '../../functions/process/extract/index.ts';
import { SAMPLE_SITE, sampleSiteIndex } from '../support/stack.ts';
import { hostileText, tagSoup } from './arbitraries.ts';
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
