import * as z from 'zod';

export const FeedConfig = z.object({
  url: z.url({ protocol: /^https?$/ }),
  /** Language hint for items of this feed; the text's script decides in the end. */
  language: z.string().min(2).optional(),
});
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
  /** Public base URL the feeds are served from (self links); null = as last published. */
  publicBaseUrl: z.url().nullable(),
});
export type PipelineConfig = z.infer<typeof PipelineConfig>;
