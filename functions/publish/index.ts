import { randomUUID } from 'node:crypto';
import { publicBaseUrl } from '../../schemas/addresses.ts';
import { Article } from '../../schemas/article.ts';
import { FeedIndex, FeedMembership, IndexEntry } from '../../schemas/index-entry.ts';
import { servedBase } from '../lib/config.ts';
import { keys, utcDay } from '../lib/keys.ts';
import { acquireLease, LeaseHeld } from '../lib/lease.ts';
import type { Logger } from '../lib/log.ts';
import { noneIfUnreadable, type Store, UnreadableObject } from '../lib/store.ts';
import { mergeDailyArchive, updateManifest } from '../lib/archive.ts';
import { RENDER_FORMAT, renderFeedFiles, rerenderFeeds, writeFeedFile } from './feed-files.ts';
import { membershipRebuiltIfLost } from './membership.ts';
import { refillFeeds, type ShortFeed } from './refill.ts';
import { feedKeysOf, newestFirst, pairOfFeed } from './select.ts';
import { rekeySeries, updateSeries } from './series.ts';
import { redrawSite, updateSite } from './site/update-site.ts';

export interface PublishOptions {
  feedSize: number;
  /**
   * Where `feeds/` is served from, for self links (e.g. the CloudFront URL). Absent: the base the
   * feeds were last published for, so a local republish never rewrites a deployment's links.
   */
  publicBaseUrl?: string;
  /** Pending articles folded in per batch (default 500). */
  batchSize?: number;
  /**
   * Whether to bring the atlas (`site/`, `index/site/`, `feeds/feeds.opml`) up to date too. Off
   * unless asked for, so a caller whose role may not write the atlas publishes the feeds still.
   */
  site?: boolean;
  now?: () => Date;
  /** When the caller is sure to be gone (a Lambda invocation's end): the publish lease lasts no longer (see LeaseOptions). */
  leaseUntil?: Date;
  /** Called before each batch: a caller holding a lease of its own (check --repair's run lease) renews it there. */
  keepAlive?: () => Promise<void>;
}

export interface PublishResult {
  /** Articles folded in from `index/pending/`. */
  pending: number;
  /** Feed keys written. */
  feeds: string[];
  /** Daily archive days updated. */
  days: string[];
  /**
   * Feed files and atlas pages rendered again, whether new articles entered them or not, because
   * the base URL or the rendering (RENDER_FORMAT) changed since the last publish.
   */
  rerendered: string[];
  /**
   * Indexes that could not be read, or were gone while they were needed, and were rebuilt:
   * `index/members.json` from the feed indexes; a feed's (gone while articles were recorded in
   * the feed) from the daily archive, rather than left to shrink to this publish's articles.
   */
  recovered: string[];
  /**
   * Damaged objects (a series, an atlas state) that kept the series or the atlas from taking this
   * publish's articles: left as they are, for `kazfeed check --repair` to rebuild from the articles.
   */
  damaged: string[];
}

/** What a publish that found nothing to do, or did not run, reports. */
export function nothingPublished(): PublishResult {
  return { pending: 0, feeds: [], days: [], rerendered: [], recovered: [], damaged: [] };
}

/** Pending articles folded in per batch. */
const PUBLISH_BATCH = 500;
/** A publish not finished within this time is presumed dead, and its lease taken over. */
const PUBLISH_LEASE_TTL_MS = 10 * 60_000;

/**
 * Publishes, unless another publish (the deployed one, a run's, a reprocess) holds the publish
 * lease: then null, and a warning, since that one or the next publishes these articles too.
 */
export async function publishUnlessBusy(store: Store, options: PublishOptions, log: Logger): Promise<PublishResult | null> {
  try {
    return await publish(store, options);
  } catch (error) {
    if (!(error instanceof LeaseHeld)) throw error;
    log.warn(`publish skipped: ${error.message}`);
    return null;
  }
}

/**
 * The publish stage: folds the articles stored since the last publish into the recent-window
 * index, re-renders the feeds they enter or leave from it (no listing of the archive: a full feed
 * that articles leave reads the daily files back from its oldest day only until it is full again)
 * and merges them into the daily archive files of their days. Idempotent: a publish interrupted at any
 * point is completed by the next, because pending markers are removed last.
 */
export async function publish(store: Store, options: PublishOptions): Promise<PublishResult> {
  // A bad base URL is refused before anything is written: feeds would name it and index/members.json not be readable.
  if (options.publicBaseUrl !== undefined) options = { ...options, publicBaseUrl: publicBaseUrl(options.publicBaseUrl) };
  const now = (options.now ?? (() => new Date()))();
  const pendingKeys: string[] = [];
  for await (const key of store.list(keys.pendingPrefix)) pendingKeys.push(key);
  if (pendingKeys.length === 0 && !(await staleRendering(store, options.publicBaseUrl))) return nothingPublished();
  // One publish at a time, whoever runs it: two would each drop the other's index and archive entries.
  const lease = await acquireLease(store, `publish:${randomUUID()}`, PUBLISH_LEASE_TTL_MS, now, keys.publishLease, { until: options.leaseUntil });
  try {
    const recovered: string[] = [];
    const { membership, rebuilt } = await membershipRebuiltIfLost(store, now, options.feedSize);
    if (rebuilt) {
      options = { ...options, feedSize: membership?.feedSize ?? options.feedSize };
      recovered.push(keys.members);
    }
    const stale = await staleRendering(store, options.publicBaseUrl, membership);
    const rerendered = stale ? await renderAgain(store, stale, options.site ?? false, now.toISOString()) : [];
    if (stale) await lease.renew();
    const total: PublishResult = { pending: 0, feeds: [], days: [], rerendered, recovered, damaged: [] };
    // A backlog is published a batch at a time: memory stays bounded, and each finished batch
    // (its markers deleted) is progress that a publish cut short does not redo.
    const size = options.batchSize ?? PUBLISH_BATCH;
    for (let start = 0; start < pendingKeys.length; start += size) {
      if (start > 0) await lease.renew();
      await options.keepAlive?.();
      const batch = await publishPending(store, pendingKeys.slice(start, start + size), options, now.toISOString());
      total.pending += batch.pending;
      total.feeds = [...new Set([...total.feeds, ...batch.feeds])];
      total.days = [...new Set([...total.days, ...batch.days])].sort();
      total.recovered = [...new Set([...total.recovered, ...batch.recovered])];
      total.damaged = [...new Set([...total.damaged, ...batch.damaged])];
    }
    return total;
  } finally {
    await lease.release();
  }
}

/**
 * The published membership and the base to render for, when what is published was rendered for
 * another base URL or by another RENDER_FORMAT; null when it is current, or nothing was published yet.
 */
export async function staleRendering(store: Store, publicBaseUrl: string | undefined, read?: FeedMembership | null /* already read by the caller; null: none */): Promise<{ membership: FeedMembership; base: string } | null> {
  // Unreadable, it is rebuilt by the next publish that has articles, before it reads it again.
  const membership = read !== undefined ? read : (await store.getJson(keys.members, FeedMembership).catch(noneIfUnreadable))?.value;
  if (!membership) return null;
  const base = servedBase(publicBaseUrl, membership.publicBaseUrl);
  // A rendering recorded by a newer version is current too: two versions sharing a bucket do not undo each other.
  return (membership.renderFormat ?? 0) >= RENDER_FORMAT && membership.publicBaseUrl === base ? null : { membership, base };
}

/**
 * The rendering to record: this version's only when the atlas was drawn too (a publish without it
 * leaves the pages as they were, and the next publish that draws it must still find them stale),
 * and never below one a newer version recorded.
 */
function renderedWith(membership: FeedMembership | undefined, site: boolean): Pick<FeedMembership, 'renderFormat'> {
  const recorded = membership?.renderFormat;
  const format = site ? Math.max(recorded ?? 0, RENDER_FORMAT) : recorded;
  return format === undefined ? {} : { renderFormat: format };
}

/**
 * Every feed, and with `site` every atlas page and the OPML list, rendered again for the base
 * and by this RENDER_FORMAT; recorded last, so a publish cut short does it again. Call under the
 * publish lease; returns the keys written.
 */
export async function renderAgain(store: Store, { membership, base }: { membership: FeedMembership; base: string }, site: boolean, builtAt: string): Promise<string[]> {
  // The series first, rekeyed as this version keys them: the pair pages drawn next show them.
  await rekeySeries(store, builtAt);
  const written = [...(await rerenderFeeds(store, base)), ...(site ? await redrawSite(store, base) : [])];
  const { renderFormat: _, ...rest } = membership;
  await store.putJson(keys.members, { ...rest, updatedAt: builtAt, publicBaseUrl: base, ...renderedWith(membership, site) } satisfies FeedMembership, { schema: FeedMembership });
  return written;
}

/**
 * The feeds' size the store was last published with: what a command run against a deployment's
 * bucket keeps to (its `feedSize` setting, which the command's own defaults do not know).
 */
export async function publishedFeedSize(store: Store): Promise<number | undefined> {
  // Unreadable, it says nothing: `kazfeed check` names it and rebuilds it.
  return (await store.getJson(keys.members, FeedMembership).catch(noneIfUnreadable))?.value.feedSize;
}

/** A feed's change in one batch: the entries that (re)enter it, the ids that leave or are replaced. */
interface FeedChange {
  add: IndexEntry[];
  remove: Set<string>;
}

/**
 * The entries a feed's index shows, or null when the index is lost: unreadable, or gone while
 * articles are recorded in the feed (a deletion by hand). A new feed has no index and no members.
 */
async function shownIn(store: Store, xmlKey: string, members: ReadonlyMap<string, ReadonlySet<string>>): Promise<IndexEntry[] | null> {
  const index = await store.getJson(keys.feedIndex(xmlKey), FeedIndex).catch(noneIfUnreadable);
  if (index === undefined || (index === null && [...members.values()].some((feeds) => feeds.has(xmlKey)))) return null;
  return index?.value.entries ?? [];
}

async function publishPending(store: Store, pendingKeys: readonly string[], options: PublishOptions, builtAt: string): Promise<Omit<PublishResult, 'rerendered'>> {
  const byId = new Map<string, IndexEntry>();
  for (const key of pendingKeys) {
    const stored = await store.getJson(key, IndexEntry);
    if (stored) byId.set(stored.value.id, stored.value);
  }
  const pending = [...byId.values()];
  const membership = (await store.getJson(keys.members, FeedMembership))?.value;
  const members = new Map(Object.entries(membership?.feeds ?? {}).map(([id, feedKeys]) => [id, new Set(feedKeys)]));
  // The pairs an article was shown under before this batch: its figures leave their series if its pair changed.
  const formerPairs = new Map(pending.map((e) => [e.id, [...(members.get(e.id) ?? [])].flatMap(pairOfFeed)]));

  // Only the feeds an incoming article enters or leaves change; the others are not touched.
  const changes = new Map<string, FeedChange>();
  const change = (key: string) => changes.get(key) ?? changes.set(key, { add: [], remove: new Set() }).get(key) as FeedChange;
  for (const entry of pending) {
    const after = feedKeysOf(entry);
    for (const key of new Set([...(members.get(entry.id) ?? []), ...after])) change(key).remove.add(entry.id);
    for (const key of after) change(key).add.push(entry);
  }

  const base = servedBase(options.publicBaseUrl, membership?.publicBaseUrl);
  // A feed was full at the size it was last published with (a raised feedSize makes full feeds short).
  const fullAt = Math.min(options.feedSize, membership?.feedSize ?? options.feedSize);
  const planned = new Map<string, { shown: IndexEntry[]; add: IndexEntry[]; items: IndexEntry[] }>();
  const short = new Map<string, ShortFeed>();
  const recovered: string[] = [];
  for (const [xmlKey, { add, remove }] of [...changes].sort(([a], [b]) => a.localeCompare(b))) {
    const found = await shownIn(store, xmlKey, members);
    const shown = found ?? [];
    const kept = shown.filter((e) => !remove.has(e.id));
    const items = [...kept, ...add].sort(newestFirst).slice(0, options.feedSize);
    planned.set(xmlKey, { shown, add, items });
    // A full feed that articles left takes the next older ones of its kind, so it does not shrink
    // for good; judged on what it keeps, not on what enters (an entering article may be older than
    // those it lacks).
    const oldest = shown.at(-1); // an index is written newest first
    if (oldest && shown.length >= fullAt && kept.length < options.feedSize) {
      short.set(xmlKey, { kept: [...kept, ...add], missing: options.feedSize - kept.length, from: utcDay(oldest.publishedAt) });
    } else if (!found) {
      // A lost index is filled from the archive as a feed that every article left would be.
      recovered.push(keys.feedIndex(xmlKey));
      for (const feeds of members.values()) feeds.delete(xmlKey);
      short.set(xmlKey, { kept: add, missing: options.feedSize, from: utcDay(builtAt) });
    }
  }
  const refills = await refillFeeds(store, short, new Set(byId.keys()));
  const feeds: string[] = [];
  for (const [xmlKey, { shown, add, items: kept }] of planned) {
    const items = [...kept, ...(refills.get(xmlKey) ?? [])].sort(newestFirst).slice(0, options.feedSize);
    for (const entry of [...shown, ...add]) members.get(entry.id)?.delete(xmlKey);
    for (const entry of items) (members.get(entry.id) ?? members.set(entry.id, new Set()).get(entry.id))?.add(xmlKey);
    await store.putJson(keys.feedIndex(xmlKey), { updatedAt: builtAt, entries: items } satisfies FeedIndex);
    for (const file of renderFeedFiles(xmlKey, items, base, builtAt)) feeds.push(await writeFeedFile(store, file));
  }
  const memberFeeds = Object.fromEntries([...members].filter(([, set]) => set.size > 0).map(([id, set]) => [id, [...set].sort()]));
  await store.putJson(keys.members, {
    updatedAt: builtAt,
    publicBaseUrl: base,
    ...renderedWith(membership, options.site ?? false),
    feedSize: options.feedSize,
    feeds: memberFeeds,
  } satisfies FeedMembership, { schema: FeedMembership });

  const byDay = new Map<string, Article[]>();
  for (const entry of pending) {
    const article = (await store.getJson(entry.key, Article))?.value;
    if (!article) continue;
    const day = utcDay(article.publishedAt);
    const list = byDay.get(day);
    if (list) list.push(article);
    else byDay.set(day, [article]);
  }
  const days = [...byDay.keys()].sort();
  const files = [];
  for (const day of days) files.push(await mergeDailyArchive(store, day, byDay.get(day) ?? []));
  await updateManifest(store, files);
  const damaged: string[] = [];
  await updateSeries(store, [...byDay.values()].flat(), formerPairs, builtAt, damaged);
  // After the series: pair pages show them. A damaged atlas summary or pair state stops the atlas
  // step, left for check --repair to redraw from the articles: the feeds and the archive still publish.
  if (options.site) {
    try {
      await updateSite(store, [...byDay.values()].flat(), formerPairs, base, { damaged, firstPublish: membership === undefined });
    } catch (error) {
      if (!(error instanceof UnreadableObject)) throw error;
      damaged.push(error.key);
    }
  }

  for (const key of pendingKeys) await store.delete(key);
  return { pending: pending.length, feeds, days, recovered, damaged: [...new Set(damaged)] };
}
