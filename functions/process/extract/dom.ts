import { type HTMLElement, type Node, NodeType } from 'node-html-parser';

/** Elements whose content is never text a reader sees. */
export const NOT_TEXT = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);

/**
 * A node's text, entities decoded, without the contents of script, style, noscript and template
 * elements. Iterative: node-html-parser's own `text` recurses once per level and overflows the
 * stack on a page nested a few thousand elements deep.
 */
export function textOf(node: Node | null | undefined): string {
  let text = '';
  const stack: Node[] = node ? [node] : [];
  for (let current = stack.pop(); current; current = stack.pop()) {
    if (current.nodeType === NodeType.TEXT_NODE) text += current.text;
    else if (current.nodeType === NodeType.ELEMENT_NODE && !NOT_TEXT.has((current as HTMLElement).tagName)) {
      const children = current.childNodes;
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as Node);
    }
  }
  return text;
}

/** `href` resolved against `base`, or undefined when it is not a URL (`http://[::1`): never throws. */
export function resolveUrl(href: string, base: string): string | undefined {
  return URL.parse(href.trim(), base)?.href;
}

/**
 * The first element matching `selector`, or undefined. Found with querySelectorAll, which walks
 * the tree iteratively: node-html-parser's querySelector recurses once per level.
 */
export function first(root: HTMLElement, selector: string): HTMLElement | undefined {
  return root.querySelectorAll(selector)[0];
}
