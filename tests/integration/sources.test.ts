import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ReplaySite, startReplaySite } from '../../cli/replay-site.ts';
import { keys } from '../../functions/lib/keys.ts';
import { runPipeline } from '../../functions/pipeline.ts';
import { Article } from '../../schemas/article.ts';
import type { RunReport, SourceKind } from '../../schemas/run-report.ts';
import { kazfeed } from '../support/cli.ts';
import { allKeys, type ExpectedArticle, SAMPLE_SITE, sampleSiteIndex, type Stack, startStack } from '../support/stack.ts';

const index = await sampleSiteIndex();
const byId = new Map<string, ExpectedArticle>(index.articles.map((a) => [a.id, a]));

describe('kazfeed run --feed <an edition front page> on the replayed site', () => {
  let home: string;
  let site: ReplaySite;
  let first: RunReport;
  let requestsOfFirst: { path: string; status: number }[];

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'kazfeed-front-'));
    site = await startReplaySite(SAMPLE_SITE);
    const out = await kazfeed(['run', '--feed', site.url('/qz/'), '--allow-host', '127.0.0.1', '--json'], { KAZFEED_HOME: home });
    if (out.code !== 0) throw new Error(`kazfeed run failed: ${out.stderr}`);
    first = JSON.parse(out.stdout) as RunReport;
    requestsOfFirst = [...site.requests];
  }, 60_000);
  afterAll(async () => {
    await site?.close();
    await rm(home, { recursive: true, force: true });
  });

  const linkedFromTheFrontPage = ['qz-4b7e21', 'qz-8e0d36', 'ru-4c1e9a'];

  it('reads the page as an HTML source and names what it left out', () => {
    expect(first.feeds).toEqual([expect.objectContaining({ source: site.url('/qz/'), url: site.url('/qz/'), kind: 'html', status: 'fetched', items: 3, newItems: 3, notes: ['1 link to hosts not allowed (www.inform.kz) ignored'] })]);
  });

  it('stores the articles linked from that page, and only those, each in its own language', async () => {
    const out = await kazfeed(['export'], { KAZFEED_HOME: home });
    const stored = out.stdout.trim().split('\n').map((line) => JSON.parse(line) as Article);
    expect(stored.map((a) => a.id).sort()).toEqual(linkedFromTheFrontPage);
    for (const article of stored) expect(article.language, article.id).toBe(byId.get(article.id)?.expected.language);
    expect(requestsOfFirst.map((r) => r.path).sort()).toEqual(['/qz/', ...linkedFromTheFrontPage.map((id) => byId.get(id)?.path as string)].sort());
  });

  it('fetches nothing again on a second run: the page answers 304', async () => {
    const out = await kazfeed(['run', '--feed', site.url('/qz/'), '--allow-host', '127.0.0.1', '--json'], { KAZFEED_HOME: home });
    expect(out.code).toBe(0);
    const second = JSON.parse(out.stdout) as RunReport;
    expect(second.feeds[0]).toMatchObject({ kind: 'html', status: 'not-modified' });
    expect(second.counts).toMatchObject({ new: 0, fetched: 0, accepted: 0 });
    expect(site.requests.slice(requestsOfFirst.length)).toEqual([{ path: '/qz/', status: 304 }]);
  });
});

/** One source of each kind, polled on its own by a pipeline run against the replay server and a real S3-compatible store. */
const KINDS: { name: string; path: string; kind: SourceKind; ids: string[] }[] = [
  { name: 'Atom (served as text/html)', path: '/feeds/ru.atom', kind: 'atom', ids: ['ru-4c1e9a', 'ru-6b8e21', 'ru-a4112873'] },
  { name: 'JSON Feed (served as text/plain at an .xml address)', path: '/feeds/kz.xml', kind: 'json-feed', ids: ['kz-3a9c55', 'kz-5e8c3d', 'kz-b61f08'] },
  { name: 'XML sitemap (sections, tags, authors and pages among the articles)', path: '/sitemap.xml', kind: 'sitemap', ids: ['en-5f1c2e', 'en-7b2f04', 'en-a4098765', 'en-d93a61'] },
  { name: 'Google News sitemap', path: '/oz/sitemaps/google-news_oz.xml', kind: 'news-sitemap', ids: ['oz-2d7e54', 'oz-9f3a27', 'oz-c0b418', 'oz-s053611f814ed'] },
  { name: 'sitemap index (its three newest sitemaps)', path: '/cn/sitemaps/index.xml', kind: 'sitemap-index', ids: ['cn-1a6b0c', 'cn-7c3d92', 'cn-e47f19'] },
];

describe.each(KINDS)('a source of any kind: $name', ({ path, kind, ids }) => {
  let stack: Stack;
  let first: RunReport;
  let second: RunReport;
  let requestsOfSecond: { path: string; status: number }[];

  beforeAll(async () => {
    stack = await startStack();
    stack.config.feeds = [{ url: stack.site.url(path) }];
    first = await runPipeline(stack.config, { store: stack.s3.store });
    const before = stack.site.requests.length;
    second = await runPipeline(stack.config, { store: stack.s3.store });
    requestsOfSecond = stack.site.requests.slice(before);
  });
  afterAll(async () => stack?.close());

  it(`is read as ${kind}, with its items counted in the run report`, () => {
    expect(first.feeds).toEqual([expect.objectContaining({ url: stack.site.url(path), kind, status: 'fetched', items: ids.length, newItems: ids.length })]);
    expect(first.counts).toMatchObject({ new: ids.length, fetched: ids.length, accepted: ids.length, rejected: 0 });
  });

  it('stores each listed article once, in its expected language', async () => {
    const stored = (await allKeys(stack, 'articles/')).map((key) => key.split('/').pop()?.replace('.json', ''));
    expect(stored.sort()).toEqual(ids);
    for (const id of ids) {
      const want = byId.get(id) as ExpectedArticle;
      const article = (await stack.s3.store.getJson(keys.article(id, want.expected.publishedAt), Article))?.value;
      expect(article?.language, id).toBe(want.expected.language);
    }
  });

  it('costs conditional requests only on the second run, and fetches no page', () => {
    expect(second.counts).toMatchObject({ new: 0, fetched: 0, accepted: 0 });
    expect(second.feeds[0]?.status).toBe('not-modified');
    // A sitemap index is read in full each time (its sitemaps change under it); its sitemaps answer 304.
    const expected = kind === 'sitemap-index' ? [`200 ${path}`, ...['2025-08', '2025-10', '2025-11'].map((m) => `304 /cn/sitemaps/articles-${m}.xml`)] : [`304 ${path}`];
    expect(requestsOfSecond.map((r) => `${r.status} ${r.path}`).sort()).toEqual(expected.sort());
  });
});

describe('a sitemap index', () => {
  it('is read through its newest sitemaps only: an older one is never asked for', async () => {
    const stack = await startStack();
    try {
      stack.config.feeds = [{ url: stack.site.url('/cn/sitemaps/index.xml') }];
      const report = await runPipeline(stack.config, { store: stack.s3.store });
      expect(report.feeds[0]?.notes).toEqual(['4 sitemaps listed, the newest 3 read']);
      expect(stack.site.requests.filter((r) => r.path.includes('2025-07'))).toEqual([]);
    } finally {
      await stack.close();
    }
  });
});
