import * as z from './zod.ts';

/** What a source turned out to be, from what it served. */
export const SourceKind = z.enum(['rss', 'atom', 'json-feed', 'sitemap', 'news-sitemap', 'sitemap-index', 'html']);
export type SourceKind = z.infer<typeof SourceKind>;

/**
 * fetched: read, with items; not-modified: unchanged since the last poll (a 304); empty: read, but
 * no item in it; blocked: a bot challenge or block page came instead (retried by later runs);
 * error: unreachable, refused or unreadable.
 */
export const SourceStatus = z.enum(['fetched', 'not-modified', 'empty', 'blocked', 'error']);
export type SourceStatus = z.infer<typeof SourceStatus>;

/** One candidate URL of an edition, as tried by this run. */
export const CandidateOutcome = z.object({
  url: z.url(),
  status: SourceStatus,
  kind: z.nullable(SourceKind),
  items: z.number().check(z.int(), z.gte(0)),
  error: z.optional(z.string()),
});
export type CandidateOutcome = z.infer<typeof CandidateOutcome>;

/** One configured source (a URL, or an edition with its candidates) as this run polled it. */
export const FeedOutcome = z.object({
  /** The edition's name, or the URL of a single source. */
  source: z.string().check(z.minLength(1)),
  /** The URL that served the source; when none did, the first one tried. */
  url: z.url(),
  kind: z.nullable(SourceKind),
  status: SourceStatus,
  /** Items the source listed. */
  items: z.number().check(z.int(), z.gte(0)),
  /** Of those, the ones not seen before that this run takes. */
  newItems: z.number().check(z.int(), z.gte(0)),
  /** New items past the per-run limit (newest taken first): later runs take them. Absent when none wait. */
  waiting: z.optional(z.number().check(z.int(), z.gte(1))),
  /** Why no candidate served the source. */
  error: z.optional(z.string()),
  /** What was left out on purpose (links to hosts not allowed, items past the cap, no article links). */
  notes: z.optional(z.array(z.string())),
  /** Since when every candidate has answered with a challenge or block page (runs in a row). */
  blockedSince: z.optional(z.iso.datetime({ offset: false })),
  /** An edition's candidates tried this run, in order, up to the one that served. */
  candidates: z.optional(z.array(CandidateOutcome)),
});
export type FeedOutcome = z.infer<typeof FeedOutcome>;

export const RunError = z.object({
  stage: z.enum(['ingest', 'process', 'publish']),
  url: z.string(),
  message: z.string(),
});
export type RunError = z.infer<typeof RunError>;

/** What one pipeline run did; stored at `runs/<iso-time>.json`. */
export const RunReport = z.object({
  runId: z.string().check(z.minLength(1)),
  startedAt: z.iso.datetime({ offset: false }),
  finishedAt: z.iso.datetime({ offset: false }),
  /** Each configured source, with its kind and status. */
  feeds: z.array(FeedOutcome),
  counts: z.object({
    /** Feed items read across all feeds. */
    seen: z.number().check(z.int(), z.gte(0)),
    /** Article pages fetched. */
    fetched: z.number().check(z.int(), z.gte(0)),
    /** Items this run processed: new ones, and earlier ones due for a retry. */
    new: z.number().check(z.int(), z.gte(0)),
    /** Stored under `articles/`. */
    accepted: z.number().check(z.int(), z.gte(0)),
    /** Of the accepted, how many are bilateral (feed-worthy). */
    bilateral: z.number().check(z.int(), z.gte(0)),
    /** Stored under `rejected/`. */
    rejected: z.number().check(z.int(), z.gte(0)),
    /** Items that failed for a transient reason (retried by a later run), feed entries skipped and sources that failed. */
    errors: z.number().check(z.int(), z.gte(0)),
    /** Article pages answered with a bot challenge or block page; retried by later runs. */
    blocked: z.number().check(z.int(), z.gte(0)),
    /** New items left for later runs by the per-run limit, across sources. Absent when none wait. */
    waiting: z.optional(z.number().check(z.int(), z.gte(1))),
    /** Items whose article was in the store already, stored by another link to it (two items, one article) or an earlier attempt: not stored again, nor counted as accepted. Absent when none. */
    duplicates: z.optional(z.number().check(z.int(), z.gte(1))),
  }),
  /** Extractor that produced each accepted article's body, with counts. */
  extractors: z.record(z.string(), z.number().check(z.int(), z.gte(0))),
  /** Stored pages that fit no version of the Kazinform extractor (read by the fallbacks alone): the markup has likely changed. */
  layoutBroken: z.array(z.string()),
  /**
   * What went wrong, one entry each: every item not stored (rejected, failed or blocked), each
   * feed entry skipped and each source that failed; `counts.errors` leaves out the rejected and
   * blocked items, which have counts of their own.
   */
  errors: z.array(RunError),
  published: z.boolean(),
});
export type RunReport = z.infer<typeof RunReport>;
