/**
 * What the atlas pages are rendered from, kept under `index/site/` and folded batch by batch like
 * the feeds' indexes, so a publish never lists the archive: each pair's articles (one small row
 * each) and a summary of every pair (articles per month) with the newest articles overall.
 */
import * as z from '../../../schemas/zod.ts';
import { type Article, type Language, LANGUAGES, type Relations, Topic, UtcDateTime } from '../../../schemas/article.ts';
import { newestFirst } from '../select.ts';

/** What the atlas reads of an article: `kazfeed check` keeps just this of every stored article, not its body. */
export type ShownArticle = Pick<Article, 'id' | 'title' | 'language' | 'url' | 'publishedAt'> & { relations: Pick<Relations, 'kind' | 'pair' | 'kazakhstanInvolved' | 'topics'> };

/** How many of the newest bilateral articles the front page, and each language's page, lists. */
export const NEWEST_SHOWN = 30;

/** One article as the atlas shows it. */
export const ArticleRow = z.object({
  id: z.string().check(z.minLength(1)),
  title: z.string(),
  language: z.enum(LANGUAGES),
  url: z.url(),
  publishedAt: UtcDateTime,
  topics: z.array(Topic),
});
export type ArticleRow = z.infer<typeof ArticleRow>;

const Pair = z.string().check(z.regex(/^[A-Z]{2}-[A-Z]{2}$/));

/** How many of a pair's newest articles its state keeps in full, and its page lists. */
export const PAIR_ARTICLES_SHOWN = 200;

const Month = z.string().check(z.regex(/^\d{4}-\d{2}$/));

/** What a pair's counts need of one article: its month, language and topics. */
const Counted = z.tuple([Month, z.enum(LANGUAGES), z.array(Topic)]);

/**
 * `index/site/pairs/<a-b>.json`. Every article shown under the pair is counted by its id, so a
 * republished one replaces its line instead of counting twice; only the newest are kept in full:
 * a line is a tenth of a full row, and publish reads and writes this file whole.
 */
export const PairState = z.object({
  pair: Pair,
  kazakhstanInvolved: z.boolean(),
  /** Article id → [month, language, topics], ids sorted. */
  counted: z.record(z.string(), Counted),
  /** The newest articles in full, newest first, at most PAIR_ARTICLES_SHOWN. */
  newest: z.array(ArticleRow),
});
export type PairState = z.infer<typeof PairState>;

/** A pair as the front page shows it. */
export const PairSummary = z.object({
  kazakhstanInvolved: z.boolean(),
  /** `YYYY-MM` → articles published that month (UTC); months without articles are absent. */
  months: z.record(Month, z.number().check(z.int(), z.gt(0))),
  /** `publishedAt` of its newest article: the front page sorts pairs by it. */
  latest: UtcDateTime,
  /** Language → articles in it, for the front page's list of language feeds. */
  languages: z.partialRecord(z.enum(LANGUAGES), z.number().check(z.int(), z.gt(0))),
});
export type PairSummary = z.infer<typeof PairSummary>;

const PairRow = z.extend(ArticleRow, { pair: Pair });
export type PairRow = z.infer<typeof PairRow>;

/** `index/site/summary.json`. */
export const SiteSummary = z.object({
  pairs: z.record(Pair, PairSummary),
  newest: z.array(PairRow),
  /** The newest per language, for the language pages (the filter that works without script). */
  newestByLanguage: z.partialRecord(z.enum(LANGUAGES), z.array(PairRow)),
  /**
   * Published key → sha256 (hex) of the bytes last written there: publish compares with it
   * instead of reading the pages back, which its role may not.
   */
  written: z.record(z.string(), z.string().check(z.regex(/^[0-9a-f]{64}$/))),
});
export type SiteSummary = z.infer<typeof SiteSummary>;

export const EMPTY_SUMMARY: SiteSummary = { pairs: {}, newest: [], newestByLanguage: {}, written: {} };

export function rowOf(article: ShownArticle): ArticleRow {
  return { id: article.id, title: article.title, language: article.language, url: article.url, publishedAt: article.publishedAt, topics: article.relations.topics };
}

/** The pair an article is shown under, or null when it is not about two states' relations. */
export function shownPair(article: ShownArticle): string | null {
  return article.relations.kind === 'bilateral' && article.relations.pair ? article.relations.pair : null;
}

/**
 * The pairs' states after a batch: every batch article taken out of the states given (its former
 * pairs), then put under its pair if it is bilateral. A pair state missing from `states` starts
 * empty. Pure; states of pairs left with no article stay in the result, empty. An article taken
 * out of the newest leaves one fewer listed until a newer one comes: older ones are not kept in full.
 */
export function foldPairStates(states: ReadonlyMap<string, PairState>, articles: readonly ShownArticle[]): Map<string, PairState> {
  const batch = new Set(articles.map((a) => a.id));
  const counted = new Map([...states].map(([pair, s]) => [pair, new Map(Object.entries(s.counted).filter(([id]) => !batch.has(id)))]));
  const newest = new Map([...states].map(([pair, s]) => [pair, s.newest.filter((r) => !batch.has(r.id))]));
  const involved = new Map([...states].map(([pair, s]) => [pair, s.kazakhstanInvolved]));
  for (const article of articles) {
    const pair = shownPair(article);
    if (!pair) continue;
    if (!involved.has(pair)) involved.set(pair, article.relations.kazakhstanInvolved);
    (counted.get(pair) ?? counted.set(pair, new Map()).get(pair))?.set(article.id, [article.publishedAt.slice(0, 7), article.language, article.relations.topics]);
    (newest.get(pair) ?? newest.set(pair, []).get(pair))?.push(rowOf(article));
  }
  return new Map([...involved].map(([pair, kazakhstanInvolved]) => [pair, {
    pair,
    kazakhstanInvolved,
    counted: Object.fromEntries([...(counted.get(pair) ?? [])].sort(([a], [b]) => a.localeCompare(b))),
    newest: (newest.get(pair) ?? []).sort(newestFirst).slice(0, PAIR_ARTICLES_SHOWN),
  }]));
}

/** A pair's line in the summary, or null when it has no article left. */
export function summarisePair(state: PairState): PairSummary | null {
  const newest = state.newest[0];
  if (!newest) return null;
  const months: Record<string, number> = {};
  const languages: Partial<Record<Language, number>> = {};
  for (const [month, language] of Object.values(state.counted)) {
    months[month] = (months[month] ?? 0) + 1;
    languages[language] = (languages[language] ?? 0) + 1;
  }
  return { kazakhstanInvolved: state.kazakhstanInvolved, months, latest: newest.publishedAt, languages };
}

/** The languages whose page a batch changes: those of its articles, and those its articles were listed under before. */
export function touchedLanguages(summary: SiteSummary, articles: readonly Article[]): Language[] {
  const batch = new Set(articles.map((a) => a.id));
  const languages = new Set<Language>(articles.flatMap((a) => (shownPair(a) ? [a.language] : [])));
  for (const [language, rows] of Object.entries(summary.newestByLanguage) as [Language, PairRow[]][]) if (rows.some((r) => batch.has(r.id))) languages.add(language);
  return [...languages].sort();
}

/** The summary after a batch: the folded pairs' lines replaced, the batch's articles re-placed among the newest. */
export function foldSummary(summary: SiteSummary, folded: ReadonlyMap<string, PairState>, articles: readonly ShownArticle[]): SiteSummary {
  const pairs = { ...summary.pairs };
  for (const [pair, state] of folded) {
    const line = summarisePair(state);
    if (line) pairs[pair] = line;
    else delete pairs[pair];
  }
  const batch = new Set(articles.map((a) => a.id));
  const added = articles.flatMap((a) => {
    const pair = shownPair(a);
    return pair ? [{ ...rowOf(a), pair }] : [];
  });
  const refold = (rows: readonly PairRow[], incoming: readonly PairRow[]) => [...rows.filter((r) => !batch.has(r.id)), ...incoming].sort(newestFirst).slice(0, NEWEST_SHOWN);
  const newestByLanguage: SiteSummary['newestByLanguage'] = {};
  for (const language of LANGUAGES) {
    const rows = refold(summary.newestByLanguage[language] ?? [], added.filter((r) => r.language === language));
    if (rows.length > 0) newestByLanguage[language] = rows;
  }
  const sorted = Object.fromEntries(Object.entries(pairs).sort(([a], [b]) => a.localeCompare(b)));
  return { pairs: sorted, newest: refold(summary.newest, added), newestByLanguage, written: summary.written };
}
