import { readFile } from 'node:fs/promises';
import { isDeepStrictEqual } from 'node:util';
import { join } from 'node:path';
import type { Article } from '../../schemas/article.ts';
import { readSource } from '../../functions/ingest/read-source.ts';
import { decodeBody } from '../../functions/lib/charset.ts';
import { buildArticle } from '../../functions/process/article.ts';
import { extractPage } from '../../functions/process/extract/index.ts';
import { SAMPLE_SITE } from './stack.ts';

/** The origin the sample pages are given when read without a server: Kazinform's own. */
export const GOLDEN_ORIGIN = 'https://www.inform.kz';

export interface GoldenArticle {
  id: string;
  path: string;
  file: string;
  charset: string;
  feed: string;
  expected: {
    language: string;
    kind: string;
    pair: string | null;
    countries: string[];
    kazakhstanInvolved: boolean;
    publishedAt: string;
    updatedAt: string;
    datelinePlace: string | null;
    title: string;
    summary: string;
    authors: string[];
    tags: string[];
    imageUrl: string | null;
    topics: string[];
    sections: { heading?: string; paragraphs: string[] }[];
    figures: { kind: string; value: number; unit: string; raw: string; paragraph: number }[];
    /**
     * The version of the Kazinform extractor whose markup the page is in (`provenance.extractor`):
     * a silent fall-back to another extractor fails the page.
     */
    extractor: string;
  };
}

export async function goldenArticles(): Promise<GoldenArticle[]> {
  return (JSON.parse(await readFile(join(SAMPLE_SITE, 'site.json'), 'utf8')) as { articles: GoldenArticle[] }).articles;
}

async function siteFile(file: string): Promise<Buffer> {
  const bytes = await readFile(join(SAMPLE_SITE, file));
  return Buffer.from(bytes.toString('latin1').replaceAll('{{origin}}', GOLDEN_ORIGIN), 'latin1');
}

/**
 * What the process stage makes of a sample page, without servers: source item → page → article.
 * `rewrite` alters the page first (the evaluation hides a version's markers with it).
 */
export async function processSamplePage(golden: GoldenArticle, rewrite: (html: string) => string = (html) => html): Promise<{ article: Article | null; candidate: unknown; issues: unknown[] }> {
  const feedUrl = `${GOLDEN_ORIGIN}/${golden.feed}`;
  const feed = readSource((await siteFile(golden.feed)).toString('utf8'), '', { url: feedUrl });
  const item = feed.items.find((i) => i.id === golden.id);
  if (!item) throw new Error(`${golden.feed} lists no item ${golden.id}`);
  const contentType = golden.charset.toLowerCase() === 'utf-8' ? 'text/html; charset=utf-8' : 'text/html';
  const html = rewrite(decodeBody(await siteFile(golden.file), contentType));
  const fetchedAt = '2025-11-25T00:00:00.000Z';
  const page = extractPage(html, item.url);
  const { candidate, result } = buildArticle(page, { item, finalUrl: item.url, fetchedAt, rawKey: `raw/${golden.id}.html.gz`, pipelineVersion: 'test' });
  return { article: result.success ? result.data : null, candidate, issues: result.success ? [] : result.error.issues };
}

/** Field-by-field verdicts of an article against its hand-written expectation. */
export function compareWithGolden(article: Article, golden: GoldenArticle): Record<string, boolean> {
  const e = golden.expected;
  const imageUrl = e.imageUrl?.replaceAll('{{origin}}', GOLDEN_ORIGIN) ?? null;
  const project = (f: GoldenArticle['expected']['figures'][number]) => ({ kind: f.kind, value: f.value, unit: f.unit, raw: f.raw, paragraph: f.paragraph });
  return {
    id: article.id === golden.id,
    url: article.url === `${GOLDEN_ORIGIN}${golden.path}`,
    language: article.language === e.language,
    title: article.title === e.title,
    summary: article.summary === e.summary,
    dateline: isDeepStrictEqual(article.dateline, e.datelinePlace === null ? null : { place: e.datelinePlace }),
    authors: isDeepStrictEqual(article.authors, e.authors),
    tags: isDeepStrictEqual(article.tags, e.tags),
    imageUrl: article.imageUrl === imageUrl,
    publishedAt: article.publishedAt === e.publishedAt,
    updatedAt: article.updatedAt === e.updatedAt,
    sections: isDeepStrictEqual(article.body.sections, e.sections),
    figures: isDeepStrictEqual(article.figures.filter((f) => f.kind !== 'count').map(project), e.figures.map(project)),
    kind: article.relations.kind === e.kind,
    pair: article.relations.pair === e.pair,
    // A summit's participants are a judgement: every state named must be one, and at least three.
    countries: e.kind === 'multilateral'
      ? article.relations.countries.length >= 3 && article.relations.countries.every((c) => e.countries.includes(c))
      : isDeepStrictEqual(article.relations.countries, e.countries),
    kazakhstanInvolved: e.kind !== 'bilateral' || article.relations.kazakhstanInvolved === e.kazakhstanInvolved,
    topics: e.kind !== 'bilateral' || e.topics.every((t) => article.relations.topics.includes(t as never)),
    extractor: article.provenance.extractor === e.extractor,
  };
}
