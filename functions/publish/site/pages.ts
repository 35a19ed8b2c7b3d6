/**
 * The atlas's pages as HTML strings, from the site state and the pairs' series. Pure: nothing in a
 * page depends on when it was rendered, so a publish that changes nothing it shows writes nothing.
 * Every piece of text goes through `text()`; every link to an article through `feedLink()`.
 */
import type { Language } from '../../../schemas/article.ts';
import type { Series, SeriesEntry, SeriesValue } from '../../../schemas/series.ts';
import { keys } from '../../lib/keys.ts';
import { escapeHtml, feedLink, feedText } from '../content-html.ts';
import { countryName, feedSpec, LANGUAGE_NAMES } from '../select.ts';
import { type Bar, barChart } from './bar-chart.ts';
import { monthsBetween, monthsEnding } from './months.ts';
import { renderPage } from './page.ts';
import { type ArticleRow, type PairRow, type PairState, type SiteSummary } from './site-state.ts';
import { once } from '../../lib/once.ts';

/** Months charted per pair on the front page. */
export const FRONT_MONTHS = 24;
/** At most this many months (ten years) charted on a pair's page. */
const PAIR_MONTHS = 120;

const text = (s: string) => escapeHtml(feedText(s));
const pairNames = (pair: string) => pair.split('-').map(countryName).join('–');
const languageName = (language: string) => LANGUAGE_NAMES[language] ?? language;
/** A count with thousands separators, as `toLocaleString('en-US')` writes it, without loading ICU's number formats. */
const count = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/g, ',');
// Only pages with figures need it; built on the first (ICU's number formats cost 15-20 ms to load).
const compact = once(() => new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 }));
const compactNumber = (v: number) => compact().format(v);

/** A link to a published key, relative to a page `depth` folders below `site/` (0: `site/index.html`). */
function href(key: string, depth: number): string {
  return `${'../'.repeat(depth + 1)}${key}`;
}

function articleLink(row: Pick<ArticleRow, 'title' | 'url' | 'language'>): string {
  const url = feedLink(row.url);
  const title = `<span lang="${escapeHtml(row.language)}" dir="auto">${text(row.title)}</span>`;
  return url ? `<a href="${escapeHtml(url)}">${title}</a>` : title;
}

function monthTable(caption: string, bars: readonly Bar[], head: string): string {
  const rows = bars.map((b) => `<tr><th scope="row">${text(b.label)}</th><td class="n">${count(b.value)}</td></tr>`).join('');
  return `<details><summary>As a table</summary><table><caption>${text(caption)}</caption><thead><tr><th scope="col">month</th><th scope="col">${text(head)}</th></tr></thead><tbody>${rows}</tbody></table></details>`;
}

/** A feed's autodiscovery links for a page `depth` folders below `site/`. */
function discovery(xmlKey: string, depth: number): { title: string; rss: string; json: string } {
  return { title: feedSpec(xmlKey, []).title, rss: href(xmlKey, depth), json: href(xmlKey.replace(/\.xml$/, '.json'), depth) };
}

function feedLinks(xmlKey: string, depth: number): string {
  const json = xmlKey.replace(/\.xml$/, '.json');
  return `<a href="${escapeHtml(href(xmlKey, depth))}">RSS</a> · <a href="${escapeHtml(href(json, depth))}">JSON Feed</a>`;
}

function pairTag(kazakhstanInvolved: boolean): string {
  return kazakhstanInvolved ? '' : ' <span class="tag">without Kazakhstan</span>';
}

/** An item of a list of newest articles, on a page `depth` folders below `site/`. */
function newestItem(row: PairRow, depth: number): string {
  const up = '../'.repeat(depth);
  return `<li>${articleLink(row)} <span class="muted">· <a href="${up}pair/${escapeHtml(row.pair.toLowerCase())}.html">${text(row.pair)}</a> · <time datetime="${escapeHtml(row.publishedAt)}">${text(row.publishedAt.slice(0, 10))}</time> · <a href="${up}lang/${escapeHtml(row.language.toLowerCase())}.html">${text(languageName(row.language))}</a></span></li>`;
}

/** The languages the atlas has pages for, as links: the filter by language, which needs no script. */
function languageNav(languages: readonly string[], depth: number): string {
  const up = '../'.repeat(depth);
  return `<nav aria-label="Languages"><p>By language: ${languages.map((l) => `<a href="${up}lang/${escapeHtml(l.toLowerCase())}.html" lang="${escapeHtml(l)}">${text(languageName(l))}</a>`).join(' · ')}</p></nav>`;
}

/** The languages of the summary's articles, sorted. */
export function languagesOf(summary: SiteSummary): Language[] {
  return [...new Set(Object.values(summary.pairs).flatMap((line) => Object.keys(line.languages) as Language[]))].sort();
}

/** `site/index.html`: every pair with its articles per month, the newest articles and every feed. */
export function renderIndexPage(summary: SiteSummary): string {
  const pairs = Object.entries(summary.pairs).sort(([a, x], [b, y]) => y.latest.localeCompare(x.latest) || a.localeCompare(b));
  // The window ends at the newest article's month, not at today's: the page then depends only on the data.
  const lastMonth = pairs[0]?.[1].latest.slice(0, 7);
  const window = lastMonth ? monthsEnding(lastMonth, FRONT_MONTHS) : [];
  const cards = pairs.map(([pair, line]) => {
    const bars = window.map((m) => ({ label: m, value: line.months[m] ?? 0 }));
    const total = Object.values(line.months).reduce((a, b) => a + b, 0);
    const names = pairNames(pair);
    const caption = `${names}: articles per month, ${window[0]} to ${window.at(-1)}`;
    return [
      `<li id="${escapeHtml(pair.toLowerCase())}"><h3><a href="pair/${escapeHtml(pair.toLowerCase())}.html">${text(names)}</a> <span class="muted">${text(pair)}</span>${pairTag(line.kazakhstanInvolved)}</h3>`,
      `<p class="muted">${count(total)} article${total === 1 ? '' : 's'}, latest ${text(line.latest.slice(0, 10))} · ${feedLinks(keys.feedPair(pair, 'xml'), 0)}</p>`,
      barChart(bars, { title: caption }),
      monthTable(caption, bars, 'articles'),
      '</li>',
    ].join('');
  });
  const languages = languagesOf(summary);
  const newest = summary.newest.map((row) => newestItem(row, 0));
  const body = [
    '<header><h1>Kazinform: relations between states, pair by pair</h1>',
    '<p>Articles of Kazakhstan\'s national news agency about the relations between two states, in every language it publishes in, counted per pair and month. Each pair has a page with its articles, topics and the figures they state.</p>',
    languages.length > 0 ? languageNav(languages, 0) : '',
    '</header>',
    '<main>',
    `<h2 id="subscribe">Subscribe</h2><p>Every pair: ${feedLinks(keys.feedAll('xml'), 0)} · every feed at once, for a feed reader's import: <a href="${escapeHtml(href(keys.opml, 0))}">OPML</a>. Each pair's feed is on its card below, each language's on its page.</p>`,
    `<h2 id="pairs">Pairs</h2>`,
    pairs.length > 0 ? `<ul class="pairs">${cards.join('')}</ul>` : '<p>No article about two states\' relations has been published yet.</p>',
    `<h2 id="newest">Newest articles</h2>`,
    newest.length > 0 ? `<ol class="articles">${newest.join('')}</ol>` : '<p>None yet.</p>',
    '</main>',
  ].join('\n');
  return renderPage({ title: 'Kazinform relations atlas', body, feed: discovery(keys.feedAll('xml'), 0) });
}

/** `site/lang/<lang>.html`: the pairs written about in one language, and its newest articles. */
export function renderLanguagePage(summary: SiteSummary, language: Language): string {
  const name = languageName(language);
  const pairs = Object.entries(summary.pairs)
    .flatMap(([pair, line]) => { const n = line.languages[language]; return n ? [[pair, n] as const] : []; })
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  const rows = pairs.map(([pair, n]) => `<tr><th scope="row"><a href="../pair/${escapeHtml(pair.toLowerCase())}.html">${text(pairNames(pair))}</a></th><td class="n">${count(n)}</td></tr>`);
  const newest = (summary.newestByLanguage[language] ?? []).map((row) => newestItem(row, 1));
  const body = [
    `<header><p><a href="../index.html">All pairs</a></p><h1>Relations between states, in ${text(name)}</h1>`,
    languageNav(languagesOf(summary), 1),
    `<p>Subscribe: ${feedLinks(keys.feedLang(language, 'xml'), 1)}</p></header>`,
    '<main>',
    '<h2 id="pairs">Pairs</h2>',
    `<table><caption>Articles in ${text(name)} per pair</caption><thead><tr><th scope="col">pair</th><th scope="col">articles</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
    '<h2 id="newest">Newest articles</h2>',
    newest.length > 0 ? `<ol class="articles">${newest.join('')}</ol>` : '<p>None.</p>',
    '</main>',
  ].join('\n');
  return renderPage({ title: `In ${name}: Kazinform relations atlas`, body, feed: discovery(keys.feedLang(language, 'xml'), 1) });
}

const METRIC_NAMES: Record<SeriesEntry['metric'], string> = {
  'trade-turnover': 'Trade turnover', exports: 'Exports', imports: 'Imports', investment: 'Investment', loans: 'Loans', grants: 'Grants',
  'project-value': 'Project value', volume: 'Volume', growth: 'Growth', share: 'Share', other: 'Other',
};

/** Figures charted together: one metric, direction and unit, over its periods. */
interface FigureGroup {
  heading: string;
  unit: string;
  entries: { period: string; values: SeriesValue[] }[];
}

function figureGroups(series: Series | null): FigureGroup[] {
  const groups = new Map<string, FigureGroup>();
  for (const entry of series?.entries ?? []) {
    for (const value of entry.values) {
      const direction = entry.direction ? ` ${entry.direction.from} → ${entry.direction.to}` : '';
      const key = `${entry.metric}|${direction}|${value.unit}`;
      const group = groups.get(key) ?? groups.set(key, { heading: `${METRIC_NAMES[entry.metric]}${direction} (${value.unit})`, unit: value.unit, entries: [] }).get(key) as FigureGroup;
      const last = group.entries.at(-1);
      if (last?.period === entry.period) last.values.push(value);
      else group.entries.push({ period: entry.period, values: [value] });
    }
  }
  return [...groups.values()];
}

function renderFigures(series: Series | null): string {
  const groups = figureGroups(series);
  if (groups.length === 0) return '<p>The articles state no figure with what it measures and for when.</p>';
  return groups.map((group) => {
    const format = (v: number) => `${compactNumber(v)} ${group.unit}`;
    // The bar is the latest report for the period; the table keeps every report, conflicting ones side by side.
    const bars = group.entries.map((e) => ({ label: e.period, value: e.values.at(-1)?.value ?? 0 }));
    const rows = group.entries.flatMap((e) => e.values.map((v) => {
      const url = feedLink(v.url);
      const source = `${text(v.articleId)}, paragraph ${v.paragraph}`;
      return `<tr><th scope="row">${text(e.period)}</th><td class="n">${text(format(v.value))}</td><td dir="auto">${text(v.raw)}</td><td>${url ? `<a href="${escapeHtml(url)}">${source}</a>` : source}</td><td>${text(v.publishedAt.slice(0, 10))}</td></tr>`;
    }));
    return [
      `<h3>${text(group.heading)}</h3>`,
      barChart(bars, { title: `${group.heading} by period`, format }),
      `<div class="wide"><table><caption>${text(group.heading)}: every reported value</caption><thead><tr><th scope="col">period</th><th scope="col">value</th><th scope="col">as written</th><th scope="col">source</th><th scope="col">published</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`,
    ].join('');
  }).join('\n');
}

/** `site/pair/<a-b>.html`: one pair's articles over time, its topics, the figures its articles state. */
export function renderPairPage(state: PairState, series: Series | null): string {
  const names = pairNames(state.pair);
  const counted = Object.values(state.counted);
  const total = counted.length;
  const months = new Map<string, number>();
  const topics = new Map<string, number>();
  for (const [month, , rowTopics] of counted) {
    months.set(month, (months.get(month) ?? 0) + 1);
    for (const topic of rowTopics) topics.set(topic, (topics.get(topic) ?? 0) + 1);
  }
  const sortedMonths = [...months.keys()].sort();
  const first = sortedMonths[0];
  const last = sortedMonths.at(-1);
  const bars = first && last ? monthsBetween(first, last, PAIR_MONTHS).map((m) => ({ label: m, value: months.get(m) ?? 0 })) : [];
  const caption = `${names}: articles per month`;
  const topicRows = [...topics].sort(([a, x], [b, y]) => y - x || a.localeCompare(b)).map(([t, n]) => `<tr><th scope="row">${text(t)}</th><td class="n">${count(n)}</td></tr>`);
  const shown = state.newest.map((row) =>
    `<li><time datetime="${escapeHtml(row.publishedAt)}">${text(row.publishedAt.slice(0, 10))}</time> ${articleLink(row)} <span class="muted">· ${text(languageName(row.language))}</span></li>`);
  const body = [
    `<header><p><a href="../index.html">All pairs</a></p><h1>${text(names)} <span class="muted">${text(state.pair)}</span>${pairTag(state.kazakhstanInvolved)}</h1>`,
    `<p>${count(total)} article${total === 1 ? '' : 's'} · subscribe: ${feedLinks(keys.feedPair(state.pair, 'xml'), 1)}</p></header>`,
    '<main>',
    '<h2 id="timeline">Articles per month</h2>',
    barChart(bars, { title: caption }),
    monthTable(caption, bars, 'articles'),
    '<h2 id="topics">Topics</h2>',
    `<table><caption>Topics of ${text(names)} articles</caption><thead><tr><th scope="col">topic</th><th scope="col">articles</th></tr></thead><tbody>${topicRows.join('')}</tbody></table>`,
    '<h2 id="figures">Figures stated</h2>',
    renderFigures(series),
    '<h2 id="articles">Articles</h2>',
    `<ol class="articles">${shown.join('')}</ol>`,
    total > shown.length ? `<p>The ${count(shown.length)} newest of ${count(total)}; every one is in the archive (<code>kazfeed export --pair ${text(state.pair.toLowerCase())}</code>).</p>` : '',
    '</main>',
  ].join('\n');
  return renderPage({ title: `${names}: Kazinform relations atlas`, body, feed: discovery(keys.feedPair(state.pair, 'xml'), 1) });
}
