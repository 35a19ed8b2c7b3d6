/**
 * Cuts a page down to what its extraction reads, by a scan of the HTML string, so that a news page
 * of a few hundred KB (menus, app state, related cards) is parsed as its head and its article only.
 *
 * The fragment is everything up to and including `<body ...>`, then the article element (the scope
 * of the site version the page is in, see ArticleScope), then `</body></html>`. The meta, link and
 * JSON-LD elements of the rest of the body are carried over, in order, since the meta and JSON-LD
 * extractors read the whole page. The scan mirrors how node-html-parser (as extractPage calls it)
 * reads markup: comments, raw-text elements (script, style, noscript, pre, closed only by their own
 * exact end tag), quoted attribute values holding `>`, void elements; inside the article it follows
 * the nesting of every element, so nested same-name elements and `</div>` in scripts do not end it
 * early. Whenever the page holds something it does not mirror exactly (an unclosed or implicitly
 * closed element in the article, a tag it cannot read, a class of the site's markup outside the
 * article), it answers undefined: the caller then parses the whole page. It never throws.
 */
import type { ArticleScope, SiteVersion } from './types.ts';

/** A fragment of the page that extracts as the whole page does, and the version it was cut for. */
export interface Located {
  html: string;
  version: string;
}

interface Tag {
  /** As written (node-html-parser compares tag names as written). */
  name: string;
  lower: string;
  end: boolean;
  selfClosing: boolean;
  /** Offset of `<`, and just past the tag's `>` (past the end tag, for a raw-text element). */
  start: number;
  stop: number;
  /** Its classes of the site's block (see classesOf). */
  classes: readonly string[];
  /** A `<script>` whose attributes could make it JSON-LD. */
  mayBeJsonLd: boolean;
}

/**
 * The site's classes all belong to the BEM block `article` (`article`, `article__content`,
 * `article__tags`, ...): any element with one outside the article element could be what a
 * version's markers or selectors match, so such a page is parsed whole.
 */
export const SITE_CLASS = /^article/i;

const RAW_TEXT = new Set(['script', 'style', 'noscript', 'pre']);
const VOID = withUpperCase(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
/** node-html-parser closes an open element (key) when one of these opens in it: the scan gives up instead. */
const CLOSED_BY_OPENING = new Map<string, Set<string>>(
  Object.entries({
    li: ['li'], p: ['p', 'div'], b: ['div'], td: ['td', 'th', 'tr', 'tbody', 'tfoot'], th: ['td', 'th', 'tr', 'tbody', 'tfoot'],
    tr: ['tr', 'tbody', 'tfoot'], thead: ['tbody', 'tfoot'], tbody: ['tbody', 'tfoot'],
    h1: ['h1'], h2: ['h2'], h3: ['h3'], h4: ['h4'], h5: ['h5'], h6: ['h6'], dt: ['dt', 'dd'], dd: ['dt', 'dd'],
  }).flatMap(([parent, children]) => [[parent, withUpperCase(children)], [parent.toUpperCase(), withUpperCase(children)]]),
);
/** node-html-parser's own reading of `id` and `class` from a tag's attribute text (the last one counts). */
const KEY_ATTRIBUTE = /(?:^|\s)(id|class)\s*=\s*((?:'[^']*')|(?:"[^"]*")|\S+)/gi;

function withUpperCase(names: readonly string[]): Set<string> {
  return new Set(names.flatMap((n) => [n, n.toUpperCase()]));
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** The ASCII part of node-html-parser's tag-name characters. */
function isNameChar(c: number): boolean {
  return isLetter(c) || (c >= 48 && c <= 58) || c === 45 || c === 46 || c === 95 || c === 64;
}

/** JavaScript's `\s`, as node-html-parser's patterns use it. */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  return c >= 128 && /\s/.test(String.fromCharCode(c));
}

/** Anything but space, quotes, `<`, `>`, `/`, `=` (and the end of the string). */
function isAttributeNameChar(c: number): boolean {
  return !Number.isNaN(c) && !isSpace(c) && c !== 34 && c !== 39 && c !== 60 && c !== 62 && c !== 47 && c !== 61;
}

function isUnquotedValueChar(c: number): boolean {
  return !Number.isNaN(c) && !isSpace(c) && c !== 62 && c !== 34 && c !== 39;
}

/**
 * The classes node-html-parser gives an element with these attributes, as far as the scan needs
 * them: only classes of the site's block (SITE_CLASS) are looked at, so text without `article`
 * is not read.
 */
function classesOf(attributes: string): string[] {
  if (!/article/i.test(attributes)) return [];
  let value: string | undefined;
  for (const [, key, raw = ''] of attributes.matchAll(KEY_ATTRIBUTE)) {
    if (key?.toLowerCase() === 'class') value = raw[0] === '"' || raw[0] === "'" ? raw.slice(1, -1) : raw;
  }
  return value ? value.split(/\s+/).filter(Boolean) : [];
}

/**
 * Reads the tag at `at` in a plain grammar: `<` or `</`, an ASCII name ending in ASCII space, `/`
 * or `>` (beyond ASCII, node-html-parser's name characters and `\s` overlap: U+1680, U+FEFF),
 * whitespace-separated attributes with double-quoted, single-quoted, unquoted or no values, then
 * `>` or `/>`. In this grammar a quote only ever opens a quoted value, so the tag ends at the same
 * `>` as in node-html-parser's own pattern, quoted `>` included. Undefined for anything else.
 */
function readTag(html: string, at: number): Tag | undefined {
  const end = html.charCodeAt(at + 1) === 47;
  const nameStart = end ? at + 2 : at + 1;
  let j = nameStart;
  while (isNameChar(html.charCodeAt(j))) j++;
  const nameEnd = j;
  if (html.charCodeAt(j) >= 128) return undefined;
  for (;;) {
    const spaceStart = j;
    while (isSpace(html.charCodeAt(j))) j++;
    const c = html.charCodeAt(j);
    const close = c === 62 ? 1 : c === 47 && html.charCodeAt(j + 1) === 62 ? 2 : 0;
    if (close) {
      const name = html.slice(nameStart, nameEnd);
      const lower = name.toLowerCase();
      const attributes = html.slice(nameEnd, j);
      return {
        name,
        lower,
        end,
        selfClosing: close === 2,
        start: at,
        stop: j + close,
        classes: classesOf(attributes),
        // Whether its type could read `application/ld+json`, spelled out or with a character reference.
        mayBeJsonLd: lower === 'script' && /ld|&/i.test(attributes),
      };
    }
    if (j === spaceStart || !isAttributeNameChar(c)) return undefined;
    while (isAttributeNameChar(html.charCodeAt(j))) j++;
    let k = j;
    while (isSpace(html.charCodeAt(k))) k++;
    if (html.charCodeAt(k) !== 61) continue;
    k++;
    while (isSpace(html.charCodeAt(k))) k++;
    const quote = html.charCodeAt(k);
    if (quote === 34 || quote === 39) {
      const closeQuote = html.indexOf(quote === 34 ? '"' : "'", k + 1);
      if (closeQuote < 0) return undefined;
      j = closeQuote + 1;
    } else {
      const valueStart = k;
      while (isUnquotedValueChar(html.charCodeAt(k))) k++;
      if (k === valueStart || html.charCodeAt(k) === 34 || html.charCodeAt(k) === 39) return undefined;
      j = k;
    }
  }
}

/**
 * The page's start and end tags in order, raw-text elements' contents and comments skipped as
 * node-html-parser skips them; undefined when a tag is not in the plain grammar (see readTag).
 */
function tokenize(html: string): Tag[] | undefined {
  if (html.includes('<![CDATA[')) return undefined;
  const tags: Tag[] = [];
  let at = html.indexOf('<');
  while (at >= 0) {
    if (html.startsWith('<!--', at)) {
      const close = html.indexOf('-->', at + 4);
      at = html.indexOf('<', close < 0 ? at + 1 : close + 3);
      continue;
    }
    if (!isLetter(html.charCodeAt(html.charCodeAt(at + 1) === 47 ? at + 2 : at + 1))) {
      at = html.indexOf('<', at + 1);
      continue;
    }
    const tag = readTag(html, at);
    if (!tag) return undefined;
    if (!tag.end && RAW_TEXT.has(tag.lower)) {
      const close = html.indexOf(`</${tag.name}>`, tag.stop);
      if (close < 0) return undefined;
      tag.stop = close + tag.name.length + 3;
    }
    tags.push(tag);
    at = html.indexOf('<', tag.stop);
  }
  return tags;
}

function isAnchor(tag: Tag, anchor: ArticleScope['anchor']): boolean {
  return !tag.end && (anchor.tag === undefined || tag.lower === anchor.tag) && tag.classes.includes(anchor.class);
}

/**
 * The index of the end tag that closes the element opened at `first`, when every element opened
 * inside it is closed by its own end tag before it (nothing implicitly closed, no stray end tag)
 * and `inside` falls within it; undefined otherwise.
 */
function closingTag(tags: readonly Tag[], first: number, inside: number): number | undefined {
  const open: string[] = [];
  for (let i = first; i < tags.length; i++) {
    const tag = tags[i] as Tag;
    if (tag.end) {
      if (open.at(-1) !== tag.name) return undefined;
      open.pop();
      if (open.length === 0) return i >= inside ? i : undefined;
      continue;
    }
    const parent = open.at(-1);
    if (parent !== undefined && !tag.selfClosing && CLOSED_BY_OPENING.get(parent)?.has(tag.name)) return undefined;
    if (RAW_TEXT.has(tag.lower) || VOID.has(tag.name)) {
      if (i === first) return undefined;
      continue;
    }
    if (tag.selfClosing) return undefined;
    open.push(tag.name);
  }
  return undefined;
}

/**
 * The elements of the body outside the article that the extraction reads, as they are written;
 * undefined when one of them is something the fragment cannot stand in for.
 */
function carried(html: string, tags: readonly Tag[], from: number, to: number, head: { title: boolean; html: boolean }): string[] | undefined {
  const out: string[] = [];
  for (let i = from; i < to; i++) {
    const tag = tags[i] as Tag;
    if (tag.end) continue;
    if (tag.classes.some((c) => SITE_CLASS.test(c))) return undefined;
    // Only the first <title> and <html> are read: those before <body> stay in the fragment.
    if ((tag.lower === 'title' && !head.title) || (tag.lower === 'html' && !head.html)) return undefined;
    if (tag.lower === 'meta' || tag.lower === 'link' || (tag.lower === 'script' && tag.mayBeJsonLd)) out.push(html.slice(tag.start, tag.stop));
  }
  return out;
}

/**
 * The fragment of `html` to parse instead of the whole page, cut for the newest of `versions`
 * whose scope's anchor the page has; undefined when the page must be parsed whole (no anchor, a
 * version without a scope, or markup the scan does not mirror exactly).
 */
export function locateArticle(html: string, versions: readonly SiteVersion[]): Located | undefined {
  const tags = tokenize(html);
  if (!tags) return undefined;
  const body = tags.findIndex((t) => !t.end && t.lower === 'body');
  if (body < 0) return undefined;
  // An element opened before <html> (markup ahead of the doctype) leaves the parser free to
  // rebuild the tree around it, <html> and its lang included, differently for the whole page.
  const root = tags.findIndex((t) => !t.end && t.lower === 'html');
  if (root > 0 && tags.slice(0, root).some((t) => !t.end)) return undefined;
  for (const version of versions) {
    if (!version.scope) return undefined;
    const { anchor, container } = version.scope;
    const at = tags.findIndex((t) => isAnchor(t, anchor));
    if (at < 0) continue;
    let first = at;
    if (container !== undefined) {
      while (first > body && ((tags[first] as Tag).end || (tags[first] as Tag).lower !== container)) first--;
    }
    if (first <= body) return undefined;
    const last = closingTag(tags, first, at);
    if (last === undefined) return undefined;
    const opened = (name: string) => tags.slice(0, body).some((t) => !t.end && t.lower === name);
    const head = { title: opened('title'), html: opened('html') };
    const before = carried(html, tags, body + 1, first, head);
    const after = carried(html, tags, last + 1, tags.length, head);
    if (!before || !after) return undefined;
    const bodyTag = tags[body] as Tag;
    const article = html.slice((tags[first] as Tag).start, (tags[last] as Tag).stop);
    return { html: `${html.slice(0, bodyTag.stop)}${before.join('')}${article}${after.join('')}</body></html>`, version: version.name };
  }
  return undefined;
}
