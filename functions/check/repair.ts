/**
 * `kazfeed check --repair`: rebuilds what can be rebuilt from what it summarises, never the other
 * way round. Articles from their raw pages (or, without one, from the copy in their day's archive
 * file), those deleted by hand too, when their raw page is left; then a publish of what is pending; then the daily files from the articles, the manifest
 * from the daily files, the feed indexes from the articles, an unreadable index/members.json from
 * the feed indexes, the feeds from their indexes, the
 * series from the articles and the atlas (its states, pages and OPML list) from the articles. An unreadable ingest state is set aside and rebuilt; an unreadable
 * lease is taken over like an expired one. What nothing can rebuild (a rejected item, a run report) is left and reported.
 */
import { Article } from '../../schemas/article.ts';
import { FeedIndex, FeedMembership } from '../../schemas/index-entry.ts';
import { ArchiveManifest, type ManifestFile } from '../../schemas/manifest.ts';
import { RejectedItem } from '../../schemas/rejected.ts';
import { DEFAULT_SERVE_ORIGIN, servedBase } from '../lib/config.ts';
import { keyDay } from '../lib/dated-keys.ts';
import { recoverIngestState } from '../lib/ingest-state-recovery.ts';
import { keys, rawKeyBeside } from '../lib/keys.ts';
import { acquireLease, type RenewableLease, renewable, renewalAsItGoes } from '../lib/lease.ts';
import type { Logger } from '../lib/log.ts';
import { noneIfUnreadable, readJson, type Store } from '../lib/store.ts';
import { storeArticle } from '../process/index.ts';
import { reprocess } from '../process/reprocess.ts';
import { buildDailyArchive, readDailyArchive } from '../lib/archive.ts';
import { cacheControlFor } from '../lib/cache-control.ts';
import { renderFeedFiles, writeFeedFile } from '../publish/feed-files.ts';
import { publish } from '../publish/index.ts';
import { rebuildMembership } from '../publish/membership.ts';
import { writeSeries } from '../publish/series.ts';
import { type Audit, type AuditOptions, auditStore } from './audit.ts';
import type { SiteRepair } from './site.ts';

export interface RepairOptions {
  feedSize: number;
  pipelineVersion: string;
  /** Owner of the run lease the repair holds. */
  owner: string;
  leaseTtlMs: number;
  log: Logger;
  now?: () => Date;
  /** The progress of the audits the repair makes (see AuditOptions). */
  progress?: AuditOptions['progress'];
}

/**
 * What a repair's steps share: its options, its clock, the run lease it holds, and `keepAlive`,
 * called before each step (an object read or written) to renew the leases held once a third of
 * their time has passed. A repair of a large store rebuilds, publishes, audits the store again and
 * rewrites what that found, which together outlast the lease: unrenewed, a scheduled run could
 * take the lease over and write beside it.
 */
interface Repair {
  options: RepairOptions;
  now: () => Date;
  lease: RenewableLease;
  keepAlive: () => Promise<void>;
}

/** The store audited again, its leases kept alive as it reads. */
function auditAgain(store: Store, repair: Repair): Promise<Audit> {
  return auditStore(store, {
    feedSize: repair.options.feedSize,
    progress: async (read, listed) => {
      await repair.keepAlive();
      await repair.options.progress?.(read, listed);
    },
  });
}

/** The copy of an article that its day's archive file holds, if the file can be read. */
async function archivedCopy(store: Store, key: string): Promise<Article | null> {
  const day = keyDay(key);
  const archived = day ? await readDailyArchive(store, day) : null;
  return archived?.find((article) => keys.article(article.id, article.publishedAt) === key) ?? null;
}

/** Rebuilds unreadable articles from their raw pages, else from their day's archive file. */
async function repairArticles(store: Store, audit: Audit, repair: Repair): Promise<void> {
  const { options } = repair;
  const days = [...new Set(audit.unreadableArticles.map(keyDay).filter((d): d is string => d !== null))];
  const rawKeys = new Set(audit.unreadableArticles.map(rawKeyBeside));
  for (const day of days) {
    // Each day's reprocess renews the lease only once a third of its time has passed since it began: many quick days never would.
    await repair.keepAlive();
    await reprocess(store, { from: day, to: day, rawKeys, pipelineVersion: options.pipelineVersion, log: options.log, lease: repair.lease, now: repair.now });
  }
  for (const key of audit.unreadableArticles) {
    await repair.keepAlive();
    // Rebuilt from its raw page (or moved by it to another day), or still to restore from its day's file.
    if (!(await readJson(store, key, Article))?.error) continue;
    const copy = await archivedCopy(store, key);
    if (!copy) continue;
    await storeArticle(store, copy, { overwrite: true });
    options.log.info(`restored ${key} from ${keys.daily(keyDay(key) ?? '')}`);
  }
}

async function writeManifest(store: Store, files: ManifestFile[]): Promise<void> {
  const manifest: ArchiveManifest = { files: [...files].sort((a, b) => a.date.localeCompare(b.date)) };
  await store.putJson(keys.manifest, ArchiveManifest.parse(manifest), { cacheControl: cacheControlFor(keys.manifest) });
}

/** The summaries: daily files, manifest, feed indexes and feeds, series; under the publish lease. */
async function repairSummaries(store: Store, audit: Audit, repair: Repair, keepAlive: () => Promise<void>): Promise<void> {
  const { options } = repair;
  const { log } = options;
  const now = repair.now();
  const rebuilt = new Map<string, ManifestFile>();
  for (const day of [...audit.staleDays].sort()) {
    await keepAlive();
    rebuilt.set(day, await buildDailyArchive(store, day));
    log.info(`rebuilt ${keys.daily(day)}`);
  }
  if (audit.manifest || rebuilt.size > 0) {
    const files = new Map((audit.manifest ?? (await store.getJson(keys.manifest, ArchiveManifest))?.value.files ?? []).map((f) => [f.date, f]));
    for (const [day, file] of rebuilt) files.set(day, file);
    await writeManifest(store, [...files.values()]);
    log.info(`rebuilt ${keys.manifest} (${files.size} daily files)`);
  }
  const membership = (await store.getJson(keys.members, FeedMembership))?.value;
  const base = servedBase(membership?.publicBaseUrl);
  const feeds = new Set(audit.staleFeeds);
  for (const [indexKey, entries] of audit.indexes) {
    await keepAlive();
    await store.putJson(indexKey, { updatedAt: now.toISOString(), entries } satisfies FeedIndex);
    log.info(`rebuilt ${indexKey} from its articles`);
    feeds.add(keys.feedOfIndex(indexKey));
  }
  // Which feeds show which article follows the indexes just written.
  if (audit.indexes.size > 0) await rebuildMembers(store, log, now, options.feedSize);
  for (const xmlKey of [...feeds].sort()) {
    await keepAlive();
    const index = (await store.getJson(keys.feedIndex(xmlKey), FeedIndex))?.value;
    if (!index) continue;
    for (const file of renderFeedFiles(xmlKey, index.entries, base, index.updatedAt)) await writeFeedFile(store, file);
    log.info(`re-rendered ${xmlKey} and its JSON Feed from ${keys.feedIndex(xmlKey)}`);
  }
  for (const series of audit.series) {
    await keepAlive();
    log.info(`rebuilt ${await writeSeries(store, { ...series, updatedAt: now.toISOString() })} from the articles`);
  }
  if (audit.site) await repairSite(store, audit.site, log, keepAlive);
}

/** The atlas drawn afresh: its states, every page and the OPML list, then the summary that records them. */
async function repairSite(store: Store, site: SiteRepair, log: Logger, keepAlive: () => Promise<void>): Promise<void> {
  for (const [pair, state] of site.states) {
    await keepAlive();
    await store.putJson(keys.sitePairState(pair), state);
  }
  for (const object of site.objects) {
    await keepAlive();
    await store.put(object.key, object.body, { contentType: object.contentType, cacheControl: cacheControlFor(object.key) });
  }
  await store.putJson(keys.siteSummary, site.summary);
  log.info(`redrew the atlas from the articles (${site.states.size} pairs, ${site.objects.length} pages and lists)`);
}

/**
 * Runs `work` holding the publish lease, so no publish interleaves its writes; `work` is given a
 * keepAlive that renews both leases.
 */
async function underPublishLease(store: Store, repair: Repair, work: (keepAlive: () => Promise<void>) => Promise<void>): Promise<void> {
  const { options, now } = repair;
  const publishLease = await acquireLease(store, `${options.owner}:publish`, options.leaseTtlMs, now(), keys.publishLease);
  const renewPublish = renewalAsItGoes(renewable(publishLease, options.leaseTtlMs), now());
  try {
    await work(async () => {
      await repair.keepAlive();
      await renewPublish(now());
    });
  } finally {
    await publishLease.release();
  }
}

/** `index/members.json` rebuilt from the feed indexes (see rebuildMembership), and said so. */
async function rebuildMembers(store: Store, log: Logger, now: Date, feedSize: number): Promise<void> {
  const { feeds, publicBaseUrl } = await rebuildMembership(store, now, feedSize, { rerendered: true });
  log.info(`rebuilt ${keys.members} from the feed indexes (${Object.keys(feeds).length} articles shown; feeds served from ${publicBaseUrl ?? `${DEFAULT_SERVE_ORIGIN}, the default`})`);
}

/**
 * An article stored under another day than its publication day (a date edited by hand) moved to
 * its own key, its raw page with it, as reprocess moves both when a page's date changes.
 */
async function moveArticle(store: Store, key: string, article: Article, log: Logger): Promise<void> {
  const rawKey = keys.raw(article.id, article.publishedAt);
  const raw = rawKey === article.provenance.rawKey ? null : await store.get(article.provenance.rawKey);
  if (raw) await store.put(rawKey, raw.body, { contentType: raw.contentType ?? 'application/gzip', metadata: raw.metadata });
  const { key: own } = await storeArticle(store, raw ? { ...article, provenance: { ...article.provenance, rawKey } } : article, { overwrite: false });
  await store.delete(key);
  if (raw) await store.delete(article.provenance.rawKey);
  log.info(`moved ${key} to ${own}, the key of its publication day${raw ? `, and its raw page to ${rawKey}` : ''}`);
}

/**
 * A rejection filed under another day than its own moved there; where one is filed there already
 * (the item rejected again since), the later of the two is kept.
 */
async function moveRejection(store: Store, key: string, own: string, log: Logger): Promise<void> {
  const record = (await store.getJson(key, RejectedItem))?.value;
  const there = (await store.getJson(own, RejectedItem).catch(noneIfUnreadable))?.value;
  if (record && !(there && there.rejectedAt >= record.rejectedAt)) await store.putJson(own, record);
  await store.delete(key);
  log.info(`moved ${key} to ${own}, the day its page or item names${there ? ` (the later of it and the one filed there kept)` : ''}`);
}

/**
 * Repairs what the audit found, under the run lease (so no run interleaves) and, for the
 * summaries, the publish lease; returns the audit of the store afterwards.
 */
export async function repairStore(store: Store, audit: Audit, options: RepairOptions): Promise<Audit> {
  const now = options.now ?? (() => new Date());
  const held = await acquireLease(store, options.owner, options.leaseTtlMs, now());
  const lease = renewable(held, options.leaseTtlMs);
  const renew = renewalAsItGoes(lease, now());
  const repair: Repair = { options, now, lease, keepAlive: () => renew(now()) };
  try {
    if (audit.ingestStateUnreadable) await recoverIngestState(store, audit.ingestStateUnreadable, options.log, now());
    for (const [key, article] of audit.misplaced) {
      await repair.keepAlive();
      await moveArticle(store, key, article, options.log);
    }
    for (const [key, own] of audit.misfiledRejections) {
      await repair.keepAlive();
      await moveRejection(store, key, own, options.log);
    }
    // Articles deleted by hand come back from their raw pages before the daily files are rebuilt without them.
    const orphanDays = [...new Set([...audit.orphanRawKeys].map(keyDay))].filter((d): d is string => d !== null).sort();
    for (const day of orphanDays) {
      await repair.keepAlive();
      await reprocess(store, { from: day, to: day, rawKeys: audit.orphanRawKeys, pipelineVersion: options.pipelineVersion, log: options.log, lease, now });
    }
    if (audit.unreadableArticles.length) await repairArticles(store, audit, repair);
    // Before the publish, which reads it.
    if (audit.membersUnreadable) await underPublishLease(store, repair, () => rebuildMembers(store, options.log, now(), options.feedSize));
    // A publish renews its own lease: the run lease is given its whole time first, and renewed between batches.
    await held.renew(now());
    await publish(store, { feedSize: options.feedSize, now, keepAlive: repair.keepAlive });
    const afterPublish = await auditAgain(store, repair);
    await underPublishLease(store, repair, (keepAlive) => repairSummaries(store, afterPublish, repair, keepAlive));
  } finally {
    await held.release();
  }
  return auditStore(store, { feedSize: options.feedSize, progress: options.progress });
}
