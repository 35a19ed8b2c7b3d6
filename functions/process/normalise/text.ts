/**
 * Text normalisation for every string of the canonical article (DESIGN.md: "text is
 * Unicode NFC, whitespace collapsed"). HTML entities are decoded by the HTML parser
 * before this runs; this only cleans what survives decoding.
 */

/**
 * Characters dropped without leaving a space: soft hyphen, zero-width space/joiners,
 * word joiner, BOM; C0/C1 controls and DEL (XML 1.0 forbids C0, C1 are mojibake and
 * make feed validators warn); U+FFFE/U+FFFF; lone surrogates (the `u` flag makes the
 * surrogate range match only unpaired halves). Tab, LF, CR and NEL are whitespace.
 */
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u0084\u0086-\u009F\uFFFE\uFFFF\uD800-\uDFFF]/gu;

/** `\s` covers NBSP, U+202F, U+2000-U+200A, U+3000, line/paragraph separators; NEL is added. */
const WHITESPACE_RUN = /[\s\u0085]+/gu;

/** NFC, invisible and control characters removed, every whitespace run one space, trimmed. */
export function normaliseText(s: string): string {
  return s.replace(INVISIBLE, '').replace(WHITESPACE_RUN, ' ').normalize('NFC').trim();
}
