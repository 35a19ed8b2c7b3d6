import type { HTMLElement } from 'node-html-parser';
import { first, resolveUrl, textOf } from '../dom.ts';
import { contentSections } from '../text-blocks.ts';
import type { Extraction, SiteVersion } from '../types.ts';

/** The trimmed, non-empty texts of the elements a selector matches. */
export function texts(root: HTMLElement, selector: string): string[] {
  return root
    .querySelectorAll(selector)
    .map((el) => textOf(el).trim())
    .filter(Boolean);
}

/**
 * Kazinform's article markup in use since 2024: `.article__title`, the lead in
 * `.article__description`, the body in `.article__body-text`, authors, tags and the displayed
 * Astana time in `.article__info` / `.article__tags`.
 */
export function extractKazinform2024(root: HTMLElement, url: string): Extraction {
  const article = first(root, '.article') ?? root;
  const body = first(article, '.article__body-text');
  const sections = body ? contentSections(body) : undefined;
  const lead = textOf(first(article, '.article__description')).trim();
  const image = first(article, '.article__photo img, .article__image img')?.getAttribute('src');
  const authors = texts(article, '.article__author');
  const tags = texts(article, '.article__tag, .article__tags a');
  const caption = textOf(first(article, '.article__photo-caption, .article__photo figcaption')).trim();
  const time = textOf(first(article, '.article__time, .article__date')).trim();
  return {
    title: textOf(first(article, '.article__title')).trim() || undefined,
    lead: lead || undefined,
    sections: sections?.length ? sections : undefined,
    authors: authors.length ? authors : undefined,
    tags: tags.length ? tags : undefined,
    imageUrl: image ? resolveUrl(image, url) : undefined,
    imageCaption: caption || undefined,
    published: time || undefined,
  };
}

/** Recognised by its body container: the lead and the rest are optional in this markup. */
export const kazinform2024: SiteVersion = { name: 'kazinform@2024-01', markers: ['.article__body-text'], scope: { anchor: { class: 'article' } }, extract: extractKazinform2024 };
