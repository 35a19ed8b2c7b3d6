import * as z from './zod.ts';
import { SourceKind } from './run-report.ts';
import { SourceItem } from './source-item.ts';

/** Per source URL: the validators of its last usable answer, and what it was. */
export const FeedValidators = z.object({
  etag: z.optional(z.string()),
  lastModified: z.optional(z.string()),
  checkedAt: z.iso.datetime({ offset: false }),
  /** The kind it served, reported again when it answers 304. */
  kind: z.optional(SourceKind),
});

/** Per configured source (an edition's name, or a single source's URL). */
export const SourceState = z.object({
  /** The candidate that last served; tried first. */
  servedBy: z.optional(z.url()),
  /** When the candidates before it were last tried again. */
  probedAt: z.optional(z.iso.datetime({ offset: false })),
  /** Since when every candidate has answered with a challenge or block page. */
  blockedSince: z.optional(z.iso.datetime({ offset: false })),
  checkedAt: z.iso.datetime({ offset: false }),
});
export type SourceState = z.infer<typeof SourceState>;

export const ItemState = z.object({
  /**
   * pending: found by this poll; queued: handed to the process queue (which retries it);
   * done: stored or rejected; retry: failed transiently, tried again by later runs; failed: gave up.
   */
  status: z.enum(['pending', 'queued', 'done', 'retry', 'failed']),
  attempts: z.number().check(z.int(), z.gte(0)),
  lastSeenAt: z.iso.datetime({ offset: false }),
  /** Kept while the item still has to be (re)tried, so a later run can retry it without the feed. */
  item: z.optional(SourceItem),
  lastError: z.optional(z.string()),
  /** Since when its page has answered with a challenge or block page (such tries are not counted as attempts). */
  blockedSince: z.optional(z.iso.datetime({ offset: false })),
});
export type ItemState = z.infer<typeof ItemState>;

/** `state/ingest.json`: what ingest needs to poll politely and never process an item twice. */
export const IngestState = z.object({
  feeds: z.record(z.string(), FeedValidators),
  /** Absent in states written before sources had candidates. */
  sources: z._default(z.record(z.string(), SourceState), {}),
  items: z.record(z.string(), ItemState),
});
export type IngestState = z.infer<typeof IngestState>;
