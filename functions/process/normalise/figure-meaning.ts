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
import { tokenize, type TokenFamily } from '../classify/tokenize.ts';
import { astanaYearMonth, monthOfWord } from '../../lib/dates.ts';
import { FIGURE_WORDS, type FigureWords, type NamedMetric } from './figure-words.ts';

export interface FigureContext {
  readonly language: Language;
  /** Anchors "this year", "for nine months"; without it relative periods stay unresolved. */
  readonly publishedAt: string | null;
  /** The article's pair ("KZ-CN"), which supplies the other end of "exports to China". */
  readonly pair: string | null;
}

type Tag = NamedMetric | 'otherMoney' | 'growth' | 'fall' | 'share' | 'thisYear' | 'lastYear' | 'lastMonth' | 'firstHalf' | 'months' | 'quarter' | 'samePeriod' | 'sameQuantity' | 'yearBefore' | 'newTopic';

interface Mention {
  readonly start: number;
  readonly end: number;
  readonly tag: Tag;
}

/** How much of a word may follow a phrase word's stem: inflection, not another word. */
const MAX_ENDING: Readonly<Record<TokenFamily, number>> = { en: 3, ru: 5, kk: 9, uz: 9 };

interface Compiled {
  readonly phrases: ReadonlyArray<{ readonly words: readonly string[]; readonly tag: Tag }>;
  readonly notMetric: readonly string[];
  /** Number words → value, as folded keys (or Chinese strings). */
  readonly numbers: ReadonlyMap<string, number>;
}

function compile(family: Family, w: FigureWords): Compiled {
  const key = (word: string) => (family === 'zh' ? word : wordKey(family, word));
  const split = (phrase: string) => (family === 'zh' ? [phrase] : phrase.split(' ').map(key));
  const phrases: Array<{ words: string[]; tag: Tag }> = [];
  for (const [metric, list] of Object.entries(w.metrics)) for (const p of list) phrases.push({ words: split(p), tag: metric as NamedMetric });
  const add = (tag: Tag, list: readonly string[]) => { for (const p of list) phrases.push({ words: split(p), tag }); };
  add('otherMoney', w.otherMoney);
  add('growth', w.growth);
  add('fall', w.fall);
  add('share', w.share);
  add('thisYear', w.thisYear);
  add('lastYear', w.lastYear);
  add('firstHalf', w.firstHalf);
  add('months', w.months);
  add('quarter', w.quarter);
  add('lastMonth', w.lastMonth);
  add('yearBefore', w.yearBefore);
  add('newTopic', w.newTopic);
  add('samePeriod', w.samePeriod);
  add('sameQuantity', w.sameQuantity);
  // Longer phrases first, so "trade turnover" wins over "turnover".
  phrases.sort((a, b) => b.words.join(' ').length - a.words.join(' ').length);
  const numbers = new Map<string, number>();
  w.numbers.forEach((forms, i) => { for (const f of forms.split(',')) numbers.set(key(f), i + 1); });
  return { phrases, numbers, notMetric: w.notMetric.map(key) };
}

// Compiled on a family's first article, not at import (as the classifier's matchers are).
const compiled = new Map<Family, Compiled>();
function compiledFor(family: Family): Compiled {
  let words = compiled.get(family);
  if (!words) compiled.set(family, (words = compile(family, FIGURE_WORDS[family])));
  return words;
}

/** Every phrase of the family in a text, with its offsets; a word serves several tags (down: growth and fall). */
function mentions(family: Family, text: string): Mention[] {
  const { phrases, notMetric } = compiledFor(family);
  const out: Mention[] = [];
  if (family === 'zh') {
    const actors = notMetric.flatMap((w) => [...text.matchAll(new RegExp(w, 'gu'))].map((m) => m.index));
    for (const p of phrases) {
      const word = p.words[0] as string;
      for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + word.length)) {
        if (!actors.includes(i)) out.push({ start: i, end: i + word.length, tag: p.tag });
      }
    }
    return out;
  }
  const tokens = tokenize(family, text);
  const keys = tokens.map((t) => wordKey(family, t.raw));
  for (let i = 0; i < tokens.length; i++) {
    if (notMetric.some((stem) => (keys[i] as string).startsWith(stem))) continue;
    for (const p of phrases) {
      // The first word decides for most phrases: tested before the whole phrase is.
      if (!(keys[i] as string).startsWith(p.words[0] as string)) continue;
      const fits = p.words.every((stem, j) => {
        const k = keys[i + j];
        return k !== undefined && k.startsWith(stem) && k.length - stem.length <= MAX_ENDING[family];
      });
      if (fits) out.push({ start: tokens[i]!.start, end: tokens[i + p.words.length - 1]!.end, tag: p.tag });
    }
  }
  return out;
}

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
}

const YEAR = /(?<![\d.,])(199\d|20[0-4]\d)(?![\d.,]\d)/gu;
const YEAR_RANGE = /(?<![\d.,])(199\d|20[0-4]\d)\s*[-–—]\s*(199\d|20[0-4]\d)(?!\d)/gu;
const ZH_MONTHS = /(?:(\d{4})年)?(\d{1,2})\s*[-—–~至到]\s*(\d{1,2})月/gu;
const ZH_MONTH = /(?:(\d{4})年)(\d{1,2})月/gu;
const ZH_FIRST_MONTHS = /前\s*(\d{1,2}|[一二三四五六七八九十两]+)\s*个?月/gu;
const ZH_QUARTER = /(?:第)?([一二三四1-4])\s*季度/gu;
const ZH_FIRST_QUARTERS = /前\s*([一二三两2-3])\s*(?:个)?季度/gu;
const ROMAN = new Map([['i', 1], ['ii', 2], ['iii', 3], ['iv', 4]]);
const ORDINAL_QUARTER = new Map([['first', 1], ['second', 2], ['third', 3], ['fourth', 4], ['перв', 1], ['втор', 2], ['трет', 3], ['четверт', 4], ['бірінші', 1], ['екінші', 2], ['үшінші', 3], ['төртінші', 4], ['биринчи', 1], ['иккинчи', 2], ['учинчи', 3], ['тўртинчи', 4]]);
/** ORDINAL_QUARTER's stems as each family folds them: folded once, not for every token. */
const ordinalKeys = new Map<TokenFamily, [string, number][]>();
function ordinalQuarters(family: TokenFamily): [string, number][] {
  let keys = ordinalKeys.get(family);
  if (!keys) ordinalKeys.set(family, (keys = [...ORDINAL_QUARTER].map(([stem, n]) => [wordKey(family, stem), n])));
  return keys;
}
const CJK_NUMBER: Readonly<Record<string, number>> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 十一: 11, 十二: 12 };
const RANGE_JOINER = /^\s*(?:[-–—]|по|to|through|until|до|–)\s*$/iu;

function cjkNumber(s: string): number {
  return /^\d+$/.test(s) ? Number(s) : (CJK_NUMBER[s] ?? 0);
}

function periodMentions(family: Family, text: string, words: readonly Mention[], skip: (i: number) => boolean): PeriodMention[] {
  const out: PeriodMention[] = [];
  const claimed: Array<[number, number]> = [];
  const free = (s: number, e: number) => !skip(s) && !claimed.some(([a, b]) => s < b && e > a);
  const push = (m: PeriodMention) => { if (free(m.start, m.end)) { out.push(m); claimed.push([m.start, m.end]); } };

  for (const m of text.matchAll(YEAR_RANGE)) push({ start: m.index, end: m.index + m[0].length, year: Number(m[1]), toYear: Number(m[2]) });
  if (family === 'zh') {
    for (const m of text.matchAll(ZH_MONTHS)) push({ start: m.index, end: m.index + m[0].length, months: [Number(m[2]), Number(m[3])], ...(m[1] ? { year: Number(m[1]) } : {}) });
    for (const m of text.matchAll(ZH_MONTH)) push({ start: m.index, end: m.index + m[0].length, months: [Number(m[2]), Number(m[2])], year: Number(m[1]) });
    for (const m of text.matchAll(ZH_FIRST_MONTHS)) push({ start: m.index, end: m.index + m[0].length, months: [1, cjkNumber(m[1] as string)] });
    for (const m of text.matchAll(ZH_FIRST_QUARTERS)) push({ start: m.index, end: m.index + m[0].length, months: [1, 3 * cjkNumber(m[1] as string)] });
    for (const m of text.matchAll(ZH_QUARTER)) push({ start: m.index, end: m.index + m[0].length, quarter: cjkNumber(m[1] as string) });
  } else {
    const tokens = tokenize(family, text);
    const keys = tokens.map((t) => wordKey(family, t.raw));
    const numbers = compiledFor(family).numbers;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      const month = /^\d/.test(t.raw) ? undefined : monthOfWord(t.raw);
      // "On March 10", «10 марта»: a day, the date of an event, not the period of a figure.
      const day = (x: { raw: string } | undefined) => x !== undefined && /^\d{1,2}$/.test(x.raw);
      if (month !== undefined && (day(tokens[i - 1]) || day(tokens[i + 1]))) continue;
      if (month !== undefined) {
        // "January–September", «январь-сентябрь», «қаңтар-қыркүйек»
        const next = tokens[i + 1];
        const to = next && RANGE_JOINER.test(text.slice(t.end, next.start)) && !/^\d/.test(next.raw) ? monthOfWord(next.raw) : undefined;
        if (to !== undefined && next) push({ start: t.start, end: next.end, months: [month, to] });
        else push({ start: t.start, end: t.end, months: [month, month] });
        continue;
      }
      // "он бір ай" (eleven months): a number word may take two words.
      const pairKey = `${keys[i]} ${keys[i + 1] ?? ''}`;
      const two = numbers.has(pairKey) ? 1 : 0;
      const count = /^\d{1,2}$/.test(t.raw) ? Number(t.raw) : (numbers.get(two ? pairKey : (keys[i] as string)) ?? undefined);
      const unit = words.find((w) => w.start === tokens[i + 1 + two]?.start);
      if (count !== undefined && count >= 1 && count <= 12 && unit?.tag === 'months') push({ start: t.start, end: unit.end, months: [1, count] });
      const ordinal = ROMAN.get(t.raw.toLowerCase()) ?? ordinalQuarters(family as TokenFamily).find(([stem]) => (keys[i] as string).startsWith(stem))?.[1];
      if (ordinal !== undefined && unit?.tag === 'quarter') push({ start: t.start, end: unit.end, quarter: ordinal });
      if (ordinal === 1 && unit?.tag === 'firstHalf') push({ start: t.start, end: unit.end, months: [1, 6] });
    }
  }
  for (const w of words) {
    if (w.tag === 'thisYear') push({ start: w.start, end: w.end, relative: 0 });
    else if (w.tag === 'lastYear') push({ start: w.start, end: w.end, relative: -1 });
    else if (w.tag === 'lastMonth') push({ start: w.start, end: w.end, lastMonth: true });
    else if (w.tag === 'yearBefore') push({ start: w.start, end: w.end, yearBefore: true });
    else if (w.tag === 'firstHalf') push({ start: w.start, end: w.end, months: [1, 6] });
    else if (w.tag === 'samePeriod') push({ start: w.start, end: w.end, same: true });
  }
  for (const m of text.matchAll(YEAR)) push({ start: m.index, end: m.index + m[0].length, year: Number(m[1]) });
  return out.sort((a, b) => a.start - b.start);
}

/** "Than in 2023", «по сравнению с 2023 годом», «2023 жылмен салыстырғанда», «ўтган йилга нисбатан», 比上年: a base, not a period. */
const BASE_BEFORE = /(?:(?<!\p{L})(?:than|compared (?:with|to)|against|versus|on|чем|сравнению с|против|относительно)(?:\s+[\p{L}-]+){0,4}|比|较|同比)\s*$/iu;
const BASE_AFTER = /^[\p{L}\p{M}'’ʻ-]*(?:\s+[\p{L}\p{M}'’ʻ-]+){0,3}\s+(?:салыстырғанда|қарағанда|нисбатан|қараганда|salystyrǵanda|salystyrganda|nisbatan)/iu;
/** Kazakh and Uzbek: the ablative makes the thing compared with («биылғы межеден жоғары»). */
const ABLATIVE_AFTER = /^[\p{L}\p{M}'’ʻ-]*(?:\s+([\p{L}\p{M}'’ʻ-]+))?(?:дан|ден|тан|тен|нан|нен|dan|den|tan|ten|nan|nen|دان|دەن|تان|تەن|نان|نەن)(?!\p{L})[^.。]{0,30}?(?:жоғары|артық|көп|төмен|аз|юқори|ортиқ|кўп|паст|кам|joǵary|artyq|kóp|tómen|az|ارتىق|كوپ|تومەن|از)(?!\p{L})/iu;

/** "By 2030", «к 2030 году», «2030 жылға қарай», «2030 йилгача», 到2030年: a target, which is no period for the sentences after it. */
const TARGET_BEFORE = /(?:(?<!\p{L})(?:by|к|до)|到)\s*$/iu;
const TARGET_AFTER = /^[\p{L}\p{M}'’ʻ-]*(?:\s+(?:қарай|дейін|қадар|qaraı|deıin|qadar|قاراي|دەيىن))|^[\p{L}\p{M}'’ʻ-]*гача/iu;

function isTarget(text: string, p: PeriodMention): boolean {
  return TARGET_BEFORE.test(text.slice(Math.max(0, p.start - 6), p.start)) || TARGET_AFTER.test(text.slice(p.end, p.end + 24));
}

function isBase(text: string, p: PeriodMention): boolean {
  const before = text.slice(Math.max(0, p.start - 48), p.start);
  const after = text.slice(p.end, p.end + 40);
  const ablative = ABLATIVE_AFTER.exec(after);
  // «Қазақстан», «Түркменстан» end like an ablative and are none.
  return BASE_BEFORE.test(before) || BASE_AFTER.test(after) || (ablative !== null && !STAN.test(ablative[0].split(/\s+/)[1] ?? ''));
}

/** Joins a part of a year with the year stated right beside it ("за 9 месяцев 2025 года", "2025年1-9月"). */
function combine(text: string, periods: readonly PeriodMention[]): PeriodMention[] {
  const out: PeriodMention[] = [];
  for (let i = 0; i < periods.length; i++) {
    const p = periods[i]!;
    const q = periods[i + 1];
    const near = q !== undefined && q.start - p.end <= 12 && !/[,;.。，；]/u.test(text.slice(p.end, q.start));
    const part = (x: PeriodMention) => x.months !== undefined || x.quarter !== undefined;
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
  if (p.same) return null;
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

/** A full stop and a space before anything but a lower-case letter: caseless scripts (Arabic) end sentences too. */
const SENTENCE_END = /(?<=[.!?])\s+(?=[^\p{Ll}\s])|(?<=[。！？；])/u;
const CLAUSE_BREAK = /[;:；：]|,\s|，/u;

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
  const periods = combine(text, periodMentions(family, text, words, inFigure)).filter((p) => !isBase(text, p));
  const metrics = located.map((l) => metricOf(l, located, words, text, sentences));
  // A sentence that states no period goes on with the one stated before it in the paragraph.
  const newTopic = (l: Located) => {
    const [s0, s1] = sentences[l.sentence] ?? [0, text.length];
    return words.some((w) => w.tag === 'newTopic' && w.start >= s0 && w.end <= s1);
  };
  // Carried over only to what the paragraph goes on measuring: not to a budget, a price or a rate
  // stated in passing, and never from a target ("by 2030").
  const carried = (l: Located, i: number) =>
    newTopic(l) || metrics[i] === 'other' ? null : periods.filter((p) => p.end <= l.start && !isTarget(text, p)).pop() ?? null;
  const periodOf = located.map((l, i) => nearest(l, periods, text, sentences) ?? carried(l, i));
  const changes = new Map<number, number>();
  located.forEach((l, i) => {
    if (metrics[i] !== 'growth' || (l.figure.unit !== '%' && l.figure.unit !== 'pp')) return;
    const target = qualified(i, located, metrics);
    if (target === null) return;
    const falls = words.some((w) => w.tag === 'fall' && within(w, clauseAround(l, located, text, sentences)));
    changes.set(target, falls && l.figure.value > 0 ? -l.figure.value : l.figure.value);
    // "Up 12% on last year": the growth is of the figure's period; the other year is its base.
    periodOf[i] = periodOf[target] ?? periodOf[i] ?? null;
  });
  let paragraphMetric: FigureMetric | null = null;
  // The paragraph's states are found once, and only when an export or import needs its direction.
  let states: StateMention[] | null = null;
  const paragraphStates = () => (states ??= statesIn(ctx.language, text));
  const resolved = new Map<PeriodMention, string | null>();
  return located.map((l, i) => {
    const [s0, s1] = sentences[l.sentence] ?? [0, text.length];
    const anaphora = words.some((w) => w.tag === 'sameQuantity' && w.start >= s0 && w.end <= s1);
    // Money named by no word of its own sentence goes on with the quantity the paragraph (or, with
    // "this figure", the article) was stating: "It came to $244.8 billion".
    const continued = paragraphMetric ?? (anaphora ? memory.metric : null);
    const metric = metrics[i] ?? continued ?? 'other';
    if (NAMED.has(metric as Tag)) paragraphMetric = metric;
    const stated = periodOf[i];
    let period = stated ? resolved.get(stated) : null;
    if (stated && period === undefined) {
      period = stated.same ? memory.period : iso(stated, published, memory.period);
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
    };
  });
}

function sentenceSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let start = 0;
  for (const m of text.matchAll(new RegExp(SENTENCE_END, 'gu'))) {
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
  const breakBefore = [...before.matchAll(new RegExp(CLAUSE_BREAK, 'gu'))].pop();
  if (breakBefore) from += breakBefore.index + breakBefore[0].length;
  const after = text.slice(l.end, to);
  const breakAfter = new RegExp(CLAUSE_BREAK, 'u').exec(after);
  if (breakAfter) to = l.end + breakAfter.index;
  return [from, to];
}

function within(m: { start: number; end: number }, [a, b]: [number, number]): boolean {
  return m.start >= a && m.end <= b;
}

/** After a percentage: "of", «от», or a Kazakh/Uzbek possessive on its word (пайызы, пайызын, фоизи, paıyzy). */
const PART_OF = /^(?:\s+(?:of|от|из)\s|(?:ы|і|и|сы|сі|си|ын|ін|сын|сін|ини|сини|y|ı|i|sy|si|yn|ın|in|ni|ى|ىن|سى)(?!\p{L}))/iu;

const NAMED: ReadonlySet<Tag> = new Set(['trade-turnover', 'exports', 'imports', 'investment', 'loans', 'grants', 'project-value']);

/** Distance from a figure to a word, words before it preferred, another clause or figure between penalised. */
function distance(l: Located, m: { start: number; end: number }, text: string): number {
  const gap = m.end <= l.start ? text.slice(m.end, l.start) : text.slice(l.end, m.start);
  const breaks = (gap.match(new RegExp(CLAUSE_BREAK, 'gu')) ?? []).length;
  return gap.length * (m.end <= l.start ? 1 : 1.5) + breaks * 60;
}

/** What a figure measures by the words around it; null for money no word names (it may go on with the paragraph's). */
function metricOf(l: Located, all: readonly Located[], words: readonly Mention[], text: string, sentences: ReadonlyArray<[number, number]>): FigureMetric | null {
  const [s0, s1] = sentences[l.sentence] ?? [0, text.length];
  if (l.figure.kind === 'percent') {
    const clause = clauseAround(l, all, text, sentences);
    if (words.some((w) => (w.tag === 'growth' || w.tag === 'fall') && within(w, clause))) return 'growth';
    // "China's share ... rose to 48%", "22% of its trade", «95 пайызын», «占...%»: a part of a whole.
    const shareWord = words.some((w) => w.tag === 'share' && ((w.start >= s0 && w.end <= l.start) || within(w, clause)));
    if (shareWord || PART_OF.test(text.slice(l.end, l.end + 10))) return 'share';
    return 'other';
  }
  // Tonnes, cubic metres, people: a physical quantity, whether exported or produced.
  if (l.figure.kind === 'count') return 'volume';
  let best: { tag: Tag; d: number } | null = null;
  const clause = clauseAround(l, [], text, sentences);
  for (const w of words) {
    if ((!NAMED.has(w.tag) && w.tag !== 'otherMoney') || w.start < s0 || w.end > s1) continue;
    // "Goods worth...", "a plant costing...", "allocated...": the generic words yield to a specific
    // one in the same clause, and to a nearer one elsewhere.
    const generic = w.tag === 'project-value' || w.tag === 'otherMoney';
    const d = distance(l, w, text) * (generic ? 2 : 1) + (generic ? 0 : within(w, clause) ? -1000 : 0);
    if (!best || d < best.d) best = { tag: w.tag, d };
  }
  if (!best) return null;
  return best.tag === 'otherMoney' ? 'other' : (best.tag as FigureMetric);
}

/** The period stated nearest a figure in its sentence, same clause first. */
function nearest(l: Located, periods: readonly PeriodMention[], text: string, sentences: ReadonlyArray<[number, number]>): PeriodMention | null {
  const [s0, s1] = sentences[l.sentence] ?? [0, text.length];
  let best: { p: PeriodMention; d: number } | null = null;
  for (const p of periods) {
    if (p.start < s0 || p.end > s1) continue;
    const d = distance(l, p, text);
    if (!best || d < best.d) best = { p, d };
  }
  return best?.p ?? null;
}

/**
 * The figure a growth qualifies: for a percentage, the nearest money or count figure before it
 * in its sentence, else after; for percentage points, the share they changed ("up 2.5 pp to 48%").
 */
function qualified(i: number, located: readonly Located[], metrics: ReadonlyArray<FigureMetric | null>): number | null {
  const l = located[i] as Located;
  const points = l.figure.unit === 'pp';
  const candidates = located
    .map((o, j) => ({ o, j }))
    .filter(({ o, j }) => j !== i && o.sentence === l.sentence && (o.figure.kind === 'percent') === points && metrics[j] !== 'growth');
  if (points) return candidates.find(({ o }) => o.start >= l.end)?.j ?? candidates.filter(({ o }) => o.end <= l.start).pop()?.j ?? null;
  const before = candidates.filter(({ o }) => o.end <= l.start).pop();
  return (before ?? candidates.find(({ o }) => o.start >= l.end))?.j ?? null;
}

/** Prepositions and case endings that mark where goods come from or go to. */
const SOURCE_BEFORE = /(?:(?<!\p{L})(?:from|из|от)|从|自|由)\s*$/iu;
const DESTINATION_BEFORE = /(?:(?<!\p{L})(?:to|в|во|на)|对|向|往|到|至)\s*$/iu;
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
  if (SOURCE_BEFORE.test(before) || (endings && SOURCE_ENDING.test(word))) return 'source';
  if (DESTINATION_BEFORE.test(before) || (endings && DESTINATION_ENDING.test(word))) return 'destination';
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
  const keyword = words
    .filter((w) => w.tag === metric && w.start >= s0 && w.end <= s1)
    .sort((a, b) => distance(l, a, text) - distance(l, b, text))[0];
  if (!keyword) return null;
  // The states of the figure's own clause and of the words leading to it, not of a sibling clause.
  const [c0, c1] = clauseAround(l, [], text, sentences);
  const from0 = Math.max(s0, Math.min(c0, keyword.start));
  const states = paragraphStates.filter((s) => s.start >= from0 && s.end <= c1);
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
  for (const s of states) {
    const role = roleOf(text, s, FAMILY_OF[ctx.language]);
    if (role === 'source') source ??= s.code;
    else if (role === 'destination') destination ??= s.code;
    else subject ??= s.code;
  }
  let [from, to] = metric === 'exports' ? [source ?? subject, destination] : [source, destination ?? subject];
  if (from === to) [from, to] = [undefined, undefined];
  const other = (code: string | undefined) => (code && pair.includes(code) ? pair.find((c) => c !== code) : undefined);
  from ??= other(to);
  to ??= other(from);
  return from && to && from !== to ? { from, to } : null;
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
