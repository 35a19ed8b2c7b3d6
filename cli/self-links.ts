import { FeedMembership } from '../schemas/index-entry.ts';
import { keys } from '../functions/lib/keys.ts';
import type { Logger } from '../functions/lib/log.ts';
import { noneIfUnreadable, type Store } from '../functions/lib/store.ts';

/**
 * The base URL the feeds' self links were last published for, when it is a port on this machine
 * (one that may be dead); a deployment's address, or an unreadable index/members.json (check
 * names it), gives none.
 */
export async function localPublishedBase(store: Store): Promise<string | undefined> {
  const published = (await store.getJson(keys.members, FeedMembership).catch(noneIfUnreadable))?.value.publicBaseUrl;
  return published && new URL(published).hostname === '127.0.0.1' ? published : undefined;
}

/** Warns when the self links name another local address than the one serving them, and says how to rewrite them. */
export function warnOfSelfLinks(log: Logger, published: string | undefined, origin: string): void {
  if (!published || published === origin) return;
  log.warn(`the feeds' self links and feeds/feeds.opml name ${published}, where they were last published, not ${origin}: a reader that follows them goes there. To rewrite them (nothing is fetched): npx kazfeed reprocess --public-url ${origin}`);
}
