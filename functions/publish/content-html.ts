import sanitizeHtml from 'sanitize-html';
import type { IndexEntry } from '../../schemas/index-entry.ts';
import { upgradeKazinform } from '../lib/urls.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML: article text is plain text, so markup-looking strings stay text. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

/**
 * Characters no feed should carry: what XML 1.0 forbids (C0 controls but tab, LF and CR;
 * U+FFFE/U+FFFF; lone surrogates), plus C1 controls and DEL, which are never text.
 */
const NOT_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text as it may appear in a feed: the characters above removed, and line ends written as LF
 * (XML parsers differ on CR: some keep it, conforming ones turn CR LF into LF).
 */
export function feedText(text: string): string {
  return text.replace(NOT_TEXT, '').replace(/\r\n?/g, '\n');
}

/**
 * A link as feeds publish it: absolute http(s) only; Kazinform's hosts always over https. Anything
 * else (relative, javascript:, data:, unparsable) is null. Other hosts keep their scheme: a local
 * replay of the site is served over http on 127.0.0.1, and its links stay so.
 */
export function feedLink(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const url = URL.parse(raw);
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) return null;
  upgradeKazinform(url);
  url.username = '';
  url.password = '';
  return url.href;
}

const keepLink = (attribute: 'href' | 'src'): sanitizeHtml.Transformer => (tagName, attribs) => {
  const { [attribute]: raw, ...rest } = attribs;
  const link = feedLink(raw);
  return { tagName, attribs: link ? { ...rest, [attribute]: link } : rest };
};

/**
 * The allowlist for HTML in feeds (sanitize-html, https://github.com/apostrophecms/sanitize-html):
 * text structure and links only; no script, style, iframe, object, form or media but images;
 * no event handlers, style or class attributes; URLs absolute http(s) (javascript:, data:,
 * vbscript:, protocol-relative and relative URLs are dropped). Disallowed tags are removed with
 * their content for script/style-like elements, and unwrapped (text kept) otherwise.
 */
const FEED_HTML_POLICY: sanitizeHtml.IOptions = {
  allowedTags: ['div', 'p', 'br', 'h2', 'h3', 'h4', 'strong', 'b', 'em', 'i', 'blockquote', 'ul', 'ol', 'li', 'a', 'img', 'figure', 'figcaption'],
  allowedAttributes: {
    // The text's language and direction: a reader lays out Kazakh in Arabic script right to left only if told.
    div: ['lang', { name: 'dir', multiple: false, values: ['ltr', 'rtl'] }],
    a: ['href', 'title'],
    img: ['src', 'alt', 'width', 'height'],
  },
  allowedSchemes: ['https', 'http'],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  allowedClasses: {},
  allowedStyles: {},
  allowVulnerableTags: false,
  disallowedTagsMode: 'discard',
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'iframe', 'object', 'embed', 'svg', 'math', 'title', 'head'],
  enforceHtmlBoundary: false,
  parseStyleAttributes: false,
  transformTags: { a: keepLink('href'), img: keepLink('src') },
  // An image without a source is dropped; a link without one keeps its text.
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
};

/**
 * HTML made safe for feed readers by the allowlist above, with characters feeds cannot carry
 * removed (also those that character references decode to: the sanitiser writes text decoded).
 */
export function sanitizeFeedHtml(html: string): string {
  return feedText(sanitizeHtml(feedText(html), FEED_HTML_POLICY));
}

/**
 * The article as HTML for feed readers, built from the normalised text (never from the page's own
 * markup), every piece escaped, and then passed through the allowlist sanitiser as well, so that
 * nothing the page carried (scripts, styles, handlers, frames, javascript: or data: URLs) can
 * reach a subscriber even if this function one day takes markup in.
 */
export function articleHtml(entry: IndexEntry): string {
  const parts: string[] = [];
  if (entry.summary) parts.push(`<p><strong>${escapeHtml(entry.summary)}</strong></p>`);
  for (const section of entry.body.sections) {
    if (section.heading) parts.push(`<h2>${escapeHtml(section.heading)}</h2>`);
    for (const paragraph of section.paragraphs) parts.push(`<p>${escapeHtml(paragraph)}</p>`);
  }
  return sanitizeFeedHtml(inLanguage(entry.language, parts.join('\n')));
}

/** Plain text as an HTML fragment in its language (RSS `<description>` is HTML: markup-looking text must stay text). */
export function textHtml(text: string, language: string): string {
  return sanitizeFeedHtml(inLanguage(language, `<p>${escapeHtml(text)}</p>`));
}

/** Scripts written right to left, by their ISO 15924 subtag. */
const RIGHT_TO_LEFT = new Set(['Arab', 'Hebr', 'Syrc', 'Thaa']);

/** HTML wrapped in an element that names its language (a BCP 47 tag) and the direction of its script. */
function inLanguage(language: string, html: string): string {
  const script = language.split('-').find((subtag) => /^[A-Z][a-z]{3}$/.test(subtag));
  return `<div lang="${escapeHtml(language)}" dir="${script && RIGHT_TO_LEFT.has(script) ? 'rtl' : 'ltr'}">\n${html}\n</div>`;
}
