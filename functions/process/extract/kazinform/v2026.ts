import type { HTMLElement } from 'node-html-parser';
import { first, resolveUrl, textOf } from '../dom.ts';
import { contentSections } from '../text-blocks.ts';
import type { Extraction, RawSection, SiteVersion } from '../types.ts';
import { texts } from './v2024.ts';

/**
 * The lead is the content's first paragraph, dateline included, when the content goes on after it;
 * a content of one paragraph is the body (the article builder parses a dateline off it).
 */
function splitLead(sections: RawSection[]): { lead?: string; sections: RawSection[] } {
  const [first, ...rest] = sections;
  if (!first || first.heading !== undefined) return { sections };
  const [lead, ...paragraphs] = first.paragraphs;
  if (!paragraphs.length && !rest.length) return { sections };
  return { lead, sections: paragraphs.length ? [{ paragraphs }, ...rest] : rest };
}

/**
 * Kazinform's article markup seen from August 2026: no lead element, the text is the paragraphs
 * (and sub-headings) of `div.article__content`, followed by `div.article__tags`; the displayed
 * Astana time in a `<time>` of `.article__meta`, beside the authors.
 */
function extract(root: HTMLElement, url: string): Extraction {
  const content = first(root, 'div.article__content');
  const article = content?.closest('article') ?? root;
  const { lead, sections } = splitLead(content ? contentSections(content) : []);
  const image = first(article, '.article__image img')?.getAttribute('src');
  const authors = texts(article, '.article__author');
  const tags = texts(article, 'div.article__tags a');
  const caption = textOf(first(article, '.article__image figcaption')).trim();
  const time = textOf(first(article, '.article__meta time, time.meta-date')).trim();
  return {
    title: textOf(first(article, 'h1')).trim() || undefined,
    lead,
    sections: sections.length ? sections : undefined,
    authors: authors.length ? authors : undefined,
    tags: tags.length ? tags : undefined,
    imageUrl: image ? resolveUrl(image, url) : undefined,
    imageCaption: caption || undefined,
    published: time || undefined,
  };
}

/** Recognised by paragraphs in `div.article__content`, which every page in this markup has. */
export const kazinform2026: SiteVersion = { name: 'kazinform@2026-08', markers: ['div.article__content p'], scope: { anchor: { tag: 'div', class: 'article__content' }, container: 'article' }, extract };
