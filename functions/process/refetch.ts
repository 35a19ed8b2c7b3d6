import pLimit from 'p-limit';
import { RejectedItem } from '../../schemas/rejected.ts';
import { storedJson } from '../lib/dated-keys.ts';
import type { HttpClient } from '../lib/http.ts';
import { type RenewableLease, renewalAsItGoes } from '../lib/lease.ts';
import { type Logger, silentLogger } from '../lib/log.ts';
import type { Store, UnreadableObject } from '../lib/store.ts';
import { clearEarlierRejections, processItem } from './index.ts';

export interface RefetchOptions {
  from?: string;
  to?: string;
  /** Only records whose reason contains this text (case ignored), e.g. `block page`. */
  reason?: string;
  concurrency: number;
  pipelineVersion: string;
  log?: Logger;
  now?: () => Date;
  /** Renewed before each item, once a third of its TTL has passed (see reprocess). */
  lease?: RenewableLease;
}

export interface RefetchResult {
  /** Rejection records read in the range that matched `reason`. */
  examined: number;
  /** Fetched again and stored as articles (or found stored already): their rejection records are removed. */
  stored: number;
  /** Fetched again and rejected again: the new record, with its new reason, replaces the old. */
  rejected: number;
  /** Failed again (network, 5xx, a challenge): the old record stands, a later refetch may do better. */
  failed: number;
  /** Not fetched: the allowlist refuses their host (a store filled with `--feed` and `--allow-host`). Their records stand. */
  notAllowed: number;
}

/** A rejection record's key and item (its candidate article, which may be large, is not kept). */
interface Filed {
  key: string;
  item: RejectedItem['item'];
}

async function rejectionsIn(store: Store, options: RefetchOptions, log: Logger): Promise<Filed[]> {
  const wanted = options.reason?.toLowerCase();
  const found: Filed[] = [];
  const skip = (error: UnreadableObject) => log.warn(`skipped ${error.key}: ${error.reason}`);
  for await (const { key, value } of storedJson(store, 'rejected', RejectedItem, options.from, options.to, skip)) {
    if (!wanted || value.reason.toLowerCase().includes(wanted)) found.push({ key, item: value.item });
  }
  return found;
}

/**
 * Fetches rejected items again, for a cause that has passed: a page that was blocked, missing or
 * not HTML for a while, an item given up after its attempts. Each goes through the process stage
 * as in a run; one stored now loses its rejection record, one rejected again gets its new reason,
 * one that fails again keeps its old record. (A page kept under `raw/` that an older version could
 * not read needs no fetch: `reprocess` reads it again. Refetch takes the page as the site serves it
 * now.)
 */
export async function refetch(store: Store, http: HttpClient, options: RefetchOptions): Promise<RefetchResult> {
  const log = options.log ?? silentLogger;
  const now = options.now ?? (() => new Date());
  const result: RefetchResult = { examined: 0, stored: 0, rejected: 0, failed: 0, notAllowed: 0 };
  const filed = await rejectionsIn(store, options, log);
  result.examined = filed.length;
  // The listing may have taken a while: the lease is renewed before any fetch, and then as it goes.
  const listed = now();
  await options.lease?.renew(listed);
  const renew = renewalAsItGoes(options.lease, listed);
  const limit = pLimit(options.concurrency);
  let done = 0;
  let stopped: unknown;
  // allSettled, not all: a store failure must not leave other items writing after the command ended.
  const settled = await Promise.allSettled(filed.map(({ key, item }) => limit(async () => {
    if (stopped) return;
    try {
      await renew(now());
    } catch (error) {
      // The lease is lost (a run took it over): nothing more is fetched or written.
      stopped ??= error;
      throw error;
    }
    // An address the allowlist refuses would be rejected again for a setting of this command, its
    // record's reason lost: left as it is, and said.
    if (!http.allows(new URL(item.url))) {
      result.notAllowed += 1;
      log.warn(`[${++done}/${filed.length}] not fetched ${item.id}: host ${new URL(item.url).host} is not allowed (give it with --allow-host): ${item.url}`);
      return;
    }
    const outcome = await processItem(item, { store, http, pipelineVersion: options.pipelineVersion, now });
    if (outcome.status === 'accepted') {
      await clearEarlierRejections(store, [key]);
      result.stored += 1;
    } else if (outcome.status === 'rejected') {
      if (outcome.key !== key) await clearEarlierRejections(store, [key]);
      result.rejected += 1;
    } else {
      result.failed += 1;
    }
    const detail = outcome.status !== 'accepted' ? outcome.reason : outcome.duplicate ? `already stored as ${outcome.key}` : outcome.bilateral ? 'bilateral' : 'not bilateral';
    log.info(`[${++done}/${filed.length}] ${outcome.status === 'accepted' ? 'stored' : outcome.status} ${item.id}: ${detail}`);
  })));
  if (stopped) throw stopped;
  const broken = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (broken) throw broken.reason;
  return result;
}
