import { allowedHost, publicBaseUrl } from './addresses.ts';
import * as z from './zod.ts';

const SourceUrl = z.url({ protocol: /^https?$/ });

/** What `check` accepts of `base`; the issue's message is what it threw (what is expected). */
function checkedBy(base: z.ZodMiniString, check: (value: string) => unknown) {
  return base.check(z.superRefine((value, ctx) => {
    try {
      check(value);
    } catch (error) {
      ctx.issues.push({ code: 'custom', message: (error as Error).message, input: value });
    }
  }));
}

/** Language hint for items of a source; the text's script decides in the end. */
const LanguageHint = z.string().check(z.minLength(2));

/**
 * One source URL, polled on its own: RSS 2.0 (or 0.9x / 1.0), Atom, JSON Feed, an XML sitemap or
 * sitemap index (Google News sitemaps included), or an HTML page whose links to article pages are
 * the items. Its kind is found from what it serves, not from the URL.
 */
export const SingleSource = z.object({
  url: SourceUrl,
  language: z.optional(LanguageHint),
});
export type SingleSource = z.infer<typeof SingleSource>;

/**
 * An edition read from the first of its candidate sources that answers with a usable source
 * (in order: RSS where known, Google News sitemap, latest-news page, front page). The one that
 * served is remembered; the earlier ones are tried again now and then.
 */
export const EditionSource = z.object({
  /** A short name for the run report and the state (`uz-cyrl`, `zh-hans`). */
  edition: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'lower-case letters, digits and "-"')),
  language: z.optional(LanguageHint),
  candidates: z.array(SourceUrl).check(z.minLength(1), z.maxLength(10)),
});
export type EditionSource = z.infer<typeof EditionSource>;

/** A source to poll: one URL, or an edition with its candidate URLs. */
export const FeedConfig = z.union([SingleSource, EditionSource]);
export type FeedConfig = z.infer<typeof FeedConfig>;

/** Everything a pipeline run needs besides where the store is. */
export const PipelineConfig = z.object({
  feeds: z.array(FeedConfig).check(z.minLength(1)),
  /** Hosts the run may contact; requests and redirects elsewhere are refused. */
  allowHosts: z.array(checkedBy(z.string().check(z.minLength(1)), allowedHost)).check(z.minLength(1)),
  userAgent: z.string().check(z.minLength(1)),
  /** Article pages fetched at once, across hosts. */
  concurrency: z.number().check(z.int(), z.gte(1), z.lte(32)),
  headersTimeoutMs: z.number().check(z.int(), z.gt(0)),
  bodyTimeoutMs: z.number().check(z.int(), z.gt(0)),
  maxPageBytes: z.number().check(z.int(), z.gt(0)),
  retries: z.number().check(z.int(), z.gte(0), z.lte(10)),
  /** Items per published feed (newest first, whatever their age). */
  feedSize: z.number().check(z.int(), z.gte(1), z.lte(1000)),
  /** A transiently failing item is tried again by later runs at most this many times. */
  maxAttempts: z.number().check(z.int(), z.gte(1)),
  /** Items one source yields per poll at most (the newest first): a sitemap may list 50,000 pages. */
  maxItemsPerSource: z.number().check(z.int(), z.gte(1), z.lte(50_000)),
  /**
   * Pages of a paginated latest-news list (`?page=N`) read per poll at most, the first included:
   * the next pages are read only while every item on the pages before is new.
   */
  maxListPages: z.number().check(z.int(), z.gte(1), z.lte(50)),
  /**
   * New items one source hands to a run at most, the newest first: a source listing thousands of
   * new items costs each run the same bounded work (and memory); later runs take the rest.
   */
  newItemsPerRun: z.number().check(z.int(), z.gte(1), z.lte(10_000)),
  /** Public base URL the feeds are served from (self links); null = as last published. */
  publicBaseUrl: z.nullable(checkedBy(z.url({ protocol: /^https?$/ }), publicBaseUrl)),
});
export type PipelineConfig = z.infer<typeof PipelineConfig>;
