/**
 * Decode fetched bytes to text, finding the charset the way browsers and XML
 * parsers do, with windows-1251 as the legacy guess for this (Cyrillic) site.
 */

import { TextDecoder } from 'node:util'; // the global has no type without the DOM lib

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

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The charset parameter of a Content-Type header value. */
function charsetOf(contentType: string | null | undefined): string | undefined {
  return contentType?.match(/;\s*charset\s*=\s*"?([^";\s]+)/i)?.[1];
}

/** Multi-byte legacy encodings: valid UTF-8 is no evidence against them, so they are not second-guessed. */
const MULTI_BYTE = new Set(['utf-8', 'utf-16le', 'utf-16be', 'gbk', 'gb18030', 'big5', 'euc-jp', 'iso-2022-jp', 'shift_jis', 'euc-kr']);

/** Share of a non-fatal UTF-8 decoding that is replacement characters, per non-ASCII byte. */
function utf8ErrorRate(bytes: Uint8Array): number {
  let nonAscii = 0;
  for (const b of bytes) if (b >= 0x80) nonAscii++;
  if (nonAscii === 0) return 0;
  let errors = 0;
  for (const c of new TextDecoder('utf-8').decode(bytes)) if (c === '\uFFFD') errors++;
  return errors / nonAscii;
}

/**
 * Whether the bytes contradict a declared encoding: text declared UTF-8 that is mostly not UTF-8
 * (a server default in front of a windows-1251 page), or non-ASCII text declared in a single-byte
 * charset that is valid UTF-8 (a page re-encoded without its declaration being updated). A few
 * stray bytes in a UTF-8 page do not count: it stays UTF-8.
 */
function contradicted(decoder: TextDecoder, bytes: Uint8Array): boolean {
  if (decoder.encoding === 'utf-8') return utf8ErrorRate(bytes) > 0.25;
  if (MULTI_BYTE.has(decoder.encoding)) return false;
  return bytes.some((b) => b >= 0x80) && isUtf8(bytes);
}

/**
 * Order: a byte order mark (it is authoritative even over the header, as in the HTML standard and
 * RFC 7303, since a server's default charset is the likelier mistake), the Content-Type charset,
 * `<meta>` in the first 2 KB, the XML prolog, then UTF-8 if the bytes are valid UTF-8, else
 * windows-1251. Unknown labels are skipped, and so is a declaration the bytes plainly contradict
 * (see `contradicted`): a wrong charset costs no text. A leading BOM is stripped.
 */
export function decodeBody(bytes: Uint8Array, contentType?: string | null): string {
  const bom = decoderFor(bomEncoding(bytes));
  if (bom) return bom.decode(bytes);
  // latin1 maps each byte to one char, so ASCII declarations can be matched safely.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, SNIFF_BYTES));
  const meta = head.match(/<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:-]+)/i)?.[1];
  const prolog = head.match(/^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([\w.:-]+)["']/i)?.[1];
  for (const declared of [decoderFor(charsetOf(contentType)), inDocument(meta), inDocument(prolog)]) {
    if (declared && !contradicted(declared, bytes)) return declared.decode(bytes);
  }
  return new TextDecoder(isUtf8(bytes) ? 'utf-8' : 'windows-1251').decode(bytes);
}
