import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../schemas/article.ts';
import { ArchiveManifest } from '../../schemas/manifest.ts';
import { type EmbeddedS3, startEmbeddedS3 } from '../../cli/embedded-s3.ts';
import { keys } from '../../functions/lib/keys.ts';
import { storeArticle } from '../../functions/process/index.ts';
import { RENDER_FORMAT } from '../../functions/publish/feed-files.ts';
import { publish } from '../../functions/publish/index.ts';
import { rebaseFeeds } from '../../functions/publish/rebase-feeds.ts';
import { siteFromArticles } from '../../functions/publish/site/update-site.ts';
import { testArticle, turnoverFigure } from '../support/articles.ts';

const article = (id: string, publishedAt: string, language: Article['language'], pair: string | null) => testArticle(id, publishedAt, { language, pair });

const feedIds = async (s3: EmbeddedS3, key: string) => JSON.parse(new TextDecoder().decode((await s3.store.get(key))?.body)).items.map((i: { id: string }) => i.id);

describe('publish', () => {
  let home: string;
  let s3: EmbeddedS3;
  const options = { feedSize: 100, publicBaseUrl: 'http://127.0.0.1:8080' };

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'kazfeed-publish-'));
    s3 = await startEmbeddedS3(home);
    await storeArticle(s3.store, article('en-000001', '2025-11-01T10:00:00.000Z', 'en', 'KZ-TM'), { overwrite: false });
    await storeArticle(s3.store, article('ru-000002', '2025-11-01T11:00:00.000Z', 'ru', 'CN-RU'), { overwrite: false });
    await storeArticle(s3.store, article('en-000003', '2025-11-02T09:00:00.000Z', 'en', null), { overwrite: false });
  });
  afterAll(async () => {
    await s3?.stop();
    await rm(home, { recursive: true, force: true });
  });

  it('writes every feed its first articles enter, and archives them by day', async () => {
    const result = await publish(s3.store, options);
    expect(result.pending).toBe(3);
    expect(result.feeds.filter((k) => k.endsWith('.xml')).sort()).toEqual(['feeds/all.xml', 'feeds/lang/en.xml', 'feeds/lang/ru.xml', 'feeds/pair/cn-ru.xml', 'feeds/pair/kz-tm.xml']);
    expect(result.days).toEqual(['2025-11-01', '2025-11-02']);
  });

  it('then rewrites only the feeds a new article enters, and merges it into its day', async () => {
    await storeArticle(s3.store, article('en-000004', '2025-11-01T12:00:00.000Z', 'en', 'KZ-TM'), { overwrite: false });
    const result = await publish(s3.store, options);
    expect(result.feeds.filter((k) => k.endsWith('.xml')).sort()).toEqual(['feeds/all.xml', 'feeds/lang/en.xml', 'feeds/pair/kz-tm.xml']);
    expect(await feedIds(s3, 'feeds/pair/kz-tm.json')).toEqual(['en-000004', 'en-000001']);
    const manifest = (await s3.store.getJson(keys.manifest, ArchiveManifest))?.value;
    expect(manifest?.files.map((f) => [f.date, f.count])).toEqual([['2025-11-01', 3], ['2025-11-02', 1]]);
    const day = gunzipSync((await s3.store.get(keys.daily('2025-11-01')))?.body as Uint8Array).toString('utf8').trim().split('\n');
    expect(day.map((line) => JSON.parse(line).id)).toEqual(['en-000001', 'ru-000002', 'en-000004']);
  });

  it('rewrites the feeds an article leaves when it is no longer bilateral, even a feed left empty', async () => {
    await storeArticle(s3.store, article('ru-000002', '2025-11-01T11:00:00.000Z', 'ru', null), { overwrite: true });
    const result = await publish(s3.store, options);
    expect(result.feeds.filter((k) => k.endsWith('.xml')).sort()).toEqual(['feeds/all.xml', 'feeds/lang/ru.xml', 'feeds/pair/cn-ru.xml']);
    expect(await feedIds(s3, 'feeds/pair/cn-ru.json')).toEqual([]);
    expect(await feedIds(s3, 'feeds/all.json')).toEqual(['en-000004', 'en-000001']);
  });

  it('publishes a backlog a batch at a time, with the same result, letting the caller renew a lease of its own before each batch', async () => {
    await storeArticle(s3.store, article('en-000005', '2025-11-03T08:00:00.000Z', 'en', 'KZ-TM'), { overwrite: false });
    await storeArticle(s3.store, article('en-000006', '2025-11-03T09:00:00.000Z', 'en', 'KZ-UZ'), { overwrite: false });
    await storeArticle(s3.store, article('en-000007', '2025-11-03T10:00:00.000Z', 'en', 'KZ-TM'), { overwrite: false });
    let kept = 0;
    const result = await publish(s3.store, { ...options, batchSize: 2, keepAlive: async () => void (kept += 1) });
    expect(kept).toBe(2);
    expect(result.pending).toBe(3);
    expect(result.days).toEqual(['2025-11-03']);
    expect(await feedIds(s3, 'feeds/pair/kz-tm.json')).toEqual(['en-000007', 'en-000005', 'en-000004', 'en-000001']);
    expect(await feedIds(s3, 'feeds/pair/kz-uz.json')).toEqual(['en-000006']);
    const manifest = (await s3.store.getJson(keys.manifest, ArchiveManifest))?.value;
    expect(manifest?.files.find((f) => f.date === '2025-11-03')?.count).toBe(3);
    expect(await s3.store.exists(keys.pending('en-000007'))).toBe(false);
  });

  it('does nothing when nothing is pending', async () => {
    expect(await publish(s3.store, options)).toEqual({ pending: 0, feeds: [], days: [], rerendered: [], recovered: [], damaged: [] });
  });
});

describe('publish, when articles leave a full feed', () => {
  let home: string;
  let s3: EmbeddedS3;
  const options = { feedSize: 3, publicBaseUrl: 'http://127.0.0.1:8080' };
  const kzTm = (id: string, publishedAt: string) => article(id, publishedAt, 'en', 'KZ-TM');

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'kazfeed-refill-'));
    s3 = await startEmbeddedS3(home);
    const days = ['2025-10-28', '2025-10-29', '2025-10-30', '2025-10-31', '2025-11-01'];
    for (const [i, day] of days.entries()) await storeArticle(s3.store, kzTm(`en-00001${i}`, `${day}T10:00:00.000Z`), { overwrite: false });
    await storeArticle(s3.store, article('ru-000020', '2025-10-29T12:00:00.000Z', 'ru', 'KZ-UZ'), { overwrite: false });
    await publish(s3.store, options);
  });
  afterAll(async () => {
    await s3?.stop();
    await rm(home, { recursive: true, force: true });
  });

  it('shows the newest articles of each feed, at most its size', async () => {
    expect(await feedIds(s3, 'feeds/pair/kz-tm.json')).toEqual(['en-000014', 'en-000013', 'en-000012']);
    expect(await feedIds(s3, 'feeds/all.json')).toEqual(['en-000014', 'en-000013', 'en-000012']);
  });

  it('fills the places of articles reclassified out of it with the next older ones of its kind, from the archive', async () => {
    await storeArticle(s3.store, article('en-000013', '2025-10-31T10:00:00.000Z', 'en', 'KZ-UZ'), { overwrite: true });
    await storeArticle(s3.store, article('en-000014', '2025-11-01T10:00:00.000Z', 'en', null), { overwrite: true });
    await publish(s3.store, options);
    expect(await feedIds(s3, 'feeds/pair/kz-tm.json')).toEqual(['en-000012', 'en-000011', 'en-000010']);
    expect(await feedIds(s3, 'feeds/pair/kz-uz.json')).toEqual(['en-000013', 'ru-000020']);
    expect(await feedIds(s3, 'feeds/all.json')).toEqual(['en-000013', 'en-000012', 'ru-000020']);
    expect(await feedIds(s3, 'feeds/lang/en.json')).toEqual(['en-000013', 'en-000012', 'en-000011']);
    const members = JSON.parse(new TextDecoder().decode((await s3.store.get(keys.members))?.body)).feeds;
    expect(members['en-000010']).toEqual(['feeds/pair/kz-tm.xml']);
    expect(members['en-000011']).toEqual(['feeds/lang/en.xml', 'feeds/pair/kz-tm.xml']);
    expect(members['ru-000020']).toEqual(['feeds/all.xml', 'feeds/lang/ru.xml', 'feeds/pair/kz-uz.xml']);
    expect(members['en-000014']).toBeUndefined();
  });

  it('never takes back an article that left it, whose archived copy is older than what is published', async () => {
    await storeArticle(s3.store, article('en-000012', '2025-10-30T10:00:00.000Z', 'en', null), { overwrite: true });
    await publish(s3.store, options);
    expect(await feedIds(s3, 'feeds/pair/kz-tm.json')).toEqual(['en-000011', 'en-000010']);
    expect(await feedIds(s3, 'feeds/all.json')).toEqual(['en-000013', 'ru-000020', 'en-000011']);
  });
});

describe('publish when a feed index is damaged or gone', () => {
  let home: string;
  let s3: EmbeddedS3;
  const options = { feedSize: 3, publicBaseUrl: 'https://feeds.example.org' };
  const kzTm = (id: string, publishedAt: string) => article(id, publishedAt, 'en', 'KZ-TM');

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'kazfeed-lost-index-'));
    s3 = await startEmbeddedS3(home);
    for (const [i, day] of ['2025-10-28', '2025-10-29', '2025-10-30', '2025-10-31'].entries()) await storeArticle(s3.store, kzTm(`en-00004${i}`, `${day}T10:00:00.000Z`), { overwrite: false });
    await publish(s3.store, options);
  });
  afterAll(async () => {
    await s3?.stop();
    await rm(home, { recursive: true, force: true });
  });

  it('rebuilds an index that is not JSON from the daily archive, instead of failing, and says so', async () => {
    await s3.store.put(keys.feedIndex('feeds/pair/kz-tm.xml'), '{"entries": [', { contentType: 'application/json' });
    await storeArticle(s3.store, kzTm('en-000050', '2025-11-01T10:00:00.000Z'), { overwrite: false });
    const result = await publish(s3.store, options);
    expect(result.recovered).toEqual(['index/feeds/pair/kz-tm.json']);
    expect(await feedIds(s3, 'feeds/pair/kz-tm.json')).toEqual(['en-000050', 'en-000043', 'en-000042']);
    expect(await feedIds(s3, 'feeds/all.json')).toEqual(['en-000050', 'en-000043', 'en-000042']);
  });

  it('rebuilds an index deleted while articles are recorded in its feed, instead of shrinking the feed to the new article', async () => {
    await s3.store.delete(keys.feedIndex('feeds/all.xml'));
    await storeArticle(s3.store, kzTm('en-000051', '2025-11-02T10:00:00.000Z'), { overwrite: false });
    const result = await publish(s3.store, options);
    expect(result.recovered).toEqual(['index/feeds/all.json']);
    expect(await feedIds(s3, 'feeds/all.json')).toEqual(['en-000051', 'en-000050', 'en-000043']);
    const members = JSON.parse(new TextDecoder().decode((await s3.store.get(keys.members))?.body)).feeds;
    expect(members['en-000042']).toBeUndefined();
    expect(members['en-000043']).toEqual(['feeds/all.xml', 'feeds/lang/en.xml', 'feeds/pair/kz-tm.xml']);
  });

  it('rebuilds a lost index from the daily files it lists when the manifest is damaged too, and then the manifest', async () => {
    await s3.store.put(keys.manifest, 'xx', { contentType: 'application/json' });
    await s3.store.delete(keys.feedIndex('feeds/all.xml'));
    // Older than what the feeds show, so that it changes no feed of the tests after this one.
    await storeArticle(s3.store, kzTm('en-000056', '2025-10-27T10:00:00.000Z'), { overwrite: false });
    const result = await publish(s3.store, options);
    expect(result.recovered).toEqual(['index/feeds/all.json']);
    expect(await feedIds(s3, 'feeds/all.json')).toEqual(['en-000051', 'en-000050', 'en-000043']);
    expect((await s3.store.getJson(keys.manifest, ArchiveManifest))?.value.files.map((f) => f.date)).toEqual(expect.arrayContaining(['2025-10-27', '2025-11-02']));
  });

  it('goes on with the other pairs\' series and pages when one pair\'s series is damaged, and names it', async () => {
    // Older than what the feeds show: only the series and the pair pages take them. The damaged pair sorts first.
    const figure = (id: string, day: string, pair: string, value: number) => testArticle(id, `2025-09-${day}T10:00:00.000Z`, { pair, figures: [turnoverFigure(value, `$${value / 1_000_000} million`, '2025', 1)] });
    await storeArticle(s3.store, figure('en-000060', '01', 'KG-KZ', 2_000_000), { overwrite: false });
    await storeArticle(s3.store, figure('en-000061', '01', 'KZ-TJ', 3_000_000), { overwrite: false });
    await publish(s3.store, { ...options, site: true });
    await s3.store.put(keys.series('KG-KZ'), '{"pair":', { contentType: 'application/json' });
    await storeArticle(s3.store, figure('en-000062', '02', 'KG-KZ', 4_000_000), { overwrite: false });
    await storeArticle(s3.store, figure('en-000063', '02', 'KZ-TJ', 5_000_000), { overwrite: false });
    const result = await publish(s3.store, { ...options, site: true });
    expect(result.damaged).toEqual([keys.series('KG-KZ')]);
    expect(new TextDecoder().decode((await s3.store.get(keys.series('KZ-TJ')))?.body)).toContain('en-000063');
    expect(new TextDecoder().decode((await s3.store.get(keys.sitePair('KZ-TJ')))?.body)).toContain('Title en-000063');
  });

  it('publishes the feeds and the archive when a series or an atlas state is damaged, and names what it left for check --repair', async () => {
    await s3.store.put(keys.series('KZ-TM'), '{"pair":', { contentType: 'application/json' });
    await s3.store.put(keys.sitePairState('KZ-TM'), '{"pair":', { contentType: 'application/json' });
    const withFigure = testArticle('en-000053', '2025-11-03T10:00:00.000Z', { pair: 'KZ-TM', figures: [turnoverFigure(1_000_000, '$1 million', '2025', 1)] });
    await storeArticle(s3.store, withFigure, { overwrite: false });
    const result = await publish(s3.store, { ...options, site: true });
    expect(result.damaged).toEqual([keys.series('KZ-TM'), keys.sitePairState('KZ-TM')]);
    expect(result.pending).toBe(1);
    expect((await feedIds(s3, 'feeds/pair/kz-tm.json'))[0]).toBe('en-000053');
    expect(await s3.store.exists(keys.pending('en-000053'))).toBe(false);
  });

  it('rebuilds an unreadable index/members.json from the feed indexes, keeping the address feeds/all.json names and the feeds\' length, claiming no rendering, instead of failing', async () => {
    await s3.store.put(keys.members, '{"feeds":', { contentType: 'application/json' });
    await storeArticle(s3.store, kzTm('en-000054', '2025-11-04T10:00:00.000Z'), { overwrite: false });
    // A command on another machine, whose default feed size is smaller than the store's.
    const result = await publish(s3.store, { feedSize: 2 });
    expect(result.recovered).toEqual([keys.members]);
    expect(await feedIds(s3, 'feeds/all.json')).toEqual(['en-000054', 'en-000053', 'en-000051']);
    const members = JSON.parse(new TextDecoder().decode((await s3.store.get(keys.members))?.body));
    expect(members.feedSize).toBe(3);
    expect(members.renderFormat).toBeUndefined();
    expect(members.publicBaseUrl).toBe('https://feeds.example.org');
    expect(members.feeds['en-000054']).toEqual(['feeds/all.xml', 'feeds/lang/en.xml', 'feeds/pair/kz-tm.xml']);
  });

  it('rebuilds an index/members.json deleted by hand from the feed indexes', async () => {
    await s3.store.delete(keys.members);
    await storeArticle(s3.store, kzTm('en-000055', '2025-11-05T10:00:00.000Z'), { overwrite: false });
    const result = await publish(s3.store, { feedSize: 3 });
    expect(result.recovered).toEqual([keys.members]);
    expect(await feedIds(s3, 'feeds/pair/kz-tm.json')).toEqual(['en-000055', 'en-000054', 'en-000053']);
    expect(JSON.parse(new TextDecoder().decode((await s3.store.get(keys.members))?.body)).publicBaseUrl).toBe('https://feeds.example.org');
  });

  it('a new base URL given while index/members.json is gone rebuilds it from the feed indexes and rebases every feed: the store is not taken for one where nothing is published', async () => {
    const feedsBefore = JSON.parse(new TextDecoder().decode((await s3.store.get(keys.members))?.body)).feeds;
    await s3.store.delete(keys.members);
    const written = await rebaseFeeds(s3.store, 'https://news.example.net');
    expect(written).toEqual(expect.arrayContaining(['feeds/all.xml', 'feeds/pair/kz-tm.json']));
    const members = JSON.parse(new TextDecoder().decode((await s3.store.get(keys.members))?.body));
    expect([members.publicBaseUrl, members.feeds]).toEqual(['https://news.example.net', feedsBefore]);
    expect(new TextDecoder().decode((await s3.store.get('feeds/all.json'))?.body)).toContain('"feed_url": "https://news.example.net/feeds/all.json"');
    await rebaseFeeds(s3.store, 'https://feeds.example.org');
  });

  it('a new base URL given while index/members.json is unreadable rebuilds it as publish does, instead of failing', async () => {
    const feedsBefore = JSON.parse(new TextDecoder().decode((await s3.store.get(keys.members))?.body)).feeds;
    await s3.store.put(keys.members, '{"feeds":', { contentType: 'application/json' });
    const written = await rebaseFeeds(s3.store, 'https://news.example.net');
    expect(written).toEqual(expect.arrayContaining(['feeds/all.xml', 'feeds/pair/kz-tm.json']));
    const members = JSON.parse(new TextDecoder().decode((await s3.store.get(keys.members))?.body));
    expect([members.publicBaseUrl, members.feeds]).toEqual(['https://news.example.net', feedsBefore]);
    await rebaseFeeds(s3.store, 'https://feeds.example.org');
  });

  it('starts a new feed from its first article', async () => {
    await storeArticle(s3.store, article('ru-000052', '2025-11-02T11:00:00.000Z', 'ru', 'KZ-UZ'), { overwrite: false });
    const result = await publish(s3.store, options);
    expect(result.recovered).toEqual([]);
    expect(await feedIds(s3, 'feeds/pair/kz-uz.json')).toEqual(['ru-000052']);
  });
});

describe('publish after an upgrade changed how feeds and pages render', () => {
  let home: string;
  let s3: EmbeddedS3;
  const options = { feedSize: 100, publicBaseUrl: 'http://127.0.0.1:8080', site: true };
  const text = async (key: string) => new TextDecoder().decode((await s3.store.get(key))?.body);

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'kazfeed-upgrade-'));
    s3 = await startEmbeddedS3(home);
    await storeArticle(s3.store, article('en-000031', '2025-11-01T10:00:00.000Z', 'en', 'KZ-TM'), { overwrite: false });
    await storeArticle(s3.store, article('ru-000032', '2025-11-02T10:00:00.000Z', 'ru', 'CN-RU'), { overwrite: false });
    await publish(s3.store, options);
  });
  afterAll(async () => {
    await s3?.stop();
    await rm(home, { recursive: true, force: true });
  });

  it('renders every feed and page again, the quiet ones too, once, when what was published names no rendering or an older one', async () => {
    const current = { feed: await text('feeds/pair/kz-tm.xml'), page: await text('site/pair/kz-tm.html') };
    // As an earlier version left them: other bytes, and no rendering recorded.
    await s3.store.put('feeds/pair/kz-tm.xml', current.feed.replace('Kazakhstan–Turkmenistan relations · Kazinform', 'Kazinform: Kazakhstan–Turkmenistan relations'), { contentType: 'application/rss+xml; charset=utf-8' });
    const summary = JSON.parse(await text(keys.siteSummary));
    await s3.store.put('site/pair/kz-tm.html', '<!DOCTYPE html><title>old</title>', { contentType: 'text/html; charset=utf-8' });
    await s3.store.put(keys.siteSummary, JSON.stringify({ ...summary, written: { ...summary.written, 'site/pair/kz-tm.html': '0'.repeat(64) } }), { contentType: 'application/json' });
    const { renderFormat: _, ...members } = JSON.parse(await text(keys.members));
    await s3.store.putJson(keys.members, members);

    const result = await publish(s3.store, options);
    expect(result).toMatchObject({ pending: 0, feeds: [], days: [] });
    expect(result.rerendered).toEqual(['feeds/pair/kz-tm.xml', 'site/pair/kz-tm.html']);
    expect({ feed: await text('feeds/pair/kz-tm.xml'), page: await text('site/pair/kz-tm.html') }).toEqual(current);
    expect(JSON.parse(await text(keys.members)).renderFormat).toBe(RENDER_FORMAT);
    expect(await publish(s3.store, options)).toEqual({ pending: 0, feeds: [], days: [], rerendered: [], recovered: [], damaged: [] });
  });

  it('records the rendering only with the atlas drawn: a publish without it (reprocess) leaves the pages stale for the next one that draws them', async () => {
    const page = await text('site/pair/kz-tm.html');
    const summary = JSON.parse(await text(keys.siteSummary));
    await s3.store.put('site/pair/kz-tm.html', '<!DOCTYPE html><title>old</title>', { contentType: 'text/html; charset=utf-8' });
    await s3.store.put(keys.siteSummary, JSON.stringify({ ...summary, written: { ...summary.written, 'site/pair/kz-tm.html': '0'.repeat(64) } }), { contentType: 'application/json' });
    const { renderFormat: _, ...members } = JSON.parse(await text(keys.members));
    await s3.store.putJson(keys.members, members);

    expect((await publish(s3.store, { ...options, site: false })).rerendered).toEqual([]);
    expect(JSON.parse(await text(keys.members)).renderFormat).toBeUndefined();
    expect((await publish(s3.store, options)).rerendered).toEqual(['site/pair/kz-tm.html']);
    expect(await text('site/pair/kz-tm.html')).toBe(page);
    expect(JSON.parse(await text(keys.members)).renderFormat).toBe(RENDER_FORMAT);
  });

  it('rekeys a series an earlier version keyed by quarter, before the pair page that shows it is drawn again', async () => {
    const value = { value: 5e8, unit: 'USD', kind: 'money', change: null, articleId: 'en-000031', url: 'https://www.inform.kz/x/en-000031', paragraph: 1, raw: '$500 million', publishedAt: '2025-11-01T10:00:00.000Z' };
    await s3.store.putJson(keys.series('KZ-TM'), { pair: 'KZ-TM', updatedAt: '2025-11-01T10:00:00.000Z', entries: [{ metric: 'trade-turnover', period: '2025-Q3', direction: null, values: [value] }] });
    const { renderFormat: _, ...members } = JSON.parse(await text(keys.members));
    await s3.store.putJson(keys.members, members);

    const result = await publish(s3.store, options);
    expect(result.rerendered).toContain('site/pair/kz-tm.html');
    expect(JSON.parse(await text(keys.series('KZ-TM'))).entries).toEqual([{ metric: 'trade-turnover', period: '2025-07/2025-09', direction: null, values: [value] }]);
    expect(await text('site/pair/kz-tm.html')).toContain('2025-07/2025-09');
  });

  it('leaves a rendering a newer version recorded as it is: two versions sharing a bucket do not undo each other', async () => {
    const members = JSON.parse(await text(keys.members));
    await s3.store.putJson(keys.members, { ...members, renderFormat: RENDER_FORMAT + 1 });
    expect(await publish(s3.store, options)).toEqual({ pending: 0, feeds: [], days: [], rerendered: [], recovered: [], damaged: [] });
    expect(JSON.parse(await text(keys.members)).renderFormat).toBe(RENDER_FORMAT + 1);
  });
});

describe('publish on a store published before the atlas existed', () => {
  const options = { feedSize: 100, publicBaseUrl: 'http://127.0.0.1:8080', site: true };
  const earlier = [
    article('en-000041', '2025-10-01T10:00:00.000Z', 'en', 'KZ-TM'),
    article('ru-000042', '2025-10-02T10:00:00.000Z', 'ru', 'CN-RU'),
    article('ru-000043', '2025-10-03T10:00:00.000Z', 'ru', 'KZ-TM'),
    article('en-000044', '2025-10-03T11:00:00.000Z', 'en', null),
  ];
  const later = article('en-000045', '2025-11-01T10:00:00.000Z', 'en', 'KZ-UZ');
  const homes: string[] = [];
  const stores: EmbeddedS3[] = [];
  const text = async (s3: EmbeddedS3, key: string) => new TextDecoder().decode((await s3.store.get(key))?.body);

  /** A store whose `earlier` articles a version before the atlas published: feeds and archive, no `index/site/`, no `site/`. */
  async function preAtlasStore(): Promise<EmbeddedS3> {
    const home = await mkdtemp(join(tmpdir(), 'kazfeed-pre-atlas-'));
    homes.push(home);
    const s3 = await startEmbeddedS3(home);
    stores.push(s3);
    for (const a of earlier) await storeArticle(s3.store, a, { overwrite: false });
    await publish(s3.store, { ...options, site: false });
    expect(await s3.store.exists(keys.siteSummary)).toBe(false);
    return s3;
  }

  /** The atlas's state as stored: each pair's, and the summary without its record of what was written. */
  async function atlasStateOf(s3: EmbeddedS3): Promise<{ states: Record<string, unknown>; summary: unknown }> {
    const states: Record<string, unknown> = {};
    for await (const key of s3.store.list(keys.sitePairStatePrefix)) states[key] = JSON.parse(await text(s3, key));
    const { written: _, ...summary } = JSON.parse(await text(s3, keys.siteSummary));
    return { states, summary };
  }

  /** What check draws from the articles themselves (siteFromArticles), keyed as stored. */
  function drawnFrom(articles: readonly Article[]): { states: Record<string, unknown>; summary: unknown } {
    const drawn = siteFromArticles(new Map(), articles);
    const { written: _, ...summary } = drawn.summary;
    return { states: Object.fromEntries([...drawn.states].map(([pair, state]) => [keys.sitePairState(pair), state])), summary };
  }

  afterAll(async () => {
    for (const s3 of stores) await s3.stop();
    for (const home of homes) await rm(home, { recursive: true, force: true });
  });

  it('draws every archived article into the atlas with the first batch it publishes, not only that batch', async () => {
    const s3 = await preAtlasStore();
    await storeArticle(s3.store, later, { overwrite: false });
    await publish(s3.store, options);
    expect(await atlasStateOf(s3)).toEqual(drawnFrom([...earlier, later]));
    for (const key of [keys.sitePair('CN-RU'), keys.sitePair('KZ-TM'), keys.sitePair('KZ-UZ'), keys.siteLanguage('ru'), keys.siteLanguage('en')]) expect(await s3.store.exists(key), key).toBe(true);
    expect(await text(s3, keys.opml)).toContain('feeds/pair/cn-ru.xml');
  });

  it('draws over a damaged pair state instead of stopping at it', async () => {
    const s3 = await preAtlasStore();
    await s3.store.put(keys.sitePairState('KZ-TM'), '{"pair": "KZ-', { contentType: 'application/json' });
    await storeArticle(s3.store, later, { overwrite: false });
    const result = await publish(s3.store, options);
    expect(result.damaged).toEqual([]);
    expect(await atlasStateOf(s3)).toEqual(drawnFrom([...earlier, later]));
  });

  it('draws it from the archive when an upgrade renders everything again with nothing pending', async () => {
    const s3 = await preAtlasStore();
    const { renderFormat: _, ...members } = JSON.parse(await text(s3, keys.members));
    await s3.store.putJson(keys.members, members);
    const result = await publish(s3.store, options);
    expect(result.rerendered).toEqual(expect.arrayContaining([keys.siteIndex, keys.sitePair('KZ-TM'), keys.sitePair('CN-RU'), keys.siteLanguage('ru'), keys.opml]));
    expect(await atlasStateOf(s3)).toEqual(drawnFrom(earlier));
  });
});

describe('publish, when in one batch an article leaves a full feed and an older one enters it', () => {
  let home: string;
  let s3: EmbeddedS3;
  const options = { feedSize: 3, publicBaseUrl: 'http://127.0.0.1:8080' };

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'kazfeed-refill-older-'));
    s3 = await startEmbeddedS3(home);
    for (const [i, day] of ['2025-10-28', '2025-10-29', '2025-10-30', '2025-10-31', '2025-11-01'].entries()) {
      await storeArticle(s3.store, article(`en-00004${i}`, `${day}T10:00:00.000Z`, 'en', 'KZ-TM'), { overwrite: false });
    }
    await publish(s3.store, options);
  });
  afterAll(async () => {
    await s3?.stop();
    await rm(home, { recursive: true, force: true });
  });

  it('still shows the newest of its kind: the next older one moves up, the entering one stays out', async () => {
    await storeArticle(s3.store, article('en-000044', '2025-11-01T10:00:00.000Z', 'en', null), { overwrite: true });
    await storeArticle(s3.store, article('en-000049', '2025-10-01T10:00:00.000Z', 'en', 'KZ-TM'), { overwrite: false });
    await publish(s3.store, options);
    expect(await feedIds(s3, 'feeds/pair/kz-tm.json')).toEqual(['en-000043', 'en-000042', 'en-000041']);
  });

  it('refills a feed that was full at the size it was last published with, once feedSize is raised', async () => {
    await storeArticle(s3.store, article('en-000043', '2025-10-31T10:00:00.000Z', 'en', null), { overwrite: true });
    await publish(s3.store, { ...options, feedSize: 4 });
    expect(await feedIds(s3, 'feeds/pair/kz-tm.json')).toEqual(['en-000042', 'en-000041', 'en-000040', 'en-000049']);
  });
});
