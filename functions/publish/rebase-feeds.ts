import { randomUUID } from 'node:crypto';
import { publicBaseUrl as checkedBaseUrl } from '../../schemas/addresses.ts';
import { FeedMembership } from '../../schemas/index-entry.ts';
import { DEFAULT_CONFIG } from '../lib/config.ts';
import { keys } from '../lib/keys.ts';
import { acquireLease, LeaseHeld } from '../lib/lease.ts';
import type { Logger } from '../lib/log.ts';
import type { Store } from '../lib/store.ts';
import { RENDER_FORMAT } from './feed-files.ts';
import { renderAgain } from './index.ts';
import { membershipRebuiltIfLost } from './membership.ts';

/** As long as a publish may take: the rebase is one render per feed and page. */
const REBASE_LEASE_TTL_MS = 10 * 60_000;

/**
 * Renders every feed, atlas page and the OPML list again for `publicBaseUrl`, writing those whose
 * bytes differ: a base URL given on a run or a reprocess that stored little or nothing new would
 * otherwise reach few feeds and pages or none. Under the publish lease; returns the keys written,
 * or null when nothing is published yet: then the base is recorded for the first publish, which
 * may come from a command without the flag (a run that stored nothing, then a refetch).
 */
export async function rebaseFeeds(store: Store, publicBaseUrl: string, now: Date = new Date()): Promise<string[] | null> {
  // Refused (thrown) before anything is written: an http(s) URL, without trailing slashes.
  const base = checkedBaseUrl(publicBaseUrl);
  const lease = await acquireLease(store, `rebase:${randomUUID()}`, REBASE_LEASE_TTL_MS, now, keys.publishLease);
  try {
    const { membership } = await membershipRebuiltIfLost(store, now, DEFAULT_CONFIG.feedSize);
    if (membership) return await renderAgain(store, { membership, base }, true, now.toISOString());
    // Nothing is rendered, so nothing is stale: the current rendering is recorded with the base.
    await store.putJson(keys.members, { updatedAt: now.toISOString(), publicBaseUrl: base, renderFormat: RENDER_FORMAT, feeds: {} } satisfies FeedMembership, { schema: FeedMembership });
    return null;
  } finally {
    await lease.release();
  }
}

/** rebaseFeeds for a command given --public-url: says what it did, and leaves it to the next one when a publish is running. */
export async function applyPublicUrl(store: Store, publicBaseUrl: string, log: Logger): Promise<void> {
  try {
    const written = await rebaseFeeds(store, publicBaseUrl);
    log.info(written ? `self links: ${written.length} feed files and pages rewritten to name ${publicBaseUrl}` : `self links: nothing is published yet; the first publish names ${publicBaseUrl}`);
  } catch (error) {
    if (!(error instanceof LeaseHeld)) throw error;
    log.warn(`self links not rewritten: ${error.message}; run the command again with --public-url once that publish is done`);
  }
}
