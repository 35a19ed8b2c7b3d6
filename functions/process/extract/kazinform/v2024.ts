import type { HTMLElement } from 'node-html-parser';
import { contentSections } from '../text-blocks.ts';
import type { Extraction, SiteVersion } from '../types.ts';

/** The trimmed, non-empty texts of the elements a selector matches. */
export function texts(root: HTMLElement, selector: string): string[] {
  return root
    .querySelectorAll(selector)
    .map((el) => el.text.trim())
    .filter(Boolean);
}

/**
 * Kazinform's article markup in use since 2024: `.article__title`, the lead in
 * `.article__description`, the body in `.article__body-text`, authors, tags and the displayed
 * Astana time in `.article__info` / `.article__tags`.
 */
export function extractKazinform2024(root: HTMLElement, url: string): Extraction {
  const article = root.querySelector('.article') ?? root;
  const body = article.querySelector('.article__body-text');
  const sections = body ? contentSections(body) : undefined;
  const lead = article.querySelector('.article__description')?.text.trim();
  const image = article.querySelector('.article__photo img, .article__image img')?.getAttribute('src');
  const authors = texts(article, '.article__author');
  const tags = texts(article, '.article__tag, .article__tags a');
  const caption = article.querySelector('.article__photo-caption, .article__photo figcaption')?.text.trim();
  const time = article.querySelector('.article__time, .article__date')?.text.trim();
  return {
    title: article.querySelector('.article__title')?.text.trim() || undefined,
    lead: lead || undefined,
    sections: sections?.length ? sections : undefined,
    authors: authors.length ? authors : undefined,
    tags: tags.length ? tags : undefined,
    imageUrl: image ? new URL(image, url).toString() : undefined,
    imageCaption: caption || undefined,
    published: time || undefined,
  };
}

/** Recognised by its body container: the lead and the rest are optional in this markup. */
export const kazinform2024: SiteVersion = { name: 'kazinform@2024-01', markers: ['.article__body-text'], scope: { anchor: { class: 'article' } }, extract: extractKazinform2024 };
