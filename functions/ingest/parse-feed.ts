import Parser from 'rss-parser';
import type { SourceItem } from '../../schemas/source-item.ts';
import { articleId, canonicalUrl } from '../lib/urls.ts';
import { parseDate } from '../process/normalise/dates.ts';

const parser = new Parser({ xml2js: { strict: true } });

export class FeedParseError extends Error {
  readonly feedUrl: string;
  constructor(feedUrl: string, detail: string, options?: { cause?: unknown }) {
    super(`${detail}: ${feedUrl}`, options);
    this.name = 'FeedParseError';
    this.feedUrl = feedUrl;
  }
}

export interface ParsedFeed {
  items: SourceItem[];
  /** Entries that could not become items (no usable link), with why. */
  skipped: { entry: string; reason: string }[];
  language: string | null;
}

const HTML_DOCUMENT = /^\s*(<!doctype html|<html)/i;

/**
 * Parses an RSS 2.0 (or Atom) document into source items: canonical URL, stable id, pubDate in
 * UTC. Items sharing an id (the same article under two links) are kept once.
 */
export async function parseFeed(xml: string, feedUrl: string, languageHint?: string): Promise<ParsedFeed> {
  if (HTML_DOCUMENT.test(xml)) throw new FeedParseError(feedUrl, 'an HTML page, not a feed');
  let feed;
  try {
    feed = await parser.parseString(xml.replace(/^\uFEFF/, ''));
  } catch (error) {
    const detail = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    throw new FeedParseError(feedUrl, `malformed feed (${detail})`, { cause: error });
  }
  const language = languageHint ?? ((feed as { language?: string }).language?.trim() || null);
  const items: SourceItem[] = [];
  const skipped: ParsedFeed['skipped'] = [];
  const ids = new Set<string>();
  for (const entry of feed.items) {
    const link = entry.link ?? (entry.guid && /^https?:/i.test(entry.guid) ? entry.guid : undefined);
    const url = link ? canonicalUrl(link, feedUrl) : null;
    const label = entry.guid ?? entry.title ?? '(untitled)';
    if (!url) {
      skipped.push({ entry: label, reason: link ? `unusable link ${JSON.stringify(link)}` : 'no link' });
      continue;
    }
    const id = articleId(url);
    if (ids.has(id)) continue;
    ids.add(id);
    items.push({
      id,
      url,
      feedUrl,
      title: (entry.title ?? '').trim(),
      publishedAt: entry.pubDate ? parseDate(entry.pubDate) : entry.isoDate ? parseDate(entry.isoDate) : null,
      feedLanguage: language,
    });
  }
  return { items, skipped, language };
}
