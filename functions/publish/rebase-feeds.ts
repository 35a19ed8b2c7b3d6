import { randomUUID } from 'node:crypto';
import { publicBaseUrl as checkedBaseUrl } from '../../schemas/addresses.ts';
import { FeedMembership } from '../../schemas/index-entry.ts';
import { keys } from '../lib/keys.ts';
import { acquireLease, LeaseHeld } from '../lib/lease.ts';
import type { Logger } from '../lib/log.ts';
import type { Store } from '../lib/store.ts';
import { renderAgain } from './index.ts';

/** As long as a publish may take: the rebase is one render per feed and page. */
const REBASE_LEASE_TTL_MS = 10 * 60_000;

/**
 * Renders every feed, atlas page and the OPML list again for `publicBaseUrl`, writing those whose
 * bytes differ: a base URL given on a run or a reprocess that stored little or nothing new would
 * otherwise reach few feeds and pages or none. Under the publish
 * lease; returns the keys written (none before the first publish).
 */
export async function rebaseFeeds(store: Store, publicBaseUrl: string, now: Date = new Date()): Promise<string[]> {
  // Refused (thrown) before anything is written: an http(s) URL, without trailing slashes.
  const base = checkedBaseUrl(publicBaseUrl);
  const lease = await acquireLease(store, `rebase:${randomUUID()}`, REBASE_LEASE_TTL_MS, now, keys.publishLease);
  try {
    const membership = (await store.getJson(keys.members, FeedMembership))?.value;
    return membership ? await renderAgain(store, { membership, base }, true, now.toISOString()) : [];
  } finally {
    await lease.release();
  }
}

/** rebaseFeeds for a command given --public-url: says what it did, and leaves it to the next one when a publish is running. */
export async function applyPublicUrl(store: Store, publicBaseUrl: string, log: Logger): Promise<void> {
  try {
    log.info(`self links: ${(await rebaseFeeds(store, publicBaseUrl)).length} feed files and pages rewritten to name ${publicBaseUrl}`);
  } catch (error) {
    if (!(error instanceof LeaseHeld)) throw error;
    log.warn(`self links not rewritten: ${error.message}; run the command again with --public-url once that publish is done`);
  }
}
