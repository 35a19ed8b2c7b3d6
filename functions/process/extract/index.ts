import { parse } from 'node-html-parser';
import { genericExtractor } from './generic.ts';
import { jsonLdExtractor } from './json-ld.ts';
import { kazinformVersion } from './kazinform/index.ts';
import { metaExtractor } from './meta.ts';
import type { Extraction, Extractor, FieldGroup } from './types.ts';

export type { Extraction, RawSection } from './types.ts';

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
}

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

/**
 * Runs the extraction chain over a page: the version of the Kazinform extractor the page fits
 * (see kazinformVersion), JSON-LD, meta tags and the generic fallback, and merges their findings
 * field by field in the order of trust.
 */
export function extractPage(html: string, url: string): PageExtraction {
  const root = parse(html, { comment: false, blockTextElements: { script: true, style: true, noscript: true, pre: true } });
  const site = kazinformVersion(root);
  const found: Record<Trust[number], { extractor: Extractor; result: Extraction }> = {
    site: site ? { extractor: site, result: site.extract(root, url) } : { extractor: NO_VERSION, result: {} },
    'json-ld': { extractor: jsonLdExtractor, result: jsonLdExtractor.extract(root, url) },
    meta: { extractor: metaExtractor, result: metaExtractor.extract(root, url) },
    generic: { extractor: genericExtractor, result: genericExtractor.extract(root, url) },
  };
  const fields: Record<string, unknown> = {};
  const sources: Partial<Record<FieldGroup, string>> = {};
  for (const [field, order] of Object.entries(TRUST) as [FieldGroup, Trust][]) {
    for (const name of order) {
      const value = found[name].result[field];
      if (present(value)) {
        fields[field] = value;
        sources[field] = found[name].extractor.name;
        break;
      }
    }
  }
  return {
    fields: fields as Extraction,
    sources,
    extractor: sources.sections ?? 'none',
    layoutBroken: site === undefined,
  };
}
