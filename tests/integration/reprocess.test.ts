import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Article } from '../../schemas/article.ts';
import { RejectedItem } from '../../schemas/rejected.ts';
import { PIPELINE_VERSION } from '../../functions/lib/config.ts';
import { keys } from '../../functions/lib/keys.ts';
import { buildDailyArchive, readDailyArchive, updateManifest } from '../../functions/lib/archive.ts';
import { READ_AHEAD } from '../../functions/lib/dated-keys.ts';
import { acquireLease, StoredLease } from '../../functions/lib/lease.ts';
import { CountingStore } from '../support/counting-store.ts';
import { runPipeline } from '../../functions/pipeline.ts';
import { reprocess } from '../../functions/process/reprocess.ts';
import { publish } from '../../functions/publish/index.ts';
import { allKeys, type ExpectedArticle, sampleSiteIndex, type Stack, startStack } from '../support/stack.ts';

describe('reprocess over the stored raw pages', () => {
  let stack: Stack;
  let expected: ExpectedArticle[];

  beforeAll(async () => {
    stack = await startStack();
    expected = (await sampleSiteIndex()).articles;
    await runPipeline(stack.config, { store: stack.s3.store });
  });
  afterAll(async () => stack?.close());

  it('rewrites nothing when extraction and normalisation give the same articles', async () => {
    const result = await reprocess(stack.s3.store, { pipelineVersion: PIPELINE_VERSION });
    expect(result).toEqual({ examined: expected.length, rewritten: 0, unchanged: expected.length, invalid: 0, recovered: 0, restored: 0, withoutRaw: 0 });
    expect(await allKeys(stack, 'index/pending/')).toEqual([]);
  });

  it('rewrites exactly the article whose stored version differs, keeping its fetch time, and republishes it', async () => {
    const seed = expected.find((a) => a.expected.pair === 'KZ-TM' && a.expected.language === 'uz-Cyrl') as ExpectedArticle;
    const key = keys.article(seed.id, seed.expected.publishedAt);
    const stored = (await stack.s3.store.getJson(key, Article))?.value as Article;
    await stack.s3.store.putJson(key, { ...stored, title: 'An older extractor got this title wrong' });

    const result = await reprocess(stack.s3.store, { from: '2025-11-24', to: '2025-11-24', pipelineVersion: PIPELINE_VERSION });
    expect(result.rewritten).toBe(1);
    expect(result.examined).toBe(expected.filter((a) => a.expected.publishedAt.startsWith('2025-11-24')).length);
    const after = (await stack.s3.store.getJson(key, Article))?.value as Article;
    expect(after.title).toBe(seed.expected.title);
    expect(after.fetchedAt).toBe(stored.fetchedAt);
    expect(await allKeys(stack, 'index/pending/')).toEqual([keys.pending(seed.id)]);

    const published = await publish(stack.s3.store, { feedSize: 100 });
    expect(published.pending).toBe(1);
    const feed = JSON.parse(new TextDecoder().decode((await stack.s3.store.get('feeds/pair/kz-tm.json'))?.body));
    expect(feed.items.find((i: { id: string }) => i.id === seed.id).title).toBe(seed.expected.title);
    expect(feed.feed_url).toBe('http://127.0.0.1:8080/feeds/pair/kz-tm.json');
  });

  it('reads each raw page of a mixed archive (2024 and 2026 markup) with the version of its own markup', async () => {
    expect(new Set(expected.map((a) => a.expected.extractor))).toEqual(new Set(['kazinform@2024-01', 'kazinform@2026-08']));
    const stale = 'kazinform@2019-01';
    for (const { id, expected: want } of expected) {
      const key = keys.article(id, want.publishedAt);
      const article = (await stack.s3.store.getJson(key, Article))?.value as Article;
      await stack.s3.store.putJson(key, { ...article, provenance: { ...article.provenance, extractor: stale } });
    }
    const result = await reprocess(stack.s3.store, { pipelineVersion: PIPELINE_VERSION });
    expect(result).toMatchObject({ examined: expected.length, rewritten: expected.length, invalid: 0 });
    for (const { id, expected: want } of expected) {
      const article = (await stack.s3.store.getJson(keys.article(id, want.publishedAt), Article))?.value as Article;
      expect(article.provenance.extractor, id).toBe(want.extractor);
    }
  });

  it('turns a rejected item whose raw page exists into an article, and removes its rejection record', async () => {
    const seed = expected.find((a) => a.expected.language === 'ru') as ExpectedArticle;
    const key = keys.article(seed.id, seed.expected.publishedAt);
    const stored = (await stack.s3.store.getJson(key, Article))?.value as Article;
    // As an earlier pipeline left it: rejected, with the raw page it had stored first.
    await stack.s3.store.delete(key);
    const rejectedKey = keys.rejected(seed.id, seed.expected.publishedAt);
    await stack.s3.store.putJson(rejectedKey, {
      id: seed.id, item: { id: seed.id, url: stored.url, feedUrl: stored.provenance.feedUrl ?? stored.url, title: '', publishedAt: null, feedLanguage: null },
      rejectedAt: stored.fetchedAt, reason: 'extract failed: TypeError: Invalid URL', issues: [], rawKey: stored.provenance.rawKey,
    } satisfies RejectedItem);

    const day = seed.expected.publishedAt.slice(0, 10);
    const result = await reprocess(stack.s3.store, { from: day, to: day, pipelineVersion: PIPELINE_VERSION });
    expect(result.recovered).toBe(1);
    expect((await stack.s3.store.getJson(key, Article))?.value.title).toBe(seed.expected.title);
    expect(await stack.s3.store.get(rejectedKey)).toBeNull();
  });

  it('counts and names a stored article whose raw page is missing, and leaves it as it is', async () => {
    const seed = expected.find((a) => a.expected.language === 'en') as ExpectedArticle;
    const key = keys.article(seed.id, seed.expected.publishedAt);
    const before = await stack.s3.store.get(key);
    await stack.s3.store.delete(keys.raw(seed.id, seed.expected.publishedAt));
    const warnings: string[] = [];
    const log = { info: () => {}, warn: (message: string) => warnings.push(message), error: () => {} };
    const day = seed.expected.publishedAt.slice(0, 10);
    const result = await reprocess(stack.s3.store, { from: day, to: day, pipelineVersion: PIPELINE_VERSION, log });
    const sameDay = expected.filter((a) => a.expected.publishedAt.startsWith(day)).length;
    expect(result).toEqual({ examined: sameDay - 1, rewritten: 0, unchanged: sameDay - 1, invalid: 0, recovered: 0, restored: 0, withoutRaw: 1 });
    expect(warnings).toEqual([`no raw page to rebuild ${key}`]);
    expect((await stack.s3.store.get(key))?.etag).toBe(before?.etag);
  });

  it('reads raw pages and their articles ahead, several at once and at most READ_AHEAD pages (two reads each), with the same result', async () => {
    const store = new CountingStore(stack.s3.store);
    const pages = (await allKeys(stack, 'raw/')).length;
    const result = await reprocess(store, { pipelineVersion: PIPELINE_VERSION });
    expect(result).toMatchObject({ examined: pages, rewritten: 0, unchanged: pages, invalid: 0 });
    expect(store.mostInFlight).toBeGreaterThan(2);
    expect(store.mostInFlight).toBeLessThanOrEqual(2 * READ_AHEAD);
  });

  it('moves an article and its raw page to the day the page now gives, and empties the day an older extractor filed them under', async () => {
    const seed = expected.find((a) => a.expected.language === 'ru') as ExpectedArticle;
    const { publishedAt } = seed.expected;
    const earlier = new Date(Date.parse(publishedAt) - 86_400_000).toISOString().replace(/\.000Z$/, 'Z');
    const store = stack.s3.store;
    const raw = await store.get(keys.raw(seed.id, publishedAt));
    const article = (await store.getJson(keys.article(seed.id, publishedAt), Article))?.value as Article;
    if (!raw) throw new Error(`no raw page for ${seed.id}`);
    // As an older extractor that read the date a day early would have filed them.
    await store.put(keys.raw(seed.id, earlier), raw.body, { contentType: raw.contentType ?? 'application/gzip', metadata: raw.metadata });
    await store.putJson(keys.article(seed.id, earlier), { ...article, publishedAt: earlier, provenance: { ...article.provenance, rawKey: keys.raw(seed.id, earlier) } });
    await store.delete(keys.raw(seed.id, publishedAt));
    await store.delete(keys.article(seed.id, publishedAt));
    await updateManifest(store, [await buildDailyArchive(store, earlier.slice(0, 10))]);
    expect((await readDailyArchive(store, earlier.slice(0, 10)))?.map((a) => a.id)).toContain(seed.id);

    const result = await reprocess(store, { from: earlier.slice(0, 10), to: publishedAt.slice(0, 10), pipelineVersion: PIPELINE_VERSION });
    expect(result.rewritten).toBe(1);
    expect(result.withoutRaw).toBe(0);
    expect(await store.exists(keys.raw(seed.id, earlier))).toBe(false);
    expect(await store.exists(keys.article(seed.id, earlier))).toBe(false);
    expect((await readDailyArchive(store, earlier.slice(0, 10)))?.map((a) => a.id) ?? []).not.toContain(seed.id);
    expect((await store.get(keys.raw(seed.id, publishedAt)))?.body).toEqual(raw.body);
    expect((await store.getJson(keys.article(seed.id, publishedAt), Article))?.value).toEqual({ ...article, provenance: { ...article.provenance, pipelineVersion: PIPELINE_VERSION } });
  });

  it('reads again what it has itself written since it read ahead: a page moved onto its own day over a stale copy of it is not undone by that copy', async () => {
    const seed = expected.find((a) => a.expected.language === 'kk-Cyrl') as ExpectedArticle;
    const { publishedAt, title } = seed.expected;
    const earlier = new Date(Date.parse(publishedAt) - 86_400_000).toISOString().replace(/\.000Z$/, 'Z');
    const store = stack.s3.store;
    const raw = await store.get(keys.raw(seed.id, publishedAt));
    const article = (await store.getJson(keys.article(seed.id, publishedAt), Article))?.value as Article;
    if (!raw) throw new Error(`no raw page for ${seed.id}`);
    // The page filed a day early with its article; on its own day, a stale copy of it and no article.
    const stale = gzipSync(gunzipSync(raw.body).toString('utf8').replaceAll(title, 'A stale copy of this page'));
    await store.put(keys.raw(seed.id, earlier), raw.body, { contentType: raw.contentType ?? 'application/gzip', metadata: raw.metadata });
    await store.putJson(keys.article(seed.id, earlier), { ...article, publishedAt: earlier, provenance: { ...article.provenance, rawKey: keys.raw(seed.id, earlier) } });
    await store.put(keys.raw(seed.id, publishedAt), stale, { contentType: raw.contentType ?? 'application/gzip', metadata: raw.metadata });
    await store.delete(keys.article(seed.id, publishedAt));

    const result = await reprocess(store, { from: earlier.slice(0, 10), to: publishedAt.slice(0, 10), pipelineVersion: PIPELINE_VERSION });
    expect(result.rewritten).toBe(1);
    expect((await store.get(keys.raw(seed.id, publishedAt)))?.body).toEqual(raw.body);
    expect((await store.getJson(keys.article(seed.id, publishedAt), Article))?.value.title).toBe(title);
  });

  it('renews its lease as it goes, so a reprocess longer than the lease keeps it', async () => {
    const ttlMs = 15 * 60_000;
    let t = Date.now();
    const lease = await acquireLease(stack.s3.store, 'reprocess:lease-test', ttlMs, new Date(t));
    // Each raw page takes five minutes: the whole archive takes longer than the lease lasts.
    const now = () => new Date((t += 5 * 60_000));
    try {
      await reprocess(stack.s3.store, { pipelineVersion: PIPELINE_VERSION, lease: { renew: (at) => lease.renew(at), ttlMs }, now });
      const held = await stack.s3.store.getJson(keys.lease, StoredLease);
      expect(held?.value.owner).toBe('reprocess:lease-test');
      expect(Date.parse(held?.value.expiresAt ?? '')).toBeGreaterThan(t);
    } finally {
      await lease.release();
    }
  });
});
