import type { FeedSpec } from './select.ts';
import { articleHtml, feedLink, feedText } from './content-html.ts';
import type { FeedLinks } from './rss.ts';

/**
 * Renders one feed as JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). Text fields are plain
 * text (JSON.stringify escapes what JSON needs), without control characters or lone surrogates;
 * `content_html` is sanitised HTML; `url` and `image` are absolute http(s) links (https for
 * Kazinform's hosts). An entry without a safe link is left out.
 */
export function renderJsonFeed(spec: FeedSpec, links: FeedLinks): string {
  const feed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: spec.title,
    home_page_url: spec.home,
    feed_url: links.self,
    description: spec.description,
    ...(spec.language ? { language: spec.language } : {}),
    items: spec.items.filter((entry) => feedLink(entry.url) !== null).map((entry) => ({
      id: feedText(entry.id),
      url: feedLink(entry.url),
      title: feedText(entry.title),
      ...(entry.summary ? { summary: feedText(entry.summary) } : {}),
      content_html: articleHtml(entry),
      ...(feedLink(entry.imageUrl) ? { image: feedLink(entry.imageUrl) } : {}),
      date_published: entry.publishedAt,
      date_modified: entry.updatedAt,
      ...(entry.authors.map(feedText).filter(Boolean).length ? { authors: entry.authors.map(feedText).filter(Boolean).map((name) => ({ name })) } : {}),
      tags: [...entry.tags.map(feedText).filter(Boolean), ...(entry.relations.pair ? [entry.relations.pair] : [])],
      language: entry.language,
      _kazinform: { pair: entry.relations.pair, countries: entry.relations.countries, kazakhstan_involved: entry.relations.kazakhstanInvolved, topics: entry.relations.topics },
    })),
  };
  return `${JSON.stringify(feed, null, 2)}\n`;
}
