import { wordKey } from './fold.ts';
import type { Term, WordPattern } from './lexicon/compile.ts';
import { hasCase, isCapitalised, isUpper, type Token, type TokenFamily } from './tokenize.ts';

interface TrieNode {
  readonly next: Map<string, TrieNode>;
  /** Terms whose first word's stem ends here, most specific first. */
  terms: Term[] | null;
}

export interface TokenMatcher {
  readonly family: TokenFamily;
  readonly root: TrieNode;
  /**
   * Each word as written → its key and trie walk: words recur across articles, and most
   * lead nowhere. Bounded (cleared when full) so that a long run does not grow without limit.
   */
  readonly words: Map<string, WordInfo>;
}

interface WordInfo {
  readonly key: string;
  /** Every stem that is a prefix of the key: [stem length, its terms], shortest first. */
  readonly found: ReadonlyArray<readonly [number, Term[]]>;
}

const WORDS_LIMIT = 200_000;
const NOWHERE: ReadonlyArray<readonly [number, Term[]]> = [];

export interface TermMatch {
  readonly term: Term;
  /** Index of the first and of the last token matched. */
  readonly first: number;
  readonly last: number;
  /** The ending of the last token after its stem (for case: -да is a locative). */
  readonly suffix: string;
}

/** A character trie over the first word's stem: one walk per token finds every candidate. */
export function buildMatcher(family: TokenFamily, terms: readonly Term[]): TokenMatcher {
  const root: TrieNode = { next: new Map(), terms: null };
  for (const term of terms) {
    let node = root;
    for (const ch of (term.words[0] as WordPattern).stem) {
      let child = node.next.get(ch);
      if (!child) node.next.set(ch, (child = { next: new Map(), terms: null }));
      node = child;
    }
    (node.terms ??= []).push(term);
  }
  const sort = (node: TrieNode): void => {
    node.terms?.sort((a, b) => b.words.length - a.words.length || b.weight - a.weight);
    for (const child of node.next.values()) sort(child);
  };
  sort(root);
  return { family, root, words: new Map() };
}

/** Left to right, the longest phrase at each token; matched tokens are consumed. */
export function matchAll(matcher: TokenMatcher, text: string, tokens: readonly Token[]): TermMatch[] {
  const out: TermMatch[] = [];
  const infos = tokens.map((t) => wordInfo(matcher, t.raw));
  for (let i = 0; i < tokens.length; ) {
    const m = longestAt(matcher, text, tokens, infos, i);
    if (m) {
      out.push(m);
      i = m.last + 1;
    } else i++;
  }
  return out;
}

function longestAt(matcher: TokenMatcher, text: string, tokens: readonly Token[], infos: readonly WordInfo[], i: number): TermMatch | null {
  const found = (infos[i] as WordInfo).found;
  for (let f = found.length - 1; f >= 0; f--) {
    const [depth, terms] = found[f] as readonly [number, Term[]];
    for (const term of terms) {
      const m = verify(matcher.family, term, text, tokens, infos, i, depth);
      if (m) return m;
    }
  }
  return null;
}

function wordInfo(matcher: TokenMatcher, raw: string): WordInfo {
  let info = matcher.words.get(raw);
  if (!info) {
    const key = wordKey(matcher.family, raw);
    let found: Array<[number, Term[]]> | null = null;
    let node: TrieNode | undefined = matcher.root;
    for (let d = 0; d < key.length; d++) {
      node = node.next.get(key[d] as string);
      if (!node) break;
      if (node.terms) (found ??= []).push([d + 1, node.terms]);
    }
    if (matcher.words.size >= WORDS_LIMIT) matcher.words.clear();
    info = { key, found: found ?? NOWHERE };
    matcher.words.set(raw, info);
  }
  return info;
}

// Words of one phrase are separated by spaces or hyphens only (Нур-Султан, play-off).
const JOINER = /^[\s\-‑–—]*$/;

function verify(
  family: TokenFamily, term: Term, text: string, tokens: readonly Token[], infos: readonly WordInfo[], i: number, depth: number,
): TermMatch | null {
  let suffix = '';
  for (let w = 0; w < term.words.length; w++) {
    const token = tokens[i + w];
    const key = infos[i + w]?.key;
    const word = term.words[w] as WordPattern;
    if (!token || key === undefined) return null;
    if (w > 0 && (!key.startsWith(word.stem) || !JOINER.test(text.slice((tokens[i + w - 1] as Token).end, token.start)))) return null;
    suffix = key.slice(w === 0 ? depth : word.stem.length);
    if (!endingOk(word, suffix)) return null;
    if (word.upper && !isUpper(token.raw)) return null;
    // Without case an abbreviation of two letters is an ordinary word as often (АҚ: ақ, white).
    if (word.upper && word.stem.length < 3 && !hasCase(token.raw)) return null;
  }
  const head = tokens[i] as Token;
  if (term.capital && !isCapitalised(head.raw) && !lowerCaseDerivation(family, (infos[i] as WordInfo).key.slice(depth))) return null;
  return { term, first: i, last: i + term.words.length - 1, suffix };
}

function endingOk(word: WordPattern, suffix: string): boolean {
  return word.endings ? word.endings.has(suffix) : suffix.length <= word.max;
}

/** Kazakh/Uzbek adjectives are names plus -лық/-лік/-дық/-тық/-лик, written in lower case. */
function lowerCaseDerivation(family: TokenFamily, suffix: string): boolean {
  return (family === 'kk' || family === 'uz') && /^[ldt]i[kq]/.test(suffix);
}
