import * as z from 'zod';
import { SourceItem } from './source-item.ts';

export const FeedValidators = z.object({
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  checkedAt: z.iso.datetime({ offset: false }),
});

export const ItemState = z.object({
  /**
   * pending: found by this poll; queued: handed to the process queue (which retries it);
   * done: stored or rejected; retry: failed transiently, tried again by later runs; failed: gave up.
   */
  status: z.enum(['pending', 'queued', 'done', 'retry', 'failed']),
  attempts: z.number().int().min(0),
  lastSeenAt: z.iso.datetime({ offset: false }),
  /** Kept while the item still has to be (re)tried, so a later run can retry it without the feed. */
  item: SourceItem.optional(),
  lastError: z.string().optional(),
});
export type ItemState = z.infer<typeof ItemState>;

/** `state/ingest.json`: what ingest needs to poll politely and never process an item twice. */
export const IngestState = z.object({
  feeds: z.record(z.string(), FeedValidators),
  items: z.record(z.string(), ItemState),
});
export type IngestState = z.infer<typeof IngestState>;
