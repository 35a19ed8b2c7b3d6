import type { HTMLElement } from 'node-html-parser';
import { first, resolveUrl, textOf } from './dom.ts';
import type { Extraction, Extractor } from './types.ts';

/** Open Graph and `article:*` meta, which pages write with `property` (the standard) or `name` (cn.inform.kz). */
function ogSelector(key: string): string {
  return `meta[property="${key}"], meta[name="${key}"]`;
}

function metaContent(root: HTMLElement, selector: string): string | undefined {
  for (const el of root.querySelectorAll(selector)) {
    const value = el.getAttribute('content')?.trim();
    if (value) return value;
  }
  return undefined;
}

function metaContents(root: HTMLElement, selector: string): string[] {
  return [...new Set(root
    .querySelectorAll(selector)
    .map((el) => el.getAttribute('content')?.trim() ?? '')
    .filter(Boolean))];
}

/** Open Graph, `article:*` and plain meta tags: present on most news pages, never the body. */
export const metaExtractor: Extractor = {
  name: 'meta',
  extract(root: HTMLElement, url: string): Extraction {
    const author = metaContent(root, 'meta[name="author"]');
    const image = metaContent(root, ogSelector('og:image'));
    const canonical = first(root, 'link[rel="canonical"]')?.getAttribute('href') ?? metaContent(root, ogSelector('og:url'));
    return {
      title: metaContent(root, ogSelector('og:title')) ?? (textOf(first(root, 'title')).trim() || undefined),
      lead: metaContent(root, ogSelector('og:description')) ?? metaContent(root, 'meta[name="description"]'),
      authors: author ? [author] : undefined,
      tags: metaContents(root, ogSelector('article:tag')),
      imageUrl: image ? resolveUrl(image, url) : undefined,
      canonicalUrl: canonical ? resolveUrl(canonical, url) : undefined,
      published: metaContent(root, ogSelector('article:published_time')) ?? metaContent(root, 'meta[itemprop="datePublished"]'),
      modified: metaContent(root, ogSelector('article:modified_time')) ?? metaContent(root, 'meta[itemprop="dateModified"]'),
      language: first(root, 'html')?.getAttribute('lang')?.trim() || undefined,
    };
  },
};
