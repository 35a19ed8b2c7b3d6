import * as z from './zod.ts';
import { SourceItem } from './source-item.ts';

/** `rejected/YYYY/MM/DD/<id>.json`: an item that could not become a valid article, kept for review. */
export const RejectedItem = z.object({
  id: z.string().check(z.minLength(1)),
  item: SourceItem,
  rejectedAt: z.iso.datetime({ offset: false }),
  /** One line: why the item was rejected. */
  reason: z.string().check(z.minLength(1)),
  /** The zod issues, when validation failed. */
  issues: z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string(), code: z.string() })),
  rawKey: z.nullable(z.string()),
  /** The exception, when one was raised while the page became an article. */
  error: z.optional(z.object({
    stage: z.enum(['extract', 'normalise', 'classify']),
    name: z.string(),
    message: z.string(),
    /** The first frame of its stack: where it was thrown. */
    frame: z.nullable(z.string()),
  })),
  /** What normalisation produced, for debugging a validation failure. */
  candidate: z.optional(z.unknown()),
});
export type RejectedItem = z.infer<typeof RejectedItem>;
