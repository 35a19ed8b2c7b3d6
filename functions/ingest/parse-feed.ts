import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { SourceItem } from '../../schemas/source-item.ts';
import { articleId, canonicalUrl } from '../lib/urls.ts';
import { parseDate } from '../process/normalise/dates.ts';

export class FeedParseError extends Error {
  readonly feedUrl: string;
  constructor(feedUrl: string, detail: string, options?: { cause?: unknown }) {
    super(`${detail}: ${feedUrl}`, options);
    this.name = 'FeedParseError';
    this.feedUrl = feedUrl;
  }
}

export interface ParsedFeed {
  items: SourceItem[];
  /** Entries that could not become items (no usable link), with why. */
  skipped: { entry: string; reason: string }[];
  language: string | null;
}

const HTML_DOCUMENT = /^\s*(?:<!--[\s\S]*?-->\s*)*(<!doctype html|<html)/i;

/** Characters XML 1.0 forbids even escaped (C0 controls but tab/LF/CR, U+FFFE/U+FFFF, lone surrogates). */
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Character references to those characters (`&#1;`, `&#x1F;`), which a strict parser refuses. */
const INVALID_REFERENCE = /&#(?:x0*([0-9a-f]{1,6})|0*(\d{1,7}));/gi;

/** A feed title longer than this is cut: it is only a hint (the page's title wins), and it travels in S3 metadata. */
export const MAX_FEED_TITLE = 200;
/** Longer links are not followed: no article URL is this long, and S3 metadata has a 2 KB limit. */
export const MAX_LINK_LENGTH = 1024;

function isXmlChar(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

/** Removes what XML forbids, so one stray control character does not cost the whole feed. */
function dropInvalidCharacters(xml: string): string {
  return xml.replace(XML_INVALID, '').replace(INVALID_REFERENCE, (ref, hex: string | undefined, dec: string | undefined) => {
    const code = hex !== undefined ? Number.parseInt(hex, 16) : Number(dec);
    return isXmlChar(code) ? ref : '';
  });
}

/** Applies `fn` to the document outside its CDATA sections. */
function outsideCdata(xml: string, fn: (markup: string) => string): string {
  return xml.split(/(<!\[CDATA\[[\s\S]*?\]\]>)/).map((part, i) => (i % 2 === 1 ? part : fn(part))).join('');
}

/**
 * Escapes ampersands that start no reference ("AT&T"): a common mistake of hand-made feeds that
 * a strict parser refuses. Tried only when the feed as served fails.
 */
function escapeStrayAmpersands(xml: string): string {
  return outsideCdata(xml, (markup) => markup.replace(/&(?![A-Za-z_][\w.-]*;|#\d+;|#x[0-9a-fA-F]+;)/g, '&amp;'));
}

/** A feed's text as a one-line value: controls and whitespace runs collapsed, trimmed, capped. */
function cleanTitle(raw: string | undefined): string {
  const text = (raw ?? '').replace(/[\u0000-\u001F\u007F-\u009F]+/g, ' ').replace(/\s+/g, ' ').trim();
  return [...text].length > MAX_FEED_TITLE ? `${[...text].slice(0, MAX_FEED_TITLE - 1).join('').trimEnd()}…` : text;
}

function message(error: unknown): string {
  return ((error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '').trim();
}

/** Elements that may repeat, read as arrays whatever their number. */
const REPEATED = new Set(['item', 'entry', 'link', 'channel']);

type Node = Record<string, unknown>;

/** The text of an element as fast-xml-parser gives it (a string, or an object with `#text`). */
function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return textOf(value[0]);
  if (value && typeof value === 'object') return textOf((value as Node)['#text']) ?? '';
  return undefined;
}

function nodes(value: unknown): Node[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.map((v) => (v && typeof v === 'object' ? (v as Node) : {}));
}

/** An Atom entry's link: rel="alternate" (or no rel) first, then any with an href. */
function atomLink(value: unknown): string | undefined {
  const links = nodes(value).filter((l) => typeof l['@_href'] === 'string');
  const alternate = links.find((l) => l['@_rel'] === undefined || l['@_rel'] === 'alternate') ?? links[0];
  return alternate ? (alternate['@_href'] as string) : textOf(value) || undefined;
}

interface Entry {
  title?: string;
  link?: string;
  guid?: string;
  date?: string;
}

/** The entries of an RSS 0.9x/2.0, RSS 1.0 (RDF) or Atom document, and its declared language. */
function entriesOf(doc: Node, feedUrl: string): { entries: Entry[]; language: string | undefined } {
  const rss = doc.rss as Node | undefined;
  const rdf = doc['rdf:RDF'] as Node | undefined;
  const atom = doc.feed as Node | undefined;
  if (rss && typeof rss === 'object') {
    const channel = nodes(rss.channel)[0];
    if (!channel) throw new FeedParseError(feedUrl, 'an RSS document without a channel');
    const entries = nodes(channel.item).map((item) => ({
      title: textOf(item.title),
      link: textOf(item.link),
      guid: textOf(item.guid),
      date: textOf(item.pubDate) ?? textOf(item['dc:date']),
    }));
    return { entries, language: textOf(channel.language) };
  }
  if (rdf && typeof rdf === 'object') {
    const channel = nodes(rdf.channel)[0] ?? {};
    const entries = nodes(rdf.item).map((item) => ({ title: textOf(item.title), link: textOf(item.link), guid: textOf(item['@_rdf:about']), date: textOf(item['dc:date']) }));
    return { entries, language: textOf(channel['dc:language']) };
  }
  if (atom && typeof atom === 'object') {
    const entries = nodes(atom.entry).map((entry) => ({
      title: textOf(entry.title),
      link: atomLink(entry.link),
      guid: textOf(entry.id),
      date: textOf(entry.published) ?? textOf(entry.updated),
    }));
    return { entries, language: textOf(atom['@_xml:lang']) };
  }
  const root = Object.keys(doc).find((k) => !k.startsWith('?') && !k.startsWith('#'));
  throw new FeedParseError(feedUrl, root ? `not an RSS or Atom feed (root element <${root}>)` : 'no XML element, not a feed');
}

/** Reads a well-formed document; throws FeedParseError saying where it is not. */
function parseXml(text: string, feedUrl: string): Node {
  const validate = (xml: string): ReturnType<typeof XMLValidator.validate> => {
    try {
      return XMLValidator.validate(xml);
    } catch (error) {
      return { err: { code: 'InvalidXml', msg: message(error), line: 0, col: 0 } };
    }
  };
  let verdict = validate(text);
  let source = text;
  if (verdict !== true) {
    const repaired = escapeStrayAmpersands(text);
    if (repaired !== text && validate(repaired) === true) {
      verdict = true;
      source = repaired;
    }
  }
  if (verdict !== true) {
    const { msg, line, col } = verdict.err;
    const unclosed = /^Invalid '(\[[\s\S]*\])' found\.$/.exec(msg)?.[1];
    if (unclosed) {
      const names = (JSON.parse(unclosed) as string[]).map((n) => `<${n}>`).join(', ');
      throw new FeedParseError(feedUrl, `malformed feed (cut short? ${names.slice(0, 200)} never closed)`);
    }
    throw new FeedParseError(feedUrl, `malformed feed (${line ? `line ${line}${col ? `, column ${col}` : ''}: ` : ''}${msg.replace(/\s+/g, ' ').slice(0, 200)})`);
  }
  // Entity declarations are how XML bombs and external entities get in; no real feed needs them.
  if (/<!DOCTYPE[^>[]*\[[\s\S]*?<!ENTITY/i.test(source.slice(0, 64 * 1024))) {
    throw new FeedParseError(feedUrl, 'a feed declaring XML entities, refused');
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    textNodeName: '#text',
    processEntities: true,
    htmlEntities: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    isArray: (name) => REPEATED.has(name),
  });
  try {
    return parser.parse(source) as Node;
  } catch (error) {
    throw new FeedParseError(feedUrl, `malformed feed (${message(error)})`, { cause: error });
  }
}

/*
 * Why not rss-parser (which the tests still use to read our own feeds back): one Atom entry
 * without a link throws inside it and loses the whole feed, and its xml2js parser, once shared,
 * never finishes another document after a malformed one. fast-xml-parser reads the XML; mapping
 * the three feed formats' few elements is all that is left to do here.
 */

/**
 * Parses an RSS 2.0 (or 0.9x), RSS 1.0 or Atom document into source items: canonical URL, stable
 * id, date in UTC. Items sharing an id (the same article under two links) are kept once. What
 * cannot be a feed (empty, HTML, malformed or truncated XML, another XML document, XML entity
 * declarations) throws FeedParseError with the reason; entries without a usable link are skipped
 * with the reason. Characters XML forbids are dropped and stray ampersands escaped rather than
 * losing the feed.
 */
export async function parseFeed(xml: string, feedUrl: string, languageHint?: string): Promise<ParsedFeed> {
  const text = dropInvalidCharacters(xml.replace(/^\uFEFF/, ''));
  if (!text.trim()) throw new FeedParseError(feedUrl, 'an empty response, not a feed');
  if (HTML_DOCUMENT.test(text.slice(0, 1024))) throw new FeedParseError(feedUrl, 'an HTML page, not a feed');
  const { entries, language: declared } = entriesOf(parseXml(text, feedUrl), feedUrl);
  const language = languageHint ?? (declared?.trim() || null);
  const items: SourceItem[] = [];
  const skipped: ParsedFeed['skipped'] = [];
  const ids = new Set<string>();
  for (const entry of entries) {
    const guid = entry.guid?.trim() || undefined;
    const rawLink = entry.link?.trim() ? entry.link.trim() : guid && /^https?:/i.test(guid) ? guid : undefined;
    const title = cleanTitle(entry.title);
    const label = cleanTitle(guid) || title || '(untitled)';
    if (rawLink && rawLink.length > MAX_LINK_LENGTH) {
      skipped.push({ entry: label, reason: `link longer than ${MAX_LINK_LENGTH} characters` });
      continue;
    }
    const url = rawLink ? canonicalUrl(rawLink, feedUrl) : null;
    if (!url) {
      skipped.push({ entry: label, reason: rawLink ? `unusable link ${JSON.stringify(rawLink.slice(0, 200))}` : 'no link' });
      continue;
    }
    const id = articleId(url);
    if (ids.has(id)) continue;
    ids.add(id);
    items.push({ id, url, feedUrl, title, publishedAt: entry.date?.trim() ? parseDate(entry.date.trim()) : null, feedLanguage: language });
  }
  return { items, skipped, language };
}
