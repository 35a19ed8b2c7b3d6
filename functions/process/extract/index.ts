import { parse as parseHtml } from 'node-html-parser';
import { genericExtractor } from './generic.ts';
import { jsonLdExtractor } from './json-ld.ts';
import { KAZINFORM_VERSIONS, kazinformVersion } from './kazinform/index.ts';
import { locateArticle } from './locate.ts';
import { metaExtractor } from './meta.ts';
import type { Extraction, Extractor, FieldGroup, SiteVersion } from './types.ts';

export interface PageExtraction {
  /** Each field from the most trusted extractor that found it. */
  fields: Extraction;
  /** Which extractor produced each field. */
  sources: Partial<Record<FieldGroup, string>>;
  /** The extractor that produced the body (`none` when no extractor found one). */
  extractor: string;
  /**
   * No version of the Kazinform extractor fits the page (none finds its markers): the page was
   * read by the fallbacks alone, and Kazinform's markup has probably changed.
   */
  layoutBroken: boolean;
  /**
   * What was parsed: `article`, the page's head and its article element alone (see locate.ts), or
   * `document`, the whole page. Both give the same extraction.
   */
  parse: ParseMode;
}

export type ParseMode = 'article' | 'document';

type Trust = readonly ('site' | 'json-ld' | 'meta' | 'generic')[];

/**
 * The order of trust per field. Dates prefer machine-readable ISO times (JSON-LD, then
 * `article:*` meta) over the displayed Astana time, which lacks seconds and a zone. Text fields
 * prefer the site's own markup, which holds the full, visible text.
 */
const TRUST: Record<FieldGroup, Trust> = {
  title: ['site', 'json-ld', 'meta', 'generic'],
  lead: ['site', 'json-ld', 'meta'],
  sections: ['site', 'json-ld', 'generic'],
  authors: ['site', 'json-ld', 'meta'],
  tags: ['site', 'json-ld', 'meta'],
  imageUrl: ['meta', 'json-ld', 'site'],
  imageCaption: ['site'],
  canonicalUrl: ['meta', 'json-ld'],
  published: ['json-ld', 'meta', 'site'],
  modified: ['json-ld', 'meta', 'site'],
  language: ['meta', 'json-ld'],
};

/** Stands in for the site's extractor on a page no version fits: it finds nothing, so it is never named. */
const NO_VERSION: Extractor = { name: 'kazinform@none', extract: () => ({}) };

function present(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : value !== undefined && value !== '';
}

/** Fields the generic extractor may fill, reading the whole page: a cut page must have them from a more trusted one. */
const GENERIC_FIELDS = (Object.entries(TRUST) as [FieldGroup, Trust][]).filter(([, order]) => order.includes('generic')).map(([field]) => field);

const PARSE_OPTIONS = { comment: false, blockTextElements: { script: true, style: true, noscript: true, pre: true } };

/** The chain over a parsed page, and the version of the site's extractor that read it. */
function extractFrom(html: string, url: string, parse: ParseMode): { page: PageExtraction; site: SiteVersion | undefined } {
  const root = parseHtml(html, PARSE_OPTIONS);
  const site = kazinformVersion(root);
  const extractors: Record<Trust[number], Extractor> = { site: site ?? NO_VERSION, 'json-ld': jsonLdExtractor, meta: metaExtractor, generic: genericExtractor };
  // Each extractor runs only when a field reaches it in the order of trust: the generic one, which
  // walks every container of the page, is rarely needed.
  const results = new Map<Trust[number], Extraction>();
  const resultOf = (name: Trust[number]): Extraction => {
    let result = results.get(name);
    if (!result) {
      result = extractors[name].extract(root, url);
      results.set(name, result);
    }
    return result;
  };
  const fields: Record<string, unknown> = {};
  const sources: Partial<Record<FieldGroup, string>> = {};
  for (const [field, order] of Object.entries(TRUST) as [FieldGroup, Trust][]) {
    for (const name of order) {
      const value = resultOf(name)[field];
      if (present(value)) {
        fields[field] = value;
        sources[field] = extractors[name].name;
        break;
      }
    }
  }
  const page = { fields: fields as Extraction, sources, extractor: sources.sections ?? 'none', layoutBroken: site === undefined, parse };
  return { page, site };
}

/**
 * Runs the extraction chain over a page: the version of the Kazinform extractor the page fits
 * (see kazinformVersion), JSON-LD, meta tags and the generic fallback, and merges their findings
 * field by field in the order of trust.
 *
 * A page is parsed as its head and article element alone when a scan of the string finds them
 * (locateArticle: most of a news page is menus, scripts and related news), and whole otherwise, or
 * when `parse: 'document'` asks for it. The cut page is kept only when the version it was cut for
 * read it and a more trusted extractor than the generic one, which reads the whole page, found
 * every field the generic one may fill.
 */
export function extractPage(html: string, url: string, options: { parse?: ParseMode } = {}): PageExtraction {
  const located = options.parse === 'document' ? undefined : locateArticle(html, KAZINFORM_VERSIONS);
  if (located) {
    const { page, site } = extractFrom(located.html, url, 'article');
    if (site?.name === located.version && GENERIC_FIELDS.every((field) => page.sources[field] !== undefined && page.sources[field] !== genericExtractor.name)) return page;
  }
  return extractFrom(html, url, 'document').page;
}
