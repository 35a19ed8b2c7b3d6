/**
 * `kazfeed check`: reads the whole store and says what does not hold. Every object parses and
 * fits its schema; the manifest's counts, sizes and sha256 match the daily files, and the daily
 * files hold exactly the stored articles; each feed is what its index renders, and each index
 * entry is its article as stored; each series is what the articles state. What it finds is also
 * what `kazfeed check --repair` needs to rebuild.
 */
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { pMapIterable, pMapSkip } from 'p-map';
import type * as z from '../../schemas/zod.ts';
import { Article } from '../../schemas/article.ts';
import { FeedIndex, FeedMembership, IndexEntry, indexEntryOf } from '../../schemas/index-entry.ts';
import { ArchiveManifest, type ManifestFile } from '../../schemas/manifest.ts';
import { RejectedItem } from '../../schemas/rejected.ts';
import { StoredRunReport } from '../../schemas/stored-run-report.ts';
import { Series } from '../../schemas/series.ts';
import { IngestState } from '../../schemas/state.ts';
import { servedBase } from '../lib/config.ts';
import { keyDay, READ_AHEAD } from '../lib/dated-keys.ts';
import { besideRaw, keys, rawKeyBeside } from '../lib/keys.ts';
import { manifestEntry, readDailyArchive } from '../lib/archive.ts';
import { StoredLease } from '../lib/lease.ts';
import { readJson, type Store } from '../lib/store.ts';
import { decodeRawMetadata } from '../process/index.ts';
import { RENDER_FORMAT, renderFeedFiles } from '../publish/feed-files.ts';
import { publishedBase } from '../publish/membership.ts';
import { feedKeysOf, newestFirst } from '../publish/select.ts';
import { PairState, type ShownArticle, shownPair, SiteSummary } from '../publish/site/site-state.ts';
import { type FiguredArticle, mergeSeries, seriesValuesOf } from '../publish/series.ts';
import { auditSite, type SiteRepair } from './site.ts';
import { plural } from '../lib/plural.ts';

export interface Finding {
  key: string;
  problem: string;
}

export interface Audit {
  /** Everything that does not hold, one line each. */
  findings: Finding[];
  /** Stored objects read (each once; a missing one it looked for is not counted). */
  objects: number;
  unreadableArticles: string[];
  /** Unreadable objects that nothing rebuilds (rejected items, run reports, pending markers, ...). */
  unreadableOther: string[];
  /** Why the ingest state cannot be read, when it cannot. */
  ingestStateUnreadable: string | null;
  /** index/members.json cannot be read, or is gone while feeds are published: it is rebuilt from the feed indexes. */
  membersUnreadable: boolean;
  /** Articles stored but not yet published (a run was interrupted before its publish finished). */
  pending: number;
  /** Articles stored under another key than their own (a date edited by hand), which is free: repair moves them. */
  misplaced: Map<string, Article>;
  /** Raw pages whose id no article or rejection has (an article deleted by hand): reprocess rebuilds the article. */
  orphanRawKeys: Set<string>;
  /** Rejections filed under another day than their page's or item's (by an earlier version), with the key of that day. */
  misfiledRejections: Map<string, string>;
  /** Days whose daily file (or its Athena copy) does not hold exactly that day's stored articles. */
  staleDays: Set<string>;
  /** The manifest as the daily files say it should be, when the stored one differs. */
  manifest: ManifestFile[] | null;
  /** Feed indexes whose entries differ from their articles: the entries they should have. */
  indexes: Map<string, IndexEntry[]>;
  /** Feeds (by RSS key) whose files differ from what their index renders. */
  staleFeeds: Set<string>;
  /** Series that differ from what the articles state. */
  series: Series[];
  /** The atlas and OPML list as the articles draw them, when the stored ones differ. */
  site: SiteRepair | null;
  /** What was not checked this time, and why: a part that can only be judged once other objects are sound. */
  notChecked: string[];
}

/** The schema each JSON object outside articles/ is checked against, by key. */
function schemaOf(key: string): z.core.$ZodType | null {
  if (key === keys.ingestState) return IngestState;
  if (key === keys.lease || key === keys.publishLease) return StoredLease;
  if (key.startsWith('rejected/')) return RejectedItem;
  if (key.startsWith(keys.pendingPrefix)) return IndexEntry;
  if (key.startsWith(keys.feedIndexPrefix)) return FeedIndex;
  if (key === keys.members) return FeedMembership;
  if (key === keys.manifest) return ArchiveManifest;
  if (key.startsWith(keys.seriesPrefix)) return Series;
  if (key === keys.siteSummary) return SiteSummary;
  if (key.startsWith(keys.sitePairStatePrefix)) return PairState;
  if (key.startsWith('runs/')) return StoredRunReport;
  return null;
}

/** The objects outside articles/ that later checks read again: the rest are let go once they fit their schema. */
function readLater(key: string): boolean {
  return key === keys.members || key === keys.manifest || key === keys.siteSummary
    || [keys.feedIndexPrefix, keys.seriesPrefix, keys.sitePairStatePrefix].some((prefix) => key.startsWith(prefix));
}

/** An article's key (articles/YYYY/MM/DD/<id>.json), or what stands under articles/ as one. */
const isArticleKey = (key: string) => key.startsWith('articles/') && key.endsWith('.json');

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * The key a rejection is filed under, as process files it (fetchAndStore): its raw page's day when
 * a page was stored, else its item's publication day; null when any day will do (neither known).
 */
export function rejectionKey(record: RejectedItem): string | null {
  const rawDay = record.rawKey ? keyDay(record.rawKey) : null;
  const at = rawDay ? `${rawDay}T00:00:00Z` : record.rawKey ? null : record.item.publishedAt;
  return at ? keys.rejected(record.id, at) : null;
}

/** What a daily file holds: one article per line, oldest first (as publish writes it). */
export function dailyLines(articles: readonly Article[]): string[] {
  return [...articles].sort((a, b) => a.publishedAt.localeCompare(b.publishedAt) || a.id.localeCompare(b.id)).map((a) => JSON.stringify(a));
}

export interface AuditOptions {
  /**
   * The feeds' size (the pipeline's `feedSize`): given, each feed is also checked to show the
   * newest articles of its kind, that many at most; without it, only against its own entries.
   */
  feedSize?: number;
  /**
   * Called after each read, found or not, with the stored objects read so far (never more than
   * were listed) and the count listed: the CLI shows progress, and a repair renews its lease (an
   * audit of a large store outlasts it). What it throws ends the audit.
   */
  progress?: (read: number, listed: number) => Promise<void> | void;
}

/**
 * What the audit keeps of the stored articles once each day's are checked against its daily file:
 * what the later checks read, never every body (a store of 99,000 articles held whole took 1.7 GB).
 * Whole entries are kept only for those the stored feed indexes show and, given the feeds' size,
 * for each feed's newest.
 */
interface Gathered {
  /** Each article under its own key: its id and the key of its raw page. */
  stored: Map<string, { id: string; rawKey: string }>;
  /** The articles the atlas shows (bilateral, with a pair), as it reads them. */
  shown: ShownArticle[];
  /** The articles whose figures the series hold. */
  figured: FiguredArticle[];
  /** The keys the stored feed indexes show, and the entries of the articles stored under them. */
  indexedKeys: ReadonlySet<string>;
  indexed: Map<string, IndexEntry>;
  /** Each feed's newest entries, when the feeds' size is given and nothing waits to be published. */
  feeds: ReturnType<typeof feedWindows> | null;
}

function gather(gathered: Gathered, key: string, article: Article): void {
  const { id, title, language, url, publishedAt, figures } = article;
  gathered.stored.set(key, { id, rawKey: article.provenance.rawKey });
  // Not the classifier's signals, the bulk of an article's relations.
  const { kind, pair, kazakhstanInvolved, topics } = article.relations;
  const relations = { kind, pair, kazakhstanInvolved, topics };
  if (shownPair(article)) gathered.shown.push({ id, title, language, url, publishedAt, relations });
  if (seriesValuesOf(article).length > 0) gathered.figured.push({ id, url, publishedAt, relations, figures });
  const inFeeds = gathered.feeds !== null && feedKeysOf(article).length > 0;
  if (!inFeeds && !gathered.indexedKeys.has(key)) return;
  const entry = IndexEntry.parse(indexEntryOf(article, key));
  if (gathered.indexedKeys.has(key)) gathered.indexed.set(key, entry);
  if (inFeeds) gathered.feeds?.add(entry);
}

/**
 * Each feed's newest `size` entries (newest first) and how many articles of its kind are stored,
 * gathered an article at a time: at most twice `size` entries a feed are held meanwhile.
 */
function feedWindows(size: number) {
  const feeds = new Map<string, { stored: number; newest: IndexEntry[] }>();
  // Trimmed once it holds twice the size, not on every entry: a sort per article would cost more than what it frees.
  const trim = (feed: { newest: IndexEntry[] }) => {
    feed.newest.sort(newestFirst);
    feed.newest.length = Math.min(feed.newest.length, size);
  };
  return {
    add(entry: IndexEntry): void {
      for (const xmlKey of feedKeysOf(entry)) {
        let feed = feeds.get(xmlKey);
        if (!feed) feeds.set(xmlKey, (feed = { stored: 0, newest: [] }));
        feed.stored += 1;
        feed.newest.push(entry);
        if (feed.newest.length >= 2 * size) trim(feed);
      }
    },
    /** The feeds by RSS key, each with its newest `size` entries. */
    done(): ReadonlyMap<string, { stored: number; newest: IndexEntry[] }> {
      for (const feed of feeds.values()) trim(feed);
      return feeds;
    },
  };
}

export async function auditStore(store: Store, options: AuditOptions = {}): Promise<Audit> {
  const audit: Audit = {
    findings: [], objects: 0, unreadableArticles: [], unreadableOther: [], ingestStateUnreadable: null, membersUnreadable: false,
    pending: 0, misplaced: new Map(), orphanRawKeys: new Set(), misfiledRejections: new Map(), staleDays: new Set(), manifest: null, indexes: new Map(), staleFeeds: new Set(), series: [], site: null, notChecked: [],
  };
  const all: string[] = [];
  for await (const key of store.list('')) all.push(key);
  // Called after every read, found or not: a repair renews its lease there.
  const counted = async (found: unknown) => {
    if (found) audit.objects += 1;
    await options.progress?.(audit.objects, all.length);
  };

  // Every other JSON object against its schema, before the articles: the feed indexes name the
  // articles kept whole. Its findings are told after the articles'.
  const otherFindings: Finding[] = [];
  const findOther = (key: string, problem: string) => otherFindings.push({ key, problem });
  const parsed = new Map<string, unknown>();
  const others = all.flatMap((key) => {
    const schema = schemaOf(key);
    return schema && key.endsWith('.json') ? [{ key, schema }] : [];
  });
  const misfiled: Finding[] = [];
  const otherReads = pMapIterable(others, async ({ key, schema }) => ({ schema, read: await readJson(store, key, schema) }), { concurrency: READ_AHEAD });
  for await (const { schema, read } of otherReads) {
    await counted(read);
    if (!read) continue;
    const { key, value, error } = read;
    if (!error) {
      // Run reports and rejections, a few a run for as long as the store has run, are checked and let go.
      if (readLater(key)) parsed.set(key, value);
      const own = key.startsWith('rejected/') ? rejectionKey(value as RejectedItem) : null;
      if (own && own !== key) {
        misfiled.push({ key, problem: `filed under ${keyDay(key)}, not ${keyDay(own)}, the day its ${(value as RejectedItem).rawKey ? 'page' : 'item'} names, which export --rejected --from/--to and refetch select by (kazfeed check --repair moves it)` });
        audit.misfiledRejections.set(key, own);
      }
    } else {
      findOther(key, `unreadable: ${error.reason}`);
      if (key === keys.ingestState) audit.ingestStateUnreadable = error.reason;
      else if (key === keys.members) audit.membersUnreadable = true;
      // A lease that does not parse is taken over like an expired one; the manifest, the series and
      // the atlas's states are rebuilt from what they summarise.
      else if (schema !== StoredLease && key !== keys.manifest && !key.startsWith(keys.seriesPrefix) && schema !== SiteSummary && schema !== PairState) audit.unreadableOther.push(key);
    }
  }
  if (!all.includes(keys.members) && all.some((k) => k.startsWith(keys.feedIndexPrefix))) {
    findOther(keys.members, 'missing: which feeds show which article, and where they are served from (rebuilt from the feed indexes and feeds/all.json)');
    audit.membersUnreadable = true;
  }
  otherFindings.push(...misfiled);
  const base = await publicBase(store, parsed);
  audit.pending = all.filter((k) => k.startsWith(keys.pendingPrefix)).length;
  if (audit.pending) findOther(keys.pendingPrefix, `${audit.pending} stored articles are not published yet (a run or publish was interrupted)`);

  // The articles a day at a time, each day checked against its daily file as it is read.
  const gathered: Gathered = {
    stored: new Map(), shown: [], figured: [], indexed: new Map(),
    // Not judged while articles wait to be published (see settled below): not gathered either.
    feeds: options.feedSize === undefined || audit.pending > 0 ? null : feedWindows(options.feedSize),
    indexedKeys: new Set([...parsed].flatMap(([key, value]) => (key.startsWith(keys.feedIndexPrefix) ? (value as FeedIndex).entries.map((e) => e.key) : []))),
  };
  const archiveFindings: Finding[] = [];
  const byDay = articlesByDay(store, all, audit, gathered, counted);
  try {
    await auditArchive(store, all, byDay, parsed.get(keys.manifest) as ArchiveManifest | undefined, audit, archiveFindings, counted);
  } finally {
    // The articles' reads end with the archive's checks, also when those end early (a repair that lost its lease).
    await byDay.return(undefined);
  }

  // One id, one article: a second copy (a page whose date changed, reached again by another link) shows twice in the archive.
  for (const [id, copies] of Map.groupBy(gathered.stored, ([, article]) => article.id)) {
    const stored = copies.map(([key]) => key);
    if (stored.length > 1) for (const key of stored) audit.findings.push({ key, problem: `article ${id} is stored ${stored.length} times (${stored.join(', ')}): keep the one whose date is right and delete the others` });
  }
  audit.findings.push(...otherFindings, ...archiveFindings);

  // Which articles a feed shows is judged on a settled store: pending articles are on their way
  // in, and an unreadable one may be of any feed's kind.
  const settled = audit.pending === 0 && audit.unreadableArticles.length === 0;
  if (options.feedSize !== undefined && !settled) audit.notChecked.push('which articles each feed shows, until every stored article is readable and published');
  await auditFeeds(store, all, gathered.indexed, settled ? (gathered.feeds?.done() ?? null) : null, parsed, base, audit, counted);
  auditSeries(all, gathered.figured, parsed, audit);
  const seriesOf = (pair: string) => audit.series.find((s) => s.pair === pair) ?? (parsed.get(keys.series(pair)) as Series | undefined) ?? null;
  // The atlas counts every article: drawn without an unreadable one it would differ everywhere, so
  // it is checked once the articles are readable again (repair does so after rebuilding them).
  const find = (key: string, problem: string) => audit.findings.push({ key, problem });
  if (audit.unreadableArticles.length === 0) {
    audit.site = await auditSite(store, all, gathered.shown, parsed, seriesOf, base, find, counted);
  } else {
    audit.notChecked.push(`the atlas (index/site/, site/ and the OPML list), until the ${plural(audit.unreadableArticles.length, 'unreadable article')} ${audit.unreadableArticles.length === 1 ? 'is' : 'are'} rebuilt`);
  }
  await auditRaw(store, all, gathered.stored, audit, counted);
  collapseEarlierRendering(parsed.get(keys.members) as FeedMembership | undefined, audit);
  return audit;
}

/**
 * The stored articles a day at a time, oldest day first, as [day, the articles under their own
 * key] (read ahead across days). What is wrong with an article on its own (unreadable, stored under
 * another key) is found here, and what the later checks need of it is gathered.
 */
async function* articlesByDay(store: Store, all: readonly string[], audit: Audit, gathered: Gathered, counted: (found: unknown) => Promise<void>): AsyncGenerator<[string, Article[]]> {
  const find = (key: string, problem: string) => audit.findings.push({ key, problem });
  // In the listing's order, oldest day first: a day is a fixed-length prefix (articles/YYYY/MM/DD/), so its keys come together.
  const dayOf = (key: string) => keyDay(key) ?? '';
  const articleKeys = all.filter(isArticleKey).sort();
  let day = '';
  let placed: Article[] = [];
  for await (const read of pMapIterable(articleKeys, (key) => readJson(store, key, Article), { concurrency: READ_AHEAD })) {
    await counted(read);
    if (!read) continue;
    const { key, value: article, error } = read;
    if (dayOf(key) !== day) {
      if (placed.length > 0) yield [day, placed];
      day = dayOf(key);
      placed = [];
    }
    if (error) {
      // Nothing to rebuild it from (no raw page, no copy in its day's file): perhaps no article at
      // all (notes.json), so named, and nothing else waits for it.
      if (!all.includes(rawKeyBeside(key)) && !(day && (await readDailyArchive(store, day))?.some((a) => keys.article(a.id, a.publishedAt) === key))) {
        find(key, `unreadable: ${error.reason}; nothing rebuilds it (no raw page, no copy in its day's archive file): delete it if it is no article`);
        continue;
      }
      audit.unreadableArticles.push(key);
      find(key, `unreadable: ${error.reason}`);
      // Its day is rebuilt once the article is.
      if (day) audit.staleDays.add(day);
      continue;
    }
    if (!article) continue;
    const own = keys.article(article.id, article.publishedAt);
    if (own !== key) {
      // Left out of everything built from the articles: a copy would count twice, a moved date under the wrong day.
      const copy = all.includes(own);
      find(key, `holds article ${article.id} published ${article.publishedAt}, whose key is ${own}${copy ? ', stored too: a copy, left out of the archive (delete it)' : ' (kazfeed check --repair moves it there)'}`);
      if (!copy) audit.misplaced.set(key, article);
      continue;
    }
    placed.push(article);
    gather(gathered, key, article);
  }
  if (placed.length > 0) yield [day, placed];
}

/**
 * Feeds and pages an earlier version rendered all differ from this version's rendering: one line
 * says so, not one per file, since the next publish renders every one of them again.
 */
function collapseEarlierRendering(membership: FeedMembership | undefined, audit: Audit): void {
  const format = membership?.renderFormat ?? 0;
  if (!membership || format >= RENDER_FORMAT) return;
  const rendered = (finding: Finding) => /^differs from what .+ renders?$/.test(finding.problem);
  const differing = audit.findings.filter(rendered).length;
  if (!differing) return;
  audit.findings = [
    ...audit.findings.filter((finding) => !rendered(finding)),
    { key: keys.members, problem: `the feeds and atlas pages were rendered by an earlier version (${format ? `rendering ${format}` : 'before renderings were recorded'}; this version's is ${RENDER_FORMAT}), so ${differing} of them differ from what this version renders: the next publish renders them again (check --repair does it now)` },
  ];
}

/**
 * Daily files against the articles (given a day at a time, in the order of the days), their Athena
 * copies against them, the manifest against the files. What it finds goes to `findings`.
 */
async function auditArchive(
  store: Store,
  all: readonly string[],
  byDay: AsyncIterator<[string, Article[]]>,
  manifest: ArchiveManifest | undefined,
  audit: Audit,
  findings: Finding[],
  counted: (found: unknown) => Promise<void>,
): Promise<void> {
  const find = (key: string, problem: string) => findings.push({ key, problem });
  const articleDays = all.flatMap((key) => (isArticleKey(key) ? (keyDay(key) ?? []) : []));
  const dailyDays = all.map(keys.dayOfDaily).filter((day): day is string => day !== null);
  const days = new Set([...articleDays, ...dailyDays, ...(manifest?.files ?? []).map((f) => f.date)]);
  const expected: ManifestFile[] = [];
  /** Daily files that are stored but cannot be read, with why. */
  const unreadable = new Map<string, string>();
  // Each day's file and its Athena copy, read ahead.
  const reads = pMapIterable([...days].sort(), async (day) => {
    const [object, athena] = await Promise.all([store.get(keys.daily(day)), store.get(keys.athenaDaily(day))]);
    return { day, object, athena };
  }, { concurrency: READ_AHEAD });
  let next = await byDay.next();
  for await (const { day, object, athena } of reads) {
    let placed: Article[] = [];
    for (; !next.done && next.value[0] <= day; next = await byDay.next()) if (next.value[0] === day) placed = next.value[1];
    const key = keys.daily(day);
    const want = dailyLines(placed);
    await counted(object);
    await counted(athena);
    if (!object) {
      if (want.length) {
        find(key, `missing: ${plural(want.length, 'article')} ${want.length === 1 ? 'is' : 'are'} stored for ${day}`);
        audit.staleDays.add(day);
      }
      continue;
    }
    let lines: string[];
    let same: boolean;
    try {
      lines = decode(gunzipSync(object.body)).split('\n').filter(Boolean);
      same = lines.join('\n') === want.join('\n');
      // Lines that are exactly the stored articles (parsed above) need no parse of their own.
      if (!same) for (const line of lines) Article.parse(JSON.parse(line));
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error);
      find(key, `unreadable: ${reason}`);
      unreadable.set(key, reason);
      audit.staleDays.add(day);
      continue;
    }
    if (!same) {
      find(key, `holds ${plural(lines.length, 'article')}; ${want.length} ${want.length === 1 ? 'is' : 'are'} stored for ${day}${lines.length === want.length ? ', some of them changed since' : ''}`);
      audit.staleDays.add(day);
    }
    if (!athena || sha256(athena.body) !== sha256(object.body)) {
      find(keys.athenaDaily(day), athena ? `differs from ${key}` : `missing (the Athena copy of ${key})`);
      audit.staleDays.add(day);
    }
    expected.push(manifestEntry(day, object.body, lines.length));
  }
  // Every day with articles is among the days above; read to the end all the same, so that every article is gathered.
  while (!next.done) next = await byDay.next();
  if (!manifest) {
    // An unreadable one is reported above, with its reason.
    if (expected.length && !all.includes(keys.manifest)) find(keys.manifest, 'missing');
    audit.manifest = expected;
    return;
  }
  const listed = new Map(manifest.files.map((f) => [f.key, f]));
  for (const file of expected) {
    const entry = listed.get(file.key);
    if (!entry) find(keys.manifest, `does not list ${file.key}`);
    else if (entry.count !== file.count || entry.bytes !== file.bytes || entry.sha256 !== file.sha256 || entry.date !== file.date) {
      find(keys.manifest, `${file.key}: listed with ${entry.count} articles, ${entry.bytes} bytes, sha256 ${entry.sha256.slice(0, 12)}…; the file has ${file.count}, ${file.bytes}, ${file.sha256.slice(0, 12)}…`);
    }
  }
  for (const entry of manifest.files) {
    if (expected.some((f) => f.key === entry.key)) continue;
    const damaged = unreadable.get(entry.key);
    find(keys.manifest, damaged === undefined ? `lists ${entry.key}, which is not stored` : `lists ${entry.key}, which is stored but unreadable (damaged): ${damaged}`);
  }
  const stale = findings.some((f) => f.key === keys.manifest);
  audit.manifest = stale || audit.staleDays.size > 0 ? expected : null;
}

/**
 * Where the feeds are served, as the last publish recorded it (their self links and the OPML list
 * name it); without a readable record, as `feeds/all.json` names itself.
 */
async function publicBase(store: Store, parsed: ReadonlyMap<string, unknown>): Promise<string> {
  const membership = parsed.get(keys.members) as FeedMembership | undefined;
  return servedBase(membership?.publicBaseUrl ?? (await publishedBase(store)) ?? undefined);
}

/**
 * Each article's raw page, which reprocess and repair rebuild it from: present, a whole gzip
 * stream, with the item it was fetched for in its metadata. Nothing rebuilds a raw page, so what
 * is wrong here is reported and left. A raw page with neither its article nor a rejection beside
 * it (the article deleted by hand) is an article to rebuild.
 */
async function auditRaw(store: Store, all: readonly string[], articles: ReadonlyMap<string, { id: string; rawKey: string }>, audit: Audit, counted: (found: unknown) => Promise<void>): Promise<void> {
  const present = new Set(all.filter((k) => k.startsWith('raw/')));
  // A round trip to S3 for each article: read ahead, as the articles are.
  const pages = pMapIterable(articles.values(), async (article) => ({ article, object: present.has(article.rawKey) ? await store.get(article.rawKey) : null }), { concurrency: READ_AHEAD });
  for await (const { article, object } of pages) {
    const key = article.rawKey;
    await counted(object);
    let problem = object ? null : `missing: the raw page of ${article.id}, from which reprocess rebuilds it`;
    if (object) {
      try {
        gunzipSync(object.body);
        if (!decodeRawMetadata(object.metadata)) problem = `its metadata names no item fetched (uploaded again without it?): the raw page of ${article.id}, from which reprocess can no longer rebuild it`;
      } catch (error) {
        problem = `unreadable (${(error as Error).message}): the raw page of ${article.id}, from which reprocess rebuilds it`;
      }
    }
    if (problem) audit.findings.push({ key, problem });
  }
  // By id, not by day: a rejection may be filed under the day it was rejected, and refetch or a
  // date correction may store the article under another day than the raw page's.
  const idOf = (key: string) => key.slice(key.lastIndexOf('/') + 1).replace(/\.(?:json|html\.gz)$/, '');
  const known = new Set(all.filter((k) => k.startsWith('articles/') || k.startsWith('rejected/')).map(idOf));
  for (const key of present) {
    const day = keyDay(key);
    if (!day || known.has(idOf(key))) continue;
    const object = await store.get(key);
    await counted(object);
    if (object && !decodeRawMetadata(object.metadata)) {
      audit.findings.push({ key, problem: 'no article or rejection has its id, and its metadata names no item fetched: nothing rebuilds an article from it' });
      continue;
    }
    audit.orphanRawKeys.add(key);
    audit.findings.push({ key, problem: `no article or rejection has its id: reprocess rebuilds its article (${besideRaw(key).article})` });
  }
}

/**
 * Each feed index's entries against their articles as they are now (`current`: the entries of the
 * articles the indexes show, by key) and, given each feed's newest articles, against those; each
 * feed's files against what its index renders.
 */
async function auditFeeds(
  store: Store,
  all: readonly string[],
  current: ReadonlyMap<string, IndexEntry>,
  byFeed: ReadonlyMap<string, { stored: number; newest: IndexEntry[] }> | null,
  parsed: ReadonlyMap<string, unknown>,
  base: string,
  audit: Audit,
  counted: (found: unknown) => Promise<void>,
): Promise<void> {
  const find = (key: string, problem: string) => audit.findings.push({ key, problem });
  // An unreadable article is rebuilt, a misplaced one moved, not gone: entries that show them stand.
  const unreadable = new Set([...audit.unreadableArticles, ...audit.misplaced.keys()]);
  // A feed with articles of its kind whose index is gone or unreadable (named with the other
  // unreadable objects) is rebuilt from them: publish would otherwise start it afresh.
  const stored = new Set(all);
  for (const [xmlKey, feed] of byFeed ?? []) {
    const indexKey = keys.feedIndex(xmlKey);
    if (parsed.has(indexKey)) continue;
    if (!stored.has(indexKey)) find(indexKey, `missing, though ${plural(feed.stored, 'article')} of its feed ${feed.stored === 1 ? 'is' : 'are'} stored`);
    audit.indexes.set(indexKey, feed.newest);
  }
  // Each feed's files as its index renders them, and as stored, read ahead.
  const feeds = pMapIterable(all.filter((k) => k.startsWith(keys.feedIndexPrefix)), async (indexKey) => {
    const index = parsed.get(indexKey) as FeedIndex | undefined;
    if (!index) return pMapSkip;
    const xmlKey = keys.feedOfIndex(indexKey);
    const files = await Promise.all(renderFeedFiles(xmlKey, index.entries, base, index.updatedAt).map(async (file) => ({ file, stored: await store.get(file.key) })));
    return { indexKey, index, xmlKey, files };
  }, { concurrency: READ_AHEAD });
  for await (const { indexKey, index, xmlKey, files } of feeds) {
    const entries: IndexEntry[] = [];
    for (const entry of index.entries) {
      // Parsed as the stored entry was, so both have the schema's key order.
      const now = current.get(entry.key);
      if (!now) {
        if (unreadable.has(entry.key)) entries.push(entry);
        else find(indexKey, `shows ${entry.id}, but ${entry.key} is not stored`);
        continue;
      }
      if (JSON.stringify(now) !== JSON.stringify(entry)) find(indexKey, `shows ${entry.id} as it was before ${entry.key} changed`);
      entries.push(now);
    }
    if (JSON.stringify(entries) !== JSON.stringify(index.entries)) audit.indexes.set(indexKey, entries);
    const newest = byFeed?.get(xmlKey)?.newest ?? (byFeed ? [] : null);
    if (newest) {
      const shown = entries.map((e) => e.id);
      const missing = newest.filter((e) => !shown.includes(e.id)).map((e) => e.id);
      const extra = shown.filter((id) => !newest.some((e) => e.id === id));
      if (missing.length || extra.length) {
        const list = (ids: string[]) => `${ids.slice(0, 5).join(', ')}${ids.length > 5 ? `, and ${ids.length - 5} more` : ''}`;
        find(indexKey, `shows ${plural(shown.length, 'article')}, not the newest ${newest.length} of its kind${missing.length ? `: lacks ${list(missing)}` : ''}${extra.length ? `${missing.length ? ';' : ':'} shows ${list(extra)}, which ${extra.length === 1 ? 'is' : 'are'} not among them` : ''}`);
        audit.indexes.set(indexKey, newest);
      }
    }
    for (const { file, stored } of files) {
      await counted(stored);
      if (!stored) find(file.key, `missing (its index ${indexKey} shows ${index.entries.length} articles)`);
      else if (decode(stored.body) !== file.body) find(file.key, `differs from what its index ${indexKey} renders`);
      else continue;
      audit.staleFeeds.add(xmlKey);
    }
  }
}

/** Each pair's series against what its articles state. */
function auditSeries(all: readonly string[], figured: readonly FiguredArticle[], parsed: ReadonlyMap<string, unknown>, audit: Audit): void {
  // Each has a pair: seriesValuesOf gives none without one.
  const byPair = Map.groupBy(figured, (article) => article.relations.pair as string);
  const storedPairs = all.filter((k) => k.startsWith(keys.seriesPrefix) && k.endsWith('.json')).map((k) => (parsed.get(k) as Series | undefined)?.pair ?? k.slice(keys.seriesPrefix.length, -'.json'.length).toUpperCase());
  const now = new Date().toISOString();
  for (const pair of [...new Set([...byPair.keys(), ...storedPairs])].sort()) {
    const key = keys.series(pair);
    const stored = parsed.get(key) as Series | undefined;
    const want = mergeSeries(null, pair, byPair.get(pair) ?? [], new Set(), now);
    const present = all.includes(key);
    if (stored ? JSON.stringify(stored.entries) === JSON.stringify(want.entries) : !present && want.entries.length === 0) continue;
    // An unreadable series is reported with the other unreadable objects.
    if (stored) audit.findings.push({ key, problem: `differs from the figures its articles state (${want.entries.length} entries expected, ${stored.entries.length} stored)` });
    else if (!present) audit.findings.push({ key, problem: `missing: its articles state ${want.entries.length} series entries` });
    audit.series.push(want);
  }
}
