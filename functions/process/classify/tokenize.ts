import type { Family } from './fold.ts';
import { once, oncePer } from '../../lib/once.ts';

export type TokenFamily = Exclude<Family, 'zh'>;

export interface Token {
  /** The word as written. */
  readonly raw: string;
  readonly start: number;
  readonly end: number;
}

// Uzbek and Kazakh Latin keep apostrophes inside words (Oʻzbekiston, Qo'shma). Built on a family's
// first text, not at import (a \p{…} pattern costs init time to parse): an article pays for its own.
const WORDS: Record<TokenFamily, () => RegExp> = {
  en: () => /[\p{L}\p{M}\p{N}]+/gu,
  ru: () => /[\p{L}\p{M}\p{N}]+/gu,
  kk: () => /[\p{L}\p{M}\p{N}\u200c]+(?:['’‘`][\p{L}\p{M}]+)*/gu,
  uz: () => /[\p{L}\p{M}\p{N}\u200c]+(?:['’‘`][\p{L}\p{M}]+)*/gu,
};
const wordsOf = oncePer((family: TokenFamily) => WORDS[family]());

const UPPER_FIRST = /^\p{Lu}/u;
const HAS_LOWER = /\p{Ll}/u;
const HAS_CASE = /[\p{Lu}\p{Ll}]/u;

/** Written in a script with case (not Arabic). */
export function hasCase(raw: string): boolean {
  return HAS_CASE.test(raw);
}

/** Starts with a capital, or is written in a script without case (Arabic). */
export function isCapitalised(raw: string): boolean {
  return UPPER_FIRST.test(raw) || !HAS_CASE.test(raw);
}

/**
 * Has no lower-case letter (abbreviations: США, SCO; caseless scripts too). Latin transliterations
 * of Cyrillic abbreviations keep a digraph's h in lower case (АҚШ → AQSh, ШЫҰ → ShYU).
 */
export function isUpper(raw: string): boolean {
  return !HAS_LOWER.test(raw.replace(DIGRAPH_H, ''));
}

const DIGRAPH_H = /(?<=[SCZG])h/g;

/**
 * English "U.S." / "U.K." and Arabic-script Kazakh «ا ق ش» (АҚШ, its letters written apart) would
 * split into letters; write them as the abbreviations they are.
 */
export function prepareText(family: TokenFamily, text: string): string {
  if (family === 'en') return text.replace(/\bU\.S\.(?:A\.)?/g, 'US ').replace(/\bU\.K\./g, 'UK ');
  return family === 'kk' ? text.replace(spacedArabicLetters(), (run) => run.replace(/ /g, '')) : text;
}

/** Kazakh only: built on the first Kazakh text, not at import (a \p{Script} pattern costs init time to parse). */
const spacedArabicLetters = once(() => /(?<![\p{L}\p{M}])\p{Script=Arabic}(?: \p{Script=Arabic}){1,4}(?![\p{L}\p{M}])/gu);

export function tokenize(family: TokenFamily, text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(wordsOf(family))) {
    const raw = m[0];
    tokens.push({ raw, start: m.index, end: m.index + raw.length });
  }
  return tokens;
}
