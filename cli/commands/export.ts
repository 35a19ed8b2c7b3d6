import { Article } from '../../schemas/article.ts';
import { RejectedItem } from '../../schemas/rejected.ts';
import { keyDay, storedJson } from '../../functions/lib/dated-keys.ts';
import { keys } from '../../functions/lib/keys.ts';
import type { UnreadableObject } from '../../functions/lib/store.ts';
import { csvField, spreadsheetText } from '../csv.ts';
import { openStore } from '../open-store.ts';
import { progressLines } from '../progress.ts';
import { writeOut } from '../stdout.ts';
import { plural } from '../../functions/lib/plural.ts';

export interface ExportFlags {
  from?: string;
  to?: string;
  /** Any of these pairs; normalised by the flag parser: upper case, sorted, e.g. `KZ-TM`. */
  pair?: string[];
  /** Any of these: a stored language tag, e.g. `kk-Cyrl`, or a language without its script (`kk`): every script of it. */
  lang?: string[];
  format: 'ndjson' | 'csv';
  rejected?: boolean;
  /** Fail (exit 1) when an object could not be read, instead of only warning. */
  strict?: boolean;
}

export function matchesFilters(article: Article, flags: Pick<ExportFlags, 'pair' | 'lang'>): boolean {
  if (flags.pair && !flags.pair.includes(article.relations.pair ?? '')) return false;
  return matchesLanguage(article.language, flags.lang);
}

/**
 * `--lang`: each a stored tag, or a language in all its scripts. Case is ignored, as a feed may
 * declare its language in any (`ru-RU`); an item of no known language matches no `--lang`.
 */
function matchesLanguage(language: string | null, langs: string[] | undefined): boolean {
  if (!langs) return true;
  const tag = language?.toLowerCase();
  return tag !== undefined && langs.some((lang) => tag === lang.toLowerCase() || tag.startsWith(`${lang.toLowerCase()}-`));
}

/** Columns added later come last, so that a reader's column positions hold. */
export const CSV_COLUMNS = ['id', 'publishedAt', 'language', 'kind', 'pair', 'kazakhstanInvolved', 'topics', 'title', 'url', 'summary', 'figures', 'updatedAt', 'countries', 'confidence'] as const;

/**
 * One RFC 4180 row; lists are joined with ";", figures written as `value unit` (the NDJSON and
 * `kazfeed query` have the rest). Every cell is made safe to open in a spreadsheet (a title, or
 * figures that start with a negative value).
 */
export function csvRow(article: Article): string {
  const r = article.relations;
  const values = [
    article.id, article.publishedAt, article.language, r.kind, r.pair ?? '', String(r.kazakhstanInvolved), r.topics.join(';'),
    article.title, article.url, article.summary, article.figures.map((f) => `${f.value} ${f.unit}`).join(';'),
    article.updatedAt, r.countries.join(';'), String(r.confidence),
  ];
  return values.map((value) => csvField(spreadsheetText(value))).join(',');
}

/** `kazfeed export`: every stored article (or rejected item) matching the filters, to stdout. */
export async function exportCommand(flags: ExportFlags): Promise<void> {
  if (flags.rejected && flags.format === 'csv') throw new Error('--rejected writes NDJSON only: rejected items have no fixed columns');
  if (flags.rejected && flags.pair) throw new Error('--rejected cannot take --pair: a rejected item was never classified, so it has no pair');
  const opened = await openStore(process.env, { existing: true });
  const write = (line: string) => writeOut(`${line}\n`);
  let count = 0;
  let read = 0;
  const progress = progressLines((line) => process.stderr.write(`${line}\n`), (key: string) => `exporting from ${opened.description}: ${read} read, ${count} written, at ${keyDay(key)}`);
  const skipped: string[] = [];
  const misfiled: string[] = [];
  // Everything readable is still written: one damaged object must not hide the archive.
  const unreadable = (error: UnreadableObject) => {
    skipped.push(error.key);
    process.stderr.write(`kazfeed export: skipped ${error.key}: ${error.reason} (kazfeed check --repair rebuilds what it can)\n`);
  };
  try {
    if (flags.rejected) {
      for await (const { key, value: rejected } of storedJson(opened.store, 'rejected', RejectedItem, flags.from, flags.to, unreadable)) {
        read += 1;
        progress(key);
        if (!matchesLanguage(rejected.item.feedLanguage, flags.lang)) continue;
        await write(JSON.stringify(rejected));
        count += 1;
      }
    } else {
      if (flags.format === 'csv') await write(CSV_COLUMNS.join(','));
      for await (const { key, value: article } of storedJson(opened.store, 'articles', Article, flags.from, flags.to, unreadable)) {
        read += 1;
        progress(key);
        // As the daily files: a copy under another name, or an article whose date was edited in place, is check's to name.
        const own = keys.article(article.id, article.publishedAt);
        if (key !== own) {
          misfiled.push(key);
          process.stderr.write(`kazfeed export: skipped ${key}: it holds article ${article.id}, whose key is ${own} (a copy, or a date edited in place: kazfeed check names it, --repair moves it)\n`);
          continue;
        }
        if (!matchesFilters(article, flags)) continue;
        await write(flags.format === 'csv' ? csvRow(article) : JSON.stringify(article));
        count += 1;
      }
    }
    process.stderr.write(`exported ${flags.rejected ? plural(count, 'rejected item') : plural(count, 'article')} from ${opened.description}${skipped.length ? `; ${skipped.length} unreadable skipped` : ''}${misfiled.length ? `; ${misfiled.length} not under their own key skipped` : ''}\n`);
    if (skipped.length && flags.strict) throw new Error(`--strict: ${plural(skipped.length, 'stored object')} could not be read (${skipped.join(', ')})`);
  } finally {
    await opened.close();
  }
}
