// The bare entry point: the package's main one bundles every locale (~700 KB).
import { getName, registerLocale } from 'i18n-iso-countries/index.js';
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import type { IndexEntry } from '../../schemas/index-entry.ts';
import { type FeedExt, keys } from '../lib/keys.ts';

registerLocale(en);

/** One published feed: where it goes under `feeds/` and what it holds, newest first. */
export interface FeedSpec {
  /** The feed's S3 key for each format (`feeds/all.xml`, `feeds/pair/kz-tm.json`, ...). */
  key: Record<FeedExt, string>;
  title: string;
  description: string;
  /** The items' language, when the feed has one. */
  language: string | null;
  items: IndexEntry[];
}

const LANGUAGE_NAMES: Record<string, string> = {
  en: 'English', ru: 'Russian', 'kk-Cyrl': 'Kazakh (Cyrillic)', 'kk-Latn': 'Kazakh (Latin)', 'kk-Arab': 'Kazakh (Arabic script)',
  'uz-Cyrl': 'Uzbek (Cyrillic)', 'uz-Latn': 'Uzbek (Latin)', 'zh-Hans': 'Chinese (Simplified)',
};

function newestFirst(a: IndexEntry, b: IndexEntry): number {
  return b.publishedAt.localeCompare(a.publishedAt) || a.id.localeCompare(b.id);
}

function countryName(code: string): string {
  return getName(code, 'en') ?? code;
}

function groupBy(entries: IndexEntry[], key: (e: IndexEntry) => string): Map<string, IndexEntry[]> {
  const groups = new Map<string, IndexEntry[]>();
  for (const entry of entries) {
    const k = key(entry);
    const group = groups.get(k);
    if (group) group.push(entry);
    else groups.set(k, [entry]);
  }
  return groups;
}

/**
 * The feeds to publish from the index: all bilateral articles, one feed per language and one
 * per country pair, each holding the newest `size` items whatever their age.
 */
export function selectFeeds(entries: readonly IndexEntry[], size: number): FeedSpec[] {
  const bilateral = entries.filter((e) => e.relations.kind === 'bilateral').sort(newestFirst);
  const specs: FeedSpec[] = [
    {
      key: { xml: keys.feedAll('xml'), json: keys.feedAll('json') },
      title: 'Kazinform: bilateral relations',
      description: "Kazinform articles about the relations between two states, in every language the agency publishes in.",
      language: null,
      items: bilateral.slice(0, size),
    },
  ];
  for (const [language, items] of [...groupBy(bilateral, (e) => e.language)].sort(([a], [b]) => a.localeCompare(b))) {
    const name = LANGUAGE_NAMES[language] ?? language;
    specs.push({
      key: { xml: keys.feedLang(language, 'xml'), json: keys.feedLang(language, 'json') },
      title: `Kazinform: bilateral relations, in ${name}`,
      description: `Kazinform articles in ${name} about the relations between two states.`,
      language,
      items: items.slice(0, size),
    });
  }
  for (const [pair, items] of [...groupBy(bilateral, (e) => e.relations.pair ?? '')].sort(([a], [b]) => a.localeCompare(b))) {
    const names = pair.split('-').map(countryName).join('–');
    specs.push({
      key: { xml: keys.feedPair(pair, 'xml'), json: keys.feedPair(pair, 'json') },
      title: `Kazinform: ${names} relations`,
      description: `Kazinform articles, in every language, about the relations between ${names.replace('–', ' and ')}.`,
      language: null,
      items: items.slice(0, size),
    });
  }
  return specs;
}

/** The index entries some feed still shows: what the next publish needs, nothing more. */
export function entriesInFeeds(specs: readonly FeedSpec[]): IndexEntry[] {
  const kept = new Map<string, IndexEntry>();
  for (const spec of specs) for (const item of spec.items) kept.set(item.id, item);
  return [...kept.values()].sort(newestFirst);
}
