/**
 * The atlas and the OPML list against the articles: the pair states and summary under
 * `index/site/` drawn afresh from every stored article, and each page under `site/` and the OPML
 * list as those render them. The pages are pure functions of the states, so any difference is a
 * publish cut short or an object changed by hand.
 */
import { LANGUAGES } from '../../schemas/article.ts';
import type { Series } from '../../schemas/series.ts';
import { pMapIterable } from 'p-map';
import { READ_AHEAD } from '../lib/dated-keys.ts';
import { keys } from '../lib/keys.ts';
import type { Store } from '../lib/store.ts';
import { PairState, type ShownArticle, SiteSummary } from '../publish/site/site-state.ts';
import { renderSite, type SiteObject, siteFromArticles, writtenDigest } from '../publish/site/update-site.ts';
import { plural } from '../lib/plural.ts';

export interface SiteRepair {
  states: Map<string, PairState>;
  summary: SiteSummary;
  objects: SiteObject[];
}

const withoutWritten = ({ written: _, ...summary }: SiteSummary) => summary;

/**
 * What differs between the stored atlas and the one the articles draw (as findings), and what a
 * repair writes, or null when all agrees. `parsed` holds the stored pair states and summary
 * (unreadable ones are absent), `seriesOf` the series the pair pages show; `counted` is called
 * after each page read, with the page (null when it is missing).
 */
export async function auditSite(
  store: Store,
  all: readonly string[],
  articles: readonly ShownArticle[],
  parsed: ReadonlyMap<string, unknown>,
  seriesOf: (pair: string) => Series | null,
  base: string,
  find: (key: string, problem: string) => void,
  counted: (found: unknown) => Promise<void>,
): Promise<SiteRepair | null> {
  const present = new Set(all);
  const stateKeys = all.filter((k) => k.startsWith(keys.sitePairStatePrefix) && k.endsWith('.json'));
  const known = new Map<string, PairState>();
  for (const key of stateKeys) {
    const state = parsed.get(key) as PairState | undefined;
    if (state) known.set(state.pair, state);
  }
  const drawn = siteFromArticles(known, articles);
  // A store with no article and no atlas (new, or every item rejected so far) has nothing to show: nothing is missing.
  if (drawn.states.size === 0 && !present.has(keys.siteSummary) && !all.some((k) => k.startsWith('site/'))) return null;
  let stale = false;
  for (const [pair, state] of drawn.states) {
    const key = keys.sitePairState(pair);
    const stored = known.get(pair);
    if (stored && JSON.stringify(stored) === JSON.stringify(state)) continue;
    // An unreadable state is already reported with the other unreadable objects.
    if (!present.has(key)) find(key, `missing: ${plural(Object.keys(state.counted).length, 'stored article')} ${Object.keys(state.counted).length === 1 ? 'is' : 'are'} shown under ${pair}`);
    else if (stored) find(key, `counts ${Object.keys(stored.counted).length} articles under ${pair}; the stored articles make ${Object.keys(state.counted).length}`);
    stale = true;
  }
  const summary = parsed.get(keys.siteSummary) as SiteSummary | undefined;
  if (!summary || JSON.stringify(withoutWritten(summary)) !== JSON.stringify(withoutWritten(drawn.summary))) {
    if (summary || !present.has(keys.siteSummary)) find(keys.siteSummary, summary ? 'differs from what the stored articles make' : 'missing');
    stale = true;
  }
  const storedLanguages = LANGUAGES.filter((language) => present.has(keys.siteLanguage(language)));
  const objects = renderSite(drawn.states, drawn.summary, seriesOf, base, storedLanguages);
  const reads = pMapIterable(objects, async (object) => ({ object, stored: await store.get(object.key) }), { concurrency: READ_AHEAD });
  for await (const { object, stored } of reads) {
    await counted(stored);
    const body = stored && new TextDecoder().decode(stored.body);
    if (body === object.body) continue;
    // Publish compares a page with the digest the summary records, not with the stored bytes: a page
    // changed since it was written is redrawn only by --repair, so it is told apart.
    const edited = body !== null && summary?.written[object.key] === writtenDigest(object.body);
    find(object.key, body === null ? 'missing' : `differs from what ${object.key === keys.opml ? 'the feeds' : 'the stored articles'} render${edited ? ', though it was written so: changed since (kazfeed check --repair rewrites it)' : ''}`);
    stale = true;
  }
  const written = Object.fromEntries(objects.map((o) => [o.key, writtenDigest(o.body)]).sort(([a], [b]) => (a as string).localeCompare(b as string)));
  return stale ? { states: drawn.states, summary: { ...drawn.summary, written }, objects } : null;
}
