import type { HTMLElement } from 'node-html-parser';
import type { Extraction, Extractor } from './types.ts';

function metaContent(root: HTMLElement, selector: string): string | undefined {
  const value = root.querySelector(selector)?.getAttribute('content')?.trim();
  return value || undefined;
}

function metaContents(root: HTMLElement, selector: string): string[] {
  return root
    .querySelectorAll(selector)
    .map((el) => el.getAttribute('content')?.trim() ?? '')
    .filter(Boolean);
}

/** Open Graph, `article:*` and plain meta tags: present on most news pages, never the body. */
export const metaExtractor: Extractor = {
  name: 'meta',
  extract(root: HTMLElement, url: string): Extraction {
    const author = metaContent(root, 'meta[name="author"]');
    const image = metaContent(root, 'meta[property="og:image"]');
    const canonical = root.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? metaContent(root, 'meta[property="og:url"]');
    return {
      title: metaContent(root, 'meta[property="og:title"]') ?? (root.querySelector('title')?.text.trim() || undefined),
      lead: metaContent(root, 'meta[property="og:description"]') ?? metaContent(root, 'meta[name="description"]'),
      authors: author ? [author] : undefined,
      tags: metaContents(root, 'meta[property="article:tag"]'),
      imageUrl: image ? new URL(image, url).toString() : undefined,
      canonicalUrl: canonical ? new URL(canonical, url).toString() : undefined,
      published: metaContent(root, 'meta[property="article:published_time"]') ?? metaContent(root, 'meta[itemprop="datePublished"]'),
      modified: metaContent(root, 'meta[property="article:modified_time"]') ?? metaContent(root, 'meta[itemprop="dateModified"]'),
      language: root.querySelector('html')?.getAttribute('lang')?.trim() || undefined,
    };
  },
};
