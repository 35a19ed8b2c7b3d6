import pLimit from 'p-limit';
import type { FeedConfig } from '../../schemas/config.ts';
import type { FeedOutcome, RunError } from '../../schemas/run-report.ts';
import type { SourceItem } from '../../schemas/source-item.ts';
import { IngestState } from '../../schemas/state.ts';
import { DEFAULT_CONFIG } from '../lib/config.ts';
import type { HttpClient } from '../lib/http.ts';
import { keys } from '../lib/keys.ts';
import { recoverIngestState } from '../lib/ingest-state-recovery.ts';
import { type Logger, silentLogger } from '../lib/log.ts';
import { type Store, UnreadableObject } from '../lib/store.ts';
import { pollSource } from './poll-source.ts';

export interface IngestDeps {
  store: Store;
  http: HttpClient;
  now?: () => Date;
  /** Where a rebuilt ingest state is reported (see recoverIngestState). */
  log?: Logger;
  /** Items one source yields per poll at most (PipelineConfig.maxItemsPerSource). */
  maxItemsPerSource?: number;
  /** Pages of a paginated list read per poll at most (PipelineConfig.maxListPages). */
  maxListPages?: number;
  /** New items one source hands to this run at most (PipelineConfig.newItemsPerRun). */
  newItemsPerRun?: number;
}

export interface IngestResult {
  /** The state with this poll applied; the caller saves it once the items are safe. */
  state: IngestState;
  stateEtag: string | undefined;
  /** Items to process: new ones, plus earlier ones waiting for a retry. */
  items: SourceItem[];
  feeds: FeedOutcome[];
  /** Feed entries read, across feeds. */
  seen: number;
  /** New items left for later runs by the per-run limit, across sources. */
  waiting: number;
  errors: RunError[];
}

/** Items no source has shown for this long are forgotten (they will not come back), and sources not polled for as long. */
const FORGET_AFTER_MS = 45 * 86_400_000;

export async function loadIngestState(store: Store): Promise<{ state: IngestState; etag: string | undefined }> {
  const stored = await store.getJson(keys.ingestState, IngestState);
  return stored ? { state: stored.value, etag: stored.etag } : { state: { feeds: {}, sources: {}, items: {} }, etag: undefined };
}

/**
 * The ingest state, after setting aside and rebuilding one that cannot be read or fits no schema,
 * so one damaged object does not fail every run. Called under the run lease.
 */
async function loadOrRecoverIngestState(deps: IngestDeps, now: Date): Promise<{ state: IngestState; etag: string | undefined }> {
  try {
    return await loadIngestState(deps.store);
  } catch (error) {
    if (!(error instanceof UnreadableObject) || error.key !== keys.ingestState) throw error;
    await recoverIngestState(deps.store, error.reason, deps.log ?? silentLogger, now);
    return loadIngestState(deps.store);
  }
}

/**
 * The ingest stage: polls every source (a URL, or an edition's candidates in turn) with a
 * conditional GET (an unchanged source costs one 304), reads it whatever its kind, and returns the
 * items not processed yet. A source that fails is reported, not fatal; an unreadable ingest state
 * is set aside and rebuilt from the archive.
 */
export async function ingest(feeds: readonly FeedConfig[], deps: IngestDeps): Promise<IngestResult> {
  const nowDate = (deps.now ?? (() => new Date()))();
  const now = nowDate.toISOString();
  const { state, etag } = await loadOrRecoverIngestState(deps, nowDate);
  const items = new Map<string, SourceItem>();
  const errors: RunError[] = [];
  let seen = 0;
  let waiting = 0;
  const perRun = deps.newItemsPerRun ?? DEFAULT_CONFIG.newItemsPerRun;

  const poll = async (feed: FeedConfig): Promise<FeedOutcome> => {
    const validated: string[] = [];
    const polled = await pollSource(feed, { http: deps.http, state, now: nowDate, maxItems: deps.maxItemsPerSource ?? DEFAULT_CONFIG.maxItemsPerSource,
      maxListPages: deps.maxListPages ?? DEFAULT_CONFIG.maxListPages, validated });
    const { outcome } = polled;
    for (const skipped of polled.skipped) {
      const error = { stage: 'ingest' as const, url: outcome.url, message: `feed entry ${JSON.stringify(skipped.entry)} skipped: ${skipped.reason}` };
      errors.push(error);
      (deps.log ?? silentLogger).warn(`${error.message} (source ${error.url})`);
    }
    if (outcome.status === 'error' || outcome.status === 'blocked') {
      errors.push({ stage: 'ingest', url: outcome.url, message: `${outcome.status === 'blocked' ? 'blocked: ' : ''}${outcome.error ?? 'failed'}` });
    }
    seen += polled.items.length;
    const fresh: SourceItem[] = [];
    for (const item of polled.items) {
      const known = state.items[item.id];
      if (known) known.lastSeenAt = now;
      if ((known && known.status !== 'pending') || items.has(item.id)) continue;
      if (known) {
        items.set(item.id, item);
        outcome.newItems += 1;
      } else fresh.push(item);
    }
    const taken = newestFirst(fresh).slice(0, perRun);
    for (const item of taken) {
      if (items.has(item.id)) continue;
      items.set(item.id, item);
      state.items[item.id] = { status: 'pending', attempts: 0, lastSeenAt: now, item };
      outcome.newItems += 1;
    }
    const left = fresh.length - taken.length;
    if (left > 0) {
      outcome.waiting = left;
      waiting += left;
      // The source must be read in full next time, not answered with a 304: the rest are in it.
      for (const url of validated) {
        const read = state.feeds[url];
        if (read) state.feeds[url] = { checkedAt: read.checkedAt, ...(read.kind ? { kind: read.kind } : {}) };
      }
    }
    return outcome;
  };

  const limit = pLimit(4);
  const outcomes = await Promise.all(feeds.map((feed) => limit(() => poll(feed))));

  // Items a previous run could not finish come back without their feed having changed.
  for (const [id, known] of Object.entries(state.items)) {
    if ((known.status === 'retry' || known.status === 'pending') && known.item && !items.has(id)) items.set(id, known.item);
  }
  return { state, stateEtag: etag, items: [...items.values()], feeds: outcomes, seen, waiting, errors };
}

/** Items with the newest source date first; undated ones after them, in the source's order. */
function newestFirst(items: readonly SourceItem[]): SourceItem[] {
  return items
    .map((item, order) => ({ item, order, t: item.publishedAt ? Date.parse(item.publishedAt) : Number.NEGATIVE_INFINITY }))
    .sort((a, b) => b.t - a.t || a.order - b.order)
    .map(({ item }) => item);
}

/** How long a source may answer only with challenges before the stack's alarm should go off. */
export const BLOCKED_ALARM_MS = 24 * 3_600_000;

/** The sources blocked for at least BLOCKED_ALARM_MS. */
export function blockedForADay(outcomes: readonly FeedOutcome[], now: Date): string[] {
  return outcomes.filter((o) => o.blockedSince && now.getTime() - Date.parse(o.blockedSince) >= BLOCKED_ALARM_MS).map((o) => o.source);
}

/**
 * The sources the source-failing alarm counts for a run: those that failed or were blocked, and
 * editions none of whose candidates listed an item (an edition is never quiet: its site changed).
 * A source blocked for a day or more no longer counts: the alarm has spoken for it, and would
 * otherwise stay on for good and hide every other source's failure (its log line goes on).
 */
export function failingSources(outcomes: readonly FeedOutcome[], now: Date): string[] {
  const longBlocked = new Set(blockedForADay(outcomes, now));
  return outcomes
    .filter((o) => o.status === 'error' || o.status === 'blocked' || (o.status === 'empty' && o.candidates !== undefined))
    .map((o) => o.source)
    .filter((source) => !longBlocked.has(source));
}

export type ItemResult = {
  id: string;
  status: 'accepted' | 'rejected' | 'failed';
  reason?: string;
  blocked?: boolean;
  /** The id of the URL the item's page redirected to: done as well, so a source listing it does not fetch it again. */
  articleId?: string;
};

/**
 * An item whose page keeps answering with a challenge is given up after this long: its tries do
 * not count as attempts (the page is fine, the way to it is not), but they cannot go on forever.
 */
export const BLOCKED_GIVE_UP_MS = 7 * 86_400_000;

/**
 * Applies processing outcomes to the state: done items are never fetched again; a failed item
 * is retried by later runs until `maxAttempts`, then left as failed (its rejection is on record);
 * a blocked one is retried without counting, for BLOCKED_GIVE_UP_MS.
 */
export function recordOutcomes(state: IngestState, results: readonly ItemResult[], maxAttempts: number, now: Date): IngestState {
  for (const result of results) {
    const known = state.items[result.id];
    if (!known) continue;
    if (result.status === 'failed' && result.blocked) {
      const blockedSince = known.blockedSince ?? now.toISOString();
      const givenUp = now.getTime() - Date.parse(blockedSince) >= BLOCKED_GIVE_UP_MS;
      state.items[result.id] = { ...known, status: givenUp ? 'failed' : 'retry', blockedSince, lastError: result.reason };
    } else if (result.status === 'failed') {
      const attempts = known.attempts + 1;
      const { blockedSince: _, ...rest } = known;
      state.items[result.id] = { ...rest, status: attempts >= maxAttempts ? 'failed' : 'retry', attempts, lastError: result.reason };
    } else {
      state.items[result.id] = { status: 'done', attempts: known.attempts + 1, lastSeenAt: known.lastSeenAt };
      if (result.articleId && !state.items[result.articleId]) state.items[result.articleId] = { status: 'done', attempts: 1, lastSeenAt: known.lastSeenAt };
    }
  }
  return forgetOldItems(state, now);
}

/**
 * Forgets finished items no source has shown for 45 days, and sources not polled for as long (a
 * feed dropped from the configuration), so the state stays the size of the sources' window.
 */
export function forgetOldItems(state: IngestState, now: Date): IngestState {
  const stale = (iso: string) => now.getTime() - Date.parse(iso) > FORGET_AFTER_MS;
  for (const [id, known] of Object.entries(state.items)) {
    if (known.status !== 'pending' && known.status !== 'retry' && stale(known.lastSeenAt)) delete state.items[id];
  }
  for (const [url, feed] of Object.entries(state.feeds)) if (stale(feed.checkedAt)) delete state.feeds[url];
  for (const [name, source] of Object.entries(state.sources)) if (stale(source.checkedAt)) delete state.sources[name];
  return state;
}

/**
 * Marks items as handed to a durable queue: ingest will not hand them out again, the queue's
 * own retries and dead-letter queue take over.
 */
export function markQueued(state: IngestState, ids: readonly string[]): IngestState {
  for (const id of ids) {
    const known = state.items[id];
    if (known) state.items[id] = { status: 'queued', attempts: known.attempts, lastSeenAt: known.lastSeenAt };
  }
  return state;
}

/** How final an item's status is: when two writers disagree, the more final one wins. */
const FINALITY: Record<IngestState['items'][string]['status'], number> = { pending: 0, retry: 1, queued: 2, failed: 3, done: 4 };

/** Per key, the entry checked later (this run's on a tie). */
function laterChecked<T extends { checkedAt: string }>(stored: Record<string, T>, ours: Record<string, T>): Record<string, T> {
  const merged = { ...stored };
  for (const [key, mine] of Object.entries(ours)) {
    const theirs = merged[key];
    if (!theirs || Date.parse(mine.checkedAt) >= Date.parse(theirs.checkedAt)) merged[key] = mine;
  }
  return merged;
}

/**
 * Merges this run's state into a fresher stored one (another writer got there first): per source
 * URL and per configured source, the later check wins; per item, the more final status (done >
 * failed > queued > retry > pending), then the one with more attempts, then this run's. Nothing
 * either side knew is lost.
 */
export function mergeIngestState(stored: IngestState, ours: IngestState): IngestState {
  const feeds = laterChecked(stored.feeds, ours.feeds);
  const sources = laterChecked(stored.sources, ours.sources);
  const items = { ...stored.items };
  for (const [id, mine] of Object.entries(ours.items)) {
    const theirs = items[id];
    const rank = (s: typeof mine) => FINALITY[s.status] * 1e6 + s.attempts;
    if (!theirs || rank(mine) >= rank(theirs)) items[id] = mine;
  }
  return { feeds, sources, items };
}

/**
 * Saves the state with optimistic concurrency: written only if the stored state is still the one
 * this run read (`If-Match`), else re-read, merged (mergeIngestState) and written again.
 * Returns the state as written.
 */
export async function saveIngestState(store: Store, state: IngestState, etag: string | undefined, attempts = 5): Promise<IngestState> {
  let next = state;
  let expected = etag;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const written = await store.putJson(keys.ingestState, next, expected ? { ifMatch: expected } : { ifNoneMatch: '*' });
    if (written) return next;
    const fresh = await loadIngestState(store);
    next = mergeIngestState(fresh.state, state);
    expected = fresh.etag;
  }
  throw new Error(`${keys.ingestState} kept changing under this run; gave up after ${attempts} attempts (this run's state was not saved)`);
}
