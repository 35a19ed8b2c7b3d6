import type { HTMLElement } from 'node-html-parser';
import { first, resolveUrl, textOf } from './dom.ts';
import type { Extraction, Extractor } from './types.ts';

/** A meta element's test: what `meta[<attribute>="<value>"]` selects among the page's meta elements. */
type MetaTest = (el: HTMLElement) => boolean;
const attribute = (name: string, value: string): MetaTest => (el) => el.getAttribute(name) === value;

/** Open Graph and `article:*` meta, which pages write with `property` (the standard) or `name` (cn.inform.kz). */
function og(key: string): MetaTest {
  return (el) => el.getAttribute('property') === key || el.getAttribute('name') === key;
}

// The page's meta elements are found once (a selector per field would walk the page each time).
function metaContent(metas: readonly HTMLElement[], test: MetaTest): string | undefined {
  for (const el of metas) {
    if (!test(el)) continue;
    const value = el.getAttribute('content')?.trim();
    if (value) return value;
  }
  return undefined;
}

function metaContents(metas: readonly HTMLElement[], test: MetaTest): string[] {
  return [...new Set(metas
    .filter(test)
    .map((el) => el.getAttribute('content')?.trim() ?? '')
    .filter(Boolean))];
}

/** Open Graph, `article:*` and plain meta tags: present on most news pages, never the body. */
export const metaExtractor: Extractor = {
  name: 'meta',
  extract(root: HTMLElement, url: string): Extraction {
    const metas = root.querySelectorAll('meta');
    const author = metaContent(metas, attribute('name', 'author'));
    const image = metaContent(metas, og('og:image'));
    const canonical = first(root, 'link[rel="canonical"]')?.getAttribute('href') ?? metaContent(metas, og('og:url'));
    return {
      title: metaContent(metas, og('og:title')) ?? (textOf(first(root, 'title')).trim() || undefined),
      lead: metaContent(metas, og('og:description')) ?? metaContent(metas, attribute('name', 'description')),
      authors: author ? [author] : undefined,
      tags: metaContents(metas, og('article:tag')),
      imageUrl: image ? resolveUrl(image, url) : undefined,
      canonicalUrl: canonical ? resolveUrl(canonical, url) : undefined,
      published: metaContent(metas, og('article:published_time')) ?? metaContent(metas, attribute('itemprop', 'datePublished')),
      modified: metaContent(metas, og('article:modified_time')) ?? metaContent(metas, attribute('itemprop', 'dateModified')),
      language: first(root, 'html')?.getAttribute('lang')?.trim() || undefined,
    };
  },
};
