import { beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../schemas/article.ts';
import { compareWithGolden, GOLDEN_ORIGIN, type GoldenArticle, goldenArticles, processSamplePage } from '../support/golden.ts';

const goldens = await goldenArticles();

describe.each(goldens.map((g) => [g.id, g] as const))('sample page %s becomes its hand-written canonical article', (_id, golden: GoldenArticle) => {
  let article: Article | null;
  let issues: unknown[];
  beforeAll(async () => {
    ({ article, issues } = await processSamplePage(golden));
  });

  it('validates against the article schema', () => {
    expect(issues).toEqual([]);
  });

  it('is extracted by the extractor its markup was written for', () => {
    expect(article?.provenance.extractor).toBe(golden.expected.extractor);
  });

  it('matches the expectation in every field', () => {
    const verdicts = compareWithGolden(article as Article, golden);
    const wrong = Object.entries(verdicts).filter(([, ok]) => !ok).map(([field]) => field);
    if (wrong.length) {
      const e = golden.expected;
      const a = article as Article;
      expect({ wrong, got: { title: a.title, summary: a.summary, dateline: a.dateline, publishedAt: a.publishedAt, updatedAt: a.updatedAt, language: a.language, relations: a.relations, figures: a.figures, sections: a.body.sections, authors: a.authors, tags: a.tags, imageUrl: a.imageUrl, url: a.url, extractor: a.provenance.extractor } })
        .toEqual({ wrong: [], got: { title: e.title, summary: e.summary, dateline: e.datelinePlace && { place: e.datelinePlace }, publishedAt: e.publishedAt, updatedAt: e.updatedAt, language: e.language, relations: expect.anything(), figures: expect.anything(), sections: e.sections, authors: e.authors, tags: e.tags, imageUrl: e.imageUrl?.replaceAll('{{origin}}', GOLDEN_ORIGIN) ?? null, url: `${GOLDEN_ORIGIN}${golden.path}`, extractor: e.extractor } });
    }
  });
});
