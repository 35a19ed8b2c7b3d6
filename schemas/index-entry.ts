import * as z from './zod.ts';
import { Article } from './article.ts';

/**
 * What feeds are rendered from: the article minus what feeds never show. Kept in each feed's
 * index (`index/feeds/...`) for the articles it shows, and in `index/pending/<id>.json` for each
 * article stored since the last publish.
 */
export const IndexEntry = z.extend(z.pick(Article, {
  id: true,
  url: true,
  language: true,
  title: true,
  summary: true,
  authors: true,
  tags: true,
  imageUrl: true,
  publishedAt: true,
  updatedAt: true,
  body: true,
  relations: true,
}), {
  /** The article's key under `articles/`. */
  key: z.string().check(z.minLength(1)),
});
export type IndexEntry = z.infer<typeof IndexEntry>;

/** An article's entry, stored under `key`. */
export function indexEntryOf(article: Article, key: string): IndexEntry {
  const { id, url, language, title, summary, authors, tags, imageUrl, publishedAt, updatedAt, body, relations } = article;
  return { id, url, language, title, summary, authors, tags, imageUrl, publishedAt, updatedAt, body, relations, key };
}

/** `index/feeds/<feed>.json`: the entries one feed shows, newest first (at most the feed's size). */
export const FeedIndex = z.object({
  updatedAt: z.iso.datetime({ offset: false }),
  entries: z.array(IndexEntry),
});
export type FeedIndex = z.infer<typeof FeedIndex>;

/**
 * `index/members.json`: which feeds each shown article is in, so a publish knows the feeds an
 * updated article leaves; bounded by the feeds' windows, not by the archive.
 */
export const FeedMembership = z.object({
  updatedAt: z.iso.datetime({ offset: false }),
  /** The base URL the feeds were last published for: later publishes keep it unless told otherwise. */
  publicBaseUrl: z.optional(z.url()),
  /** How the feeds and pages were rendered (RENDER_FORMAT, functions/publish/feed-files.ts); absent before it was recorded. */
  renderFormat: z.optional(z.number().check(z.int(), z.gte(1))),
  /** The feeds' size they were last published with (the deployment's `feedSize`); absent before it was recorded. */
  feedSize: z.optional(z.number().check(z.int(), z.gte(1))),
  /** Article id → the RSS keys of the feeds it is in. */
  feeds: z.record(z.string(), z.array(z.string())),
});
export type FeedMembership = z.infer<typeof FeedMembership>;
