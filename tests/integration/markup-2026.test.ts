import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../functions/lib/keys.ts';
import { runPipeline } from '../../functions/pipeline.ts';
import { Article } from '../../schemas/article.ts';
import type { RunReport } from '../../schemas/run-report.ts';
import { type GoldenArticle, goldenArticles } from '../support/golden.ts';
import { type Stack, startStack } from '../support/stack.ts';

/** The sample site's page in neither known markup (fixtures/kazinform-site/sources/no-version.html). */
const NO_VERSION = { id: 'ru-s20a6e655b004', path: '/ru/kazahstan-i-armeniya-obsudili-sotrudnichestvo-v-sfere-it/', publishedAt: '2026-08-18T06:15:00.000Z' };

const pages2026 = (await goldenArticles()).filter((g) => g.expected.extractor === 'kazinform@2026-08');

describe('a run over pages in the 2026 markup, served through RSS and through a 2026-style list page', () => {
  let viaRss: Stack;
  let viaList: Stack;
  let rssReport: RunReport;
  let listReport: RunReport;

  beforeAll(async () => {
    viaRss = await startStack();
    viaRss.config.feeds = [{ url: viaRss.site.url('/feeds/2026.xml') }];
    rssReport = await runPipeline(viaRss.config, { store: viaRss.s3.store });
    viaList = await startStack();
    viaList.config.feeds = [{ url: viaList.site.url('/lenta') }];
    listReport = await runPipeline(viaList.config, { store: viaList.s3.store });
  });
  afterAll(async () => {
    await viaRss?.close();
    await viaList?.close();
  });

  /** A stored article as it reads on any replay server: the server's origin, the fetch time and the source it came by left out. */
  const stored = async (stack: Stack, id: string, publishedAt: string) => {
    const article = (await stack.s3.store.getJson(keys.article(id, publishedAt), Article))?.value as Article;
    const { fetchedAt: _, provenance: { feedUrl: __, ...provenance }, ...rest } = article;
    return JSON.parse(JSON.stringify({ ...rest, provenance }).replaceAll(stack.site.origin, '{{origin}}')) as Omit<Article, 'fetchedAt'>;
  };

  it('reads the list through its next page (/lenta?page=2), its 2026 cards giving the items', () => {
    expect(listReport.feeds).toEqual([expect.objectContaining({ kind: 'html', status: 'fetched', items: 4, newItems: 4 })]);
    expect(viaList.site.requests.filter((r) => r.path.startsWith('/lenta')).map((r) => `${r.status} ${r.path}`)).toEqual(['200 /lenta', '200 /lenta?page=2']);
    expect(rssReport.feeds).toEqual([expect.objectContaining({ kind: 'rss', status: 'fetched', items: 4, newItems: 4 })]);
    for (const report of [rssReport, listReport]) expect(report.counts).toMatchObject({ fetched: 4, accepted: 4, rejected: 0, errors: 0 });
  });

  it.each(pages2026.map((g) => [g.id, g] as const))('stores %s with the same fields whichever source led to it, read by kazinform@2026-08', async (_id, golden: GoldenArticle) => {
    const fromRss = await stored(viaRss, golden.id, golden.expected.publishedAt);
    const fromList = await stored(viaList, golden.id, golden.expected.publishedAt);
    expect(fromList).toEqual(fromRss);
    const e = golden.expected;
    expect(fromRss).toMatchObject({
      url: `{{origin}}${golden.path}`, title: e.title, summary: e.summary, dateline: { place: e.datelinePlace }, authors: e.authors, tags: e.tags,
      imageUrl: e.imageUrl, publishedAt: e.publishedAt, updatedAt: e.updatedAt, body: { sections: e.sections }, provenance: { extractor: 'kazinform@2026-08' },
    });
  });

  it('stores the page in neither markup through the fallbacks, and counts it as fitting no version', async () => {
    for (const [stack, report] of [[viaRss, rssReport], [viaList, listReport]] as const) {
      expect(report.layoutBroken).toEqual([stack.site.url(NO_VERSION.path)]);
      const article = await stored(stack, NO_VERSION.id, NO_VERSION.publishedAt);
      expect(article).toMatchObject({ title: 'Казахстан и Армения обсудили сотрудничество в сфере IT', dateline: { place: 'АСТАНА' }, provenance: { extractor: 'generic' } });
      expect(article.summary).toMatch(/^Министры цифрового развития Казахстана и Армении/);
      expect(Object.values(article.provenance.fields ?? {}).filter((name) => name.startsWith('kazinform@'))).toEqual([]);
    }
  });
});
