import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { KazfeedError } from '../lib/errors.ts';

/** A source that cannot be read as what it claims or seems to be; the message says why. */
export class FeedParseError extends KazfeedError {
  readonly feedUrl: string;
  constructor(feedUrl: string, detail: string, options?: { cause?: unknown }) {
    super(`${detail}: ${feedUrl}`, options);
    this.name = 'FeedParseError';
    this.feedUrl = feedUrl;
  }
}

/** Characters XML 1.0 forbids even escaped (C0 controls but tab/LF/CR, U+FFFE/U+FFFF, lone surrogates). */
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Character references to those characters (`&#1;`, `&#x1F;`), which a strict parser refuses. */
const INVALID_REFERENCE = /&#(?:x0*([0-9a-f]{1,6})|0*(\d{1,7}));/gi;

function isXmlChar(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

/** Removes what XML forbids, so one stray control character does not cost the whole document. */
export function dropInvalidCharacters(xml: string): string {
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
 * a strict parser refuses. Tried only when the document as served fails.
 */
function escapeStrayAmpersands(xml: string): string {
  return outsideCdata(xml, (markup) => markup.replace(/&(?![A-Za-z_][\w.-]*;|#\d+;|#x[0-9a-fA-F]+;)/g, '&amp;'));
}

/** The first line of an error's message. */
export function firstLine(error: unknown): string {
  return ((error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '').trim();
}

/** Elements that may repeat, read as arrays whatever their number (feeds' and sitemaps'). */
const REPEATED = new Set(['item', 'entry', 'link', 'channel', 'url', 'sitemap']);

export type XmlNode = Record<string, unknown>;

/** The text of an element as fast-xml-parser gives it (a string, or an object with `#text`). */
export function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return textOf(value[0]);
  if (value && typeof value === 'object') return textOf((value as XmlNode)['#text']) ?? '';
  return undefined;
}

/** An element's occurrences as a list of nodes (a missing one is an empty list). */
export function nodes(value: unknown): XmlNode[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.map((v) => (v && typeof v === 'object' ? (v as XmlNode) : {}));
}

/** A child by its local name, whatever namespace prefix the document gave it (`news:title`, `n:title`). */
export function child(node: XmlNode, name: string): unknown {
  if (name in node) return node[name];
  const key = Object.keys(node).find((k) => k.endsWith(`:${name}`));
  return key === undefined ? undefined : node[key];
}

/** The document's root element name, or undefined when it has none. */
export function rootName(doc: XmlNode): string | undefined {
  return Object.keys(doc).find((k) => !k.startsWith('?') && !k.startsWith('#'));
}

/** What comes before the root element: white space, processing instructions, comments, the DOCTYPE. */
const PROLOG = /^\uFEFF?(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE(?:[^>[]|\[[\s\S]*?\])*>)*/i;
const DECLARES_ENTITY = /<!DOCTYPE[^>[]*\[[\s\S]*?<!ENTITY/i;

/** Reads a well-formed document; throws FeedParseError saying where it is not. */
export function parseXml(text: string, feedUrl: string): XmlNode {
  const validate = (xml: string): ReturnType<typeof XMLValidator.validate> => {
    try {
      return XMLValidator.validate(xml);
    } catch (error) {
      return { err: { code: 'InvalidXml', msg: firstLine(error), line: 0, col: 0 } };
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
  // Sought in the whole prolog, however long its comments, as well as in the first 64 KB.
  const prolog = PROLOG.exec(source)?.[0] ?? '';
  if (DECLARES_ENTITY.test(prolog) || DECLARES_ENTITY.test(source.slice(0, 64 * 1024))) {
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
    isArray: (name) => REPEATED.has(name) || REPEATED.has(name.slice(name.indexOf(':') + 1)),
  });
  try {
    return parser.parse(source) as XmlNode;
  } catch (error) {
    throw new FeedParseError(feedUrl, `malformed feed (${firstLine(error)})`, { cause: error });
  }
}
