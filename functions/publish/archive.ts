import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { Article } from '../../schemas/article.ts';
import { ArchiveManifest, type ManifestFile } from '../../schemas/manifest.ts';
import { dayPrefixes, keys } from '../lib/keys.ts';
import type { Store } from '../lib/store.ts';

/** Reads every stored article under the given day prefixes, in key order. */
export async function* readArticles(store: Store, prefixes: readonly string[]): AsyncGenerator<Article> {
  for (const prefix of prefixes) {
    for await (const key of store.list(prefix)) {
      if (!key.endsWith('.json')) continue;
      const stored = await store.getJson(key, Article);
      if (stored) yield stored.value;
    }
  }
}

/** Rebuilds `archive/daily/<day>.ndjson.gz` from the day's stored articles, oldest first. */
export async function buildDailyArchive(store: Store, day: string): Promise<ManifestFile> {
  const articles: Article[] = [];
  for await (const article of readArticles(store, dayPrefixes('articles', day, day))) articles.push(article);
  articles.sort((a, b) => a.publishedAt.localeCompare(b.publishedAt) || a.id.localeCompare(b.id));
  const ndjson = articles.map((a) => `${JSON.stringify(a)}\n`).join('');
  const gz = gzipSync(Buffer.from(ndjson, 'utf8'));
  const key = keys.daily(day);
  await store.put(key, gz, { contentType: 'application/gzip', cacheControl: 'public, max-age=300' });
  return { key, date: day, count: articles.length, bytes: gz.byteLength, sha256: createHash('sha256').update(gz).digest('hex') };
}

/**
 * Folds rebuilt daily files into the manifest with optimistic concurrency: a concurrent writer
 * makes the conditional write fail, and the merge is redone on the fresh manifest.
 */
export async function updateManifest(store: Store, files: readonly ManifestFile[]): Promise<ArchiveManifest> {
  for (let attempt = 1; attempt <= 5; attempt++) {
    const stored = await store.getJson(keys.manifest, ArchiveManifest);
    const byKey = new Map((stored?.value.files ?? []).map((f) => [f.key, f]));
    for (const file of files) byKey.set(file.key, file);
    const manifest = { files: [...byKey.values()].sort((a, b) => a.date.localeCompare(b.date)) };
    const written = await store.putJson(keys.manifest, manifest, stored?.etag ? { ifMatch: stored.etag } : { ifNoneMatch: '*' });
    if (written) return manifest;
  }
  throw new Error(`${keys.manifest} kept changing under this publish; gave up after 5 attempts`);
}
