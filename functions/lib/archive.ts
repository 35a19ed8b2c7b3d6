import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { Article } from '../../schemas/article.ts';
import { ArchiveManifest, type ManifestFile } from '../../schemas/manifest.ts';
import { storedJson } from './dated-keys.ts';
import { keys } from './keys.ts';
import { noneIfUnreadable, type Store, UnreadableObject } from './store.ts';
import { cacheControlFor } from './cache-control.ts';

async function writeDailyArchive(store: Store, day: string, articles: Article[]): Promise<ManifestFile> {
  articles.sort((a, b) => a.publishedAt.localeCompare(b.publishedAt) || a.id.localeCompare(b.id));
  const ndjson = articles.map((a) => `${JSON.stringify(a)}\n`).join('');
  const gz = gzipSync(Buffer.from(ndjson, 'utf8'));
  const key = keys.daily(day);
  await store.put(key, gz, { contentType: 'application/gzip', cacheControl: cacheControlFor(key) });
  await store.put(keys.athenaDaily(day), gz, { contentType: 'application/gzip', cacheControl: cacheControlFor(keys.athenaDaily(day)) });
  return manifestEntry(day, gz, articles.length);
}

/** A daily file's line in the manifest: its key, day, article count, size and sha256. */
export function manifestEntry(day: string, gz: Uint8Array, count: number): ManifestFile {
  return { key: keys.daily(day), date: day, count, bytes: gz.byteLength, sha256: createHash('sha256').update(gz).digest('hex') };
}

/** The days of the daily files stored under `archive/daily/` (one listing), in listing order. */
async function listedDays(store: Store): Promise<string[]> {
  const days: string[] = [];
  for await (const key of store.list(keys.dailyPrefix)) {
    const day = keys.dayOfDaily(key);
    if (day) days.push(day);
  }
  return days;
}

/** What an unreadable manifest is rebuilt from: the entry of each daily file that can be read. */
async function entriesOfDailyFiles(store: Store): Promise<ManifestFile[]> {
  const files: ManifestFile[] = [];
  for (const day of await listedDays(store)) {
    const object = await store.get(keys.daily(day));
    if (!object) continue;
    try {
      files.push(manifestEntry(day, object.body, gunzipSync(object.body).toString('utf8').split('\n').filter(Boolean).length));
    } catch {
      // A damaged daily file is left out: kazfeed check names it, and --repair rebuilds both.
    }
  }
  return files;
}

/**
 * The days the archive holds, oldest first: the manifest's, or, when it is missing or cannot be
 * read, the days of the files under `archive/daily/` (one listing; the next publish rebuilds the
 * manifest), so that what reads the archive by day does not stop at a damaged manifest.
 */
export async function archivedDays(store: Store): Promise<string[]> {
  const manifest = await store.getJson(keys.manifest, ArchiveManifest).catch(noneIfUnreadable);
  return (manifest ? manifest.value.files.map((file) => file.date) : await listedDays(store)).sort();
}

/**
 * Rebuilds `archive/daily/<day>.ndjson.gz` from every stored article of the day (one listing),
 * oldest first. An article object that cannot be read keeps the copy the old file has of it, so a
 * damaged object does not take its article out of the archive.
 */
export async function buildDailyArchive(store: Store, day: string): Promise<ManifestFile> {
  const articles: Article[] = [];
  const unreadable: string[] = [];
  for await (const { key, value } of storedJson(store, 'articles', Article, day, day, (error) => unreadable.push(error.key))) {
    // Not a copy under another name, nor one whose date was changed in place (check names both).
    if (key === keys.article(value.id, value.publishedAt)) articles.push(value);
  }
  if (unreadable.length) {
    const previous = new Map((await readDailyArchive(store, day) ?? []).map((a) => [keys.article(a.id, a.publishedAt), a]));
    for (const key of unreadable) {
      const kept = previous.get(key);
      if (kept) articles.push(kept);
    }
  }
  return writeDailyArchive(store, day, articles);
}

/** The articles of a daily archive file, or null when it is missing or unreadable. */
export async function readDailyArchive(store: Store, day: string): Promise<Article[] | null> {
  const object = await store.get(keys.daily(day));
  if (!object) return null;
  try {
    const lines = gunzipSync(object.body).toString('utf8').split('\n').filter(Boolean);
    return lines.map((line) => Article.parse(JSON.parse(line)));
  } catch {
    return null;
  }
}

/**
 * Folds new or changed articles into their day's archive file: one read of the file, not a
 * listing and a read of every article of the day. A missing or unreadable file is rebuilt.
 */
export async function mergeDailyArchive(store: Store, day: string, changed: readonly Article[]): Promise<ManifestFile> {
  const existing = await readDailyArchive(store, day);
  if (!existing) return buildDailyArchive(store, day);
  const byId = new Map(existing.map((a) => [a.id, a]));
  for (const article of changed) byId.set(article.id, article);
  return writeDailyArchive(store, day, [...byId.values()]);
}

/**
 * Folds rebuilt daily files into the manifest with optimistic concurrency: a concurrent writer
 * makes the conditional write fail, and the merge is redone on the fresh manifest.
 */
export async function updateManifest(store: Store, files: readonly ManifestFile[]): Promise<ArchiveManifest> {
  for (let attempt = 1; attempt <= 5; attempt++) {
    // An unreadable manifest (a write cut short, a hand edit) is rebuilt, not a publish stopped for good.
    const stored = await store.getJson(keys.manifest, ArchiveManifest).catch((error: unknown) => {
      if (error instanceof UnreadableObject) return 'unreadable' as const;
      throw error;
    });
    const known = stored === 'unreadable' ? await entriesOfDailyFiles(store) : (stored?.value.files ?? []);
    const byKey = new Map(known.map((f) => [f.key, f]));
    for (const file of files) byKey.set(file.key, file);
    const manifest = { files: [...byKey.values()].sort((a, b) => a.date.localeCompare(b.date)) };
    const condition = stored === 'unreadable' ? {} : stored?.etag ? { ifMatch: stored.etag } : { ifNoneMatch: '*' as const };
    const written = await store.putJson(keys.manifest, manifest, { ...condition, cacheControl: cacheControlFor(keys.manifest) });
    if (written) return manifest;
  }
  throw new Error(`${keys.manifest} kept changing under this publish; gave up after 5 attempts`);
}
