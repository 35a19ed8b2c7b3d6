/**
 * What each stated figure measures and for when (schema 1.1): its metric from the words nearest
 * it in its clause, the period stated beside it (relative periods resolved against the
 * publication date, in Astana time), the direction of exports and imports from the states named
 * around them, and the growth percentage that qualifies it. Pure; per sentence, so a figure never
 * takes a word or a date from another sentence.
 */
import type { Figure, FigureMetric, Language } from '../../../schemas/article.ts';
import { wordKey, type Family } from '../classify/fold.ts';
import { FAMILY_OF, scanZones } from '../classify/scan.ts';
import { tokenize, type Token, type TokenFamily } from '../classify/tokenize.ts';
import { astanaYearMonth, monthOfWord } from '../../lib/dates.ts';
import { FIGURE_WORDS, type FigureWords, type NamedMetric } from './figure-words.ts';
import { once, oncePer } from '../../lib/once.ts';

export interface FigureContext {
  readonly language: Language;
  /** Anchors "this year", "for nine months"; without it relative periods stay unresolved. */
  readonly publishedAt: string | null;
  /** The article's pair ("KZ-CN"), which supplies the other end of "exports to China". */
  readonly pair: string | null;
}

type Tag = NamedMetric | 'otherMoney' | 'service' | 'growth' | 'fall' | 'share' | 'thisYear' | 'lastYear' | 'nextYear' | 'wholeYear' | 'lastMonth' | 'firstHalf' | 'secondHalf' | 'months' | 'quarter' | 'samePeriod' | 'sameQuantity' | 'samePurpose' | 'including' | 'yearBefore' | 'newTopic' | 'prospect' | 'rate' | 'standing';

interface Mention {
  readonly start: number;
  readonly end: number;
  readonly tag: Tag;
}

// Patterns here are built on first use (`once`), not at import: V8 parses a \p{…} pattern when
// it is constructed, and these serve only paragraphs that hold a figure.

/** How much of a word may follow a phrase word's stem: inflection, not another word. */
const MAX_ENDING: Readonly<Record<TokenFamily, number>> = { en: 3, ru: 5, kk: 9, uz: 9 };

interface Phrase {
  readonly words: readonly string[];
  readonly tag: Tag;
  /** What a token's key must begin with for the phrase to start there (the first stem without a whole-word '='). */
  readonly first: string;
}

interface Compiled {
  readonly phrases: readonly Phrase[];
  /** The phrases a token may start, by the key's first character, in `phrases`' order (built as met). */
  readonly startingWith: Map<string, readonly Phrase[]>;
  readonly notMetric: readonly string[];
  /** Number words → value, as folded keys (or Chinese strings). */
  readonly numbers: ReadonlyMap<string, number>;
}

function compile(family: Family, w: FigureWords): Compiled {
  const key = (word: string) => (family === 'zh' ? word : wordKey(family, word));
  const split = (phrase: string) => (family === 'zh' ? [phrase] : phrase.split(' ').map((w) => (w.endsWith('=') ? `${key(w.slice(0, -1))}=` : key(w))));
  const phrases: Phrase[] = [];
  const phrase = (text: string, tag: Tag): Phrase => {
    const words = split(text);
    return { words, tag, first: (words[0] as string).replace(/=$/u, '') };
  };
  for (const [metric, list] of Object.entries(w.metrics)) for (const p of list) phrases.push(phrase(p, metric as NamedMetric));
  const add = (tag: Tag, list: readonly string[]) => { for (const p of list) phrases.push(phrase(p, tag)); };
  add('otherMoney', w.otherMoney);
  add('service', w.service);
  add('growth', w.growth);
  add('fall', w.fall);
  add('share', w.share);
  add('thisYear', w.thisYear);
  add('lastYear', w.lastYear);
  add('nextYear', w.nextYear);
  add('wholeYear', w.wholeYear);
  add('firstHalf', w.firstHalf);
  add('secondHalf', w.secondHalf);
  add('months', w.months);
  add('quarter', w.quarter);
  add('lastMonth', w.lastMonth);
  add('yearBefore', w.yearBefore);
  add('newTopic', w.newTopic);
  add('prospect', w.prospect);
  add('rate', w.rate);
  add('standing', w.standing);
  add('samePeriod', w.samePeriod);
  add('sameQuantity', w.sameQuantity);
  add('samePurpose', w.samePurpose);
  add('including', w.including);
  // Longer phrases first, so "trade turnover" wins over "turnover".
  phrases.sort((a, b) => b.words.join(' ').length - a.words.join(' ').length);
  const numbers = new Map<string, number>();
  w.numbers.forEach((forms, i) => { for (const f of forms.split(',')) numbers.set(key(f), i + 1); });
  return { phrases, startingWith: new Map(), numbers, notMetric: w.notMetric.map(key) };
}

// Compiled on a family's first article, not at import (as the classifier's matchers are).
const compiledFor = oncePer((family: Family): Compiled => compile(family, FIGURE_WORDS[family]));

/**
 * Every phrase of the family in a text, with its offsets, in text order (readers take the last before a point with `.pop()`);
 * a word serves several tags (down: growth and fall).
 */
function mentions(family: Family, text: string): Mention[] {
  const { phrases, startingWith, notMetric } = compiledFor(family);
  const out: Mention[] = [];
  if (family === 'zh') {
    const actors = notMetric.flatMap((w) => [...text.matchAll(new RegExp(w, 'gu'))].map((m) => m.index));
    for (const p of phrases) {
      const word = p.words[0] as string;
      for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + word.length)) {
        if (!actors.includes(i)) out.push({ start: i, end: i + word.length, tag: p.tag });
      }
    }
    // Found phrase by phrase: put in text order, as the token families' are (a stable sort keeps longer phrases first at one start).
    return out.sort((a, b) => a.start - b.start);
  }
  const tokens = tokenize(family, text);
  const keys = tokens.map((t) => wordKey(family, t.raw));
  for (let i = 0; i < tokens.length; i++) {
    const key = keys[i] as string;
    // An actor names no flow alone; with its verb it may ("importers paid", «экспортеры получили»).
    const actor = notMetric.some((stem) => key.startsWith(stem));
    // Only the phrases whose first stem could begin this key: a few dozen of the family's hundreds.
    const c = key.charAt(0);
    let candidates = startingWith.get(c);
    if (!candidates) startingWith.set(c, (candidates = phrases.filter((p) => p.first === '' || p.first.charAt(0) === c)));
    for (const p of candidates) {
      // The first word decides for most phrases: tested before the whole phrase is.
      if (!key.startsWith(p.first) || (actor && p.words.length === 1)) continue;
      const fits = p.words.every((stem, j) => {
        const k = keys[i + j];
        if (stem.endsWith('=')) return k === stem.slice(0, -1);
        return k !== undefined && k.startsWith(stem) && k.length - stem.length <= MAX_ENDING[family];
      });
      if (!fits) continue;
      const end = tokens[i + p.words.length - 1]!.end;
      // The first part of a compound («сауда-экономикалық», «савдо-саноат»), or "trade and economic", names no quantity of its own.
      if (!(NAMED.has(p.tag) && COMPOUND_MODIFIER().test(text.slice(end, end + 24)))) out.push({ start: tokens[i]!.start, end, tag: p.tag });
    }
  }
  return out;
}

/**
 * The first part of a hyphenated compound («сауда-логистикалық орталық», «савдо-саноат палатаси», Export-Import Bank) or
 * "trade and economic" modifies the noun after it; but «сауда-саттық», «савдо-сотиқ» (buying and selling) are trade itself.
 */
const COMPOUND_MODIFIER = once(() => /^(?:-(?!саттық|sattyq|ساتتىق|сотиқ|sotiq)\p{L}+|\s+and\s+economic)(?!\p{L})/iu);

// ── periods ─────────────────────────────────────────────────────────────────────────────────────

interface PeriodMention {
  readonly start: number;
  readonly end: number;
  /** Months of a year (1..12, inclusive), or a quarter, or the whole year. */
  readonly months?: readonly [number, number];
  readonly quarter?: number;
  /** An explicit year, or one relative to the publication year (0 this year, -1 last year). */
  readonly year?: number;
  readonly relative?: number;
  /** The month before the publication month. */
  readonly lastMonth?: true;
  /** The year before the one last stated. */
  readonly yearBefore?: true;
  /** A span of whole years ("2020–2024"). */
  readonly toYear?: number;
  /** "In this period": the period last stated before. */
  readonly same?: true;
  /** "The full year": the whole year of the period last stated. */
  readonly wholeYear?: true;
  /** "Since 2005": stated, but no period of the figures it goes with. */
  readonly since?: true;
}

/** Not "2024/25", a season or marketing year, which is no calendar period. */
const YEAR = /(?<![\d.,])(199\d|20[0-4]\d)(?![\d.,]\d|\/\d)/gu;
const YEAR_RANGE = /(?<![\d.,])(199\d|20[0-4]\d)\s*[-–—]\s*(199\d|20[0-4]\d)(?!\d)/gu;
/** A span of years in words: "between 2020 and 2024", "from 2020 to 2024", «с 2020 по 2024 год», «2020 жылдан 2024 жылға дейін». */
const YEAR_SPAN = once(() => /(?<!\p{L})(?:between|from|с)\s+(199\d|20[0-4]\d)\s+(?:and|to|through|по)\s+(199\d|20[0-4]\d)(?!\d)|(?<![\d.,])(199\d|20[0-4]\d)[\s-]*(?:жыл|jyl|جىل|йил|yil)\p{L}*\s+(199\d|20[0-4]\d)[\s-]*(?:жыл|jyl|جىل|йил|yil)\p{L}*\s+(?:дейін|қадар|deıin|qadar|دەيىن|قادار)/giu);
/** "The last three years", "the past decade" aside; «соңғы бес жылда», «соңғы жылдары», «за последние пять лет», «сўнгги уч йилда». */
const LAST_YEARS = once(() => /^(?:соңғы|sońǵy|sońğy|сўнгги|so['‘ʻ]nggi|last|past|последние|последних)(?:\s+(?:\d{1,2}|\p{L}+))?\s+(?:жыл|jyl|йил|yil|years|лет|годы|годах)\p{L}*/iu);
/** The tokens LAST_YEARS may begin with, lower-cased: a set lookup per token, not a scan of every text. */
const LAST_WORDS: ReadonlySet<string> = new Set(['соңғы', 'sońǵy', 'sońğy', 'сўнгги', 'so‘nggi', "so'nggi", 'soʻnggi', 'last', 'past', 'последние', 'последних']);
/** Words that make a month a point in it: "early", "at the end of", «в начале», «в конце», «в середине». */
const POINT_BEFORE = once(() => /(?<!\p{L})(?:early|late|mid|at the (?:beginning|start|end) of|in the middle of|в начале|в конце|в середине)[\s-]*$/iu);
/** The same after a Kazakh or Uzbek month in the genitive: «маусымның басында», «соңында», «ортасында», «июнь бошида», «охирида». */
const POINT_AFTER = once(() => /^\p{L}*\s+(?:басында|соңында|ортасында|basynda|sońynda|ortasynda|باسىندا|سوڭىندا|ورتاسىندا|бошида|охирида|boshida|oxirida)(?!\p{L})/iu);
/** "Q1 2025", "H2": a quarter or a half written short. */
const SHORT_PART = /^(?:(Q)([1-4])|(H)([12]))$/iu;
const ZH_MONTHS = /(?:(\d{4})年)?(\d{1,2})\s*[-—–~至到]\s*(\d{1,2})月/gu;
const ZH_MONTH = /(?:(\d{4})年)(\d{1,2})月/gu;
/** A month with no year, not a date's (8月15日). */
const ZH_BARE_MONTH = /(?<![\d年])(\d{1,2})月(?!\d{1,2}日)/gu;
const ZH_FIRST_MONTHS = /前\s*(\d{1,2}|[一二三四五六七八九十两]+)\s*个?月/gu;
const ZH_QUARTER = /(?:第)?([一二三四1-4])\s*季度/gu;
const ZH_FIRST_QUARTERS = /前\s*([一二三两2-3])\s*(?:个)?季度/gu;
const ROMAN = new Map([['i', 1], ['ii', 2], ['iii', 3], ['iv', 4]]);
const ORDINAL_QUARTER = new Map([['first', 1], ['second', 2], ['third', 3], ['fourth', 4], ['перв', 1], ['втор', 2], ['трет', 3], ['четверт', 4], ['бірінші', 1], ['алғашқы', 1], ['екінші', 2], ['үшінші', 3], ['төртінші', 4], ['биринчи', 1], ['дастлабки', 1], ['иккинчи', 2], ['учинчи', 3], ['тўртинчи', 4]]);
/** ORDINAL_QUARTER's stems as each family folds them: folded once, not for every token. */
const ordinalQuarters = oncePer((family: TokenFamily): [string, number][] => [...ORDINAL_QUARTER].map(([stem, n]) => [wordKey(family, stem), n]));
const CJK_NUMBER: Readonly<Record<string, number>> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 十一: 11, 十二: 12 };
const RANGE_JOINER = /^\s*(?:[-–—]|по|to|through|until|до|–|and|и|мен|men|مەن|ва|va)\s*$/iu;

/**
 * A month's word; Kazakh «қыркүйек» voices its final к before an ending («қыркүйегінде», qyrkúıeginde, قىركۇيەگىندە).
 * Kazakh says May «мамыр»: its «май» is oil («майлы дақыл», «өсімдік майы»), never the Russian or Uzbek month.
 */
function monthOf(word: string, family?: Family): number | undefined {
  const month = monthOfWord(word) ?? monthOfWord(word.replace(/(?<=[еeە])[гgگ](?=\p{L})/u, (g) => VOICELESS[g] as string));
  // English writes the month May with a capital: "trade may reach" is a forecast, not May.
  return month === 5 && ((family === 'kk' && KAZAKH_OIL.test(word)) || (family === 'en' && word === 'may')) ? undefined : month;
}
const KAZAKH_OIL = /^май/iu;
const VOICELESS: Readonly<Record<string, string>> = { г: 'к', g: 'k', گ: 'ك' };

function cjkNumber(s: string): number {
  return /^\d+$/.test(s) ? Number(s) : (CJK_NUMBER[s] ?? 0);
}

function periodMentions(family: Family, text: string, words: readonly Mention[], skip: (i: number) => boolean): PeriodMention[] {
  const out: PeriodMention[] = [];
  const claimed: Array<[number, number]> = [];
  const free = (s: number, e: number) => !skip(s) && !claimed.some(([a, b]) => s < b && e > a);
  const push = (m: PeriodMention) => { if (free(m.start, m.end)) { out.push(m); claimed.push([m.start, m.end]); } };

  for (const m of text.matchAll(YEAR_RANGE)) push({ start: m.index, end: m.index + m[0].length, year: Number(m[1]), toYear: Number(m[2]) });
  for (const m of text.matchAll(YEAR_SPAN())) push({ start: m.index, end: m.index + m[0].length, year: Number(m[1] ?? m[3]), toYear: Number(m[2] ?? m[4]) });
  if (family === 'zh') {
    for (const m of text.matchAll(ZH_MONTHS)) push({ start: m.index, end: m.index + m[0].length, months: [Number(m[2]), Number(m[3])], ...(m[1] ? { year: Number(m[1]) } : {}) });
    for (const m of text.matchAll(ZH_MONTH)) push({ start: m.index, end: m.index + m[0].length, months: [Number(m[2]), Number(m[2])], year: Number(m[1]) });
    for (const m of text.matchAll(ZH_BARE_MONTH)) push({ start: m.index, end: m.index + m[0].length, months: [Number(m[1]), Number(m[1])] });
    for (const m of text.matchAll(ZH_FIRST_MONTHS)) push({ start: m.index, end: m.index + m[0].length, months: [1, cjkNumber(m[1] as string)] });
    for (const m of text.matchAll(ZH_FIRST_QUARTERS)) push({ start: m.index, end: m.index + m[0].length, months: [1, 3 * cjkNumber(m[1] as string)] });
    for (const m of text.matchAll(ZH_QUARTER)) push({ start: m.index, end: m.index + m[0].length, quarter: cjkNumber(m[1] as string) });
  } else {
    const tokens = tokenize(family, text);
    const keys = tokens.map((t) => wordKey(family, t.raw));
    const numbers = compiledFor(family).numbers;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      // "In the last three years", «соңғы бес жылда», «за последние пять лет»: stated, but no calendar span (nor one carried from before).
      const last = LAST_WORDS.has(t.raw.toLowerCase()) ? LAST_YEARS().exec(text.slice(t.start, t.start + 48)) : null;
      if (last) push({ start: t.start, end: t.start + last[0].length, since: true });
      const month = /^\d/.test(t.raw) ? undefined : monthOf(t.raw, family);
      // "On March 10", «10 марта»: a day, the date of an event, not the period of a figure.
      // A day is one or two digits beside the month, only a space between, and no number of its own ("In July, 48,000 tonnes").
      const day = (x: Token | undefined, a: number, b: number) =>
        x !== undefined && /^\d{1,2}$/.test(x.raw) && Number(x.raw) <= 31 && /^\s+$/u.test(text.slice(a, b)) && !/^[.,\u00A0 ]\d/u.test(text.slice(x.end));
      const prev = tokens[i - 1];
      const following = tokens[i + 1];
      if (month !== undefined && (day(prev, prev?.end ?? 0, t.start) || day(following, t.end, following?.start ?? 0))) continue;
      // "In early June", «в начале июня», «маусымның басында»: a point in the month, the date of an event, likewise.
      if (month !== undefined && (POINT_BEFORE().test(text.slice(Math.max(0, t.start - 32), t.start)) || POINT_AFTER().test(text.slice(t.end, t.end + 16)))) continue;
      if (month !== undefined) {
        // "January–September", «январь-сентябрь», «қаңтар-қыркүйек»; a joining word is a token of its own ("January and November").
        // «Қаңтардан қыркүйекке дейін», «январдан сентябргача»: from the month in the ablative to the next one.
        const next = tokens[i + (RANGE_JOINER.test(tokens[i + 1]?.raw ?? '') ? 2 : 1)];
        const joined = next && (RANGE_JOINER.test(text.slice(t.end, next.start)) || (/^\s+$/u.test(text.slice(t.end, next.start)) && SOURCE_ENDING.test(t.raw)));
        const to = joined && !/^\d/.test(next.raw) ? monthOf(next.raw, family) : undefined;
        if (to !== undefined && next) push({ start: t.start, end: next.end, months: [month, to] });
        else push({ start: t.start, end: t.end, months: [month, month] });
        continue;
      }
      // "он бір ай" (eleven months): a number word may take two words.
      const pairKey = `${keys[i]} ${keys[i + 1] ?? ''}`;
      const two = numbers.has(pairKey) ? 1 : 0;
      const count = /^\d{1,2}$/.test(t.raw) ? Number(t.raw) : (numbers.get(two ? pairKey : (keys[i] as string)) ?? undefined);
      const unit = words.find((w) => w.start === tokens[i + 1 + two]?.start);
      if (count !== undefined && count >= 1 && count <= 12 && unit?.tag === 'months') {
        // "The ten months to October", "the six months through June": the months ending at that one.
        const ending = /^\s+(?:to|through|ending(?:\s+in)?)\s+(\p{L}+)/iu.exec(text.slice(unit.end));
        const to = ending ? monthOf(ending[1] as string) : undefined;
        if (to !== undefined && ending && to >= count) push({ start: t.start, end: unit.end + ending[0].length, months: [to - count + 1, to] });
        else push({ start: t.start, end: unit.end, months: [1, count] });
      }
      const short = SHORT_PART.exec(t.raw);
      if (short?.[2]) push({ start: t.start, end: t.end, quarter: Number(short[2]) });
      else if (short?.[4]) push({ start: t.start, end: t.end, months: short[4] === '1' ? [1, 6] : [7, 12] });
      // Kazakh writes Roman numerals with the Cyrillic І («ІІІ тоқсан»).
      const ordinal = ROMAN.get(t.raw.toLowerCase().replace(/і/g, 'i')) ?? ordinalQuarters(family as TokenFamily).find(([stem]) => (keys[i] as string).startsWith(stem))?.[1];
      if (ordinal !== undefined && unit?.tag === 'quarter') push({ start: t.start, end: unit.end, quarter: ordinal });
      // "The first three quarters", «за три квартала», «үш тоқсанда»: the months from January.
      else if (count !== undefined && count >= 2 && count <= 4 && unit?.tag === 'quarter') push({ start: t.start, end: unit.end, months: [1, 3 * count] });
      // "I/II жартыжылдық": the half-year word is the first half's unless a second comes before it.
      if ((ordinal === 1 || ordinal === 2) && unit?.tag === 'firstHalf') push({ start: t.start, end: unit.end, months: ordinal === 1 ? [1, 6] : [7, 12] });
    }
  }
  for (const w of words) {
    if (w.tag === 'thisYear') push({ start: w.start, end: w.end, relative: 0 });
    else if (w.tag === 'lastYear') push({ start: w.start, end: w.end, relative: -1 });
    else if (w.tag === 'nextYear') push({ start: w.start, end: w.end, relative: 1 });
    else if (w.tag === 'wholeYear') push({ start: w.start, end: w.end, wholeYear: true });
    else if (w.tag === 'lastMonth') push({ start: w.start, end: w.end, lastMonth: true });
    else if (w.tag === 'yearBefore') push({ start: w.start, end: w.end, yearBefore: true });
    else if (w.tag === 'firstHalf') push({ start: w.start, end: w.end, months: [1, 6] });
    else if (w.tag === 'secondHalf') push({ start: w.start, end: w.end, months: [7, 12] });
    else if (w.tag === 'samePeriod') push({ start: w.start, end: w.end, same: true });
  }
  for (const m of text.matchAll(YEAR)) if (!inDate(text, m.index, m.index + m[0].length)) push({ start: m.index, end: m.index + m[0].length, year: Number(m[1]) });
  return out.sort((a, b) => a.start - b.start);
}

/** "As of July 1, 2025", «2025 жылғы 1 шілдедегі», «на 1 июля 2025 года»: the year of a day's date is no period. */
function inDate(text: string, start: number, end: number): boolean {
  const before = /(?:(\d{1,2})\s+(\p{L}+)|(\p{L}+)\s+(\d{1,2})),?\s+$/u.exec(text.slice(Math.max(0, start - 24), start));
  const after = /^[\s-]*(?:\p{L}+\s+)?(\d{1,2})[\s-]+(\p{L}+)/u.exec(text.slice(end, end + 32));
  return (before !== null && monthOf((before[2] ?? before[3]) as string) !== undefined) || (after !== null && monthOf(after[2] as string) !== undefined);
}

/**
 * "Than in 2023", "up 18% from a year earlier", "below the 2024 level", «по сравнению с 2023 годом»,
 * «к аналогичному периоду прошлого года», «ниже уровня 2024 года», «2023 жылмен салыстырғанда»,
 * «ўтган йилга нисбатан», 比上年: a base, not a period.
 */
const BASE_BEFORE = once(() => /(?:(?<!\p{L})(?:than|compared (?:with|to)|against|versus|on|below|above|чем|сравнению с|по отношению к|(?:рост|прирост|спад|снижени|сокращени|падени|увеличени|уменьшени)\p{L}{0,3}\s+к|(?:%|процент\p{L}*)\s+к|против|относительно|к аналогичн\p{L}*|к соответствующ\p{L}*|уровн\p{L}*)(?:\s+[\p{L}-]+){0,4}|(?:%|percent|per cent)(?:\s+[\p{L}-]+){0,2}\s+from(?:\s+(?:a|the))?|比|较|同比)\s*$/iu);
const BASE_AFTER = once(() => /^[\p{L}\p{M}'’ʻ-]*(?:\s+[\p{L}\p{M}'’ʻ-]+){0,3}\s+(?:салыстырғанда|қарағанда|нисбатан|қараганда|salystyrǵanda|salystyrganda|nisbatan|سالىستىرعاندا|قاراعاندا)|^\s+levels?(?!\p{L})/iu);
/**
 * Kazakh and Uzbek: the ablative makes the thing compared with, on the period's own word or up to
 * two words on («биылғы межеден жоғары», «бір жыл бұрынғыдан көп», «өткен жылғы осы кезеңнен аз»).
 */
const ABLATIVE_AFTER = once(() => /^(?:[\p{L}\p{M}'’ʻ-]*\s+){0,2}?([\p{L}\p{M}'’ʻ-]*(?:дан|ден|тан|тен|нан|нен|dan|den|tan|ten|nan|nen|دان|دەن|تان|تەن|نان|نەن))(?!\p{L})[^.。]{0,30}?(?:(?:жоғары|артық|көп|төмен|аз|кем|kem|كەم|юқори|ортиқ|кўп|паст|кам|joǵary|artyq|kóp|tómen|az|ارتىق|كوپ|تومەن|از)(?!\p{L})|(?:өс|арт|азай|төменде|кемі|ұлғай|қысқар|ўс|ош|камай|пасай|ós|art|azaı|tómende|ulǵaı|qysqar)\p{L}*)/iu);

/** "By 2030", «к 2030 году», «2030 жылға қарай», «2030 йилгача», 到2030年: a target, which is no period for the sentences after it. */
const TARGET_BEFORE = once(() => /(?:(?<!\p{L})(?:by|к|до)|到)\s*$/iu);
/** A year's own word may stand between: «2030 жылға қарай», «2030 йилгача» (the year mention is the digits alone). */
const TARGET_AFTER = /^(?:[\s-]*[\p{L}\p{M}'’ʻ-]+\s+|[\p{L}\p{M}'’ʻ-]*\s+)(?:қарай|дейін|қадар|qaraı|deıin|qadar|قاراي|دەيىن)|^[\s-]*[\p{L}\p{M}'’ʻ-]*(?:гача|gacha)/iu;

function isTarget(text: string, p: PeriodMention): boolean {
  return TARGET_BEFORE().test(text.slice(Math.max(0, p.start - 6), p.start)) || TARGET_AFTER.test(text.slice(p.end, p.end + 24));
}

/** "Since 2005", «2005 жылдан бері», «2005 йилдан буён», «с 2005 года»: a total to date, which has no period, nor takes one from before. */
const SINCE_BEFORE = once(() => /(?<!\p{L})(?:since|начиная с|с)\s*$/iu);
const SINCE_AFTER = once(() => /^[\s-]*\p{L}*\s+(?:бері|beri|بەرى|буён|бери|buyon)(?!\p{L})/iu);

function isSince(text: string, p: PeriodMention): boolean {
  // «С января по ноябрь 2024 года», "from January to November": a span with its end stated is a period, not a start.
  const span = p.months !== undefined && p.months[0] !== p.months[1];
  return p.toYear === undefined && p.year !== undefined && !span && (SINCE_BEFORE().test(text.slice(Math.max(0, p.start - 12), p.start)) || SINCE_AFTER().test(text.slice(p.end, p.end + 24)));
}

/**
 * What an ablative base is: a year, period, month, quarter, level or figure («жылдан», «кезеңнен», «маусымдағыдан»,
 * «көрсеткіштен», «давридан»); not where goods came from («Ресейден», «шетелден», «облыстан»).
 */
const BASE_WORDS = ['жыл', 'кезең', 'ай', 'тоқсан', 'жарты', 'көрсеткіш', 'деңгей', 'меже', 'былтыр', 'бұрын', 'өткен', 'алдыңғы',
  'йил', 'давр', 'ой', 'чорак', 'чораг', 'кўрсаткич', 'даража', 'олдин', 'аввал'].map((w) => wordKey('kk', w));

function isBaseWord(word: string): boolean {
  const key = wordKey('kk', word);
  return BASE_WORDS.some((stem) => key.startsWith(stem)) || monthOf(word.replace(SOURCE_ENDING, '')) !== undefined;
}

function isBase(text: string, p: PeriodMention): boolean {
  const before = text.slice(Math.max(0, p.start - 48), p.start);
  const after = text.slice(p.end, p.end + 40);
  // The ablative may be on the period's own last word («бұрынғыдан»).
  const ablative = ABLATIVE_AFTER().exec((/[\p{L}\p{M}'’ʻ-]*$/u.exec(text.slice(p.start, p.end))?.[0] ?? '') + after);
  // «к аналогичному периоду прошлого года»: the pointer back is itself the base.
  const toSame = /(?<!\p{L})к\s*$/iu.test(before) && /^(?:аналогичн|соответствующ)/iu.test(text.slice(p.start, p.end));
  return toSame || BASE_BEFORE().test(before) || BASE_AFTER().test(after) || (ablative !== null && isBaseWord(ablative[1] as string));
}

/**
 * "The first two months of the third quarter", «III тоқсанның алғашқы екі айында»: months counted from a quarter's or a
 * half's start, not from January.
 */
function withinPart(text: string, periods: readonly PeriodMention[]): PeriodMention[] {
  const out: PeriodMention[] = [];
  const span = (x: PeriodMention): [number, number] | undefined =>
    x.quarter !== undefined ? [3 * x.quarter - 2, 3] : x.months && x.months[1] - x.months[0] === 5 ? [x.months[0], 6] : undefined;
  const counted = (x: PeriodMention) => x.months !== undefined && x.months[0] === 1 && x.quarter === undefined && x.year === undefined && !x.same;
  for (let i = 0; i < periods.length; i++) {
    const p = periods[i]!;
    const q = periods[i + 1];
    const near = q !== undefined && q.start - p.end <= 12 && !/[,;.。，；،؛]/u.test(text.slice(p.end, q.start));
    const [outer, inner] = near && span(p) && counted(q) ? [p, q] : near && counted(p) && span(q) ? [q, p] : [undefined, undefined];
    const [from, length] = outer ? span(outer)! : [0, 0];
    const n = inner?.months?.[1] ?? 0;
    if (outer && inner && n < length) {
      const { quarter: _q, ...rest } = outer;
      out.push({ ...rest, months: [from, from + n - 1], start: p.start, end: q!.end });
      i++;
    } else out.push(p);
  }
  return out;
}

/** Joins a part of a year with the year stated right beside it ("за 9 месяцев 2025 года", "2025年1-9月"). */
function combine(text: string, periods: readonly PeriodMention[]): PeriodMention[] {
  const out: PeriodMention[] = [];
  for (let i = 0; i < periods.length; i++) {
    const p = periods[i]!;
    const q = periods[i + 1];
    const near = q !== undefined && q.start - p.end <= 12 && !/[,;.。，；،؛]/u.test(text.slice(p.end, q.start));
    // "The same period of 2025", «биылғы сәйкес кезең», 2025年同期: the months last stated, in that year.
    const part = (x: PeriodMention) => x.months !== undefined || x.quarter !== undefined || x.same === true || x.wholeYear === true;
    const whole = (x: PeriodMention) => !part(x) && x.toYear === undefined && (x.year !== undefined || x.relative !== undefined || x.yearBefore === true);
    if (near && part(p) && p.year === undefined && whole(q)) {
      out.push({ ...q, ...p, year: q.year, relative: q.relative, yearBefore: q.yearBefore, end: q.end } as PeriodMention);
      i++;
    } else if (near && whole(p) && part(q) && q.year === undefined) {
      out.push({ ...p, ...q, year: p.year, relative: p.relative, yearBefore: p.yearBefore, start: p.start } as PeriodMention);
      i++;
    } else out.push(p);
  }
  return out;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** ISO 8601 text of a period, its year resolved against the publication date. */
function iso(p: PeriodMention, published: { year: number; month: number } | null, stated: string | null): string | null {
  if (p.since) return null;
  if (p.wholeYear && p.year === undefined) return stated ? stated.slice(0, 4) : published ? String(published.year + (p.relative ?? 0)) : null;
  if (p.same) {
    const year = p.year ?? (published && p.relative !== undefined ? published.year + p.relative : undefined);
    return stated && year !== undefined ? stated.replace(/\d{4}/g, String(year)) : null;
  }
  if (p.yearBefore) {
    const base = stated ? Number(stated.slice(0, 4)) : published?.year;
    if (base === undefined) return null;
    // "A year earlier" alone: the period last stated, a year back ("2025-01/2025-07" → "2024-01/2024-07").
    if (p.months === undefined && p.quarter === undefined) return stated ? stated.replace(/\d{4}/g, (y) => String(Number(y) - 1)) : String(base - 1);
    return iso({ ...p, yearBefore: undefined, year: base - 1 }, published, stated);
  }
  if (p.lastMonth) return published ? (published.month === 1 ? `${published.year - 1}-12` : `${published.year}-${pad(published.month - 1)}`) : null;
  if (p.toYear !== undefined && p.year !== undefined) return `${p.year}/${p.toYear}`;
  let year = p.year;
  if (year === undefined) {
    if (!published) return null;
    year = published.year + (p.relative ?? 0);
    // "For eleven months" read in January is last year's.
    const lastMonth = p.months?.[1] ?? (p.quarter !== undefined ? p.quarter * 3 : undefined);
    if (p.relative === undefined && lastMonth !== undefined && lastMonth > published.month) year -= 1;
  }
  if (p.quarter !== undefined) return p.quarter >= 1 && p.quarter <= 4 ? `${year}-Q${p.quarter}` : null;
  if (p.months) {
    const [from, to] = p.months;
    if (from < 1 || to > 12 || from > to) return null;
    return from === to ? `${year}-${pad(from)}` : `${year}-${pad(from)}/${year}-${pad(to)}`;
  }
  return String(year);
}

// ── putting it together ─────────────────────────────────────────────────────────────────────────

/**
 * A full stop and a space before anything but a lower-case letter: caseless scripts (Arabic) end
 * sentences too. Not the dot of «долл. США» (US dollars), one unit whose period may follow it.
 */
const SENTENCE_END = /(?<=[.!?])(?!(?<=(?<!\p{L})долл\.)\s+США(?!\p{L}))\s+(?=[^\p{Ll}\s])|(?<=[。！？；])/u;
/** Arabic-script Kazakh writes its comma and semicolon as ، and ؛. */
const CLAUSE_BREAK = /[;:；：؛]|[,،]\s|，/u;
/** The same, global, for `matchAll` and `match` (which leave its lastIndex at 0); built once, not per call. */
const CLAUSE_BREAKS = new RegExp(CLAUSE_BREAK, 'gu');
/** "And", «и», «және», «ва», 并: a second verb of the clause begins (found in the whole text: a figure's «40 фоизи» ends in a letter). */
const CONJUNCTIONS = /(?<!\p{L})(?:and|but|while|и|а|но|және|jáne|jane|جانە|бірақ|biraq|بىراق|ва|va|лекин|lekin|бироқ|biroq)(?!\p{L})|并|而|但/giu;
/** SENTENCE_END, global, for `matchAll`. */
const SENTENCE_ENDS = once(() => new RegExp(SENTENCE_END, 'gu'));

interface Located {
  readonly figure: Figure;
  readonly start: number;
  readonly end: number;
  readonly sentence: number;
}

/**
 * Figures with what they measure and for when. `paragraphs[i]` is the text of figures with
 * `paragraph === i` (the summary first, as extractFigures numbers them).
 */
export function describeFigures(figures: readonly Figure[], paragraphs: readonly string[], ctx: FigureContext): Figure[] {
  const family = FAMILY_OF[ctx.language];
  const published = ctx.publishedAt ? astanaYearMonth(ctx.publishedAt) : null;
  const out: Figure[] = [];
  const memory: Memory = { period: null, metric: null };
  for (let p = 0; p < paragraphs.length; p++) {
    const own = figures.filter((f) => f.paragraph === p);
    if (own.length > 0) out.push(...describeParagraph(own, paragraphs[p] as string, family, ctx, published, memory));
  }
  return out;
}

/** What the article stated last, for "this period" and "this figure" in later sentences. */
interface Memory {
  period: string | null;
  metric: FigureMetric | null;
}

function describeParagraph(
  figures: readonly Figure[], text: string, family: Family, ctx: FigureContext, published: { year: number; month: number } | null, memory: Memory,
): Figure[] {
  const sentences = sentenceSpans(text);
  const located: Located[] = [];
  let cursor = 0;
  for (const figure of figures) {
    const start = Math.max(0, text.indexOf(figure.raw, cursor));
    cursor = start + figure.raw.length;
    located.push({ figure, start, end: cursor, sentence: sentences.findIndex(([a, b]) => start >= a && start < b) });
  }
  const words = mentions(family, text);
  const inFigure = (i: number) => located.some((l) => i >= l.start && i < l.end);
  const periods = combine(text, withinPart(text, periodMentions(family, text, words, inFigure)))
    .filter((p) => !isBase(text, p))
    .map((p) => (isSince(text, p) ? { ...p, since: true as const } : p));
  // "Including $310 million worth of machinery": a part of the sum before it, which "worth" does not make a project.
  const worthless = words.filter((w) => !(w.tag === 'project-value' && WORTH.test(text.slice(w.start, w.end))));
  // Each figure's clause and sentence, found once; and whether a word of a tag stands in them.
  const clauses = located.map((l) => clauseAround(l, located, text, sentences));
  const clauseOf = (i: number) => clauses[i] as [number, number];
  const sentenceOf = (l: Located): [number, number] => sentences[l.sentence] ?? [0, text.length];
  const tagIn = (tag: Tag, span: [number, number]) => words.some((w) => w.tag === tag && within(w, span));
  const metrics = located.map((l, i) => {
    const clause = clauseOf(i);
    const part = words.some((w) => w.tag === 'including' && w.start >= clause[0] && w.end <= l.start);
    const own = metricOf(l, located, part ? worthless : words, text, sentences);
    // «Правительство выделило на эти цели 500 тыс. долларов»: money given "for these purposes" is the transfer the sentences before
    // named (aid, a loan, an investment), not an allocation of a budget.
    const [s0, s1] = sentences[l.sentence] ?? [0, text.length];
    if (l.figure.kind !== 'money' || (own !== null && own !== 'other') || !words.some((w) => w.tag === 'samePurpose' && w.start >= s0 && w.end <= s1)) return own;
    return (words.filter((w) => TRANSFERS.has(w.tag) && w.end <= s0).pop()?.tag as FigureMetric | undefined) ?? own;
  });
  // A sentence that states no period goes on with the one stated before it in the paragraph.
  const newTopic = (l: Located) => tagIn('newTopic', sentenceOf(l));
  // Carried over only to what the paragraph goes on measuring: not to a budget, a price or a rate
  // stated in passing, and never from a target ("by 2030").
  // A base's own period («екінші тоқсандағы 38,6 млн доллардан») is never carried on to other figures.
  const baseOwned = (p: PeriodMention) => { const o = ownerOf(p, located, text, family); return o !== undefined && isAblativeBase(o, text); };
  const carried = (l: Located, i: number) =>
    newTopic(l) || metrics[i] === 'other' || tagIn('standing', sentenceOf(l)) ? null : periods.filter((p) => p.end <= l.start && !isTarget(text, p) && !baseOwned(p)).pop() ?? null;
  // A rate («тәулігіне 20 мың баррель», "10 billion cubic metres a year by 2030") takes a period only from its own clause.
  const rated = clauses.map((clause) => (tagIn('rate', clause) ? clause : null));
  const periodOf = located.map((l, i) => {
    const clause = rated[i];
    if (clause) return periods.find((p) => within(p, clause)) ?? null;
    const near = nearest(l, located, periods, text, sentences, family);
    // A clause about a goal, a horizon or the present («алдағы уақытта оны 10 млрд долларға жеткізу», "are now studying",
    // «в ближайшие годы»): its figure takes a period only from that clause (a target's year), not one stated earlier.
    const horizon = tagIn('newTopic', clauseOf(i)) ? clauseOf(i) : null;
    if (!horizon) return near ?? carried(l, i);
    // A period outside the clause is another figure's when the sentence has one outside it too
    // («былтыр 4,4 млрд …, алдағы уақытта оны 10 млрд»); with none, it is this one's ("In December, … will export $100 million").
    const othersOutside = located.some((o) => o !== l && o.sentence === l.sentence && !within(o, horizon));
    return near && (within(near, horizon) || !othersOutside) ? near : null;
  });
  // "… reached $3.3 billion. This is the figure for eight months": a sentence that opens by naming "this figure" and a
  // period, before any figure of its own, dates the figures before it that had none (not a plan's, which has none).
  sentences.forEach(([a, b], k) => {
    const first = located.find((l) => l.sentence === k)?.start ?? b;
    if (k === 0 || !words.some((w) => w.tag === 'sameQuantity' && w.start >= a && w.end <= first)) return;
    const p = periods.find((x) => x.start >= a && x.end <= first);
    if (p) located.forEach((l, i) => { if (l.sentence === k - 1 && periodOf[i] === null && !newTopic(l) && !rated[i]) periodOf[i] = p; });
  });
  const changes = new Map<number, number>();
  /** The figure each growth figure qualifies. */
  const qualifies = new Map<number, number>();
  located.forEach((l, i) => {
    if (metrics[i] !== 'growth' || (l.figure.unit !== '%' && l.figure.unit !== 'pp')) return;
    const [g0, g1] = sentences[l.sentence] ?? [0, text.length];
    const target = qualified(i, located, metrics, text, sentences, words, periods.some((p) => p.start >= g0 && p.end <= g1));
    if (target === null) return;
    qualifies.set(i, target);
    const falls = tagIn('fall', clauseOf(i));
    // Two changes of one figure on two bases («наурыздағыдан 7 пайызға аз, бірақ … 4 пайызға көп»): the first is its own.
    if (!changes.has(target)) changes.set(target, falls && l.figure.value > 0 ? -l.figure.value : l.figure.value);
    // "Rose 9.4 percent last year to $3.1 billion": a period the growth owns is that of the figure it changes, when it has none.
    const own = periodOf[i];
    if (periodOf[target] === null && own && ownerOf(own, located, text, family) === l) periodOf[target] = own;
    // "Up 12% on last year": the growth is of the figure's period; the other year is its base.
    periodOf[i] = periodOf[target] ?? periodOf[i] ?? null;
  });
  // A target, a plan or a forecast: what its own clause says, or the target year it is dated by ("by 2030"). A plan after the
  // figure is its own until a conjunction hands the clause to another verb ("delivered 3.6 bcm in 2024 and plans to raise ...").
  const conjunctions = [...text.matchAll(CONJUNCTIONS)].map((m) => m.index);
  const prospective = (i: number) => {
    const [c0, c1] = clauseOf(i);
    const l = located[i] as Located;
    const own = words.some((w) => w.tag === 'prospect' && w.start >= c0 && w.end <= c1 && (w.end <= l.start || !conjunctions.some((c) => c >= l.end && c < w.start)));
    return own || (periodOf[i] != null && isTarget(text, periodOf[i] as PeriodMention) && !bygone(periodOf[i] as PeriodMention));
  };
  // "By 2023 trade had grown to $3 billion", written in 2025: a year gone by is no target.
  const bygone = (p: PeriodMention) => (p.year !== undefined && published !== null ? p.year < published.year : (p.relative ?? 0) < 0);
  let paragraphMetric: FigureMetric | null = null;
  // The flow a quantity was said to move in ("exported 1.9 million tonnes"), for money stated after it ("these goods cost $412 million").
  let paragraphFlow: FigureMetric | null = null;
  // The paragraph's states are found once, and only when an export or import needs its direction.
  let states: StateMention[] | null = null;
  // Not the state of a currency's name inside a figure («61 млн АҚШ доллары», US dollars).
  const paragraphStates = () => (states ??= statesIn(ctx.language, text).filter((s) => !located.some((l) => s.start < l.end && s.end > l.start)));
  const resolved = new Map<PeriodMention, string | null>();
  return located.map((l, i) => {
    const [s0, s1] = sentences[l.sentence] ?? [0, text.length];
    const anaphora = words.some((w) => w.tag === 'sameQuantity' && w.start >= s0 && w.end <= s1);
    // Money named by no word of its own sentence goes on with the quantity the paragraph (or, with
    // "this figure", the article) was stating: "It came to $244.8 billion".
    const continued = paragraphMetric ?? paragraphFlow ?? (anaphora ? memory.metric : null);
    // "Their value", «Унинг қиймати», «Оның құны»: worth alone, no project named in the sentence, is what the goods moved before were worth.
    const goodsWorth = metrics[i] === 'project-value' && paragraphFlow !== null && onlyWorth(words, text, ...clauseOf(i));
    const measured = (goodsWorth ? paragraphFlow : metrics[i]) ?? continued ?? 'other';
    const metric: FigureMetric = measured === 'service' ? 'other' : measured;
    if (NAMED.has(metric as Tag)) paragraphMetric = metric;
    if (l.figure.kind === 'count') {
      const inSentence = words.filter((w) => w.start >= s0 && w.end <= s1);
      // Goods sent as aid («гуманитарлық көмек ретінде жөнелтті», "shipped as humanitarian aid") are no exports: their worth is a grant.
      const aid = inSentence.some((w) => w.tag === 'grants');
      const flow = inSentence.filter((w) => w.tag === 'exports' || w.tag === 'imports').sort((a, b) => distance(l, a, text) - distance(l, b, text))[0];
      if (aid) paragraphFlow = 'grants';
      else if (flow) paragraphFlow = flow.tag as FigureMetric;
    }
    // What a project or contract is worth is no quantity of a period, even when its signing is dated.
    const stated = metric === 'project-value' ? null : periodOf[i];
    let period = stated ? resolved.get(stated) : null;
    if (stated && period === undefined) {
      // "A year earlier" is a year before the period stated before it in the text, else the one last read.
      const earlier = stated.yearBefore ? periods.filter((q) => q.end <= stated.start && !q.yearBefore && !q.same).pop() : undefined;
      const base = earlier ? iso(earlier, published, memory.period) : memory.period;
      // "In this period" is the period last read; before any figure took one, the one last stated in the paragraph (a portfolio's).
      const said = stated.same && memory.period === null ? periods.filter((q) => q.end <= stated.start && !q.same && !q.yearBefore && !q.since && !isTarget(text, q)).pop() : undefined;
      const last = said ? iso(said, published, memory.period) : memory.period;
      // A part of a year not yet over, in a plan («екінші жартыжылдықта … арттыру көзделіп отыр»), is this year's, not last year's:
      // only when the figure's own clause is the plan, not another clause of its sentence ("…, which will help the sides").
      const planned = !stated.same && stated.year === undefined && stated.relative === undefined && (stated.months !== undefined || stated.quarter !== undefined) &&
        PLAN().test(text.slice(...clauseOf(i)));
      period = stated.same && stated.year === undefined && stated.relative === undefined ? last : iso(planned ? { ...stated, relative: 0 } : stated, published, base);
      // One mention means one period, whichever figure reads it first.
      resolved.set(stated, period);
    }
    period ??= null;
    if (period) memory.period = period;
    if (NAMED.has(metric as Tag)) memory.metric = metric;
    return {
      ...l.figure,
      metric,
      period,
      direction: metric === 'exports' || metric === 'imports' ? direction(l, metric, words, text, sentences, ctx, paragraphStates()) : null,
      change: changes.get(i) ?? null,
      // A growth of a planned figure is planned too («бюджет … жоспарланды, бұл 8,4 пайызға жоғары»).
      planned: prospective(i) || (qualifies.has(i) && prospective(qualifies.get(i) as number)),
    };
  });
}

function sentenceSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let start = 0;
  for (const m of text.matchAll(SENTENCE_ENDS())) {
    spans.push([start, m.index]);
    start = m.index + m[0].length;
  }
  spans.push([start, text.length]);
  return spans;
}

/** The clause around a figure: from the previous clause break (or figure) to the next, within its sentence. */
function clauseAround(l: Located, all: readonly Located[], text: string, sentences: ReadonlyArray<[number, number]>): [number, number] {
  const [s0, s1] = sentences[l.sentence] ?? [0, text.length];
  let from = s0;
  let to = s1;
  for (const o of all) {
    if (o === l || o.sentence !== l.sentence) continue;
    if (o.end <= l.start) from = Math.max(from, o.end);
    if (o.start >= l.end) to = Math.min(to, o.start);
  }
  const before = text.slice(from, l.start);
  const breakBefore = [...before.matchAll(CLAUSE_BREAKS)].pop();
  if (breakBefore) from += breakBefore.index + breakBefore[0].length;
  const after = text.slice(l.end, to);
  const breakAfter = CLAUSE_BREAK.exec(after);
  if (breakAfter) to = l.end + breakAfter.index;
  return [from, to];
}

function within(m: { start: number; end: number }, [a, b]: [number, number]): boolean {
  return m.start >= a && m.end <= b;
}

const BY_AMOUNT = once(() => /(?<!\p{L})(?:by|на)\s*$/iu);

/** A percentage reached or left: "to 18%", "from 24%", «до 18%», «с 24%», «18 пайызға дейін», «24 пайыздан», «18 фоизгача». */
const LEVEL_BEFORE = once(() => /(?<!\p{L})(?:to|from|до|с|со)\s*$/iu);
const LEVEL_AFTER = once(() => /^(?:\p{L}*\s+(?:дейін|deıin|دەيىن|қадар|qadar)|(?:ға|ге|ǵa|ge|عا|گە)?\s*(?:дейін|deıin|دەيىن)|гача|ғача|дан|ден|тан|тен|нан|нен|dan|den|tan|ten|nan|nen|دان|دەن|تان|تەن|نان|نەن)(?!\p{L})/iu);

function isLevel(l: Located, text: string): boolean {
  return LEVEL_BEFORE().test(text.slice(Math.max(0, l.start - 6), l.start)) || LEVEL_AFTER().test(text.slice(l.end, l.end + 16));
}

/**
 * After a percentage: "of", «от», or a Kazakh/Uzbek possessive on its word (пайызы, пайызын, фоизи, paıyzy) or on the
 * quantifier after it («20 пайыздан астамы», «30 пайызға жуығы», «20 фоиздан ортиғи»).
 */
const PART_OF = once(() => /^(?:\s+(?:of|от|из)\s|(?:ы|і|и|сы|сі|си|ын|ін|сын|сін|ына|іне|сына|сіне|ини|сини|y|ı|i|sy|si|yn|ın|in|yna|ine|ni|ى|ىن|سى|ىنا)(?!\p{L})|\p{L}{0,3}\s+(?:астам|жуығ|ортиғ|яқин|astam|jýyǵ|استام|جۋىع)\p{L}*)/iu);

/** "41% of all foreign investment", «92% от всего импорта»: the words after a percentage name the whole it is part of. */
const OF_WHOLE = once(() => /^\s+(?:of|от|из)\s/iu);

/** Money given, which a purpose named before may be: aid, a loan, an investment. */
const TRANSFERS: ReadonlySet<Tag> = new Set(['grants', 'loans', 'investment']);
const NAMED: ReadonlySet<Tag> = new Set(['trade-turnover', 'exports', 'imports', 'investment', 'loans', 'grants', 'project-value']);
/**
 * «2,3 млрд доллар салды», «620 млн доллардан астам қаржы салды»: the amount's own quantifier (астам, жуық, шамасында) and a word
 * for funds (қаржы, қаражат, капитал) may stand between it and the verb; any other noun («зауыт салды») makes the verb that noun's.
 */
const PUT_IN = once(() => /^\p{L}*(?:\s+(?:(?:астам|аса|жуық|шамасында|көлемінде|мөлшерінде|astam|asa|jýyq|shamasynda|kóleminde|mólsherinde|استام|اسا|جۋىق|شاماسىندا|كولەمىندە|مولشەرىندە)|(?:қаржы|қаражат|капитал|qarjy|qarajat|kapıtal|قارجى|قاراجات|كاپيتال)\p{L}{0,4})(?!\p{L})){0,2}\s+(?:салды|салған|салады|салатын|салуды|салуға|салынды|салынған|saldy|salǵan|salady|salatyn|salýdy|salýǵa|salyndy|salynǵan|سالدى|سالعان|سالادى|سالاتىن|سالۋدى|سالۋعا|سالىندى|سالىنعان)(?!\p{L})/iu);

/** The Kazakh and Uzbek adjectival suffix on a unit word (долларлық, теңгелік, долларлик, dollarlyq, دوللارلىق). */
const ADJECTIVAL = once(() => /^(?:лық|лік|тық|тік|дық|дік|лик|lyq|lik|tyq|tik|dyq|dik|لىق|لىك|دىق|دىك|تىق|تىك)(?!\p{L})/iu);

/** What goods or capital flows are; a contract or project of theirs is measured as a project. */
const FLOWS: ReadonlySet<Tag> = new Set(['trade-turnover', 'exports', 'imports', 'investment']);
/** The words of worth among the project words: "value", «стоимость», «құны», «қиймати». */
const WORTH = /^(?:worth|value|cost|стоимост|құн|qun|قۇن|қиймат|qiymat)/iu;

/** A Kazakh or Uzbek genitive ending on a word (айналымының, савдосининг), and the possessive on a unit after it (доллары, доллари). */
const GENITIVE = once(() => /(?:ның|нің|дың|дің|тың|тің|нинг|nyń|niń|dyń|diń|tyń|tiń|ning|نىڭ|دىڭ|تىڭ)$/iu);
const POSSESSIVE = once(() => /^(?:ы|і|и|сы|сі|си|y|ı|i|sy|si|ى|سى)(?!\p{L})/iu);

/** The Kazakh participle that makes a sum an attribute of the noun after it: «құны 120 млрд теңге болатын келісімшарт». */
const ATTRIBUTIVE = once(() => /^\p{L}*\s+(?:болатын|тұратын|bolatyn|turatyn|بولاتىن|تۇراتىن)(?!\p{L})/iu);

/** Where the head noun of an attributive sum ends: the first metric word after it, or the noun right after it that one modifies («экспорттық келісімшартты»). */
function attributeHeadEnd(l: Located, words: readonly Mention[], text: string, s1: number): number {
  const after = words.filter((w) => (NAMED.has(w.tag) || w.tag === 'otherMoney') && w.start >= l.end && w.end <= s1).sort((a, b) => a.start - b.start);
  let head = after[0];
  while (head && ADJECTIVE_ENDING().test(text.slice(head.start, head.end))) {
    const next = after.find((o) => o.start > head!.end && /^\s+$/u.test(text.slice(head!.end, o.start)));
    if (!next) break;
    head = next;
  }
  // «300 млн долларлик ғалла етказиб бериш бўйича шартнома»: a flow the deal is for leads on to the deal's noun.
  const deal = head && FLOWS.has(head.tag) ? after.find((o) => o.tag === 'project-value' && o.start >= head!.end && FOR_DEAL().test(text.slice(head!.end, o.start))) : undefined;
  return (deal ?? head)?.end ?? Infinity;
}
const ADJECTIVE_ENDING = once(() => /(?:лық|лік|тық|тік|дық|дік|lyq|lik|tyq|tik|dyq|dik|لىق|لىك|دىق|دىك|تىق|تىك)$/iu);

/** Between a deal's noun and the flow it is for: «на», «о», «по», "for (the)", "to". */
const DEAL_FOR = once(() => /^\s+(?:на|о|об|по|for|to|on)(?:\s+the)?\s+$/iu);
/** Between a flow and the deal's noun after it, in the clause: «туралы», «жөніндегі», «бойынша», «арналған», «бўйича», «ҳақида». */
const FOR_DEAL = once(() => /^\p{L}*\s+(?:туралы|жөніндегі|бойынша|арналған|turaly|jónindegi|boıynsha|arnalǵan|تۋرالى|جونىندەگى|بويىنشا|ارنالعان|бўйича|ҳақида|юзасидан|bo['‘ʻ]yicha|haqida|yuzasidan)\s+(?:(?:(?![,.;:،؛]\s).){0,40}\s+)?$/iu);

/** Whether the only words of a clause that name a quantity are words of worth ("value", «құны», «қиймати»), no project or deal. */
function onlyWorth(words: readonly Mention[], text: string, s0: number, s1: number): boolean {
  const named = words.filter((w) => NAMED.has(w.tag) && w.start >= s0 && w.end <= s1);
  return named.length > 0 && named.every((w) => w.tag === 'project-value' && WORTH.test(text.slice(w.start, w.end)));
}

/** Distance from a figure to a word, words before it preferred, another clause or figure between penalised. */
function distance(l: Located, m: { start: number; end: number }, text: string): number {
  const gap = m.end <= l.start ? text.slice(m.end, l.start) : text.slice(l.end, m.start);
  const breaks = (gap.match(CLAUSE_BREAKS) ?? []).length;
  return gap.length * (m.end <= l.start ? 1 : 1.5) + breaks * 60;
}

/**
 * What metricOf reads: a metric, or money earned by a service («доходы от транзита», «транзиттен түскен табыс»), which is
 * `other` but, unlike a budget or a price, a quantity of the period the paragraph is about.
 */
type Measured = FigureMetric | 'service';

/** What a figure measures by the words around it; null for money no word names (it may go on with the paragraph's). */
function metricOf(l: Located, all: readonly Located[], words: readonly Mention[], text: string, sentences: ReadonlyArray<[number, number]>): Measured | null {
  const [s0, s1] = sentences[l.sentence] ?? [0, text.length];
  if (l.figure.kind === 'percent') {
    const clause = clauseAround(l, all, text, sentences);
    const shares = words.filter((w) => w.tag === 'share');
    // "Making up 93%": the "up" of a share phrase is no growth.
    const change = words.some((w) => (w.tag === 'growth' || w.tag === 'fall') && within(w, clause) && !shares.some((s) => within(w, [s.start, s.end])));
    // "China's share ... rose to 48%", "22% of its trade", «95 пайызын», «占...%»: a part of a whole.
    const shareWord = shares.some((w) => (w.start >= s0 && w.end <= l.start) || within(w, clause));
    // "The share shrank to 18% from 24%", «24 пайыздан 18 пайызға дейін»: the levels, not the change.
    if (change && !(shareWord && isLevel(l, text))) return 'growth';
    // "…, and imports by 11.5% to $59.6 billion", «импорт — на 11,5%»: a change whose verb is left out.
    if (BY_AMOUNT().test(text.slice(Math.max(0, l.start - 6), l.start))) return 'growth';
    // «92% взаимной торговли»: a percentage of the quantity named right after it.
    const ofNamed = words.some((w) => NAMED.has(w.tag) && w.start >= l.end && /^\s+(?:[\p{L}-]+\s+)?$/u.test(text.slice(l.end, w.start)));
    if (shareWord || ofNamed || PART_OF().test(text.slice(l.end, l.end + 10))) return 'share';
    return 'other';
  }
  // Tonnes, cubic metres, people: a physical quantity, whether exported or produced.
  if (l.figure.kind === 'count') return 'volume';
  // «2,3 млрд доллар салды»: money «put» (салу) straight after its amount is invested; a plant built («зауыт салды») has its noun between.
  if (PUT_IN().test(text.slice(l.end, l.end + 24))) return 'investment';
  let best: { tag: Tag; d: number } | null = null;
  const clause = clauseAround(l, [], text, sentences);
  // «120 млн долларлық несие», «4 млн долларлик грант»: money made an adjective names the noun after it.
  const adjectival = ADJECTIVAL().test(text.slice(l.end, l.end + 4));
  // «120 млрд теңге болатын 14 экспорттық келісімшартты қаржыландырған»: a sum made an attribute names its head noun, the
  // last of the first words after it, and no word of the verb after that.
  const partOfWhole = POSSESSIVE().test(text.slice(l.end, l.end + 4));
  const otherMoney = words.filter((o) => o.tag === 'otherMoney');
  const headEnd = adjectival || ATTRIBUTIVE().test(text.slice(l.end, l.end + 24)) ? attributeHeadEnd(l, words, text, s1) : Infinity;
  for (const w of words) {
    if ((!NAMED.has(w.tag) && w.tag !== 'otherMoney' && w.tag !== 'service') || w.start < s0 || w.end > s1) continue;
    // A word after the figure that leads into another sum, no clause break between, names that one ("…, with US imports of $1.9 billion");
    // not the word right after it, which in Kazakh and Uzbek is its own head («1 млн долларлик ёрдам ва 2 млн долларлик кредит»).
    if (w.start >= l.end && !/^\p{L}*\s+$/u.test(text.slice(l.end, w.start)) && all.some((o) => o !== l && o.figure.kind !== 'count' && o.start >= w.end && o.start < s1 && !CLAUSE_BREAK.test(text.slice(w.end, o.start)))) continue;
    // Nor a word after another sum, which is that one's («131,7 млн доллар болды, оның 82 пайызы облыс экспорты»); a tonnage
    // between leaves it («410 млн долларға 1,2 млн тонна бидай экспорттады»), and so does a percentage "of" the word ("41% of all investment").
    if (w.start >= headEnd) continue;
    // A metric word inside a longer phrase of other money («сальдо торговли», 贸易顺差) is that phrase's.
    if (NAMED.has(w.tag) && otherMoney.some((o) => o.start <= w.start && o.end >= w.end && o.end - o.start > w.end - w.start)) continue;
    // «тауар айналымының 3 млрд доллары Қазақстан экспортына тиесілі»: the word in the genitive before a sum in the possessive
    // names the whole it is part of; the sum is named by a word after it, when there is one.
    if (partOfWhole && w.end <= l.start && GENITIVE().test(text.slice(w.start, w.end)) && words.some((o) => NAMED.has(o.tag) && o.start >= l.end && within(o, clause))) continue;
    if (w.start >= l.end && all.some((o) => o !== l && o.figure.kind !== 'count' && o.start >= l.end && o.end <= w.start && !(o.figure.kind === 'percent' && OF_WHOLE().test(text.slice(o.end, w.start))))) continue;
    // "Export price … $208", "export contracts worth …", «экспорттық келісімшарт»: a flow word modifying the noun after it yields to
    // that noun; a price or budget only when the pair comes before the figure, as a noun does (verbs of allocating follow it in
    // Kazakh); never to "value" itself, which is the flow's own («экспорт қиймати»).
    const head = (o: Mention) => o.start > w.end && /^\s+$/u.test(text.slice(w.end, o.start));
    const deal = (o: Mention) => o.tag === 'project-value' && FLOWS.has(w.tag) && !WORTH.test(text.slice(o.start, o.end));
    if (NAMED.has(w.tag) && words.some((o) => head(o) && ((o.tag === 'otherMoney' && o.end <= l.start) || deal(o)))) continue;
    // «контракт на поставку урана», "a deal for the export of", «жеткізу туралы келісім», «етказиб бериш бўйича шартнома»: a flow
    // that a deal is for, joined to its noun by a preposition or a postposition, is what the deal is about, not what the sum measures.
    if (words.some((o) => deal(o) && (o.end <= w.start ? DEAL_FOR().test(text.slice(o.end, w.start)) : o.start >= w.end && FOR_DEAL().test(text.slice(w.end, o.start))))) continue;
    // "Goods worth...", "a plant costing...", "allocated...": the generic words yield to a specific
    // one in the same clause, and to a nearer one elsewhere.
    const generic = w.tag === 'project-value' || w.tag === 'otherMoney';
    // «4,5 млн доллар грант бөлді», "a $4.5 million grant": a specific word right after the sum, only the unit's ending between, is its noun.
    const noun = !generic && w.start >= l.end && /^\p{L}*\s+$/u.test(text.slice(l.end, w.start));
    const d = noun ? -2000 : distance(l, w, text) * (generic ? 2 : 1) + (generic ? 0 : within(w, clause) ? -1000 : 0) + (adjectival && w.end <= l.start ? 200 : 0);
    if (!best || d < best.d) best = { tag: w.tag, d };
  }
  if (!best) return null;
  return best.tag === 'otherMoney' ? 'other' : (best.tag as Measured);
}

/** The period stated nearest a figure in its sentence, same clause first. */
function nearest(
  l: Located, all: readonly Located[], periods: readonly PeriodMention[], text: string, sentences: ReadonlyArray<[number, number]>, family: Family,
): PeriodMention | null {
  const [s0, s1] = sentences[l.sentence] ?? [0, text.length];
  let best: { p: PeriodMention; d: number } | null = null;
  for (const p of periods) {
    if (p.start < s0 || p.end > s1) continue;
    const owner = ownerOf(p, all, text, family);
    if (owner === l) return p;
    // Another figure's own period is not this one's; it may still carry over to it, as one stated before.
    if (owner) continue;
    // "…, 当月…", "…; in that month…": a pointer back begins a clause of its own, after the figure; and a period that
    // opens a later clause with a figure of its own is that figure's («…41 пайызға жетті, өткен жылы … 35 пайыз болатын»).
    // So is one after a figure of its own clause («…, шундан 58 млн доллари июнь ойига тўғри келади»).
    const later = p.start >= l.end && CLAUSE_BREAK.test(text.slice(l.end, p.start));
    const ownClause = (o: Located) => o !== l && o.start >= l.end && o.start < s1 && !CLAUSE_BREAK.test(o.start >= p.end ? text.slice(p.end, o.start) : text.slice(o.end, p.start));
    if (later && (p.same || all.some(ownClause))) continue;
    const d = distance(l, p, text);
    if (!best || d < best.d) best = { p, d };
  }
  return best?.p ?? null;
}

/** English and Russian: a period right after a figure, by a preposition, is that figure's ("$3.1 billion in 2023", «24% годом ранее»). */
const OWNED_AFTER = /^\s*(?:(?:in|for|over|during)(?:\s+the)?|в|во|за)?\s*$/iu;
/** Kazakh, Uzbek, Chinese: a period in the attributive form right before a figure is its («2024 жылғы 3,1 млрд», «сентябридаги», 的). */
const OWNED_BEFORE = once(() => /^(?:\p{L}*(?:\s+\p{L}+)?(?:ғы|гі|қы|кі|ги|ки|ǵy|gi|qy|ki|عى|گى|قى|كى)\s+|的)$/u);

function ownerOf(p: PeriodMention, all: readonly Located[], text: string, family: Family): Located | undefined {
  if (family === 'en' || family === 'ru') return all.find((o) => o.end <= p.start && OWNED_AFTER.test(text.slice(o.end, p.start)));
  const word = /\p{L}*$/u.exec(text.slice(p.start, p.end))?.[0] ?? '';
  return all.find((o) => o.start >= p.end && OWNED_BEFORE().test(word + text.slice(p.end, o.start)));
}

/**
 * The figure a growth qualifies: for a percentage, the nearest money or count figure before it
 * in its sentence, else after; for percentage points, the share they changed ("up 2.5 pp to 48%").
 */
function qualified(
  i: number, located: readonly Located[], metrics: ReadonlyArray<Measured | null>, text: string, sentences: ReadonlyArray<[number, number]>,
  words: readonly Mention[], ownPeriod: boolean,
): number | null {
  const l = located[i] as Located;
  const points = l.figure.unit === 'pp';
  // Not the base of the comparison («38,6 млн доллардан 17 пайызға жоғары»), which the change is measured from.
  const fits = (o: Located, j: number) => j !== i && (o.figure.kind === 'percent') === points && metrics[j] !== 'growth' && !isAblativeBase(o, text);
  const candidates = located.map((o, j) => ({ o, j })).filter(({ o, j }) => o.sentence === l.sentence && fits(o, j));
  if (points) return candidates.find(({ o }) => o.start >= l.end)?.j ?? candidates.filter(({ o }) => o.end <= l.start).pop()?.j ?? null;
  // «…, ал импорт 12 пайызға ұлғайып, 1,3 млрд долларға жетті», «5,6 фоизга камайиб, 740 млн долларни ташкил этди»: a growth
  // verb as a converb leads into the figure it changed, the very next one.
  // "…, while imports rose 9% to $1.4 billion", «импорт увеличился на 9% и достиг 1,4 млрд», «сократился на 4,3% – до 2,3 млрд»: likewise.
  const next = located[i + 1];
  const leadsInto = next !== undefined && (CONVERB_AFTER().test(text.slice(l.end, l.end + 32)) || LEADS_INTO().test(text.slice(l.end, next.start)));
  if (leadsInto && candidates.some(({ j }) => j === i + 1)) return i + 1;
  const before = candidates.filter(({ o }) => o.end <= l.start).pop();
  const own = (before ?? candidates.find(({ o }) => o.start >= l.end))?.j;
  if (own !== undefined) return own;
  // «… 146 мың тонна көкөніс экспорттады. Бұл … 18 пайызға көп.», "This is 11% more": a sentence that opens by pointing back
  // changes the last figure of the sentence before.
  const s0 = sentences[l.sentence]?.[0] ?? 0;
  if (l.sentence < 1) return null;
  // A change opening the sentence with no quantity named («Спад составил 4,6%», not «Рост экспорта составил 5%»): likewise.
  const bareChange = CHANGE_OPENING().test(text.slice(s0, l.start)) && !words.some((w) => NAMED.has(w.tag) && w.start >= s0 && w.end <= l.start);
  if (POINTER_BACK().test(text.slice(s0, l.start)) || bareChange) return located.map((o, j) => ({ o, j })).filter(({ o, j }) => o.sentence === l.sentence - 1 && fits(o, j)).pop()?.j ?? null;
  // «… экспорт 124 млн доллар. Өткен жылдың осы кезеңімен салыстырғанда экспорт 19 пайызға азайды.»: a sentence with no
  // period of its own that names what grew changes the last figure before of that quantity.
  if (ownPeriod) return null;
  const named = words.filter((w) => NAMED.has(w.tag) && w.start >= s0 && w.end <= l.start).pop();
  // «… 8,4 млн баррель мұнай жөнелтті. Тасымал көлемі … 6 пайызға артты.»: a volume named changes the last count before.
  const metric = named?.tag ?? (VOLUME_WORD().test(text.slice(s0, l.start)) ? 'volume' : undefined);
  return metric ? (located.map((o, j) => ({ o, j })).filter(({ o, j }) => o.sentence < l.sentence && metrics[j] === metric && fits(o, j)).pop()?.j ?? null) : null;
}
/** A word for a physical volume: «көлемі», «объем», «ҳажми», "volume". */
const VOLUME_WORD = once(() => /(?<!\p{L})(?:көлем|kólem|كولەم|объ[её]м|ҳажм|hajm|volume)/iu);

/** All that stands between a percentage and the sum it led to: " to ", « – до », « и достиг », " and reached ". */
const LEADS_INTO = once(() => /^\s*(?:(?:и|and)\s+(?:состав|достиг|превыс|reach|total|stood|amount|came)\p{L}*(?:\s+(?:at|to))?|[–—-]\s*(?:до|to)|до|to)\s+(?:[$€£₸₽]|US\$)?$/iu);

/**
 * Words of a plan or an intention: «көзделіп», «жоспарлануда», «планируется», «режалаштирилган», "plans", "will", 计划, 将 as the
 * future (将在, 将达到), not as the object marker (将1亿美元的货物出口到). Whole words end there: not "willing", "planet".
 */
const PLAN = once(() => /(?<!\p{L})(?:көзде|жоспарла|мақсат|kózde|josparla|maqsat|планир|намерен|режалаштир|мўлжалла|мақсад|rejalashtir|intend|target|(?:будет|plan(?:s|ned|ning)?|will|aim(?:s|ed|ing)?)(?!\p{L}))|计划|将(?=会|要|于|在|向|达|增|提|超|继续|进一步)/iu);

/**
 * A sentence's first word pointing back at the one before: «Бұл», «Бу», «Это», "This", "That", 这. The alphabetic words end
 * there («Бурят», "Thistle" aside); 这 never does, a Han character (a letter) always follows it (这增长了, 这些货物).
 */
const POINTER_BACK = once(() => /^(?:(?:Бұл|Бу|Bul|Bu|بۇل|Это|This|That)(?!\p{L})|这)/u);

/**
 * A sentence opening with a change as its subject («Прирост к 2024 году составил 9,5%», «Спад составил 4,6%», «Өсім 12 пайызды
 * құрады», "The increase was 9%"): the change of the last figure stated before.
 */
const CHANGE_OPENING = once(() => /^(?:(?:The\s+)?(?:increase|growth|rise|decline|drop|fall|decrease)|Прирост|Рост|Спад|Снижение|Сокращение|Падение|Увеличение|Уменьшение|Өсім|Өсу|Төмендеу|Қысқару|Кему|Ósim|Ósý|Tómendeý|Qysqarý|Kemý|Ўсиш|Пасайиш|Қисқариш|Камайиш|O['‘ʻ]sish|Pasayish|Qisqarish|Kamayish)(?!\p{L})/iu);

/** A Kazakh or Uzbek growth verb as a converb, then a comma: «пайызға өсіп,», «фоизга камайиб,». */
const CONVERB_AFTER = once(() => /^\p{L}*\s+(?:өсіп|артып|ұлғайып|көбейіп|азайып|төмендеп|қысқарып|кеміп|құлдырап|жоғарылап|ósip|artyp|ulǵaıyp|kóbeıip|azaıyp|tómendep|qysqaryp|kemip|ўсиб|ошиб|ортиб|кўпайиб|камайиб|қисқариб|пасайиб|o['‘ʻ]sib|oshib|ortib|ko['‘ʻ]payib|kamayib|qisqarib|pasayib)\s*[,،]/iu);

/**
 * A Kazakh or Uzbek figure in the ablative with a percentage after it («38,6 млн доллардан 17 пайызға жоғары»): what a
 * comparison is made with; not «2 млрд доллардан асты» (exceeded $2 billion).
 */
function isAblativeBase(o: Located, text: string): boolean {
  return ABLATIVE_BASE_FIGURE().test(text.slice(o.end, o.end + 40));
}
const ABLATIVE_BASE_FIGURE = once(() => /^(?:дан|ден|тан|тен|нан|нен|dan|den|tan|ten|nan|nen|دان|دەن|تان|تەن|نان|نەن)(?!\p{L})[^.。\d,،;]{0,16}\d[\d.,]*\s*(?:%|пайыз|фоиз|paıyz|foiz|پايىز)/iu);

/** Prepositions and case endings that mark where goods come from or go to. */
const SOURCE_BEFORE = once(() => /(?:(?<!\p{L})(?:from|из|от)|从|自|由)\s*$/iu);
const DESTINATION_BEFORE = once(() => /(?:(?<!\p{L})(?:to|в|во|на)|对|向|往|到|至)\s*$/iu);
const BOUGHT_IN = once(() => /(?:(?<!\p{L})(?:закуп|купи|купл|приобр)\p{L}*\s+(?:в|во)|(?<!\p{L})(?:bought|purchased)\s+in)\s*$/iu);
/** Kazakh and Uzbek ablative and dative endings on the state's name (-дан, -ға; -дан, -га), in any script. */
const SOURCE_ENDING = /(?:дан|ден|тан|тен|нан|нен|dan|den|tan|ten|nan|nen|دان|دەن|تان|تەن|نان|نەن)$/iu;
const DESTINATION_ENDING = /(?:ға|ге|қа|ке|га|ка|ga|ge|qa|ke|ǵa|ға|عا|گە|قا|كە)$/iu;

type Role = 'source' | 'destination' | null;

/** A name ending in -стан is the bare name, not an ablative (Түркменстан, Түркменстаннан). */
const STAN = /(?:стан|stan|ستان)$/iu;

function roleOf(text: string, s: { start: number; end: number }, family: Family): Role {
  const before = text.slice(Math.max(0, s.start - 6), s.start);
  const word = /^[\p{L}\p{M}'’ʻ-]*/u.exec(text.slice(s.start))?.[0] ?? '';
  const endings = (family === 'kk' || family === 'uz') && !STAN.test(word);
  // «закупил в Казахстане», "bought in Kazakhstan": where goods were bought is where they came from.
  if (SOURCE_BEFORE().test(before) || (endings && SOURCE_ENDING.test(word)) || BOUGHT_IN().test(text.slice(Math.max(0, s.start - 32), s.start))) return 'source';
  if (DESTINATION_BEFORE().test(before) || (endings && DESTINATION_ENDING.test(word))) return 'destination';
  return null;
}

/**
 * From and to of exports or imports: a state marked as source ("from", «из», -дан) or
 * destination ("to", «в», -ға, 对) takes that end; an unmarked one names the exporter of
 * exports and the importer of imports ("Kazakhstan's exports", «экспорт Казахстана»); the
 * article's pair supplies a missing end.
 */
function direction(
  l: Located, metric: 'exports' | 'imports', words: readonly Mention[], text: string, sentences: ReadonlyArray<[number, number]>, ctx: FigureContext,
  paragraphStates: readonly StateMention[],
): { from: string; to: string } | null {
  const [s0, s1] = sentences[l.sentence] ?? [0, text.length];
  const own = words
    .filter((w) => w.tag === metric && w.start >= s0 && w.end <= s1)
    .sort((a, b) => distance(l, a, text) - distance(l, b, text))[0];
  // Money that goes on with a flow of an earlier sentence («… буғдой импорт қилинди. Унинг қиймати 236 млн доллар»): that sentence's states.
  const earlier = own ? undefined : words.filter((w) => w.tag === metric && w.end <= s0).pop();
  const keyword = own ?? earlier;
  if (!keyword) return null;
  // The states of the figure's own clause and of the words leading to it, not of a sibling clause.
  const [c0, c1] = own ? clauseAround(l, [], text, sentences) : (sentences.find(([a, b]) => keyword.start >= a && keyword.start < b) ?? [0, text.length]);
  // The flow word's own clause is read from its start: «Ўзбекистоннинг Қозоғистондан импорти 5,6 фоизга камайиб, 740 млн доллар…».
  const keywordClause = clauseStart(keyword.start, s0, text);
  const from0 = own ? Math.max(s0, Math.min(c0, keywordClause)) : c0;
  let states = paragraphStates.filter((s) => s.start >= from0 && s.end <= c1);
  let read: 'exports' | 'imports' = metric;
  // "Uzbekistan exported $1.4 billion to Kazakhstan and imported $2.9 billion": a conjunct naming no state after one
  // with the opposite flow reads that one's states, seen from the same side.
  const opposite = metric === 'exports' ? 'imports' : 'exports';
  const conjunct = own ? Math.max(clauseStart(keyword.start, s0, text, CONJUNCTIONS), keywordClause) : s0;
  if (conjunct > s0 && !states.some((s) => s.start >= conjunct) && words.some((w) => w.tag === opposite && w.start >= s0 && w.end <= conjunct)) {
    states = paragraphStates.filter((s) => s.start >= s0 && s.end <= conjunct);
    read = opposite;
  }
  // Its own clause names no state: the states of the last sentence before that named the same flow with some
  // («Түрікменстан Қазақстанға … газ жеткізеді. … жеткізілген газдың құны 96 млн доллар»), else the opposite flow, whose
  // direction this one reverses, seen from the same side («Ўзбекистоннинг Қозоғистондан импорти … . Экспорт эса 1,7 млрд долларга етди.»).
  for (const tag of [metric, metric === 'exports' ? 'imports' : 'exports'] as const) {
    for (const w of states.length === 0 ? words.filter((x) => x.tag === tag && x.end <= s0).reverse() : []) {
      const [a, b] = sentences.find(([x, y]) => w.start >= x && w.start < y) ?? [0, 0];
      states = paragraphStates.filter((s) => s.start >= a && s.end <= b);
      if (states.length > 0) {
        read = tag;
        break;
      }
    }
  }
  const pair = ctx.pair?.split('-') ?? [];
  // Named by no state: the agency's own perspective, Kazakhstan's exports to (imports from) its partner.
  if (states.length === 0) {
    const partner = pair.includes('KZ') ? pair.find((c) => c !== 'KZ') : undefined;
    if (!partner) return null;
    return metric === 'exports' ? { from: 'KZ', to: partner } : { from: partner, to: 'KZ' };
  }
  let source: string | undefined;
  let destination: string | undefined;
  let subject: string | undefined;
  const family = FAMILY_OF[ctx.language];
  for (const s of states) {
    const role = adjectiveOfState(text, s, family) ? adjectiveRole(text, s, words, family) : roleOf(text, s, family);
    if (role === 'source') source ??= s.code;
    else if (role === 'destination') destination ??= s.code;
    else subject ??= s.code;
  }
  let [from, to] = read === 'exports' ? [source ?? subject, destination] : [source, destination ?? subject];
  if (from === to) [from, to] = [undefined, undefined];
  const other = (code: string | undefined) => (code && pair.includes(code) ? pair.find((c) => c !== code) : undefined);
  from ??= other(to);
  to ??= other(from);
  if (!from || !to || from === to) return null;
  // The same goods named back («… сатып алды. Бұл жеткізілімдердің құны …») move the same way, whatever the word.
  const sameGoods = POINTER_BACK().test(text.slice(s0, l.start));
  return read === metric || sameGoods ? { from, to } : { from: to, to: from };
}

/** A state's adjective, written lower case where names are capitalised: «корей», «қазақстандық», «казахстанский», «хитой». */
function adjectiveOfState(text: string, s: StateMention, family: Family): boolean {
  return family !== 'en' && family !== 'zh' && /^\p{Ll}/u.test(text.charAt(s.start));
}

/**
 * Right before the flow's word it names the flow's own side («казахстанский экспорт», «на казахстанский экспорт»: the
 * exporter); on goods it names where they come from («корей автокөліктерінің импорты», «қазақстандық ұн экспорты»).
 */
function adjectiveRole(text: string, s: StateMention, words: readonly Mention[], family: Family): Role {
  const ofFlow = words.some((w) => (w.tag === 'exports' || w.tag === 'imports') && w.start >= s.end && /^[\p{L}\p{M}'’ʻ-]*\s+$/u.test(text.slice(s.end, w.start)));
  return ofFlow ? null : (roleOf(text, s, family) ?? 'source');
}

/** Where the clause holding a position begins: after the last clause break (or other `breaks`) before it in its sentence. */
function clauseStart(at: number, s0: number, text: string, breaks: RegExp = CLAUSE_BREAKS): number {
  const last = [...text.slice(s0, at).matchAll(breaks)].pop();
  return last ? s0 + last.index + last[0].length : s0;
}

interface StateMention {
  readonly code: string;
  readonly start: number;
  readonly end: number;
}

function statesIn(language: Language, text: string): StateMention[] {
  const scan = scanZones(language, [{ role: 'body', text, weight: 1 }]);
  return scan.hits
    .flatMap((h) => (h.target.type === 'country' ? [{ code: h.target.code, start: h.start, end: h.end }] : []))
    .sort((a, b) => a.start - b.start);
}
