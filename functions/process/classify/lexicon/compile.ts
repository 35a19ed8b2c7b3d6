import { wordKey, type Family } from '../fold.ts';
import { tokenize, type TokenFamily } from '../tokenize.ts';
import { datasetNames } from './dataset.ts';
import { EN } from './en.ts';
import { KK } from './kk.ts';
import { RU } from './ru.ts';
import type { CountryTerms, CueLabel, FamilyLexicon, MentionKind, Target } from './types.ts';
import { UZ } from './uz.ts';
import { ZH } from './zh.ts';

/** One word of a phrase: a stem and the endings it may take in running text. */
export interface WordPattern {
  readonly stem: string;
  /** Longest ending accepted, when `endings` is null. */
  readonly max: number;
  /** The accepted endings, when the family knows them (Russian case and adjective endings). */
  readonly endings: ReadonlySet<string> | null;
  /** An abbreviation: only in capitals, exactly. */
  readonly upper: boolean;
}

export interface Term {
  readonly words: readonly WordPattern[];
  readonly targets: readonly Target[];
  /** A proper name: its first word must start with a capital (where the script has case). */
  readonly capital: boolean;
  /** Total stem length, to prefer the more specific of two phrases. */
  readonly weight: number;
}

interface Spec {
  readonly phrase: string;
  readonly target: Target;
  /** Names, capitals and leaders inflect by the family's own rule. */
  readonly inflect: boolean;
  readonly capital: boolean;
}

const LEXICONS: Record<Family, FamilyLexicon> = { en: EN, ru: RU, kk: KK, uz: UZ, zh: ZH };

/** Every phrase a family matches, from the dataset and its own lexicon. */
export function familySpecs(family: Family): Spec[] {
  const lex = LEXICONS[family];
  const out: Spec[] = [];
  const country = (terms: CountryTerms, kind: MentionKind, inflect: boolean, capital: boolean) => {
    for (const [code, phrases] of Object.entries(terms)) {
      for (const phrase of phrases ?? []) out.push({ phrase, target: { type: 'country', code, kind }, inflect, capital });
    }
  };
  const names: Record<string, string[]> = {};
  for (const [code, phrase] of datasetNames(family)) (names[code] ??= []).push(phrase);
  for (const [code, phrases] of Object.entries(lex.names)) (names[code] ??= []).push(...(phrases ?? []));
  country(names, 'name', true, true);
  country(lex.adjectives, 'adjective', false, false);
  if (family === 'ru') country(russianAdjectives(names), 'adjective', false, false);
  country(lex.ethnonyms, 'ethnonym', false, false);
  country(lex.capitals, 'capital', true, true);
  country(lex.regions, 'region', true, true);
  country(lex.leaders, 'leader', true, true);
  for (const phrase of lex.self) out.push({ phrase, target: { type: 'country', code: 'KZ', kind: 'self' }, inflect: false, capital: false });
  for (const phrase of lex.stop) out.push({ phrase, target: { type: 'stop' }, inflect: false, capital: false });
  for (const [label, phrases] of Object.entries(lex.cues)) {
    for (const phrase of phrases ?? []) out.push({ phrase, target: { type: 'cue', label: label as CueLabel }, inflect: false, capital: false });
  }
  for (const [topic, phrases] of Object.entries(lex.topics)) {
    for (const phrase of phrases ?? []) {
      out.push({ phrase, target: { type: 'topic', topic: topic as Extract<Target, { type: 'topic' }>['topic'] }, inflect: false, capital: false });
    }
  }
  return out;
}

/**
 * Regular Russian adjectives from single-word names: Казахстан → казахстанск-,
 * Индия → индийск-, Корея → корейск-, Нидерланды → нидерландск-. Irregular ones are listed in ru.ts.
 */
function russianAdjectives(names: Record<string, string[]>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [code, phrases] of Object.entries(names)) {
    for (const phrase of phrases) {
      if (/[\s-]/.test(phrase) || phrase === phrase.toUpperCase()) continue;
      const w = phrase.toLowerCase().replace(/ё/g, 'е');
      const stem = /ия$/.test(w) ? `${w.slice(0, -2)}ийск`
        : /ея$/.test(w) ? `${w.slice(0, -2)}ейск`
        : /[аоыь]$/.test(w) ? `${w.slice(0, -1)}ск`
        : /[бвгджзйклмнпрстфхцчшщ]$/.test(w) ? `${w}ск`
        : null;
      if (stem) (out[code] ??= []).push(`${stem}+`);
    }
  }
  return out;
}

const RU_NOUN_ENDINGS = [
  '', 'а', 'я', 'у', 'ю', 'ом', 'ем', 'ой', 'ей', 'ою', 'ею', 'е', 'и', 'ы', 'ии', 'ию', 'ией',
  'ам', 'ям', 'ами', 'ями', 'ах', 'ях', 'ов', 'ев', 'ым', 'им', 'ью',
];
const RU_ADJECTIVE_ENDINGS = new Set([
  'ий', 'ый', 'ой', 'ая', 'яя', 'ое', 'ее', 'ие', 'ые', 'ого', 'его', 'ому', 'ему', 'ым', 'им',
  'ом', 'ем', 'ую', 'юю', 'ых', 'их', 'ыми', 'ими', 'о',
]);

/** How long an ending a `*` stem takes: agglutinative suffix chains run long. */
function anyEnding(family: TokenFamily, stem: string): number {
  if (family === 'kk' || family === 'uz') return stem.length < 5 ? 6 : 12;
  return 6;
}

/** A bare word of a name, inflected by the family's rule. */
function inflectedWord(family: TokenFamily, stem: string, last: boolean): WordPattern {
  if (family === 'ru') {
    // An adjectival word of a name (Саудовская, Объединенные, Зеленский) takes adjective endings.
    if (/(?:ая|яя|ий|ый|ое|ее|ие|ые)$/.test(stem) && stem.length >= 5) {
      return { stem: stem.slice(0, -2), max: 0, endings: RU_ADJECTIVE_ENDINGS, upper: false };
    }
    // Россия → росси- (+и, +ей, +ю); Китай → кита- (+я, +ем); Казахстан (+а, +ом).
    const strip = /[аяоеийьы]$/.test(stem) && stem.length >= 4;
    const base = strip ? stem.slice(0, -1) : stem;
    return { stem: base, max: 0, endings: new Set([...RU_NOUN_ENDINGS, strip ? stem.slice(-1) : '']), upper: false };
  }
  if ((family === 'kk' || family === 'uz') && last) return { stem, max: anyEnding(family, stem), endings: null, upper: false };
  return exactWord(family, stem, last);
}

/** English nouns and demonyms take a plural -s on their last word; elsewhere exact. */
function exactWord(family: TokenFamily, stem: string, last: boolean): WordPattern {
  return { stem, max: 0, endings: family === 'en' && last ? new Set(['', 's']) : null, upper: false };
}

const UPPER_WORD = /^(?=.*\p{Lu})[\p{Lu}\p{N}]{2,}$/u;

/** A phrase of a token family → its words, or null when it has none. */
function parsePhrase(family: TokenFamily, spec: Spec): WordPattern[] | null {
  const tokens = tokenize(family, spec.phrase);
  if (tokens.length === 0) return null;
  return tokens.map((t, i) => {
    const marker = spec.phrase[t.end];
    const key = wordKey(family, t.raw);
    const last = i === tokens.length - 1;
    if (marker === '+' && family === 'ru') return { stem: key, max: 0, endings: RU_ADJECTIVE_ENDINGS, upper: false };
    if (marker === '*' || marker === '+') return { stem: key, max: anyEnding(family, key), endings: null, upper: false };
    if (UPPER_WORD.test(t.raw)) return { stem: key, max: 0, endings: null, upper: true };
    return spec.inflect ? inflectedWord(family, key, last) : exactWord(family, key, last);
  });
}

/** Terms of a token family; phrases that fold to the same words share one term. */
export function compileTerms(family: TokenFamily): Term[] {
  const byWords = new Map<string, { words: WordPattern[]; targets: Target[]; capital: boolean }>();
  for (const spec of familySpecs(family)) {
    const words = parsePhrase(family, spec);
    if (!words) continue;
    const id = JSON.stringify(words.map((w) => [w.stem, w.max, w.endings && [...w.endings].sort(), w.upper]));
    const entry = byWords.get(id);
    if (entry) {
      entry.targets.push(spec.target);
      entry.capital &&= spec.capital;
    } else byWords.set(id, { words, targets: [spec.target], capital: spec.capital });
  }
  return [...byWords.values()].map(({ words, targets, capital }) => ({
    words,
    targets: resolveTargets(targets),
    capital,
    weight: words.reduce((n, w) => n + w.stem.length, 0),
  }));
}

/**
 * A phrase that is a stop phrase anywhere is only that; one naming two different
 * states (English "Congo") names neither; a state named twice keeps its first kind.
 */
export function resolveTargets(targets: readonly Target[]): Target[] {
  if (targets.some((t) => t.type === 'stop')) return [{ type: 'stop' }];
  const codes = new Set(targets.flatMap((t) => (t.type === 'country' ? [t.code] : [])));
  const out: Target[] = [];
  let country = false;
  for (const t of targets) {
    if (t.type === 'country') {
      if (codes.size > 1 || country) continue;
      country = true;
    }
    out.push(t);
  }
  return out;
}
