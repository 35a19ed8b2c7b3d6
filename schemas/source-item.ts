import * as z from './zod.ts';

/** One item taken from a source (a feed, a sitemap, a list page), before its page is fetched. */
export const SourceItem = z.object({
  /** Stable article id derived from the URL (see functions/lib/urls.ts). */
  id: z.string().check(z.minLength(1)),
  /** Canonical article URL: tracking parameters and fragment removed. */
  url: z.url({ protocol: /^https?$/ }),
  feedUrl: z.url({ protocol: /^https?$/ }),
  /** The source's title for it (a list page's card heading): provisional, the page's own wins. */
  title: z.string(),
  /** The source's date in UTC, when it had a parseable one: provisional, the page's own wins. */
  publishedAt: z.nullable(z.iso.datetime({ offset: false })),
  /** Language hint (`ru`, `kk`, ...): the entry's, its edition's or the source's. */
  feedLanguage: z.nullable(z.string()),
});
export type SourceItem = z.infer<typeof SourceItem>;
