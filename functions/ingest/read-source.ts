import type { ParsedSource, SourceContext } from './items.ts';
import { feedFromDocument } from './parse-feed.ts';
import { parseJsonFeed } from './parse-json-feed.ts';
import { parseListPage } from './parse-list-page.ts';
import { sitemapFromDocument } from './parse-sitemap.ts';
import { dropInvalidCharacters, FeedParseError, parseXml, rootName } from './xml.ts';

export type { ParsedSource, SourceContext } from './items.ts';

const HTML_DOCUMENT = /^\s*(?:<!--[\s\S]*?-->\s*)*(<!doctype html|<html)/i;
const HTML_TYPE = /^\s*(text\/html|application\/xhtml\+xml)\b/i;
const JSON_TYPE = /^\s*application\/(feed\+)?json\b/i;

/**
 * Entries parsed from one XML source, or links from one HTML source, at most (or the item cap, if higher): the parser builds a tree
 * of every entry (about 2 KB each), so a feed of 100,000 would cost a run 200 MB for items it
 * does not take. Feeds and sitemaps list their newest first; the cap's date sort applies within.
 */
export const MAX_PARSED_ENTRIES = 10_000;

/**
 * The document with its entries past the first `limit` cut out, up to what follows the last one
 * (`</channel></rss>`): the entries are siblings, so what remains is well-formed. The repeated
 * element is whichever of item, entry, url and sitemap closes most often.
 */
export function firstEntries(xml: string, limit: number): { xml: string; dropped: number } {
  let best: { ends: number[]; count: number } = { ends: [], count: 0 };
  for (const name of ['item', 'entry', 'url', 'sitemap']) {
    const closing = new RegExp(`</(?:[\\w.-]+:)?${name}\\s*>`, 'g');
    const ends: number[] = [];
    let count = 0;
    for (let m = closing.exec(xml); m; m = closing.exec(xml)) {
      count += 1;
      // Only the cut and the last end are needed, not every position.
      if (count === limit) ends[0] = m.index + m[0].length;
      ends[1] = m.index + m[0].length;
    }
    if (count > best.count) best = { ends, count };
  }
  const [cut, last] = best.ends;
  if (best.count <= limit || cut === undefined || last === undefined) return { xml, dropped: 0 };
  return { xml: xml.slice(0, cut) + xml.slice(last), dropped: best.count - limit };
}

/**
 * An HTML source read through its first `limit` links (cut after the last one's `</a>`; HTML
 * parsers close what is left open): the parser builds a node per element, 100,000 links cost
 * 150 MB, and a list page holds a few dozen.
 */
function readListPage(html: string, ctx: SourceContext, limit: number): ParsedSource {
  const closing = /<\/a\s*>/gi;
  let count = 0;
  let cut = html.length;
  for (let m = closing.exec(html); m; m = closing.exec(html)) {
    count += 1;
    if (count === limit) cut = m.index + m[0].length;
  }
  if (count <= limit) return parseWithin(html, ctx);
  const parsed = parseWithin(html.slice(0, cut), ctx);
  return { ...parsed, notes: [...parsed.notes, `${count - limit} links past the first ${limit} not read`] };
}

/** parseListPage, with the parser's stack overflow on tens of thousands of nested elements said as such. */
function parseWithin(html: string, ctx: SourceContext): ParsedSource {
  try {
    return parseListPage(html, ctx);
  } catch (error) {
    if (error instanceof RangeError) throw new FeedParseError(ctx.url, 'an HTML page nested too deeply to read (tens of thousands of elements inside one another)');
    throw error;
  }
}

/**
 * Reads any source: RSS 2.0 (or 0.9x, 1.0), Atom, JSON Feed, an XML sitemap, Google News sitemap
 * or sitemap index, or an HTML page whose links to article pages are the items. The document
 * decides the kind (servers often label feeds `text/html` or `text/plain`); the content type
 * settles what the document leaves open (markup that is not well-formed XML is read as HTML when
 * served as HTML). What is none of these throws FeedParseError with the reason.
 */
export function readSource(body: string, contentType: string, ctx: SourceContext): ParsedSource {
  const text = body.replace(/^\uFEFF/, '');
  const start = text.trimStart().slice(0, 1);
  const entryLimit = Math.max(MAX_PARSED_ENTRIES, ctx.maxItems ?? 0);
  const listPage = () => readListPage(text, ctx, entryLimit);
  if (!start) throw new FeedParseError(ctx.url, 'an empty response, not a feed');
  if (start === '{' || (JSON_TYPE.test(contentType) && start !== '<')) return parseJsonFeed(text, ctx);
  if (HTML_DOCUMENT.test(text.slice(0, 1024))) return listPage();
  if (start !== '<') {
    if (HTML_TYPE.test(contentType)) return listPage();
    throw new FeedParseError(ctx.url, `neither a feed, a sitemap nor an HTML page (${contentType || 'no content type'})`);
  }
  const bounded = firstEntries(text, entryLimit);
  let doc;
  try {
    doc = parseXml(dropInvalidCharacters(bounded.xml), ctx.url);
  } catch (error) {
    if (HTML_TYPE.test(contentType)) return listPage();
    throw error;
  }
  const root = rootName(doc);
  if (root?.toLowerCase() === 'html') return listPage(); // XHTML
  const parsed = feedFromDocument(doc, ctx) ?? sitemapFromDocument(doc, root, ctx);
  if (parsed && bounded.dropped) return { ...parsed, notes: [...parsed.notes, `${bounded.dropped} entries past the first ${entryLimit} not read`] };
  if (parsed) return parsed;
  if (HTML_TYPE.test(contentType)) return listPage(); // a fragment of HTML that happens to be well-formed
  throw new FeedParseError(ctx.url, root ? `not a feed or a sitemap (root element <${root}>)` : 'no XML element, not a feed');
}
