/**
 * Text normalisation for every string of the canonical article (DESIGN.md: "text is
 * Unicode NFC, whitespace collapsed"). HTML entities are decoded by the HTML parser
 * before this runs; this only cleans what survives decoding.
 */

/**
 * Characters dropped without leaving a space: soft hyphen, zero-width space/joiners,
 * word joiner, BOM; C0/C1 controls and DEL (XML 1.0 forbids C0, C1 are mojibake and
 * make feed validators warn); U+FFFE/U+FFFF; lone surrogates (the `u` flag makes the
 * surrogate range match only unpaired halves); bidi marks, embeddings, overrides and isolates
 * (U+061C, U+200E-F, U+202A-E, U+2066-9: one left unbalanced reverses the text after it wherever
 * the string is shown, a feed reader's list or the atlas). Tab, LF, CR and NEL are whitespace.
 */
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u0084\u0086-\u009F\uFFFE\uFFFF\uD800-\uDFFF]/gu;

/** `\s` covers NBSP, U+202F, U+2000-U+200A, U+3000, line/paragraph separators; NEL is added. */
const WHITESPACE_RUN = /[\s\u0085]+/gu;

/** NFC, invisible and control characters removed, every whitespace run one space, trimmed. */
export function normaliseText(s: string): string {
  return s.replace(INVISIBLE, '').replace(WHITESPACE_RUN, ' ').normalize('NFC').trim();
}

/**
 * UTF-8 Cyrillic read as a single-byte charset: each letter becomes two characters, `Р` or `С`
 * (windows-1251) or `Ð` or `Ñ` (windows-1252) followed by what a continuation byte means there.
 */
const MOJIBAKE_PAIR = /[РСÐÑ][\u0080-\u00BF\u0402\u0403\u0405-\u040F\u0452\u0453\u0455-\u045F\u0490\u0491\u2013-\u203A\u20AC\u2116\u2122]/gu;

/**
 * Whether text looks mis-decoded: UTF-8 Cyrillic read as a single-byte charset (at least three
 * such pairs, making up a third of its letters); Cyrillic read as Latin-1 (most letters in
 * À–ÿ, which no language Kazinform writes in uses so: «Â Êîñòàíàéñêîé»); or Cyrillic read in the
 * wrong Cyrillic charset, which inverts the case of its words («фПЛБЕЧ Й нЙТЪЙЈЕЧ»).
 */
export function looksMisdecoded(text: string): boolean {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  const pairs = text.match(MOJIBAKE_PAIR)?.length ?? 0;
  if (pairs >= 3 && pairs * 2 >= letters / 3) return true;
  const latin1 = text.match(/[\u00C0-\u00FF]/gu)?.length ?? 0;
  if (latin1 >= 5 && latin1 * 2 > letters) return true;
  // Prose read so is mostly capitals, and its capitalised words start with a small letter.
  const cyrillic = text.match(/\p{Script=Cyrillic}/gu) ?? [];
  const capitals = cyrillic.filter((c) => /\p{Lu}/u.test(c)).length;
  return cyrillic.length >= 10 && capitals * 10 > cyrillic.length * 7 && /(?<!\p{L})\p{Ll}\p{Lu}{2,}(?!\p{L})/u.test(text);
}
