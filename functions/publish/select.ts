// The bare entry point: the package's main one bundles every locale (~700 KB).
import { getName, registerLocale } from 'i18n-iso-countries/index.js';
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import { LANGUAGES } from '../../schemas/article.ts';
import type { IndexEntry } from '../../schemas/index-entry.ts';
import { KAZINFORM_EDITIONS } from '../lib/config.ts';
import { type FeedExt, keys } from '../lib/keys.ts';

registerLocale(en);

/** One published feed: where it goes under `feeds/` and what it holds, newest first. */
export interface FeedSpec {
  /** The feed's S3 key for each format (`feeds/all.xml`, `feeds/pair/kz-tm.json`, ...). */
  key: Record<FeedExt, string>;
  title: string;
  description: string;
  /** The site the feed is about (its channel link): the edition's front page for a language feed, Kazinform's otherwise. */
  home: string;
  /** The items' language, when the feed has one. */
  language: string | null;
  items: IndexEntry[];
}

export const LANGUAGE_NAMES: Record<string, string> = {
  en: 'English', ru: 'Russian', 'kk-Cyrl': 'Kazakh (Cyrillic)', 'kk-Latn': 'Kazakh (Latin)', 'kk-Arab': 'Kazakh (Arabic script)',
  'uz-Cyrl': 'Uzbek (Cyrillic)', 'uz-Latn': 'Uzbek (Latin)', 'zh-Hans': 'Chinese (Simplified)',
};

/** Newest first; by id among articles of one instant, so every feed and page orders them alike. */
export function newestFirst(a: Pick<IndexEntry, 'publishedAt' | 'id'>, b: Pick<IndexEntry, 'publishedAt' | 'id'>): number {
  return b.publishedAt.localeCompare(a.publishedAt) || a.id.localeCompare(b.id);
}

/** The names news writes where the ISO list gives a formal long form ("Russian Federation", "Taiwan, Province of China"). */
const SHORT_NAMES: Readonly<Record<string, string>> = {
  BN: 'Brunei', CD: 'DR Congo', CN: 'China', FM: 'Micronesia', GM: 'Gambia', IR: 'Iran', LA: 'Laos', MD: 'Moldova',
  MK: 'North Macedonia', PS: 'Palestine', RU: 'Russia', SY: 'Syria', TW: 'Taiwan', TZ: 'Tanzania', US: 'United States',
  VA: 'Vatican City', VG: 'British Virgin Islands', VI: 'US Virgin Islands',
};

/** A state's English name as a reader expects it in a feed title: "Russia", "China", "Türkiye". */
export function countryName(code: string): string {
  return SHORT_NAMES[code] ?? getName(code, 'en') ?? code;
}

/** Names that take "the" in running text ("between Kazakhstan and the United States"). */
const WITH_ARTICLE = /^(?:United |Netherlands|Philippines|Czech Republic|Dominican Republic|Central African Republic|Republic of|Democratic Republic|Bahamas|Maldives|Comoros|Seychelles|Gambia|Vatican City|British Virgin|US Virgin)|Islands\b/;

function inRunningText(name: string): string {
  return WITH_ARTICLE.test(name) ? `the ${name}` : name;
}

/** The feeds an entry belongs to, by RSS key: all, its language and its pair (none unless bilateral). */
export function feedKeysOf(entry: Pick<IndexEntry, 'relations' | 'language'>): string[] {
  if (entry.relations.kind !== 'bilateral' || !entry.relations.pair) return [];
  return [keys.feedAll('xml'), keys.feedLang(entry.language, 'xml'), keys.feedPair(entry.relations.pair, 'xml')];
}

const LANGUAGE_KEY = /^feeds\/lang\/([a-z-]+)\.xml$/;
const PAIR_KEY = /^feeds\/pair\/([a-z]{2}-[a-z]{2})\.xml$/;

/** The pair of a pair feed's RSS key (`feeds/pair/kz-tm.xml` → `KZ-TM`), as a list: empty for other feeds. */
export function pairOfFeed(xmlKey: string): string[] {
  const pair = PAIR_KEY.exec(xmlKey)?.[1];
  return pair ? [pair.toUpperCase()] : [];
}

/**
 * The feed published under an RSS key (`feeds/all.xml`, `feeds/lang/<lang>.xml`,
 * `feeds/pair/<a-b>.xml`) holding the given items: its keys in both formats, title and language.
 */
/** Kazinform's front page, for the feeds of every language. */
const KAZINFORM_HOME = 'https://www.inform.kz/';

/** Each language's edition front page: the last candidate of its edition (functions/lib/config.ts). */
const EDITION_HOMES: ReadonlyMap<string, string> = new Map(KAZINFORM_EDITIONS.flatMap((e) => (e.language && e.candidates.length ? [[e.language, e.candidates.at(-1) as string]] : [])));

export function feedSpec(xmlKey: string, items: IndexEntry[]): FeedSpec {
  const key = { xml: xmlKey, json: xmlKey.replace(/\.xml$/, '.json') };
  const languageTag = LANGUAGE_KEY.exec(xmlKey)?.[1];
  if (languageTag) {
    const language = LANGUAGES.find((l) => l.toLowerCase() === languageTag) ?? languageTag;
    const name = LANGUAGE_NAMES[language] ?? language;
    return { key, title: `${name}: bilateral relations · Kazinform`, description: `Kazinform articles in ${name} about the relations between two states.`, home: EDITION_HOMES.get(language) ?? KAZINFORM_HOME, language, items };
  }
  const pair = PAIR_KEY.exec(xmlKey)?.[1];
  if (pair) {
    const codes = pair.toUpperCase().split('-');
    const names = codes.map(countryName);
    // The states first: a reader's list of subscriptions cuts long titles, and every pair feed's would begin alike.
    return {
      key,
      title: `${names.join('–')} relations · Kazinform`,
      description: `Kazinform articles, in every language, about the relations between ${names.map(inRunningText).join(' and ')}.`,
      home: KAZINFORM_HOME,
      language: null,
      items,
    };
  }
  if (xmlKey !== keys.feedAll('xml')) throw new Error(`not a feed key: ${xmlKey}`);
  return {
    key,
    title: 'Kazinform: bilateral relations',
    description: 'Kazinform articles about the relations between two states, in every language the agency publishes in.',
    home: KAZINFORM_HOME,
    language: null,
    items,
  };
}
