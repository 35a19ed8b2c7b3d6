import * as z from 'zod';

export const FeedOutcome = z.object({
  url: z.url(),
  status: z.enum(['fetched', 'not-modified', 'error']),
  items: z.number().int().min(0),
  newItems: z.number().int().min(0),
  error: z.string().optional(),
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
  runId: z.string().min(1),
  startedAt: z.iso.datetime({ offset: false }),
  finishedAt: z.iso.datetime({ offset: false }),
  feeds: z.array(FeedOutcome),
  counts: z.object({
    /** Feed items read across all feeds. */
    seen: z.number().int().min(0),
    /** Article pages fetched. */
    fetched: z.number().int().min(0),
    /** Items this run processed: new ones, and earlier ones due for a retry. */
    new: z.number().int().min(0),
    /** Stored under `articles/`. */
    accepted: z.number().int().min(0),
    /** Of the accepted, how many are bilateral (feed-worthy). */
    bilateral: z.number().int().min(0),
    /** Stored under `rejected/`. */
    rejected: z.number().int().min(0),
    /** Failed for a transient reason; retried by a later run. */
    errors: z.number().int().min(0),
  }),
  /** Extractor that produced each accepted article's body, with counts. */
  extractors: z.record(z.string(), z.number().int().min(0)),
  /** Pages where the Kazinform extractor found no body but a fallback did: the markup has likely changed. */
  layoutBroken: z.array(z.string()),
  errors: z.array(RunError),
  published: z.boolean(),
});
export type RunReport = z.infer<typeof RunReport>;
