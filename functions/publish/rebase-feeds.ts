import { randomUUID } from 'node:crypto';
import { publicBaseUrl as checkedBaseUrl } from '../../schemas/addresses.ts';
import { FeedIndex, FeedMembership } from '../../schemas/index-entry.ts';
import { keys } from '../lib/keys.ts';
import { acquireLease, LeaseHeld } from '../lib/lease.ts';
import type { Logger } from '../lib/log.ts';
import type { Store } from '../lib/store.ts';
import { publish, type PublishOptions, type PublishResult, renderFeedFiles, writeFeedFile } from './index.ts';
import { rebaseOpml } from './site/update-site.ts';

/** As long as a publish may take: the rebase is one render per feed. */
const REBASE_LEASE_TTL_MS = 10 * 60_000;

/**
 * Re-renders every feed whose self links do not name `publicBaseUrl`, from the feeds' indexes, and
 * the OPML list that links them: a publish renders only the feeds that new articles enter, so a
 * base URL given on a run or a reprocess that stored little or nothing new would otherwise reach
 * few feeds or none. Under the publish lease; returns the keys written.
 */
export async function rebaseFeeds(store: Store, publicBaseUrl: string, now: Date = new Date()): Promise<string[]> {
  // Refused (thrown) before anything is written: an http(s) URL, without trailing slashes.
  const base = checkedBaseUrl(publicBaseUrl);
  const lease = await acquireLease(store, `rebase:${randomUUID()}`, REBASE_LEASE_TTL_MS, now, keys.publishLease);
  try {
    const written: string[] = [];
    for await (const indexKey of store.list(keys.feedIndexPrefix)) {
      const index = (await store.getJson(indexKey, FeedIndex))?.value;
      if (!index) continue;
      for (const file of renderFeedFiles(keys.feedOfIndex(indexKey), index.entries, base, index.updatedAt)) {
        const stored = await store.get(file.key);
        if (!stored || new TextDecoder().decode(stored.body) !== file.body) written.push(await writeFeedFile(store, file));
      }
    }
    // The OPML list names every feed's URL under the base too (the atlas pages name none).
    written.push(...(await rebaseOpml(store, base)));
    const membership = (await store.getJson(keys.members, FeedMembership))?.value;
    if (membership && membership.publicBaseUrl !== base) await store.putJson(keys.members, { ...membership, publicBaseUrl: base } satisfies FeedMembership, { schema: FeedMembership });
    return written;
  } finally {
    await lease.release();
  }
}

/** rebaseFeeds for a command given --public-url: says what it did, and leaves it to the next one when a publish is running. */
export async function applyPublicUrl(store: Store, publicBaseUrl: string, log: Logger): Promise<void> {
  try {
    log.info(`self links: ${(await rebaseFeeds(store, publicBaseUrl)).length} feed files rewritten to name ${publicBaseUrl}`);
  } catch (error) {
    if (!(error instanceof LeaseHeld)) throw error;
    log.warn(`self links not rewritten: ${error.message}; run the command again with --public-url once that publish is done`);
  }
}

/**
 * A deployment's publish. When the deployment's address changed since the feeds were published (a
 * custom domain added or removed), every feed's self links and the OPML list's are rewritten
 * first: a publish alone rewrites them only in the feeds new articles enter. The rebase records
 * the new address last, so one cut short is done again by the next publish.
 */
export async function publishDeployment(store: Store, options: PublishOptions & { publicBaseUrl: string }): Promise<PublishResult & { rebased: string[] }> {
  const base = checkedBaseUrl(options.publicBaseUrl);
  const published = (await store.getJson(keys.members, FeedMembership))?.value.publicBaseUrl;
  const rebased = published !== undefined && published !== base ? await rebaseFeeds(store, base) : [];
  return { ...(await publish(store, { ...options, publicBaseUrl: base })), rebased };
}
