import { createHash } from 'node:crypto';
import { Article, ARTICLE_SCHEMA_VERSION, type Dateline, type Section } from '../../schemas/article.ts';
import type { SourceItem } from '../../schemas/source-item.ts';
import { compile } from '../../schemas/zod.ts';
import { during } from '../lib/errors.ts';
import { articleId, canonicalUrl } from '../lib/urls.ts';
import { classify } from './classify/index.ts';
import { photoCredit, stripAttribution, stripSiteSuffix } from './extract/boilerplate.ts';
import type { PageExtraction } from './extract/index.ts';
import { parseDate } from '../lib/dates.ts';
import { splitDateline } from './normalise/dateline.ts';
import { describeFigures } from './normalise/figure-meaning.ts';
import { extractFigures } from './normalise/figures.ts';
import { detectLanguage } from './normalise/language.ts';
import { normaliseText } from './normalise/text.ts';
import { once } from '../lib/once.ts';

export interface BuildContext {
  item: SourceItem;
  /** The URL the page was finally served from. */
  finalUrl: string;
  fetchedAt: string;
  rawKey: string;
  pipelineVersion: string;
  /** How decoding the page fell back, when it had to (HttpResponse.decoding). */
  decoding?: string;
  /** resolveDates(page, item), when the caller has it already (examinePage). */
  dates?: ResolvedDates;
}

export interface ResolvedDates {
  publishedAt: string | null;
  updatedAt: string | null;
}

function cleanList(values: readonly string[] | undefined): string[] {
  return [...new Set((values ?? []).map(normaliseText).filter(Boolean))];
}

/** The body's sections, normalised, without the lead repeated as a paragraph (with or without its dateline). */
function cleanSections(page: PageExtraction, lead: readonly string[]): Section[] {
  const sections: Section[] = [];
  for (const raw of page.fields.sections ?? []) {
    const paragraphs = raw.paragraphs.map((p) => stripAttribution(normaliseText(p))).filter((p) => p && !lead.includes(p));
    const heading = raw.heading ? normaliseText(raw.heading) : '';
    if (paragraphs.length) sections.push(heading ? { heading, paragraphs } : { paragraphs });
  }
  return sections;
}

/** sha256 of the normalised title and body: equal hashes mean nothing a reader sees has changed. */
export function contentHash(title: string, sections: readonly Section[]): string {
  const text = [title, ...sections.flatMap((s) => [s.heading ?? '', ...s.paragraphs])].join('\n');
  return createHash('sha256').update(text).digest('hex');
}

/** The page's canonical URL when it names the same article, else the URL the item came from. */
function articleUrl(page: PageExtraction, item: SourceItem, finalUrl: string): string {
  const declared = page.fields.canonicalUrl ? canonicalUrl(page.fields.canonicalUrl, finalUrl) : null;
  if (declared && articleId(declared) === item.id) return declared;
  return canonicalUrl(finalUrl) ?? item.url;
}

/**
 * A page without a lead element usually opens its body with the lead, dateline first: that
 * paragraph becomes the summary (when the body has more), and its dateline is parsed off.
 */
function leadFromBody(sections: Section[]): { dateline: Dateline | null; author?: string; summary: string; sections: Section[] } {
  const [first, ...rest] = sections;
  const opening = first?.paragraphs[0];
  if (!first || opening === undefined) return { dateline: null, summary: '', sections };
  const { dateline, text, author } = splitDateline(opening);
  if (!dateline && text === opening) return { dateline: null, summary: '', sections };
  const byline = author ? { author } : {};
  const remaining = first.paragraphs.slice(1);
  if (remaining.length === 0 && rest.length === 0) {
    return { dateline, ...byline, summary: '', sections: [{ ...first, paragraphs: [text] }] };
  }
  const body = remaining.length ? [{ ...first, paragraphs: remaining }, ...rest] : rest;
  return { dateline, ...byline, summary: stripAttribution(text), sections: body };
}

/**
 * Publication and update times in UTC: the page's own (see the extraction chain's order of trust)
 * before the feed's pubDate; an update never precedes publication.
 */
export function resolveDates(page: PageExtraction, item: SourceItem): ResolvedDates {
  const publishedAt = (page.fields.published && parseDate(page.fields.published)) || item.publishedAt;
  const modified = page.fields.modified ? parseDate(page.fields.modified) : null;
  return { publishedAt, updatedAt: modified && publishedAt && modified > publishedAt ? modified : publishedAt };
}

/**
 * The article schema compiled by zod (generated code for a valid article, the schema's own parse
 * for the issues of an invalid one), on the first page rather than at import: that first parse
 * costs about what classic zod's first one did, each later one a quarter of the plain schema's.
 */
const compiledArticle = once(() => compile(Article));

/**
 * Turns what the extractors found into the canonical article (pure: no I/O). Returns the candidate
 * and zod's verdict; a candidate that fails validation is rejected by the caller, never stored.
 */
export function buildArticle(page: PageExtraction, ctx: BuildContext) {
  const { item } = ctx;
  const title = stripSiteSuffix(normaliseText(page.fields.title ?? item.title));
  const rawLead = normaliseText(page.fields.lead ?? '');
  const { dateline, text: lead, author } = splitDateline(rawLead);
  const fromLead = { dateline, author, summary: stripAttribution(lead), sections: cleanSections(page, [rawLead, lead, stripAttribution(lead)]) };
  const { dateline: place, author: byline, summary, sections } = rawLead ? fromLead : leadFromBody(fromLead.sections);
  const paragraphs = sections.flatMap((s) => s.paragraphs);
  const language = detectLanguage(
    [title, summary, ...paragraphs.slice(0, 3)].join('\n'),
    item.feedLanguage ?? page.fields.language,
  );
  const { publishedAt, updatedAt } = ctx.dates ?? resolveDates(page, item);
  const imageUrl = page.fields.imageUrl ? canonicalUrl(page.fields.imageUrl, ctx.finalUrl) : null;
  const relations = during('classify', () => classify({ language, title, summary, paragraphs }));

  const candidate = {
    schemaVersion: ARTICLE_SCHEMA_VERSION,
    id: item.id,
    url: articleUrl(page, item, ctx.finalUrl),
    source: 'kazinform',
    language,
    title,
    summary,
    dateline: place,
    // Older Russian datelines name the author («/Иван Петров/»): a byline like any other.
    authors: cleanList([...(page.fields.authors ?? []), ...(byline ? [byline] : [])]),
    tags: cleanList(page.fields.tags),
    imageUrl,
    imageCredit: page.fields.imageCaption ? photoCredit(normaliseText(page.fields.imageCaption)) : null,
    publishedAt,
    updatedAt,
    fetchedAt: ctx.fetchedAt,
    body: { sections },
    relations,
    figures: describeFigures(extractFigures([summary, ...paragraphs]), [summary, ...paragraphs], { language, publishedAt, pair: relations.pair }),
    contentHash: contentHash(title, sections),
    provenance: {
      feedUrl: item.feedUrl,
      extractor: page.extractor,
      fields: page.sources,
      parse: page.parse,
      pipelineVersion: ctx.pipelineVersion,
      rawKey: ctx.rawKey,
      ...(ctx.decoding ? { decoding: ctx.decoding } : {}),
    },
  };
  return { candidate, result: compiledArticle().safeParse(candidate) };
}
