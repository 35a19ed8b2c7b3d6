import * as z from 'zod';

/** One item taken from a Kazinform RSS feed, before its page is fetched. */
export const SourceItem = z.object({
  /** Stable article id derived from the URL (see functions/lib/urls.ts). */
  id: z.string().min(1),
  /** Canonical article URL: tracking parameters and fragment removed. */
  url: z.url({ protocol: /^https?$/ }),
  feedUrl: z.url({ protocol: /^https?$/ }),
  title: z.string(),
  /** The feed's pubDate in UTC, when it had a parseable one. */
  publishedAt: z.iso.datetime({ offset: false }).nullable(),
  /** The feed's language hint (`ru`, `kk`, ...), when it declared one. */
  feedLanguage: z.string().nullable(),
});
export type SourceItem = z.infer<typeof SourceItem>;
