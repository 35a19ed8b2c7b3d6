import { type HTMLElement, NodeType, type Node } from 'node-html-parser';
import { isBoilerplateElement, isBoilerplateParagraph } from './boilerplate.ts';
import { textOf } from './dom.ts';
import type { RawSection } from './types.ts';

const HEADING = /^H[1-6]$/;
const FLUSH = Symbol('end of block');
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

  // Iterative, with FLUSH marking where a block ends: a page nested thousands of elements deep
  // must not overflow the stack.
  const stack: (Node | typeof FLUSH)[] = [];
  const descend = (el: HTMLElement) => {
    stack.push(FLUSH);
    for (let i = el.childNodes.length - 1; i >= 0; i--) stack.push(el.childNodes[i] as Node);
  };
  descend(container);
  for (let step = stack.pop(); step !== undefined; step = stack.pop()) {
    if (step === FLUSH) {
      flush();
      continue;
    }
    if (step.nodeType === NodeType.TEXT_NODE) {
      loose += step.text;
      continue;
    }
    if (step.nodeType !== NodeType.ELEMENT_NODE) continue;
    const el = step as HTMLElement;
    const tag = el.tagName;
    if (SKIPPED.has(tag) || dropBlock(el)) continue;
    if (HEADING.test(tag)) {
      flush();
      const heading = textOf(el).trim();
      if (heading) sections.push({ heading, paragraphs: [] });
      continue;
    }
    if (tag === 'BR') {
      flush();
      continue;
    }
    if (!BLOCK.has(tag)) {
      loose += textOf(el);
      continue;
    }
    flush();
    // A paragraph may still hold <br>-separated lines or nested blocks; else it is one paragraph.
    const paragraph = tag === 'P' || tag === 'LI' || tag === 'DT' || tag === 'DD' || tag === 'PRE' || tag === 'FIGCAPTION';
    if (paragraph && !el.childNodes.some((c) => c.nodeType === NodeType.ELEMENT_NODE && (BLOCK.has((c as HTMLElement).tagName) || (c as HTMLElement).tagName === 'BR'))) {
      const text = textOf(el).trim();
      if (text) current().paragraphs.push(text);
      continue;
    }
    descend(el);
  }
  flush();
  return sections.filter((s) => s.paragraphs.length > 0);
}

/** The sections of a content container without boilerplate blocks and paragraphs. */
export function contentSections(container: HTMLElement): RawSection[] {
  return textSections(container, isBoilerplateElement)
    .map((s) => ({ ...s, paragraphs: s.paragraphs.filter((p) => !isBoilerplateParagraph(p)) }))
    .filter((s) => s.paragraphs.length > 0);
}
