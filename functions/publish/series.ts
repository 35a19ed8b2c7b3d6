/**
 * `archive/series/<a-b>.json`: per pair, the figures its articles state, grouped by what they
 * measure, for when and in which direction; every reported value kept with its source, conflicting
 * ones side by side. Publish folds each batch in: an article's earlier values are replaced by its
 * current ones, so a reprocessed article is never counted twice.
 */
import type { Article, Relations } from '../../schemas/article.ts';
import { Series, type SeriesEntry, type SeriesValue } from '../../schemas/series.ts';
import { keys } from '../lib/keys.ts';
import { noneIfUnreadable, type Store } from '../lib/store.ts';
import { cacheControlFor } from '../lib/cache-control.ts';

interface Keyed {
  readonly entry: Omit<SeriesEntry, 'values'>;
  readonly value: SeriesValue;
}

/**
 * A period as the series keys it: a quarter as its months (`2025-Q3` is `2025-07/2025-09`), so a
 * text that says "the third quarter" and one that says "July to September" report one period.
 * The article keeps the period as its text states it.
 */
export function seriesPeriod(period: string): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (!quarter) return period;
  const [year, q] = [quarter[1] as string, Number(quarter[2])];
  const month = (m: number) => `${year}-${String(m).padStart(2, '0')}`;
  return `${month(3 * q - 2)}/${month(3 * q)}`;
}

/** What a series reads of an article: `kazfeed check` keeps just this of the articles with figures, not their bodies. */
export type FiguredArticle = Pick<Article, 'id' | 'url' | 'publishedAt' | 'figures'> & { relations: Pick<Relations, 'kind' | 'pair'> };

const entryKey = (e: Omit<SeriesEntry, 'values'>) => `${e.metric}|${e.period}|${e.direction ? `${e.direction.from}>${e.direction.to}` : ''}`;

/** The values an article adds to its pair's series: reported figures that say what they measure and for when (not a target, plan or forecast). */
export function seriesValuesOf(article: FiguredArticle): Keyed[] {
  if (article.relations.kind !== 'bilateral' || !article.relations.pair) return [];
  return article.figures.flatMap((f) => {
    if (!f.metric || f.metric === 'other' || !f.period || f.planned) return [];
    return [{
      entry: { metric: f.metric, period: seriesPeriod(f.period), direction: f.direction ?? null },
      value: {
        value: f.value, unit: f.unit, kind: f.kind, change: f.change ?? null,
        articleId: article.id, url: article.url, paragraph: f.paragraph, raw: f.raw, publishedAt: article.publishedAt,
      },
    }];
  });
}

/**
 * A pair's series after a batch: the values of `replaced` articles removed, those of `articles`
 * (the ones now about this pair) added; entries and values in a stable order.
 */
export function mergeSeries(existing: Series | null, pair: string, articles: readonly FiguredArticle[], replaced: ReadonlySet<string>, updatedAt: string): Series {
  const entries = new Map<string, SeriesEntry>();
  const add = (entry: Omit<SeriesEntry, 'values'>, values: SeriesValue[]) => {
    if (values.length === 0) return;
    const key = entryKey(entry);
    const known = entries.get(key);
    if (known) known.values.push(...values);
    else entries.set(key, { ...entry, values: [...values] });
  };
  // A series written before quarters were keyed by their months meets the new values in one entry.
  for (const e of existing?.entries ?? []) add({ metric: e.metric, period: seriesPeriod(e.period), direction: e.direction }, e.values.filter((v) => !replaced.has(v.articleId)));
  for (const article of articles) {
    if (article.relations.pair !== pair) continue;
    for (const { entry, value } of seriesValuesOf(article)) add(entry, [value]);
  }
  const sorted = [...entries.values()]
    .map((e) => ({ ...e, values: e.values.sort((a, b) => a.publishedAt.localeCompare(b.publishedAt) || a.articleId.localeCompare(b.articleId) || a.paragraph - b.paragraph) }))
    .sort((a, b) => a.metric.localeCompare(b.metric) || a.period.localeCompare(b.period) || entryKey(a).localeCompare(entryKey(b)));
  return { pair, updatedAt, entries: sorted };
}

/** Stores a pair's series; returns its key. */
export async function writeSeries(store: Store, series: Series): Promise<string> {
  const key = keys.series(series.pair);
  // One line: Athena's JSON reader takes one object per line.
  await store.put(key, `${JSON.stringify(series)}\n`, { contentType: 'application/json; charset=utf-8', cacheControl: cacheControlFor(key) });
  return key;
}

/**
 * Folds a batch of articles into the series of the pairs they state figures about now, and of
 * the pairs they were shown under before (`formerPairs`, by article id), whose earlier values they
 * may have to take back. Other series are not read: most articles state no such figure. Returns
 * the keys written; the keys of damaged series, left as they are, go to `damaged`.
 */
export async function updateSeries(store: Store, articles: readonly Article[], formerPairs: ReadonlyMap<string, readonly string[]>, updatedAt: string, damaged: string[] = []): Promise<string[]> {
  const replaced = new Set(articles.map((a) => a.id));
  const pairs = new Set<string>();
  for (const a of articles) if (a.relations.pair && seriesValuesOf(a).length > 0) pairs.add(a.relations.pair);
  for (const a of articles) for (const p of formerPairs.get(a.id) ?? []) pairs.add(p);
  const written: string[] = [];
  for (const pair of [...pairs].sort()) {
    const key = keys.series(pair);
    const stored = await store.getJson(key, Series).catch(noneIfUnreadable);
    // A damaged series is left for check --repair, which rebuilds it from every article; the others go on.
    if (stored === undefined) {
      damaged.push(key);
      continue;
    }
    const existing = stored?.value ?? null;
    const next = mergeSeries(existing, pair, articles, replaced, updatedAt);
    const same = existing !== null && JSON.stringify(existing.entries) === JSON.stringify(next.entries);
    if (same || (existing === null && next.entries.length === 0)) continue;
    written.push(await writeSeries(store, next));
  }
  return written;
}

/**
 * Every stored series rewritten where this version keys it otherwise (a quarter as its months),
 * for the re-rendering after an upgrade: a pair's series is otherwise rekeyed only when its next
 * figure comes, and its page would show the old keys until then. A damaged one is left for check
 * --repair.
 */
export async function rekeySeries(store: Store, updatedAt: string): Promise<void> {
  for await (const key of store.list(keys.seriesPrefix)) {
    if (!key.endsWith('.json')) continue;
    const existing = (await store.getJson(key, Series).catch(noneIfUnreadable))?.value;
    if (!existing) continue;
    const next = mergeSeries(existing, existing.pair, [], new Set(), updatedAt);
    if (JSON.stringify(existing.entries) !== JSON.stringify(next.entries)) await writeSeries(store, next);
  }
}
