/**
 * Decode fetched bytes to text, finding the charset the way browsers and XML
 * parsers do, with windows-1251 as the legacy guess for this (Cyrillic) site.
 */

import { TextDecoder } from 'node:util'; // the global has no type without the DOM lib
import { plural } from './plural.ts';

const SNIFF_BYTES = 2048;

/** A decoder for a WHATWG encoding label, or undefined for an unknown one. */
function decoderFor(label: string | undefined): TextDecoder | undefined {
  if (label === undefined) return undefined;
  try {
    return new TextDecoder(label.trim());
  } catch {
    return undefined;
  }
}

function bomEncoding(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return undefined;
}

/**
 * A label declared inside the document. Text that could be read as ASCII to
 * find the declaration is not UTF-16, so a UTF-16 claim means UTF-8 (as in the
 * HTML standard).
 */
function inDocument(label: string | undefined): TextDecoder | undefined {
  const decoder = decoderFor(label);
  return decoder?.encoding.startsWith('utf-16') ? new TextDecoder('utf-8') : decoder;
}

/** The charset parameter of a Content-Type header value. */
function charsetOf(contentType: string | null | undefined): string | undefined {
  return contentType?.match(/;\s*charset\s*=\s*"?([^";\s]+)/i)?.[1];
}

/** Multi-byte legacy encodings: valid UTF-8 is no evidence against them, so they are not second-guessed. */
const MULTI_BYTE = new Set(['utf-8', 'utf-16le', 'utf-16be', 'gbk', 'gb18030', 'big5', 'euc-jp', 'iso-2022-jp', 'shift_jis', 'euc-kr']);

/** The replacement characters a non-fatal UTF-8 decoding makes, and the non-ASCII bytes it read. */
function utf8Errors(bytes: Uint8Array): { errors: number; nonAscii: number } {
  let nonAscii = 0;
  for (const b of bytes) if (b >= 0x80) nonAscii++;
  let errors = 0;
  if (nonAscii > 0) for (const c of new TextDecoder('utf-8').decode(bytes)) if (c === '\uFFFD') errors++;
  return { errors, nonAscii };
}

/** Mostly UTF-8: a few stray bytes in UTF-8 text, not a single-byte charset (whose every letter fails). */
function mostlyUtf8({ errors, nonAscii }: { errors: number; nonAscii: number }): boolean {
  return errors <= 0.25 * nonAscii;
}

/**
 * Whether the bytes contradict a declared encoding: text declared UTF-8 that is mostly not UTF-8
 * (a server default in front of a windows-1251 page), or non-ASCII text declared in a single-byte
 * charset that is mostly UTF-8 (a page re-encoded without its declaration being updated, a few
 * stray bytes included). A few stray bytes in a UTF-8 page do not count: it stays UTF-8.
 */
function contradicted(decoder: TextDecoder, utf8: { errors: number; nonAscii: number }): boolean {
  if (decoder.encoding === 'utf-8') return !mostlyUtf8(utf8);
  if (MULTI_BYTE.has(decoder.encoding)) return false;
  return utf8.nonAscii > 0 && mostlyUtf8(utf8);
}

/**
 * windows-1251 or KOI8-R for undeclared single-byte text. Each reads the other's lower-case
 * letters as capitals, so prose read in the wrong one comes out with its case inverted («фПЛБЕЧ»):
 * KOI8-R only when it reads clearly more lower-case letters (twice as many, and eight at least);
 * otherwise, all-capital text and text without Cyrillic included, windows-1251, the commoner.
 */
function cyrillicGuess(bytes: Uint8Array): 'windows-1251' | 'koi8-r' {
  const lower = (label: string) => new TextDecoder(label).decode(bytes).match(/[а-яё]/g)?.length ?? 0;
  const koi8 = lower('koi8-r');
  return koi8 >= 8 && koi8 > 2 * lower('windows-1251') ? 'koi8-r' : 'windows-1251';
}

export interface Decoded {
  text: string;
  /** The WHATWG name of the encoding used (`utf-8`, `windows-1251`). */
  charset: string;
  /** Set when the decoding needed a fallback: a declaration overruled, a guess, bytes replaced. */
  fallback?: string;
}

/**
 * Order: a byte order mark (it is authoritative even over the header, as in the HTML standard and
 * RFC 7303, since a server's default charset is the likelier mistake), the Content-Type charset,
 * `<meta>` in the first 2 KB, the XML prolog (a header's ISO-8859-1 gives way to either), then
 * UTF-8 if the bytes are mostly UTF-8, else windows-1251 or KOI8-R (see `cyrillicGuess`).
 * Unknown labels are skipped, and so is a declaration the bytes plainly contradict (see
 * `contradicted`): a wrong charset costs no text. A leading BOM is stripped.
 */
export function decodeBytes(bytes: Uint8Array, contentType?: string | null): Decoded {
  const bom = decoderFor(bomEncoding(bytes));
  if (bom) return { text: bom.decode(bytes), charset: bom.encoding };
  // latin1 maps each byte to one char, so ASCII declarations can be matched safely.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, SNIFF_BYTES));
  const meta = head.match(/<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:-]+)/i)?.[1];
  const prolog = head.match(/^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([\w.:-]+)["']/i)?.[1];
  const utf8 = utf8Errors(bytes);
  const notes: string[] = [];
  let chosen: TextDecoder | undefined;
  const header = decoderFor(charsetOf(contentType));
  const inPage = [inDocument(meta), inDocument(prolog)];
  const own = inPage.find((d) => d !== undefined);
  // ISO-8859-1 (windows-1252 to WHATWG) in a header is a server's default far more often than a
  // statement about a Kazinform page: the page's own declaration of another charset wins over it.
  const western = header?.encoding === 'windows-1252' && own !== undefined && own.encoding !== header.encoding;
  if (western) notes.push(`the header's ${header.encoding} overruled by the page's own ${own.encoding}`);
  for (const declared of western ? inPage : [header, ...inPage]) {
    if (!declared) continue;
    if (!contradicted(declared, utf8)) {
      chosen = declared;
      break;
    }
    notes.push(`declared ${declared.encoding}, which the bytes contradict`);
  }
  if (!chosen) {
    chosen = new TextDecoder(mostlyUtf8(utf8) ? 'utf-8' : cyrillicGuess(bytes));
    if (chosen.encoding !== 'utf-8' || notes.length) notes.push(`guessed ${chosen.encoding}`);
  }
  const text = chosen.decode(bytes);
  if (chosen.encoding === 'utf-8' && utf8.errors) notes.push(`${plural(utf8.errors, 'invalid byte sequence')} replaced by U+FFFD`);
  return notes.length ? { text, charset: chosen.encoding, fallback: `${chosen.encoding}: ${notes.join('; ')}` } : { text, charset: chosen.encoding };
}

/** decodeBytes' text. */
export function decodeBody(bytes: Uint8Array, contentType?: string | null): string {
  return decodeBytes(bytes, contentType).text;
}
