import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Article } from '../../schemas/article.ts';
import { IndexEntry } from '../../schemas/index-entry.ts';
import { keys } from '../../functions/lib/keys.ts';
import { publish } from '../../functions/publish/index.ts';
import { testArticle } from '../support/articles.ts';
import { sampleRun } from '../support/sample-run.ts';
import { allKeys, type ExpectedArticle, type Stack } from '../support/stack.ts';

/** Every object under site/ and the OPML list, by key: its ETag and bytes. */
async function snapshot(stack: Stack): Promise<Map<string, { etag: string | undefined; body: string }>> {
  const found = new Map<string, { etag: string | undefined; body: string }>();
  for (const key of [...(await allKeys(stack, 'site/')), keys.opml]) {
    const object = await stack.s3.store.get(key);
    if (object) found.set(key, { etag: object.etag, body: Buffer.from(object.body).toString('utf8') });
  }
  return found;
}

/** Marks a stored article as pending, as the process stage does after storing it. */
async function markPending(stack: Stack, article: Article): Promise<void> {
  await stack.s3.store.putJson(keys.pending(article.id), IndexEntry.parse({ ...article, key: keys.article(article.id, article.publishedAt) }));
}

describe('the atlas, published with the feeds over the sample site', () => {
  let stack: Stack;
  let expected: ExpectedArticle[];

  beforeAll(async () => {
    ({ stack, expected } = await sampleRun());
  });
  afterAll(async () => stack?.close());

  const pairs = () => [...new Set(expected.flatMap((a) => (a.expected.kind === 'bilateral' && a.expected.pair ? [a.expected.pair.toLowerCase()] : [])))].sort();

  const languages = () => [...new Set(expected.flatMap((a) => (a.expected.kind === 'bilateral' ? [a.expected.language.toLowerCase()] : [])))].sort();

  it('writes the front page, one page per pair and per language of the sample site, and the OPML list', async () => {
    expect(await allKeys(stack, 'site/')).toEqual(['site/index.html', ...languages().map((l) => `site/lang/${l}.html`), ...pairs().map((p) => `site/pair/${p}.html`)]);
    expect((await stack.s3.store.get(keys.siteIndex))?.contentType).toBe('text/html; charset=utf-8');
    const opml = Buffer.from((await stack.s3.store.get(keys.opml))?.body ?? []).toString('utf8');
    const rssFeeds = (await allKeys(stack, 'feeds/')).filter((k) => k.endsWith('.xml'));
    expect([...opml.matchAll(/xmlUrl="http:\/\/127\.0\.0\.1:8080\/([^"]+)"/g)].map((m) => m[1]).sort()).toEqual(rssFeeds);
  });

  it('shows every pair on the front page with its chart and table, and links each pair page', async () => {
    const html = Buffer.from((await stack.s3.store.get(keys.siteIndex))?.body ?? []).toString('utf8');
    for (const pair of pairs()) expect(html, pair).toContain(`<a href="pair/${pair}.html">`);
    expect(html.match(/<svg /g)).toHaveLength(pairs().length);
    expect(html.match(/<caption>/g)).toHaveLength(pairs().length);
    expect(html).toContain('China–Russia</a> <span class="muted">CN-RU</span> <span class="tag">without Kazakhstan</span>');
  });

  it('keeps every page under 150 KB compressed', async () => {
    for (const [key, { body }] of await snapshot(stack)) expect(gzipSync(body).byteLength, key).toBeLessThan(150_000);
  });

  it('rewrites nothing when a publish changes nothing the atlas shows, and only what changed otherwise', async () => {
    const before = await snapshot(stack);
    const seed = expected.find((a) => a.expected.pair === 'KZ-TM') as ExpectedArticle;
    const article = (await stack.s3.store.getJson(keys.article(seed.id, seed.expected.publishedAt), Article))?.value as Article;
    await markPending(stack, article);
    await publish(stack.s3.store, { feedSize: 100, site: true });
    expect(await snapshot(stack)).toEqual(before);

    const newPair = testArticle('en-0a0b0c', '2025-11-26T06:00:00.000Z', { pair: 'KZ-MN' });
    await stack.s3.store.putJson(keys.article(newPair.id, newPair.publishedAt), newPair);
    await markPending(stack, newPair);
    await publish(stack.s3.store, { feedSize: 100, site: true });
    const after = await snapshot(stack);
    const changed = [...after.keys()].filter((k) => before.get(k)?.body !== after.get(k)?.body).sort();
    expect(changed).toEqual([keys.opml, keys.siteIndex, keys.siteLanguage('en'), keys.sitePair('KZ-MN')]);
    expect(after.get(keys.siteIndex)?.body).toContain('<a href="pair/kz-mn.html">Kazakhstan–Mongolia</a>');
  });

  it('never reads back or deletes what it published: the publish role may only write site/ and the OPML list', async () => {
    const store = stack.s3.store;
    const read = vi.spyOn(store, 'get');
    const removed = vi.spyOn(store, 'delete');
    // The KZ-MN article of the test before, reclassified as about no pair.
    const moved = testArticle('en-0a0b0c', '2025-11-26T06:00:00.000Z');
    await store.putJson(keys.article(moved.id, moved.publishedAt), moved);
    await markPending(stack, moved);
    await publish(store, { feedSize: 100, site: true });
    const reads = read.mock.calls.map(([key]) => key);
    const deletes = removed.mock.calls.map(([key]) => key);
    read.mockRestore();
    removed.mockRestore();
    expect(reads.filter((key) => key.startsWith('site/') || key === keys.opml)).toEqual([]);
    expect(deletes.filter((key) => key.startsWith('site/') || key.startsWith('index/site/'))).toEqual([]);
    // KZ-MN lost its one article: its page stays, saying so, and the front page no longer links it.
    expect(Buffer.from((await store.get(keys.sitePair('KZ-MN')))?.body ?? []).toString('utf8')).toContain('<p>0 articles');
    expect(Buffer.from((await store.get(keys.siteIndex))?.body ?? []).toString('utf8')).not.toContain('pair/kz-mn.html');
  });

  it('leaves the atlas alone unless asked for it', async () => {
    const before = await snapshot(stack);
    const article = testArticle('en-0d0e0f', '2025-11-27T06:00:00.000Z', { pair: 'KZ-QA' });
    await stack.s3.store.putJson(keys.article(article.id, article.publishedAt), article);
    await markPending(stack, article);
    expect((await publish(stack.s3.store, { feedSize: 100 })).feeds).toContain('feeds/pair/kz-qa.xml');
    expect(await snapshot(stack)).toEqual(before);
    expect(await allKeys(stack, 'index/site/pairs/kz-qa')).toEqual([]);
  });
});
