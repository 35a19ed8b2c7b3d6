import type { Language } from '../../../schemas/article.ts';
import { buildChineseMatcher, scanChinese, type ChineseMatch } from './chinese.ts';
import type { Family } from './fold.ts';
import { compileTerms, familySpecs, resolveTargets } from './lexicon/compile.ts';
import type { Target } from './lexicon/types.ts';
import { buildMatcher, matchAll, type TokenMatcher } from './matcher.ts';
import { prepareText, tokenize, type Token, type TokenFamily } from './tokenize.ts';
import type { Zone } from './zones.ts';
import { once, oncePer } from '../../lib/once.ts';

/** One phrase found in one zone. Offsets are into `Scan.texts[zone]`. */
export interface Hit {
  readonly target: Target;
  readonly zone: number;
  readonly start: number;
  readonly end: number;
  readonly surface: string;
  /** "in X", «X-да», 在X: a place named, not a party. */
  readonly locative: boolean;
}

export interface Scan {
  readonly family: Family;
  /** The zones' texts as matched (English "U.S." normalised). */
  readonly texts: readonly string[];
  readonly hits: readonly Hit[];
}

/** Which lexicon family reads each language tag. */
export const FAMILY_OF: Readonly<Record<Language, Family>> = {
  en: 'en', ru: 'ru', 'kk-Cyrl': 'kk', 'kk-Latn': 'kk', 'kk-Arab': 'kk', 'uz-Cyrl': 'uz', 'uz-Latn': 'uz', 'zh-Hans': 'zh',
};

// Each family's matcher is built on its first article, not at import: a cold start pays for no
// lexicon and an article for its own language's only; every later call reuses the tries.
const tokenMatcher = oncePer((family: TokenFamily): TokenMatcher => buildMatcher(family, compileTerms(family)));
const chineseMatcher = once(() => buildChineseMatcher(chinesePhrases()));

function chinesePhrases(): Map<string, Target[]> {
  const grouped = new Map<string, Target[]>();
  for (const spec of familySpecs('zh')) {
    const list = grouped.get(spec.phrase);
    if (list) list.push(spec.target);
    else grouped.set(spec.phrase, [spec.target]);
  }
  return new Map([...grouped].map(([phrase, targets]) => [phrase, resolveTargets(targets)]));
}

export function scanZones(language: Language, zones: readonly Zone[]): Scan {
  const family = FAMILY_OF[language];
  return family === 'zh' ? scanChineseZones(zones) : scanTokenZones(family, zones);
}

const LOCATIVE_PREPOSITION: Readonly<Record<TokenFamily, ReadonlySet<string>>> = {
  en: new Set(['in']),
  ru: new Set(['в', 'во']),
  kk: new Set(),
  uz: new Set(),
};
/** Kazakh and Uzbek locative endings, as skeletons: -да/-де/-та/-те. */
const LOCATIVE_ENDING = /^(?:da|de|ta|te)$/;

function scanTokenZones(family: TokenFamily, zones: readonly Zone[]): Scan {
  const texts: string[] = [];
  const hits: Hit[] = [];
  zones.forEach((zone, z) => {
    const text = prepareText(family, zone.text);
    texts.push(text);
    const tokens = tokenize(family, text);
    for (const m of matchAll(tokenMatcher(family), text, tokens)) {
      const first = tokens[m.first] as Token;
      const last = tokens[m.last] as Token;
      const locative = afterPreposition(family, text, tokens, m.first) || LOCATIVE_ENDING.test(m.suffix);
      const surface = text.slice(first.start, last.end);
      for (const target of m.term.targets) hits.push({ target, zone: z, start: first.start, end: last.end, surface, locative });
    }
  });
  return { family, texts, hits };
}

/** "in Moscow", «в Москве», and "in Qingdao, China": the country of a city just named. */
function afterPreposition(family: TokenFamily, text: string, tokens: readonly Token[], i: number): boolean {
  const isPreposition = (t: Token | undefined) => t !== undefined && LOCATIVE_PREPOSITION[family].has(t.raw.toLowerCase());
  const before = tokens[i - 1];
  if (isPreposition(before)) return true;
  return before !== undefined && /^,\s*$/.test(text.slice(before.end, (tokens[i] as Token).start)) && isPreposition(tokens[i - 2]);
}

function scanChineseZones(zones: readonly Zone[]): Scan {
  const texts = zones.map((z) => z.text);
  const found: Array<[number, ChineseMatch]> = [];
  texts.forEach((text, z) => {
    for (const m of scanChinese(chineseMatcher(), text)) found.push([z, m]);
  });
  // An abbreviation stands for the state whose full name the article uses most (乌: 乌兹别克斯坦 or 乌克兰).
  const named = new Map<string, number>();
  for (const [, m] of found) {
    if (m.candidates) continue;
    for (const t of m.targets) if (t.type === 'country') named.set(t.code, (named.get(t.code) ?? 0) + 1);
  }
  const hits: Hit[] = [];
  for (const [z, m] of found) {
    const text = texts[z] as string;
    const surface = text.slice(m.start, m.end);
    const locative = /[在于]/.test(text[m.start - 1] ?? '');
    for (const target of m.targets) {
      const resolved = m.candidates && target.type === 'country' ? { ...target, code: mostNamed(m.candidates, named) } : target;
      hits.push({ target: resolved, zone: z, start: m.start, end: m.end, surface, locative });
    }
  }
  return { family: 'zh', texts, hits };
}

function mostNamed(candidates: readonly string[], named: ReadonlyMap<string, number>): string {
  let best = candidates[0] as string;
  for (const c of candidates) if ((named.get(c) ?? 0) > (named.get(best) ?? 0)) best = c;
  return best;
}
