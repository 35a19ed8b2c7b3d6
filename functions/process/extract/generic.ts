import { type HTMLElement, NodeType } from 'node-html-parser';
import { isBoilerplateElement } from './boilerplate.ts';
import { first, textOf } from './dom.ts';
import { contentSections } from './text-blocks.ts';
import type { Extraction, Extractor } from './types.ts';

/** Text in direct `<p>` children, less the text inside their links (navigation is mostly links). */
function paragraphScore(el: HTMLElement): number {
  let score = 0;
  for (const child of el.childNodes) {
    if (child.nodeType !== NodeType.ELEMENT_NODE) continue;
    const p = child as HTMLElement;
    if (p.tagName !== 'P') continue;
    const text = textOf(p).trim().length;
    const linked = p.querySelectorAll('a').reduce((n, a) => n + textOf(a).trim().length, 0);
    score += Math.max(0, text - 2 * linked);
  }
  return score;
}

/**
 * A readability-style fallback for pages no other extractor understands: the container with the
 * most paragraph text, outside navigation and boilerplate. Prefers precision over recall.
 */
export const genericExtractor: Extractor = {
  name: 'generic',
  extract(root: HTMLElement): Extraction {
    let best: HTMLElement | undefined;
    let bestScore = 0;
    for (const el of root.querySelectorAll('article, main, section, div, td')) {
      if (isBoilerplateElement(el)) continue;
      const score = paragraphScore(el);
      if (score > bestScore) {
        best = el;
        bestScore = score;
      }
    }
    if (!best) return {};
    const sections = contentSections(best);
    return {
      title: textOf(first(root, 'h1')).trim() || undefined,
      sections: sections.length ? sections : undefined,
    };
  },
};
