import { type HTMLElement, NodeType, type Node } from 'node-html-parser';
import { isBoilerplateElement, isBoilerplateParagraph } from './boilerplate.ts';
import type { RawSection } from './types.ts';

const HEADING = /^H[1-6]$/;
const SKIPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'IFRAME', 'FORM', 'BUTTON', 'SVG', 'IMG', 'PICTURE', 'VIDEO', 'AUDIO']);
// A caption in the body is text: in a photo story the captions are the story.
const BLOCK = new Set(['FIGURE', 'FIGCAPTION', 'P', 'DIV', 'SECTION', 'ARTICLE', 'UL', 'OL', 'LI', 'BLOCKQUOTE', 'TABLE', 'TR', 'PRE', 'DL', 'DT', 'DD', 'HEADER', 'FOOTER', 'MAIN', 'ASIDE', 'NAV']);

/**
 * Walks a content container in document order and returns its text blocks as sections:
 * a heading opens a new section; paragraphs, list items, quotes and loose text become paragraphs.
 * `dropBlock` lets the caller remove boilerplate blocks (share bars, "read also" lines).
 */
export function textSections(container: HTMLElement, dropBlock: (el: HTMLElement) => boolean = () => false): RawSection[] {
  const sections: RawSection[] = [{ paragraphs: [] }];
  let loose = '';

  const current = () => sections[sections.length - 1] as RawSection;
  const flush = () => {
    const text = loose.trim();
    if (text) current().paragraphs.push(text);
    loose = '';
  };

  const walk = (node: Node) => {
    if (node.nodeType === NodeType.TEXT_NODE) {
      loose += node.text;
      return;
    }
    if (node.nodeType !== NodeType.ELEMENT_NODE) return;
    const el = node as HTMLElement;
    const tag = el.tagName;
    if (SKIPPED.has(tag) || dropBlock(el)) return;
    if (HEADING.test(tag)) {
      flush();
      const heading = el.text.trim();
      if (heading) sections.push({ heading, paragraphs: [] });
      return;
    }
    if (tag === 'BR') {
      flush();
      return;
    }
    if (!BLOCK.has(tag)) {
      loose += el.text;
      return;
    }
    flush();
    if (tag === 'P' || tag === 'LI' || tag === 'DT' || tag === 'DD' || tag === 'PRE' || tag === 'FIGCAPTION') {
      // A paragraph may still hold <br>-separated lines or nested blocks.
      if (el.childNodes.some((c) => c.nodeType === NodeType.ELEMENT_NODE && (BLOCK.has((c as HTMLElement).tagName) || (c as HTMLElement).tagName === 'BR'))) {
        for (const child of el.childNodes) walk(child);
        flush();
      } else {
        const text = el.text.trim();
        if (text) current().paragraphs.push(text);
      }
      return;
    }
    for (const child of el.childNodes) walk(child);
    flush();
  };

  for (const child of container.childNodes) walk(child);
  flush();
  return sections.filter((s) => s.paragraphs.length > 0);
}

/** The sections of a content container without boilerplate blocks and paragraphs. */
export function contentSections(container: HTMLElement): RawSection[] {
  return textSections(container, isBoilerplateElement)
    .map((s) => ({ ...s, paragraphs: s.paragraphs.filter((p) => !isBoilerplateParagraph(p)) }))
    .filter((s) => s.paragraphs.length > 0);
}
