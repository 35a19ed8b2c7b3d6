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

function languageSpec(language: string, items: IndexEntry[]): FeedSpec {
  const name = LANGUAGE_NAMES[language] ?? language;
  return {
    key: { xml: keys.feedLang(language, 'xml'), json: keys.feedLang(language, 'json') },
    title: `Kazinform: bilateral relations, in ${name}`,
    description: `Kazinform articles in ${name} about the relations between two states.`,
    language,
    items,
  };
}

function pairSpec(pair: string, items: IndexEntry[]): FeedSpec {
  const names = pair.split('-').map(countryName).join('–');
  return {
    key: { xml: keys.feedPair(pair, 'xml'), json: keys.feedPair(pair, 'json') },
    title: `Kazinform: ${names} relations`,
    description: `Kazinform articles, in every language, about the relations between ${names.replace('–', ' and ')}.`,
    language: null,
    items,
  };
}

/** The feeds an entry belongs to, by RSS key: all, its language and its pair (none unless bilateral). */
export function feedKeysOf(entry: IndexEntry): string[] {
  if (entry.relations.kind !== 'bilateral' || !entry.relations.pair) return [];
  return [keys.feedAll('xml'), keys.feedLang(entry.language, 'xml'), keys.feedPair(entry.relations.pair, 'xml')];
}

/**
 * The feeds to publish from the index: all bilateral articles, one feed per language and one
 * per country pair, each holding the newest `size` items whatever their age. `emptied` names
 * languages and pairs that may have lost their last article, so their feeds are still produced.
 */
export function selectFeeds(entries: readonly IndexEntry[], size: number, emptied: { languages?: string[]; pairs?: string[] } = {}): FeedSpec[] {
  const bilateral = entries.filter((e) => e.relations.kind === 'bilateral').sort(newestFirst);
  const byLanguage = groupBy(bilateral, (e) => e.language);
  const byPair = groupBy(bilateral, (e) => e.relations.pair ?? '');
  for (const language of emptied.languages ?? []) if (!byLanguage.has(language)) byLanguage.set(language, []);
  for (const pair of emptied.pairs ?? []) if (!byPair.has(pair)) byPair.set(pair, []);
  const sorted = (groups: Map<string, IndexEntry[]>) => [...groups].sort(([a], [b]) => a.localeCompare(b));
  return [
    {
      key: { xml: keys.feedAll('xml'), json: keys.feedAll('json') },
      title: 'Kazinform: bilateral relations',
      description: "Kazinform articles about the relations between two states, in every language the agency publishes in.",
      language: null,
      items: bilateral.slice(0, size),
    },
    ...sorted(byLanguage).map(([language, items]) => languageSpec(language, items.slice(0, size))),
    ...sorted(byPair).map(([pair, items]) => pairSpec(pair, items.slice(0, size))),
  ];
}

/** The index entries some feed still shows: what the next publish needs, nothing more. */
export function entriesInFeeds(specs: readonly FeedSpec[]): IndexEntry[] {
  const kept = new Map<string, IndexEntry>();
  for (const spec of specs) for (const item of spec.items) kept.set(item.id, item);
  return [...kept.values()].sort(newestFirst);
}
