import type { HTMLElement } from 'node-html-parser';
import { resolveUrl } from './dom.ts';
import type { Extraction, Extractor } from './types.ts';

type Json = Record<string, unknown>;

const ARTICLE_TYPE = /^(NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|BlogPosting)$/;

function isArticle(node: Json): boolean {
  const type = node['@type'];
  return (Array.isArray(type) ? type : [type]).some((t) => typeof t === 'string' && ARTICLE_TYPE.test(t));
}

/** The first article node in any JSON-LD block, looking inside arrays and `@graph`. */
function findArticle(root: HTMLElement): Json | undefined {
  for (const script of root.querySelectorAll('script[type="application/ld+json"]')) {
    let data: unknown;
    try {
      data = JSON.parse(script.rawText);
    } catch {
      continue;
    }
    // Pushed one by one, read by index: spreading a huge array overflows the stack, shift() is O(n).
    const queue: unknown[] = [data];
    for (let next = 0; next < queue.length; next++) {
      const node = queue[next];
      if (Array.isArray(node)) for (const child of node) queue.push(child);
      else if (node && typeof node === 'object') {
        const obj = node as Json;
        if (isArticle(obj)) return obj;
        if (Array.isArray(obj['@graph'])) for (const child of obj['@graph']) queue.push(child);
      }
    }
  }
  return undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function names(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list
    .map((v) => (typeof v === 'string' ? v : str((v as Json | null)?.name)))
    .filter((v): v is string => Boolean(v?.trim()));
}

function firstImage(value: unknown): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : str((first as Json | null)?.url);
}

/** schema.org `NewsArticle` in JSON-LD: structured dates, authors and keywords. */
export const jsonLdExtractor: Extractor = {
  name: 'json-ld',
  extract(root: HTMLElement, url: string): Extraction {
    const node = findArticle(root);
    if (!node) return {};
    const keywords = node.keywords;
    const tags = Array.isArray(keywords)
      ? keywords.filter((k): k is string => typeof k === 'string')
      : (str(keywords)?.split(',') ?? []);
    const body = str(node.articleBody);
    const image = firstImage(node.image);
    return {
      title: str(node.headline),
      lead: str(node.description),
      sections: body ? [{ paragraphs: body.split(/\n\s*\n|\r?\n/).map((p) => p.trim()).filter(Boolean) }] : undefined,
      authors: names(node.author),
      tags: tags.map((t) => t.trim()).filter(Boolean),
      imageUrl: image ? resolveUrl(image, url) : undefined,
      canonicalUrl: str(node.url) ?? str((node.mainEntityOfPage as Json | undefined)?.['@id']),
      published: str(node.datePublished),
      modified: str(node.dateModified),
      language: str(node.inLanguage),
    };
  },
};
