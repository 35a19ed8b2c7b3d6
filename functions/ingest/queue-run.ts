import type { FeedConfig } from '../../schemas/config.ts';
import type { FeedOutcome, RunError } from '../../schemas/run-report.ts';
import type { SourceItem } from '../../schemas/source-item.ts';
import type { HttpClient } from '../lib/http.ts';
import { keys } from '../lib/keys.ts';
import { acquireLease, LeaseHeld } from '../lib/lease.ts';
import type { Logger } from '../lib/log.ts';
import { anyKey, type Store } from '../lib/store.ts';
import { blockedForADay, failingSources, forgetOldItems, ingest, markQueued, saveIngestState } from './index.ts';

/** Where a queued run hands its items: the process queue, and a request for one delayed publish (a one-time schedule when deployed). */
export interface ItemQueue {
  /** Returns the ids the queue accepted and, with why, the ones it refused. */
  send(items: readonly SourceItem[]): Promise<{ sent: string[]; failed: { id: string; reason: string }[] }>;
  requestPublish(queued: number): Promise<void>;
}

export interface QueuedRun {
  status: 'done' | 'skipped';
  feeds: FeedOutcome[];
  errors: RunError[];
  seen: number;
  queued: number;
  /** Items the queue refused: they stay pending and the next run sends them again. */
  refused: { id: string; reason: string }[];
  publishRequested: boolean;
  /** Sources that have answered only with challenges or block pages for a day or more. */
  blockedForADay: string[];
  /** The sources the source-failing alarm counts for this run (failingSources). */
  failing: string[];
  /** Why the run was skipped: the run lease's holder. */
  skippedFor?: LeaseHeld;
}

/**
 * An ingest run that hands its items to a durable queue (the deployed path): take the run lease,
 * poll the sources, queue the new items, mark exactly those the queue accepted, save the state
 * while still holding the lease, and ask for one publish if anything is on its way. A run that
 * finds the lease held does nothing.
 */
export async function ingestIntoQueue(
  feeds: readonly FeedConfig[],
  deps: { store: Store; http: HttpClient; queue: ItemQueue; owner: string; leaseTtlMs: number; now?: () => Date; log?: Logger; maxItemsPerSource?: number; maxListPages?: number; newItemsPerRun?: number },
): Promise<QueuedRun> {
  const now = deps.now ?? (() => new Date());
  let lease;
  try {
    lease = await acquireLease(deps.store, deps.owner, deps.leaseTtlMs, now());
  } catch (error) {
    if (!(error instanceof LeaseHeld)) throw error;
    return { status: 'skipped', feeds: [], errors: [], seen: 0, queued: 0, refused: [], publishRequested: false, blockedForADay: [], failing: [], skippedFor: error };
  }
  try {
    const result = await ingest(feeds, { store: deps.store, http: deps.http, now, log: deps.log, maxItemsPerSource: deps.maxItemsPerSource, maxListPages: deps.maxListPages, newItemsPerRun: deps.newItemsPerRun });
    const { sent, failed } = await deps.queue.send(result.items);
    forgetOldItems(markQueued(result.state, sent), now());
    await lease.renew(now());
    await saveIngestState(deps.store, result.state, result.stateEtag);
    const publishRequested = sent.length > 0 || (await anyKey(deps.store, keys.pendingPrefix));
    if (publishRequested) await deps.queue.requestPublish(sent.length);
    return {
      status: 'done', feeds: result.feeds, errors: result.errors, seen: result.seen, queued: sent.length, refused: failed, publishRequested,
      blockedForADay: blockedForADay(result.feeds, now()),
      failing: failingSources(result.feeds, now()),
    };
  } finally {
    await lease.release();
  }
}
