/**
 * Publish's last step: folds a batch of articles into the atlas's state and re-renders the pages
 * and the OPML list they change. Only the pairs the batch touches are read (all of them, from the
 * daily archive, when the atlas has no state yet though articles are archived); a page or list is
 * written only when its bytes differ from what was last written there, so an unchanged atlas costs
 * no PUT and keeps its ETag (readers' conditional requests stay cheap). Nothing is read back from
 * `site/` and nothing is deleted: the publish role may only write there (infra/stack.ts).
 */
import { createHash } from 'node:crypto';
import { type Article, type Language, LANGUAGES } from '../../../schemas/article.ts';
import { Series } from '../../../schemas/series.ts';
import { archivedDays, readDailyArchive } from '../../lib/archive.ts';
import { keys } from '../../lib/keys.ts';
import { noneIfUnreadable, type Store } from '../../lib/store.ts';
import { cacheControlFor } from '../../lib/cache-control.ts';
import { renderOpml } from './opml.ts';
import { languagesOf, renderIndexPage, renderLanguagePage, renderPairPage } from './pages.ts';
import { EMPTY_SUMMARY, foldPairStates, foldSummary, PairState, type ShownArticle, shownPair, SiteSummary, touchedLanguages } from './site-state.ts';

const HTML = 'text/html; charset=utf-8';
const OPML = 'text/x-opml; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';

/** What the summary's `written` records of a page's bytes (publish compares with it instead of reading pages back). */
export function writtenDigest(body: string): string {
  return createHash('sha256').update(body).digest('hex');
}

/** Whether a state would be stored unchanged: a republished article that shows the same costs no PUT. */
const sameJson = (stored: unknown, next: unknown) => stored !== undefined && JSON.stringify(stored) === JSON.stringify(next);

/**
 * Writes published objects unless `written` (key → sha256 of the bytes last written) says the
 * store holds these bytes already; records what it writes there. Returns the keys written.
 */
function pageWriter(store: Store, written: Record<string, string>) {
  const keysWritten: string[] = [];
  return {
    keysWritten,
    async put(key: string, body: string, contentType: string): Promise<void> {
      const digest = writtenDigest(body);
      if (written[key] === digest) return;
      await store.put(key, body, { contentType, cacheControl: cacheControlFor(key) });
      written[key] = digest;
      keysWritten.push(key);
    },
  };
}

/** A page or list of the atlas as publish writes it. */
export interface SiteObject {
  key: string;
  body: string;
  contentType: string;
}

/**
 * Every page of the atlas and the OPML list, as the given states and summary render them: what
 * `kazfeed check` compares the stored ones with, and what its repair writes. `languages` adds
 * language pages to redraw beyond those the summary has articles in.
 */
export function renderSite(states: ReadonlyMap<string, PairState>, summary: SiteSummary, seriesOf: (pair: string) => Series | null, base: string, languages: readonly Language[] = []): SiteObject[] {
  return [
    ...[...states].sort(([a], [b]) => a.localeCompare(b)).map(([pair, state]) => ({ key: keys.sitePair(pair), body: renderPairPage(state, seriesOf(pair)), contentType: HTML })),
    { key: keys.siteIndex, body: renderIndexPage(summary), contentType: HTML },
    ...[...new Set([...languagesOf(summary), ...languages])].sort().map((language) => ({ key: keys.siteLanguage(language), body: renderLanguagePage(summary, language), contentType: HTML })),
    { key: keys.opml, body: renderOpml(feedKeysOfSummary(summary), base), contentType: OPML },
  ];
}

/**
 * The atlas's states and summary drawn afresh from every article: each pair state given in
 * `known` (stored ones, which may have lost every article) starts empty, and all articles are
 * folded in at once.
 */
export function siteFromArticles(known: ReadonlyMap<string, PairState>, articles: readonly ShownArticle[]): { states: Map<string, PairState>; summary: SiteSummary } {
  const empty = new Map([...known].map(([pair, state]) => [pair, { pair, kazakhstanInvolved: state.kazakhstanInvolved, counted: {}, newest: [] }]));
  const states = foldPairStates(empty, articles);
  return { states, summary: foldSummary(EMPTY_SUMMARY, states, articles) };
}

/** The RSS keys of every feed the summary implies: all, each language with an article, each pair. */
export function feedKeysOfSummary(summary: SiteSummary): string[] {
  const lines = Object.entries(summary.pairs);
  if (lines.length === 0) return [];
  const languages = [...new Set(lines.flatMap(([, line]) => Object.keys(line.languages)))].sort();
  return [keys.feedAll('xml'), ...languages.map((l) => keys.feedLang(l, 'xml')), ...lines.map(([pair]) => keys.feedPair(pair, 'xml'))];
}

/**
 * Every page of the atlas and the OPML list drawn again from the stored states and summary, for
 * `base` (the list names it) and as this code renders them (after an upgrade changed how), the
 * way a publish writes them: only what differs from what was written. Nothing before the atlas's
 * first publish. Returns the keys written.
 */
export async function redrawSite(store: Store, base: string): Promise<string[]> {
  const summary = (await store.getJson(keys.siteSummary, SiteSummary))?.value;
  // Never drawn, though articles are archived (a store published before the atlas): drawn from the archive.
  if (!summary) return (await archivedDays(store)).length ? updateSite(store, [], new Map(), base) : [];
  const states = new Map<string, PairState>();
  const series = new Map<string, Series | null>();
  // A pair whose state or series cannot be read keeps its page: `kazfeed check` names and redraws it.
  for await (const key of store.list(keys.sitePairStatePrefix)) {
    const state = (await store.getJson(key, PairState).catch(noneIfUnreadable))?.value;
    if (!state) continue;
    let stated: Series | null;
    try {
      stated = (await store.getJson(keys.series(state.pair), Series))?.value ?? null;
    } catch (error) {
      noneIfUnreadable(error);
      continue;
    }
    states.set(state.pair, state);
    series.set(state.pair, stated);
  }
  // A language left with no article keeps its page (it says so): those written before are drawn too.
  const written = { ...summary.written };
  const languages = LANGUAGES.filter((language) => written[keys.siteLanguage(language)] !== undefined);
  const pages = pageWriter(store, written);
  for (const object of renderSite(states, summary, (pair) => series.get(pair) ?? null, base, languages)) await pages.put(object.key, object.body, object.contentType);
  if (pages.keysWritten.length > 0) await store.put(keys.siteSummary, `${JSON.stringify({ ...summary, written: sortedByKey(written) })}\n`, { contentType: JSON_TYPE });
  return pages.keysWritten;
}

/** Articles folded into the atlas at once when it is drawn from the archive: each fold copies every pair's state. */
const ARCHIVE_FOLD = 5_000;

/**
 * The atlas's state as every archived article draws it, a few thousand at a time (folding is
 * incremental, so a large archive is never held whole); null when nothing is archived. A daily
 * file that cannot be read is left out (check names it, and --repair redraws from the articles).
 */
async function siteFromArchive(store: Store): Promise<{ states: Map<string, PairState>; summary: SiteSummary } | null> {
  const days = await archivedDays(store);
  if (days.length === 0) return null;
  let states = new Map<string, PairState>();
  let summary = EMPTY_SUMMARY;
  let chunk: Article[] = [];
  for (const [i, day] of days.entries()) {
    chunk.push(...((await readDailyArchive(store, day)) ?? []));
    if (chunk.length < ARCHIVE_FOLD && i < days.length - 1) continue;
    states = foldPairStates(states, chunk);
    summary = foldSummary(summary, states, chunk);
    chunk = [];
  }
  return { states, summary };
}

/** `written` as the summary keeps it, by key. */
function sortedByKey(written: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(written).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * Brings the atlas up to date with a batch. `formerPairs` (article id → pairs it was shown under
 * before) lets an article that changed pair leave its old pair's page. A pair or language left
 * with no article keeps a page that says so, unlinked. The keys of damaged series go to
 * `damaged`; `firstPublish` says the archive holds nothing but this batch. Returns the keys
 * written under `site/` and the OPML list.
 */
export async function updateSite(
  store: Store, articles: readonly Article[], formerPairs: ReadonlyMap<string, readonly string[]>, base: string,
  { damaged = [], firstPublish = false }: { damaged?: string[]; firstPublish?: boolean } = {},
): Promise<string[]> {
  const stored = (await store.getJson(keys.siteSummary, SiteSummary))?.value;
  // No state though articles were published before (by a version before the atlas, or its summary
  // lost): every pair is drawn from the archive, not only this batch's (folding the batch again
  // changes nothing).
  const drawn = stored || firstPublish ? null : await siteFromArchive(store);
  const summary = stored ?? drawn?.summary ?? EMPTY_SUMMARY;
  const batch = new Set(articles.map((a) => a.id));
  const pairs = new Set<string>(drawn?.states.keys());
  for (const article of articles) {
    const pair = shownPair(article);
    if (pair) pairs.add(pair);
    for (const former of formerPairs.get(article.id) ?? []) pairs.add(former);
  }
  for (const row of summary.newest) if (batch.has(row.id)) pairs.add(row.pair);
  if (pairs.size === 0 && summary.written[keys.siteIndex]) return [];

  // Drawn from the archive, every state is written: what is stored under index/site/pairs/ (if
  // anything) is not read, since a damaged one would stop this publish after all that reading.
  const states = new Map<string, PairState>();
  for (const pair of drawn ? [] : pairs) {
    const state = await store.getJson(keys.sitePairState(pair), PairState);
    if (state) states.set(pair, state.value);
  }
  const folded = foldPairStates(drawn?.states ?? states, articles);
  const next = foldSummary(summary, folded, articles);
  const written = { ...summary.written };
  const pages = pageWriter(store, written);
  for (const [pair, state] of [...folded].sort(([a], [b]) => a.localeCompare(b))) {
    if (!sameJson(states.get(pair), state)) await store.put(keys.sitePairState(pair), `${JSON.stringify(state)}\n`, { contentType: JSON_TYPE });
    const series = await store.getJson(keys.series(pair), Series).catch(noneIfUnreadable);
    // A damaged series would draw the page without its figures: the page waits for check --repair.
    if (series === undefined) damaged.push(keys.series(pair));
    else await pages.put(keys.sitePair(pair), renderPairPage(state, series?.value ?? null), HTML);
  }
  await pages.put(keys.siteIndex, renderIndexPage(next), HTML);
  // A language's page links every other: when the set of languages changes, every page is redrawn.
  const present = languagesOf(next);
  const before = languagesOf(stored ?? EMPTY_SUMMARY);
  const redraw = present.join() === before.join() ? touchedLanguages(summary, articles) : [...new Set([...present, ...before])];
  for (const language of redraw) await pages.put(keys.siteLanguage(language), renderLanguagePage(next, language), HTML);
  await pages.put(keys.opml, renderOpml(feedKeysOfSummary(next), base), OPML);
  // Last: a publish cut short before this rewrites the pages again, never skips one.
  const recorded = { ...next, written: sortedByKey(written) };
  if (!sameJson(summary, recorded)) await store.put(keys.siteSummary, `${JSON.stringify(recorded)}\n`, { contentType: JSON_TYPE });
  return pages.keysWritten;
}
