import type { HTMLElement } from 'node-html-parser';

export interface RawSection {
  heading?: string;
  paragraphs: string[];
}

/**
 * What one extractor found on a page, as written there (not yet normalised or validated).
 * Every field is optional: an extractor returns only what it is sure of.
 */
export interface Extraction {
  title?: string;
  lead?: string;
  sections?: RawSection[];
  authors?: string[];
  tags?: string[];
  imageUrl?: string;
  /** The caption under the lead image, where the photo credit is. */
  imageCaption?: string;
  canonicalUrl?: string;
  /** Date strings as found: ISO with offset, RFC 822 or the site's displayed local time. */
  published?: string;
  modified?: string;
  /** The page's declared language (`<html lang>`), a hint only. */
  language?: string;
}

export type FieldGroup = keyof Extraction;

export interface Extractor {
  /** Name recorded in provenance, e.g. `kazinform@2024-01`, `json-ld`, `meta`, `generic`. */
  name: string;
  extract(root: HTMLElement, url: string): Extraction;
}

/**
 * Where a version's extractor reads: the element around everything it reads, found from an anchor
 * element (the first element with the anchor's class, and tag when given): the anchor itself, or
 * its nearest enclosing `container` element. Lets the page be parsed as its head and that element
 * alone (see locate.ts).
 */
export interface ArticleScope {
  anchor: { tag?: string; class: string };
  /** Tag name of the anchor's nearest enclosing element that holds the rest; the anchor itself when absent. */
  container?: string;
}

/**
 * One dated version of a site's own extractor (Fundus-style): the markup it reads, and the
 * elements that markup always has, by which a page is recognised as written in it.
 */
export interface SiteVersion extends Extractor {
  /** CSS selectors that each match on every page in this markup; a page lacking one is not this version's. */
  markers: readonly string[];
  /** Where its extractor reads; without one, pages in this version are parsed whole. */
  scope?: ArticleScope;
}
