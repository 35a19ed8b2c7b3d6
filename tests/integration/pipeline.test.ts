import { gunzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Article } from '../../schemas/article.ts';
import { ArchiveManifest } from '../../schemas/manifest.ts';
import { RunReport } from '../../schemas/run-report.ts';
import { Series } from '../../schemas/series.ts';
import { keys } from '../../functions/lib/keys.ts';
import { runPipeline } from '../../functions/pipeline.ts';
import type { RunReport as Report } from '../../schemas/run-report.ts';
import { allKeys, type ExpectedArticle, sampleSiteIndex, type Stack, startStack } from '../support/stack.ts';

describe('a pipeline run over the sample Kazinform site, against a real S3-compatible server', () => {
  let stack: Stack;
  let expected: ExpectedArticle[];
  let first: Report;

  beforeAll(async () => {
    stack = await startStack();
    expected = (await sampleSiteIndex()).articles;
    first = await runPipeline(stack.config, { store: stack.s3.store });
  });
  afterAll(async () => stack?.close());

  const bilateralIds = () => expected.filter((a) => a.expected.kind === 'bilateral').map((a) => a.id).sort();

  it('reads every source item, fetches every page once and stores every article', () => {
    // Some articles are listed by two sources (an RSS feed and an edition's sitemap or page): read twice, fetched once.
    const listed = first.feeds.reduce((n, f) => n + f.items, 0);
    expect(listed).toBeGreaterThan(expected.length);
    expect(first.counts).toEqual({ seen: listed, fetched: expected.length, new: expected.length, accepted: expected.length, bilateral: bilateralIds().length, rejected: 0, errors: 0, blocked: 0 });
    expect(first.feeds.every((f) => f.status === 'fetched')).toBe(true);
    expect(first.published).toBe(true);
  });

  it('stores each article under articles/ by its UTC publication day, valid against the schema', async () => {
    for (const { id, expected: want } of expected) {
      const stored = await stack.s3.store.getJson(keys.article(id, want.publishedAt), Article);
      expect(stored, id).not.toBeNull();
      expect(stored?.value.publishedAt).toBe(want.publishedAt);
      expect(stored?.value.language).toBe(want.language);
    }
  });

  it('keeps every fetched page gzipped under raw/', async () => {
    const raw = await allKeys(stack, 'raw/');
    expect(raw).toHaveLength(expected.length);
    const object = await stack.s3.store.get(raw[0] as string);
    expect(gunzipSync(object?.body as Uint8Array).toString('latin1')).toMatch(/<html/i);
  });

  it('turns the seed-like Uzbek article into uz-Cyrl, KZ-TM, UTC dates, a parsed dateline and trade figures as numbers', async () => {
    const seed = expected.find((a) => a.expected.pair === 'KZ-TM' && a.expected.language === 'uz-Cyrl') as ExpectedArticle;
    const article = (await stack.s3.store.getJson(keys.article(seed.id, seed.expected.publishedAt), Article))?.value as Article;
    expect(article.language).toBe('uz-Cyrl');
    expect(article.relations.kind).toBe('bilateral');
    expect(article.relations.pair).toBe('KZ-TM');
    expect(article.relations.kazakhstanInvolved).toBe(true);
    expect(article.publishedAt).toBe(seed.expected.publishedAt);
    expect(article.dateline).toEqual({ place: seed.expected.datelinePlace });
    expect(article.summary.startsWith(seed.expected.datelinePlace as string)).toBe(false);
    expect(article.figures).toContainEqual(expect.objectContaining({ kind: 'money', value: 555_700_000, unit: 'USD' }));
    expect(article.figures).toContainEqual(expect.objectContaining({ kind: 'percent', value: 5.4, unit: '%' }));
  });

  it('turns the seed-like article\'s figures into the KZ-TM series: turnover by period, exports and imports by direction', async () => {
    const series = (await stack.s3.store.getJson(keys.series('KZ-TM'), Series))?.value as Series;
    const entries = series.entries.map((e) => [e.metric, e.period, e.direction && `${e.direction.from}>${e.direction.to}`, e.values.map((v) => `${v.value} ${v.articleId} ¶${v.paragraph}`)]);
    expect(entries).toEqual([
      ['exports', '2025-01/2025-09', 'KZ>TM', ['221700000 oz-9f3a27 ¶7']],
      ['growth', '2025-01/2025-09', null, ['5.4 oz-9f3a27 ¶6']],
      ['imports', '2025-01/2025-09', 'TM>KZ', ['141900000 oz-9f3a27 ¶7']],
      ['trade-turnover', '2024', null, ['555700000 oz-9f3a27 ¶6']],
      ['trade-turnover', '2025-01/2025-09', null, ['363600000 oz-9f3a27 ¶6']],
    ]);
    expect(series.entries.find((e) => e.period === '2025-01/2025-09' && e.metric === 'trade-turnover')?.values[0]).toMatchObject({ raw: '363,6 миллион доллар', change: 5.4 });
  });

  it('publishes RSS 2.0 holding exactly the bilateral articles, which rss-parser reads back', async () => {
    const xml = new TextDecoder().decode((await stack.s3.store.get('feeds/all.xml'))?.body);
    const feed = await new Parser().parseString(xml);
    expect(feed.items.map((i) => i.guid).sort()).toEqual(bilateralIds());
    const dates = feed.items.map((i) => Date.parse(i.pubDate as string));
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
  });

  it('publishes JSON Feed 1.1 with the same items, newest first', async () => {
    const feed = JSON.parse(new TextDecoder().decode((await stack.s3.store.get('feeds/all.json'))?.body));
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.items.map((i: { id: string }) => i.id).sort()).toEqual(bilateralIds());
    for (const item of feed.items) expect(Object.keys(item)).toEqual(expect.arrayContaining(['id', 'url', 'title', 'date_published', 'content_html']));
  });

  it('publishes one feed per language and per pair, each holding only its own articles', async () => {
    const byPair = new Map<string, string[]>();
    for (const a of expected.filter((x) => x.expected.kind === 'bilateral')) {
      const key = (a.expected.pair as string).toLowerCase();
      byPair.set(key, [...(byPair.get(key) ?? []), a.id].sort());
    }
    for (const [pair, ids] of byPair) {
      const feed = JSON.parse(new TextDecoder().decode((await stack.s3.store.get(`feeds/pair/${pair}.json`))?.body));
      expect(feed.items.map((i: { id: string }) => i.id).sort(), pair).toEqual(ids);
    }
    const feedKeys = await allKeys(stack, 'feeds/lang/');
    const languages = [...new Set(expected.filter((x) => x.expected.kind === 'bilateral').map((x) => x.expected.language.toLowerCase()))].sort();
    expect(feedKeys).toEqual(languages.flatMap((l) => [`feeds/lang/${l}.json`, `feeds/lang/${l}.xml`]));
  });

  it('archives every article by day, with a manifest whose counts and sha256 match the files', async () => {
    const manifest = (await stack.s3.store.getJson(keys.manifest, ArchiveManifest))?.value as ArchiveManifest;
    const days = [...new Set(expected.map((a) => a.expected.publishedAt.slice(0, 10)))].sort();
    expect(manifest.files.map((f) => f.date)).toEqual(days);
    let total = 0;
    for (const file of manifest.files) {
      const gz = (await stack.s3.store.get(file.key))?.body as Uint8Array;
      expect(createHash('sha256').update(gz).digest('hex')).toBe(file.sha256);
      expect(gz.byteLength).toBe(file.bytes);
      const lines = gunzipSync(gz).toString('utf8').trim().split('\n');
      expect(lines).toHaveLength(file.count);
      total += file.count;
    }
    expect(total).toBe(expected.length);
  });

  it('stores a valid run report under runs/', async () => {
    const reports = await allKeys(stack, 'runs/');
    expect(reports).toContain(keys.runReport(first.startedAt));
    const stored = await stack.s3.store.getJson(keys.runReport(first.startedAt), RunReport);
    expect(stored?.value.counts).toEqual(first.counts);
  });

  it('a second run over the unchanged site gets 304s, fetches no page and writes no article', async () => {
    const before = await allKeys(stack, 'articles/');
    const requestsBefore = stack.site.requests.length;
    const second = await runPipeline(stack.config, { store: stack.s3.store });
    const requests = stack.site.requests.slice(requestsBefore);
    expect(second.feeds.map((f) => f.status)).toEqual(second.feeds.map(() => 'not-modified'));
    const sources = stack.site.feedUrls.map((url) => new URL(url).pathname).sort();
    expect(requests.map((r) => `${r.status} ${r.path}`).sort()).toEqual(sources.map((path) => `304 ${path}`));
    expect(second.counts).toMatchObject({ new: 0, fetched: 0, accepted: 0 });
    expect(second.published).toBe(false);
    expect(await allKeys(stack, 'articles/')).toEqual(before);
    expect(await allKeys(stack, 'index/pending/')).toEqual([]);
  });
});
