import { XMLBuilder } from 'fast-xml-parser';
import type { IndexEntry } from '../../schemas/index-entry.ts';
import { articleHtml, feedLink, feedText, textHtml } from './content-html.ts';
import type { FeedSpec } from './select.ts';

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, processEntities: true, suppressEmptyNode: true });


/**
 * RSS `<language>`: Chinese as zh-cn, as the RSS board's list has it; a language written in more
 * than one script keeps its script subtag but for its default one (CLDR's: Cyrillic for Kazakh,
 * Latin for Uzbek), so that kk-Arab, kk-Latn and uz-Cyrl are not announced as kk and uz.
 */
function rssLanguage(language: string): string {
  if (language === 'zh-Hans') return 'zh-cn';
  return language === 'kk-Cyrl' ? 'kk' : language;
}

/** Elements of an item or channel whose content is plain text, not HTML. */
const PLAIN_TEXT = /<(title|dc:creator|category)>([^<]*)<\/\1>/g;

/**
 * The RSS Profile's advice for plain text: "&" and "<" as hexadecimal references (`&#x26;`,
 * `&#x3C;`), which the widest range of readers takes as text, not markup. The W3C validator still
 * warns on a title whose text holds a whole tag (`<b>…</b>`): it judges the decoded text.
 */
function hexReferencesInPlainText(xml: string): string {
  return xml.replace(PLAIN_TEXT, (_, tag: string, text: string) => `<${tag}>${text.replaceAll('&amp;', '&#x26;').replaceAll('&lt;', '&#x3C;')}</${tag}>`);
}

/** Where a feed is served: what the feed itself cannot know (the site it is about is its spec's `home`). */
export interface FeedLinks {
  /** Where the feed itself is served (RSS `atom:link rel="self"`, JSON Feed `feed_url`). */
  self: string;
}

/**
 * RSS 2.0 `<item>` (https://www.rssboard.org/rss-specification#hrelementsOfLtitemgt). `title` is
 * plain text; `description` and `content:encoded` are HTML (escaped text, sanitised), so text
 * that looks like markup stays text in readers that render them. The builder escapes `<`, `>`
 * and `&`, so `]]>` in any text is written `]]&gt;`. Null for an entry without a safe link.
 */
function rssItem(entry: IndexEntry) {
  const link = feedLink(entry.url);
  if (!link) return null;
  const image = feedLink(entry.imageUrl);
  return {
    title: feedText(entry.title),
    link,
    description: feedText(textHtml(entry.summary || entry.body.sections[0]?.paragraphs[0] || entry.title, entry.language)),
    'content:encoded': feedText(articleHtml(entry)),
    'dc:creator': entry.authors.map((text) => feedText(text)).filter(Boolean),
    category: [...entry.tags.map((text) => feedText(text)).filter(Boolean), ...(entry.relations.pair ? [entry.relations.pair] : [])],
    guid: { '#text': feedText(entry.id), '@_isPermaLink': 'false' },
    pubDate: new Date(entry.publishedAt).toUTCString(),
    // Each item's own language: feeds of all languages mix scripts, and RSS has no item language of its own.
    'dc:language': entry.language,
    // When the article changed after it was published, so that a reader shows it as updated.
    ...(Date.parse(entry.updatedAt) > Date.parse(entry.publishedAt) ? { 'atom:updated': entry.updatedAt } : {}),
    // The lead photo, as readers look for it in RSS (JSON Feed's `image`).
    ...(image ? { 'media:content': { '@_url': image, '@_medium': 'image' } } : {}),
  };
}

/** Renders one feed as RSS 2.0 (https://www.rssboard.org/rss-specification). */
export function renderRss(spec: FeedSpec, links: FeedLinks, builtAt: string): string {
  const newest = spec.items[0]?.publishedAt ?? builtAt;
  return hexReferencesInPlainText(builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    rss: {
      '@_version': '2.0',
      '@_xmlns:atom': 'http://www.w3.org/2005/Atom',
      '@_xmlns:content': 'http://purl.org/rss/1.0/modules/content/',
      '@_xmlns:dc': 'http://purl.org/dc/elements/1.1/',
      '@_xmlns:media': 'http://search.yahoo.com/mrss/',
      channel: {
        title: feedText(spec.title),
        link: spec.home,
        description: feedText(spec.description),
        'atom:link': { '@_href': links.self, '@_rel': 'self', '@_type': 'application/rss+xml' },
        ...(spec.language ? { language: rssLanguage(spec.language) } : {}),
        pubDate: new Date(newest).toUTCString(),
        lastBuildDate: new Date(builtAt).toUTCString(),
        generator: 'kazinform-relations-feed',
        docs: 'https://www.rssboard.org/rss-specification',
        ttl: 10,
        item: spec.items.map(rssItem).filter((item) => item !== null),
      },
    },
  }) as string);
}
