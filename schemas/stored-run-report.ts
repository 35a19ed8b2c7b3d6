import * as z from './zod.ts';
import { FeedOutcome, RunReport } from './run-report.ts';

/**
 * A run report as any version stored it: `runs/` is history, never rewritten, so `check` and
 * readers take older shapes as they are. Reports written before 2026-12-06 name no `source` or
 * `kind` for a feed, and count no `blocked` pages. Its own module: the ingest bundle imports
 * run-report.ts, and has no use for it.
 */
export const StoredRunReport = z.extend(RunReport, {
  feeds: z.array(z.extend(FeedOutcome, { source: z.optional(FeedOutcome.shape.source), kind: z.optional(FeedOutcome.shape.kind) })),
  counts: z.extend(RunReport.shape.counts, { blocked: z.optional(RunReport.shape.counts.shape.blocked) }),
});
