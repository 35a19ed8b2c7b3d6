import * as z from 'zod';
import { Article } from './article.ts';

/**
 * What feeds are rendered from: the article minus what feeds never show. Kept in
 * `index/recent.json` for the newest articles of every feed, and in `index/pending/<id>.json`
 * for each article stored since the last publish.
 */
export const IndexEntry = Article.pick({
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
}).extend({
  /** The article's key under `articles/`. */
  key: z.string().min(1),
});
export type IndexEntry = z.infer<typeof IndexEntry>;

export const RecentIndex = z.object({
  updatedAt: z.iso.datetime({ offset: false }),
  /** The base URL the feeds were last published for: later publishes keep it unless told otherwise. */
  publicBaseUrl: z.url().optional(),
  entries: z.array(IndexEntry),
});
export type RecentIndex = z.infer<typeof RecentIndex>;
