import type { SourceItem } from '../../schemas/source-item.ts';
import type { SourceKind } from '../../schemas/run-report.ts';
import { articleId, canonicalUrl, editionLanguage, isArticleUrl } from '../lib/urls.ts';
import { parseDate } from '../lib/dates.ts';
import { plural } from '../lib/plural.ts';

/** A feed title longer than this is cut: it is only a hint (the page's title wins), and it travels in S3 metadata. */
export const MAX_FEED_TITLE = 200;
/** Longer links are not followed: no article URL is this long, and S3 metadata has a 2 KB limit. */
const MAX_LINK_LENGTH = 1024;

/**
 * A source's link as it is fetched and stored, or why it is not followed: longer than
 * MAX_LINK_LENGTH as written or once percent-encoded (a Cyrillic letter takes six characters),
 * or no usable http(s) URL.
 */
export function followedLink(raw: string, base: string): { url: string } | { reason: string } {
  if (raw.length > MAX_LINK_LENGTH) return { reason: `link longer than ${MAX_LINK_LENGTH} characters` };
  const url = canonicalUrl(raw, base);
  if (!url) return { reason: `unusable link ${JSON.stringify(raw.slice(0, 200))}` };
  if (url.length > MAX_LINK_LENGTH) return { reason: `link longer than ${MAX_LINK_LENGTH} characters once percent-encoded (${url.length})` };
  return { url };
}

/** One entry of a source, as the source states it. */
export interface Entry {
  title?: string;
  link?: string;
  guid?: string;
  /** A date as written (RFC 822, ISO 8601 or a displayed Astana time). */
  date?: string;
  /** The entry's own language, when the source states one per entry (news sitemaps, JSON Feed). */
  language?: string;
}

export interface CollectOptions {
  sourceUrl: string;
  /** The source's language (configured hint, else declared by the source). */
  language: string | null;
  /** Items kept at most; past it the newest are kept. */
  maxItems?: number;
  /** Keep only links to article pages (list pages and sitemaps, which link to any page). */
  articlesOnly?: boolean;
  /** Keep only links to hosts this allows (list pages and sitemaps link anywhere); a feed's entries are all kept. */
  allowedOnly?: (url: URL) => boolean;
  /** When the source was read: the year and day of displayed times ("13:51, 15 Август"). */
  now?: Date;
}

export interface Collected {
  items: SourceItem[];
  /** Entries that could not become items (no usable link), with why. */
  skipped: { entry: string; reason: string }[];
  /** What was left out on purpose, in a line each (links off the allowlist, items past the cap). */
  notes: string[];
}

/** A source's text as a one-line value: controls and whitespace runs collapsed, trimmed, capped. */
export function cleanTitle(raw: string | undefined): string {
  const text = (raw ?? '').replace(/[\u0000-\u001F\u007F-\u009F]+/g, ' ').replace(/\s+/g, ' ').trim();
  return [...text].length > MAX_FEED_TITLE ? `${[...text].slice(0, MAX_FEED_TITLE - 1).join('').trimEnd()}…` : text;
}

/**
 * Turns a source's entries into items: canonical URL, stable id, date in UTC, language (the
 * entry's, else its edition's, else the source's). Items sharing an id (the same article under two
 * links) are kept once, at the first place, with what the later ones add (a title, a date).
 */
export class ItemCollector {
  readonly #options: CollectOptions;
  readonly #items = new Map<string, SourceItem>();
  readonly #skipped: Collected['skipped'] = [];
  readonly #offHost = new Map<string, number>();

  constructor(options: CollectOptions) {
    this.#options = options;
  }

  add(entry: Entry): void {
    const guid = entry.guid?.trim() || undefined;
    const rawLink = entry.link?.trim() ? entry.link.trim() : guid && /^https?:/i.test(guid) ? guid : undefined;
    const title = cleanTitle(entry.title);
    const label = cleanTitle(guid) || title || '(untitled)';
    const link = rawLink ? followedLink(rawLink, this.#options.sourceUrl) : { reason: 'no link' };
    if ('reason' in link) {
      this.#skipped.push({ entry: label, reason: link.reason });
      return;
    }
    const { url } = link;
    const parsed = new URL(url);
    const { articlesOnly, allowedOnly } = this.#options;
    if (articlesOnly && !isArticleUrl(parsed)) return;
    if (allowedOnly && !allowedOnly(parsed)) {
      this.#offHost.set(parsed.host, (this.#offHost.get(parsed.host) ?? 0) + 1);
      return;
    }
    const id = articleId(url);
    const publishedAt = entry.date?.trim() ? parseDate(entry.date.trim(), { reference: this.#options.now }) : null;
    const known = this.#items.get(id);
    if (known) {
      if (!known.title) known.title = title;
      known.publishedAt ??= publishedAt;
      return;
    }
    const feedLanguage = entry.language?.trim() || editionLanguage(parsed) || this.#options.language;
    this.#items.set(id, { id, url, feedUrl: this.#options.sourceUrl, title, publishedAt, feedLanguage });
  }

  result(): Collected {
    const notes: string[] = [];
    if (this.#offHost.size) {
      const count = [...this.#offHost.values()].reduce((a, b) => a + b, 0);
      const hosts = [...this.#offHost.keys()].slice(0, 5).join(', ');
      notes.push(`${plural(count, 'link')} to hosts not allowed (${hosts}${this.#offHost.size > 5 ? ', ...' : ''}) ignored`);
    }
    let items = [...this.#items.values()];
    const max = this.#options.maxItems ?? Number.POSITIVE_INFINITY;
    if (items.length > max) {
      // Newest first (undated last, in source order), so the cap drops the oldest.
      const order = new Map(items.map((item, i) => [item.id, i]));
      items = items
        .sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? '') || (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0))
        .slice(0, max);
      notes.push(`${plural(this.#items.size, 'item')} listed, the newest ${max} kept`);
    }
    return { items, skipped: this.#skipped, notes };
  }
}

/** What a source is read with, besides its text. */
export interface SourceContext {
  url: string;
  /** The configured language; wins over what the source declares. */
  languageHint?: string;
  maxItems?: number;
  /** The run's host allowlist: list pages and sitemaps yield only links it allows. */
  allows?: (url: URL) => boolean;
  now?: Date;
}

/** A source read: its kind, its items, and what was skipped or left out. */
export interface ParsedSource extends Collected {
  kind: SourceKind;
  language: string | null;
  /** A sitemap index's sitemaps, the newest first. */
  sitemaps?: string[];
  /** A list page's next page (`?page=N+1` of its own address), when the page links to it. */
  nextPage?: string;
}

/**
 * A collector for a source, with its language settled (the configured hint, else the declared
 * one). Pages and sitemaps link anywhere: only links to allowed hosts (and, with `articlesOnly`,
 * to article pages) become their items.
 */
export function collectorFor(ctx: SourceContext, declared: string | undefined, links?: { articlesOnly: boolean }): { collector: ItemCollector; language: string | null } {
  const language = ctx.languageHint ?? (declared?.trim() || null);
  const collector = new ItemCollector({
    sourceUrl: ctx.url, language, maxItems: ctx.maxItems, now: ctx.now,
    ...(links ? { articlesOnly: links.articlesOnly, allowedOnly: ctx.allows ?? (() => true) } : {}),
  });
  return { collector, language };
}
