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
});
