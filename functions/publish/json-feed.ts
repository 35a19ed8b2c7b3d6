import type { FeedSpec } from './select.ts';
import { articleHtml } from './content-html.ts';
import type { FeedLinks } from './rss.ts';

/** Renders one feed as JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). */
export function renderJsonFeed(spec: FeedSpec, links: FeedLinks): string {
  const feed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: spec.title,
    home_page_url: links.home,
    feed_url: links.self,
    description: spec.description,
    ...(spec.language ? { language: spec.language } : {}),
    items: spec.items.map((entry) => ({
      id: entry.id,
      url: entry.url,
      title: entry.title,
      ...(entry.summary ? { summary: entry.summary } : {}),
      content_html: articleHtml(entry),
      ...(entry.imageUrl ? { image: entry.imageUrl } : {}),
      date_published: entry.publishedAt,
      date_modified: entry.updatedAt,
      ...(entry.authors.length ? { authors: entry.authors.map((name) => ({ name })) } : {}),
      tags: [...entry.tags, ...(entry.relations.pair ? [entry.relations.pair] : [])],
      language: entry.language,
      _kazinform: { pair: entry.relations.pair, countries: entry.relations.countries, kazakhstan_involved: entry.relations.kazakhstanInvolved, topics: entry.relations.topics },
    })),
  };
  return `${JSON.stringify(feed, null, 2)}\n`;
}
