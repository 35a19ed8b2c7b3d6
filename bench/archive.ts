/**
 * A steady-state archive for the publish benchmark, written straight into the embedded S3
 * server's storage folder (fauxqs `s3StorageDir` layout: `buckets/<bucket>/objects/<key>.data` +
 * `.meta.json`), because 100,000 uploads through the SDK would take most of the time budget.
 * The server reads the metadata when it starts and object bodies on demand.
 *
 * What is written, for N archived articles at `perDay` articles a day (the newest day, "today",
 * already holds `todaySoFar`, so every archive size rebuilds a day of the same size):
 * - `articles/YYYY/MM/DD/<id>.json`: canonical articles, cloned from articles the pipeline built
 *   out of generated pages (extractPage + buildArticle), with new ids, URLs and times, and
 *   relations drawn from a fixed distribution of ~60 country pairs (real feeds name many more
 *   pairs than the 15 fixture pages do; the number of pair feeds is what publish's work grows with);
 * - `index/feeds/...` and `index/members.json`: what successive publishes would have left (for
 *   PUBLIC_BASE_URL, by this version's rendering): each
 *   feed's newest entries over the whole archive (feedKeysOf + newestFirst, the publish stage's own
 *   functions), and which feeds each shown article is in;
 * - `archive/daily/<today>.ndjson.gz`: today's daily archive file, which publish merges the new
 *   articles into; `archive/manifest.json`: one entry per day. Older days' daily files, raw pages,
 *   feeds and state are not written: publish never reads them.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import type { Article, Relations } from '../schemas/article.ts';
import { type IndexEntry, indexEntryOf } from '../schemas/index-entry.ts';
import { buildArticle } from '../functions/process/article.ts';
import { extractPage } from '../functions/process/extract/index.ts';
import { RENDER_FORMAT } from '../functions/publish/feed-files.ts';
import { feedKeysOf, newestFirst } from '../functions/publish/select.ts';
import { keys } from '../functions/lib/keys.ts';
import { EMPTY_SUMMARY, foldPairStates, foldSummary } from '../functions/publish/site/site-state.ts';
import { type Fixtures, generateCorpus, prng } from './corpus.ts';

const ORIGIN = 'https://www.inform.kz';

/** Articles built by the pipeline's own pure stages from generated pages: the clone sources. */
export function templateArticles(fixtures: Fixtures, count: number, seed: number): Article[] {
  const out: Article[] = [];
  for (const p of generateCorpus(fixtures, { count, seed })) {
    const url = `${ORIGIN}${p.path}`;
    const page = extractPage(p.html.replaceAll('{{origin}}', ORIGIN), url);
    const { result } = buildArticle(page, {
      item: { id: p.id, url, feedUrl: `${ORIGIN}/${p.feed}`, title: p.title, publishedAt: p.publishedAt, feedLanguage: null },
      finalUrl: url,
      fetchedAt: p.publishedAt,
      rawKey: keys.raw(p.id, p.publishedAt),
      pipelineVersion: 'bench',
    });
    if (result.success) out.push(result.data);
  }
  if (out.length === 0) throw new Error('no template article validated');
  return out;
}

/** Partner states with weights (Zipf-like); Kazakhstan's pairs and a few between other states. */
const KZ_PARTNERS = ['RU', 'CN', 'UZ', 'KG', 'TR', 'US', 'DE', 'FR', 'TM', 'TJ', 'AZ', 'KR', 'JP', 'IN', 'AE', 'SA', 'QA', 'GB', 'IT', 'PL', 'HU', 'BY', 'UA', 'GE', 'AM', 'MN', 'IR', 'PK', 'AF', 'EG', 'IL', 'ES', 'NL', 'BE', 'AT', 'CH', 'CZ', 'RS', 'MY', 'ID', 'VN', 'TH', 'SG', 'BR', 'CA'];
const OTHER_PAIRS = [['CN', 'RU'], ['RU', 'US'], ['CN', 'US'], ['RU', 'UA'], ['UZ', 'TJ'], ['KG', 'TJ'], ['RU', 'UZ'], ['AZ', 'AM'], ['CN', 'UZ'], ['TR', 'AZ'], ['RU', 'BY'], ['US', 'UA'], ['IL', 'IR'], ['IN', 'PK'], ['AF', 'UZ']];

export interface PairDistribution {
  pairs: [string, string][];
  cumulative: number[];
}

export function pairDistribution(): PairDistribution {
  const pairs: [string, string][] = [...KZ_PARTNERS.map((c): [string, string] => ['KZ', c]), ...OTHER_PAIRS.map(([a, b]): [string, string] => [a as string, b as string])];
  const weights = pairs.map((_, rank) => 1 / (rank + 1) ** 0.9);
  const total = weights.reduce((a, b) => a + b, 0);
  let acc = 0;
  return { pairs, cumulative: weights.map((w) => (acc += w / total)) };
}

function relationsFor(rand: () => number, dist: PairDistribution, bilateralShare: number): Relations {
  if (rand() >= bilateralShare) {
    return { kind: 'none', countries: [], pair: null, kazakhstanInvolved: false, confidence: 0.8, topics: ['other'], signals: ['bench: synthetic'] };
  }
  const r = rand();
  const index = dist.cumulative.findIndex((c) => r <= c);
  const [a, b] = dist.pairs[index < 0 ? dist.pairs.length - 1 : index] as [string, string];
  const countries = [a, b].sort();
  return { kind: 'bilateral', countries, pair: countries.join('-'), kazakhstanInvolved: countries.includes('KZ'), confidence: 0.9, topics: ['diplomacy'], signals: ['bench: synthetic'] };
}

export interface ArchiveOptions {
  archived: number;
  perDay: number;
  todaySoFar: number;
  /** Today's date (UTC) at noon: the newest articles are before it. */
  today: string;
  bilateralShare: number;
  seed: number;
}

/** Clones a template into a new article: new id and URL, the given time, the given relations. */
export function cloneArticle(template: Article, id: string, publishedAt: string, relations: Relations): Article {
  const slug = template.url.replace(/[-_][0-9a-z]+$/, '');
  const siteId = id.slice(id.indexOf('-') + 1);
  return {
    ...template,
    id,
    url: `${slug}${siteId.startsWith('a') && /^a\d+$/.test(siteId) ? '_' : '-'}${siteId}`,
    publishedAt,
    updatedAt: publishedAt,
    fetchedAt: publishedAt,
    relations,
    provenance: { ...template.provenance, rawKey: keys.raw(id, publishedAt) },
  };
}

/** Article ids for the archive: `<edition>-<6 hex>`, unique, from the template's edition. */
export function idFactory(seed: number): (template: Article) => string {
  const rand = prng(seed);
  const used = new Set<string>();
  return (template) => {
    const edition = template.id.slice(0, template.id.indexOf('-'));
    for (;;) {
      const id = `${edition}-${Math.floor(rand() * 0x1000000).toString(16).padStart(6, '0')}`;
      if (!used.has(id)) {
        used.add(id);
        return id;
      }
    }
  };
}

/** The archive's articles, newest day first (today holds `todaySoFar`, earlier days `perDay`). */
export function archiveArticles(templates: readonly Article[], options: ArchiveOptions, nextId: (t: Article) => string): Article[] {
  const rand = prng(options.seed);
  const dist = pairDistribution();
  const todayStart = Date.parse(`${options.today}T00:00:00Z`);
  const articles: Article[] = [];
  let day = 0;
  while (articles.length < options.archived) {
    const count = Math.min(day === 0 ? options.todaySoFar : options.perDay, options.archived - articles.length);
    const dayStart = todayStart - day * 86_400_000;
    const span = day === 0 ? 12 * 3_600_000 : 86_400_000;
    for (let k = 0; k < count; k++) {
      const template = templates[Math.floor(rand() * templates.length)] as Article;
      const at = new Date(dayStart + Math.floor((rand() * span) / 60_000) * 60_000).toISOString();
      articles.push(cloneArticle(template, nextId(template), at, relationsFor(rand, dist, options.bilateralShare)));
    }
    day += 1;
  }
  return articles;
}

/** Writes one object the way fauxqs's file persistence does. */
export function writeObject(storageDir: string, bucket: string, key: string, body: string | Buffer, contentType: string): void {
  const base = join(storageDir, 'buckets', bucket, 'objects', ...key.split('/'));
  mkdirSync(dirname(base), { recursive: true });
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  writeFileSync(`${base}.data`, bytes);
  const meta = { key, contentType, contentLength: bytes.byteLength, etag: `"${createHash('md5').update(bytes).digest('hex')}"`, lastModified: new Date().toISOString(), metadata: {} };
  writeFileSync(`${base}.meta.json`, JSON.stringify(meta));
}

const JSON_TYPE = 'application/json; charset=utf-8';
/** As Store.putJson writes it. */
const asStored = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

export interface WrittenArchive {
  archived: number;
  days: number;
  recentEntries: number;
  recentBytes: number;
  feedSpecs: number;
  articleBytes: number;
}

/** The deployment's address the benchmark's publishes render for. */
export const PUBLIC_BASE_URL = 'https://feeds.example.org';

/** Writes the archive (see the module comment) under `storageDir` for `bucket`. */
export function writeArchive(storageDir: string, bucket: string, articles: readonly Article[], feedSize: number, builtAt: string): WrittenArchive {
  mkdirSync(join(storageDir, 'buckets', bucket, 'objects'), { recursive: true });
  writeFileSync(join(storageDir, 'buckets', bucket, '.bucket.json'), JSON.stringify({ name: bucket, creationDate: builtAt, type: 'general-purpose' }));
  const entries: IndexEntry[] = [];
  const perDay = new Map<string, number>();
  let articleBytes = 0;
  for (const article of articles) {
    const key = keys.article(article.id, article.publishedAt);
    const body = asStored(article);
    articleBytes += Buffer.byteLength(body);
    writeObject(storageDir, bucket, key, body, JSON_TYPE);
    entries.push(indexEntryOf(article, key));
    const day = article.publishedAt.slice(0, 10);
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  const byFeed = new Map<string, IndexEntry[]>();
  for (const entry of entries) {
    for (const feed of feedKeysOf(entry)) {
      const list = byFeed.get(feed);
      if (list) list.push(entry);
      else byFeed.set(feed, [entry]);
    }
  }
  const members: Record<string, string[]> = {};
  let indexEntries = 0;
  let largestIndexBytes = 0;
  for (const [feed, all] of byFeed) {
    const shown = all.sort(newestFirst).slice(0, feedSize);
    for (const entry of shown) (members[entry.id] ??= []).push(feed);
    const body = asStored({ updatedAt: builtAt, entries: shown });
    writeObject(storageDir, bucket, keys.feedIndex(feed), body, JSON_TYPE);
    indexEntries += shown.length;
    largestIndexBytes = Math.max(largestIndexBytes, Buffer.byteLength(body));
  }
  // Published for the base URL and by the RENDER_FORMAT the publish worker renders with, as a
  // steady state is: anything else makes the first publish render every feed and page again.
  const membership = asStored({ updatedAt: builtAt, feeds: members, publicBaseUrl: PUBLIC_BASE_URL, renderFormat: RENDER_FORMAT });
  writeObject(storageDir, bucket, keys.members, membership, JSON_TYPE);
  largestIndexBytes = Math.max(largestIndexBytes, Buffer.byteLength(membership));
  // Today's daily file as publish writes it (oldest first, one JSON line per article, gzip).
  const today = builtAt.slice(0, 10);
  const todays = articles.filter((a) => a.publishedAt.startsWith(today))
    .sort((a, b) => a.publishedAt.localeCompare(b.publishedAt) || a.id.localeCompare(b.id));
  const todayGz = gzipSync(Buffer.from(todays.map((a) => `${JSON.stringify(a)}\n`).join(''), 'utf8'));
  if (todays.length) writeObject(storageDir, bucket, keys.daily(today), todayGz, 'application/gzip');
  const files = [...perDay].sort(([a], [b]) => a.localeCompare(b)).map(([date, count]) => ({
    key: keys.daily(date),
    date,
    count,
    bytes: date === today ? todayGz.byteLength : count * 700,
    sha256: createHash('sha256').update(date === today ? todayGz : Buffer.from(date)).digest('hex'),
  }));
  writeObject(storageDir, bucket, keys.manifest, asStored({ files }), JSON_TYPE);
  // The atlas's state as successive publishes would have left it: each pair's state and the
  // summary (with no page hashes recorded, so the first publish measured writes its pages once more).
  const states = foldPairStates(new Map(), articles);
  for (const [pair, state] of states) writeObject(storageDir, bucket, keys.sitePairState(pair), `${JSON.stringify(state)}\n`, JSON_TYPE);
  writeObject(storageDir, bucket, keys.siteSummary, `${JSON.stringify(foldSummary(EMPTY_SUMMARY, states, articles))}\n`, JSON_TYPE);
  return { archived: articles.length, days: perDay.size, recentEntries: indexEntries, recentBytes: largestIndexBytes, feedSpecs: byFeed.size, articleBytes: articleBytes / Math.max(articles.length, 1) };
}
