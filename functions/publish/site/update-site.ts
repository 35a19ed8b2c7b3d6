/**
 * Publish's last step: folds a batch of articles into the atlas's state and re-renders the pages
 * and the OPML list they change. Only the pairs the batch touches are read; a page or list is
 * written only when its bytes differ from what is stored, so an unchanged atlas costs no PUT and
 * keeps its ETag (readers' conditional requests stay cheap).
 */
import type { Article } from '../../../schemas/article.ts';
import { Series } from '../../../schemas/series.ts';
import { keys } from '../../lib/keys.ts';
import type { Store } from '../../lib/store.ts';
import { cacheControlFor } from '../cache-control.ts';
import { renderOpml } from './opml.ts';
import { languagesOf, renderIndexPage, renderLanguagePage, renderPairPage } from './pages.ts';
import { EMPTY_SUMMARY, foldPairStates, foldSummary, PairState, shownPair, SiteSummary, touchedLanguages } from './site-state.ts';

const HTML = 'text/html; charset=utf-8';
const OPML = 'text/x-opml; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';

/** Whether a state would be stored unchanged: a republished article that shows the same costs no PUT. */
const sameJson = (stored: unknown, next: unknown) => stored !== undefined && JSON.stringify(stored) === JSON.stringify(next);

/** Writes a published object unless the store already holds these exact bytes. Returns whether it wrote. */
async function putIfChanged(store: Store, key: string, body: string, contentType: string): Promise<boolean> {
  const stored = await store.get(key);
  if (stored && Buffer.from(stored.body).equals(Buffer.from(body))) return false;
  await store.put(key, body, { contentType, cacheControl: cacheControlFor(key) });
  return true;
}

/** The RSS keys of every feed the summary implies: all, each language with an article, each pair. */
export function feedKeysOfSummary(summary: SiteSummary): string[] {
  const lines = Object.entries(summary.pairs);
  if (lines.length === 0) return [];
  const languages = [...new Set(lines.flatMap(([, line]) => Object.keys(line.languages)))].sort();
  return [keys.feedAll('xml'), ...languages.map((l) => keys.feedLang(l, 'xml')), ...lines.map(([pair]) => keys.feedPair(pair, 'xml'))];
}

/**
 * Brings the atlas up to date with a batch. `formerPairs` (article id → pairs it was shown under
 * before) lets an article that changed pair leave its old pair's page. Returns the keys written.
 */
export async function updateSite(store: Store, articles: readonly Article[], formerPairs: ReadonlyMap<string, readonly string[]>, base: string): Promise<string[]> {
  const summary = (await store.getJson(keys.siteSummary, SiteSummary))?.value ?? EMPTY_SUMMARY;
  const batch = new Set(articles.map((a) => a.id));
  const pairs = new Set<string>();
  for (const article of articles) {
    const pair = shownPair(article);
    if (pair) pairs.add(pair);
    for (const former of formerPairs.get(article.id) ?? []) pairs.add(former);
  }
  for (const row of summary.newest) if (batch.has(row.id)) pairs.add(row.pair);
  if (pairs.size === 0 && (await store.exists(keys.siteIndex))) return [];

  const states = new Map<string, PairState>();
  for (const pair of pairs) {
    const stored = await store.getJson(keys.sitePairState(pair), PairState);
    if (stored) states.set(pair, stored.value);
  }
  const written: string[] = [];
  const folded = foldPairStates(states, articles);
  for (const [pair, state] of [...folded].sort(([a], [b]) => a.localeCompare(b))) {
    if (state.newest.length === 0) {
      // The pair has no article left (they were all reclassified): its page goes with it.
      await store.delete(keys.sitePairState(pair));
      await store.delete(keys.sitePair(pair));
      continue;
    }
    if (!sameJson(states.get(pair), state)) await store.put(keys.sitePairState(pair), `${JSON.stringify(state)}\n`, { contentType: JSON_TYPE });
    const series = (await store.getJson(keys.series(pair), Series))?.value ?? null;
    if (await putIfChanged(store, keys.sitePair(pair), renderPairPage(state, series), HTML)) written.push(keys.sitePair(pair));
  }
  const next = foldSummary(summary, folded, articles);
  if (!sameJson(summary, next)) await store.put(keys.siteSummary, `${JSON.stringify(next)}\n`, { contentType: JSON_TYPE });
  if (await putIfChanged(store, keys.siteIndex, renderIndexPage(next), HTML)) written.push(keys.siteIndex);
  // A language's page links every other: when the set of languages changes, every page is redrawn.
  const present = languagesOf(next);
  const before = languagesOf(summary);
  const redraw = present.join() === before.join() ? touchedLanguages(summary, articles) : [...new Set([...present, ...before])];
  for (const language of redraw) {
    if (!present.includes(language)) await store.delete(keys.siteLanguage(language));
    else if (await putIfChanged(store, keys.siteLanguage(language), renderLanguagePage(next, language), HTML)) written.push(keys.siteLanguage(language));
  }
  if (await putIfChanged(store, keys.opml, renderOpml(feedKeysOfSummary(next), base), OPML)) written.push(keys.opml);
  return written;
}
