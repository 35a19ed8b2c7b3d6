import * as z from 'zod';

const SourceUrl = z.url({ protocol: /^https?$/ });

/** Language hint for items of a source; the text's script decides in the end. */
const LanguageHint = z.string().min(2);

/**
 * One source URL, polled on its own: RSS 2.0 (or 0.9x / 1.0), Atom, JSON Feed, an XML sitemap or
 * sitemap index (Google News sitemaps included), or an HTML page whose links to article pages are
 * the items. Its kind is found from what it serves, not from the URL.
 */
export const SingleSource = z.object({
  url: SourceUrl,
  language: LanguageHint.optional(),
});
export type SingleSource = z.infer<typeof SingleSource>;

/**
 * An edition read from the first of its candidate sources that answers with a usable source
 * (in order: RSS where known, Google News sitemap, latest-news page, front page). The one that
 * served is remembered; the earlier ones are tried again now and then.
 */
export const EditionSource = z.object({
  /** A short name for the run report and the state (`uz-cyrl`, `zh-hans`). */
  edition: z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'lower-case letters, digits and "-"'),
  language: LanguageHint.optional(),
  candidates: z.array(SourceUrl).min(1).max(10),
});
export type EditionSource = z.infer<typeof EditionSource>;

/** A source to poll: one URL, or an edition with its candidate URLs. */
export const FeedConfig = z.union([SingleSource, EditionSource]);
export type FeedConfig = z.infer<typeof FeedConfig>;

/** Everything a pipeline run needs besides where the store is. */
export const PipelineConfig = z.object({
  feeds: z.array(FeedConfig).min(1),
  /** Hosts the run may contact; requests and redirects elsewhere are refused. */
  allowHosts: z.array(z.string().min(1)).min(1),
  userAgent: z.string().min(1),
  /** Article pages fetched at once, across hosts. */
  concurrency: z.number().int().min(1).max(32),
  headersTimeoutMs: z.number().int().positive(),
  bodyTimeoutMs: z.number().int().positive(),
  maxPageBytes: z.number().int().positive(),
  retries: z.number().int().min(0).max(10),
  /** Items per published feed (newest first, whatever their age). */
  feedSize: z.number().int().min(1).max(1000),
  /** A transiently failing item is tried again by later runs at most this many times. */
  maxAttempts: z.number().int().min(1),
  /** Items one source yields per poll at most (the newest first): a sitemap may list 50,000 pages. */
  maxItemsPerSource: z.number().int().min(1).max(50_000),
  /**
   * Pages of a paginated latest-news list (`?page=N`) read per poll at most, the first included:
   * the next pages are read only while every item on the pages before is new.
   */
  maxListPages: z.number().int().min(1).max(50),
  /**
   * New items one source hands to a run at most, the newest first: a source listing thousands of
   * new items costs each run the same bounded work (and memory); later runs take the rest.
   */
  newItemsPerRun: z.number().int().min(1).max(10_000),
  /** Public base URL the feeds are served from (self links); null = as last published. */
  publicBaseUrl: z.url().nullable(),
});
export type PipelineConfig = z.infer<typeof PipelineConfig>;
