/**
 * The S3 layout (a contract, see DESIGN.md): every key the pipeline reads or writes is built here.
 */

/** `YYYY/MM/DD` of a UTC instant. */
function dayPath(isoUtc: string): string {
  return utcDay(isoUtc).replaceAll('-', '/');
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** `YYYY-MM-DD` of an ISO 8601 instant in UTC (the date of S3 keys). Throws RangeError on anything else. */
export function utcDay(iso: string): string {
  const t = INSTANT.test(iso) ? Date.parse(iso) : Number.NaN;
  if (Number.isNaN(t)) throw new RangeError(`not an ISO 8601 instant with an offset: ${JSON.stringify(iso)}`);
  return new Date(t).toISOString().slice(0, 10);
}

/** The keys of the article and of the rejection a raw page would be filed beside: its day, its id. */
export function besideRaw(rawKey: string): { article: string; rejected: string } {
  const dated = rawKey.replace(/^raw\//, '').replace(/\.html\.gz$/, '.json');
  return { article: `articles/${dated}`, rejected: `rejected/${dated}` };
}

/** The key of the raw page filed beside an article's key: its day, its id. */
export function rawKeyBeside(articleKey: string): string {
  return articleKey.replace(/^articles\//, 'raw/').replace(/\.json$/, '.html.gz');
}

export const keys = {
  article: (id: string, publishedAt: string) => `articles/${dayPath(publishedAt)}/${id}.json`,
  raw: (id: string, date: string) => `raw/${dayPath(date)}/${id}.html.gz`,
  rejected: (id: string, date: string) => `rejected/${dayPath(date)}/${id}.json`,
  /** Per-feed conditional-GET validators and per-item processing state. */
  ingestState: 'state/ingest.json',
  lease: 'state/lease.json',
  /** Held by whichever publish runs (Lambda or CLI), so two never interleave their writes. */
  publishLease: 'state/publish-lease.json',
  /** One marker per article stored since the last publish; publish folds them into the index. */
  pending: (id: string) => `index/pending/${id}.json`,
  pendingPrefix: 'index/pending/',
  /** Each feed's own index (the entries it shows), beside the feed's key: `index/feeds/pair/kz-tm.json`. */
  feedIndex: (feedXmlKey: string) => `index/${feedXmlKey.replace(/\.xml$/, '.json')}`,
  feedIndexPrefix: 'index/feeds/',
  /** The RSS key of the feed an index is for: `index/feeds/pair/kz-tm.json` → `feeds/pair/kz-tm.xml`. */
  feedOfIndex: (indexKey: string) => indexKey.replace(/^index\//, '').replace(/\.json$/, '.xml'),
  /** Which feeds each shown article is in. */
  members: 'index/members.json',
  feedAll: (ext: FeedExt) => `feeds/all.${ext}`,
  feedLang: (language: string, ext: FeedExt) => `feeds/lang/${language.toLowerCase()}.${ext}`,
  feedPair: (pair: string, ext: FeedExt) => `feeds/pair/${pair.toLowerCase()}.${ext}`,
  daily: (day: string) => `archive/daily/${day}.ndjson.gz`,
  dailyPrefix: 'archive/daily/',
  /** The day a daily file is of (`archive/daily/2025-11-24.ndjson.gz`), or null for any other key. */
  dayOfDaily: (key: string) => /^archive\/daily\/(\d{4}-\d{2}-\d{2})\.ndjson\.gz$/.exec(key)?.[1] ?? null,
  /**
   * The same file in a folder of its own per day, for Athena: partition projection maps a date
   * to a folder, never to a file.
   */
  athenaDaily: (day: string) => `archive/athena/articles/day=${day}/articles.ndjson.gz`,
  athenaDailyPrefix: 'archive/athena/articles/',
  manifest: 'archive/manifest.json',
  /** Per pair, the figures its articles state by (metric, period, direction): `archive/series/kz-tm.json`. */
  series: (pair: string) => `archive/series/${pair.toLowerCase()}.json`,
  seriesPrefix: 'archive/series/',
  runReport: (startedAt: string) => `runs/${startedAt}.json`,
  /** OPML 2.0 list of every RSS feed, for a feed reader's one-step import. */
  opml: 'feeds/feeds.opml',
  /** The relations atlas: its front page and one page per pair (`site/pair/kz-tm.html`). */
  siteIndex: 'site/index.html',
  sitePair: (pair: string) => `site/pair/${pair.toLowerCase()}.html`,
  /** One page per language: the atlas filtered by it, as a plain link. */
  siteLanguage: (language: string) => `site/lang/${language.toLowerCase()}.html`,
  /** What the atlas pages are rendered from: per-pair month counts and newest articles, and each pair's articles. */
  siteSummary: 'index/site/summary.json',
  sitePairStatePrefix: 'index/site/pairs/',
  sitePairState: (pair: string) => `index/site/pairs/${pair.toLowerCase()}.json`,
} as const;

export type FeedExt = 'xml' | 'json';

/** Midnight UTC of a calendar date in any year (Date.UTC reads years 0-99 as 1900-1999). */
const utcMidnight = (year: number, month: number, day: number) => new Date(0).setUTCFullYear(year, month, day);

/**
 * The fewest date prefixes covering the UTC days from..to inclusive, in key order: a whole year in
 * the range as `articles/YYYY/`, a whole month as `articles/YYYY/MM/`, any other day as
 * `articles/YYYY/MM/DD/`. Each is one listing: seven years are 7 listings, not 2,557.
 */
export function datePrefixes(root: 'articles' | 'raw' | 'rejected', from: string, to: string): string[] {
  const prefixes: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end;) {
    const day = new Date(t);
    const [year, month] = [day.getUTCFullYear(), day.getUTCMonth()];
    const path = dayPath(day.toISOString());
    const nextYear = utcMidnight(year + 1, 0, 1);
    const nextMonth = utcMidnight(year, month + 1, 1);
    const first = day.getUTCDate() === 1;
    if (first && month === 0 && nextYear - 86_400_000 <= end) {
      prefixes.push(`${root}/${path.slice(0, -'/MM/DD'.length)}/`);
      t = nextYear;
    } else if (first && nextMonth - 86_400_000 <= end) {
      prefixes.push(`${root}/${path.slice(0, -'/DD'.length)}/`);
      t = nextMonth;
    } else {
      prefixes.push(`${root}/${path}/`);
      t += 86_400_000;
    }
  }
  return prefixes;
}
