import { describe, expect, it } from 'vitest';
import type { Article } from '../../schemas/article.ts';
import { mergeSeries } from '../../functions/publish/series.ts';
import { renderOpml } from '../../functions/publish/site/opml.ts';
import { PAGE_CONTENT_SECURITY_POLICY, STYLE_HASH } from '../../functions/publish/site/page.ts';
import { renderIndexPage, renderLanguagePage, renderPairPage } from '../../functions/publish/site/pages.ts';
import { EMPTY_SUMMARY, foldPairStates, foldSummary, PAIR_ARTICLES_SHOWN, PairState, SiteSummary } from '../../functions/publish/site/site-state.ts';
import { feedKeysOfSummary } from '../../functions/publish/site/update-site.ts';
import { testArticle, turnoverFigure } from '../support/articles.ts';

const fold = (articles: Article[], states = new Map<string, PairState>(), summary = EMPTY_SUMMARY) => {
  const folded = foldPairStates(states, articles);
  return { folded, summary: foldSummary(summary, folded, articles) };
};

describe('the atlas state', () => {
  const a = testArticle('en-000001', '2025-10-02T08:00:00.000Z', { pair: 'KZ-TM' });
  const b = testArticle('ru-000002', '2025-11-24T04:00:00.000Z', { pair: 'KZ-TM', language: 'ru' });
  const c = testArticle('cn-000003', '2025-11-04T04:00:00.000Z', { pair: 'CN-RU', language: 'zh-Hans' });
  const none = testArticle('en-000004', '2025-11-25T04:00:00.000Z');

  it('counts each pair\'s articles per month and language, and lists the newest bilateral ones first', () => {
    const { summary } = fold([a, b, c, none]);
    expect(SiteSummary.parse(summary)).toEqual(summary);
    expect(summary.pairs).toEqual({
      'CN-RU': { kazakhstanInvolved: false, months: { '2025-11': 1 }, latest: '2025-11-04T04:00:00.000Z', languages: { 'zh-Hans': 1 } },
      'KZ-TM': { kazakhstanInvolved: true, months: { '2025-10': 1, '2025-11': 1 }, latest: '2025-11-24T04:00:00.000Z', languages: { en: 1, ru: 1 } },
    });
    expect(summary.newest.map((r) => [r.id, r.pair])).toEqual([['ru-000002', 'KZ-TM'], ['cn-000003', 'CN-RU'], ['en-000001', 'KZ-TM']]);
    expect(Object.fromEntries(Object.entries(summary.newestByLanguage).map(([l, rows]) => [l, rows.map((r) => r.id)]))).toEqual({ en: ['en-000001'], ru: ['ru-000002'], 'zh-Hans': ['cn-000003'] });
  });

  it('counts a republished article once, and moves one that changed pair', () => {
    const first = fold([a, b]);
    const again = fold([b], first.folded, first.summary);
    expect(again.summary).toEqual(first.summary);
    const moved = { ...b, relations: { ...b.relations, countries: ['KZ', 'UZ'], pair: 'KZ-UZ' } };
    const after = fold([moved], first.folded, first.summary);
    expect(after.summary.pairs['KZ-TM']?.months).toEqual({ '2025-10': 1 });
    expect(after.summary.pairs['KZ-UZ']?.months).toEqual({ '2025-11': 1 });
    const gone = fold([{ ...a, relations: { ...a.relations, kind: 'none', pair: null, countries: [] } }], after.folded, after.summary);
    expect(Object.keys(gone.summary.pairs)).toEqual(['KZ-UZ']);
    expect(gone.folded.get('KZ-TM')).toEqual({ pair: 'KZ-TM', kazakhstanInvolved: true, counted: {}, newest: [] });
    expect(after.folded.get('KZ-UZ')?.counted).toEqual({ 'ru-000002': ['2025-11', 'ru', ['diplomacy']] });
  });

  it('lists every feed the atlas shows, in OPML 2.0 with titles, languages and absolute links', () => {
    const { summary } = fold([a, b, c]);
    expect(feedKeysOfSummary(summary)).toEqual(['feeds/all.xml', 'feeds/lang/en.xml', 'feeds/lang/ru.xml', 'feeds/lang/zh-hans.xml', 'feeds/pair/cn-ru.xml', 'feeds/pair/kz-tm.xml']);
    const opml = renderOpml(feedKeysOfSummary(summary), 'https://d1.cloudfront.net');
    expect(opml).toContain('<opml version="2.0">');
    expect(opml).toContain('<outline type="rss" text="Chinese (Simplified): bilateral relations · Kazinform" title="Chinese (Simplified): bilateral relations · Kazinform" description="Kazinform articles in Chinese (Simplified) about the relations between two states." xmlUrl="https://d1.cloudfront.net/feeds/lang/zh-hans.xml" htmlUrl="https://d1.cloudfront.net/site/lang/zh-hans.html" language="zh-Hans"/>');
    expect(opml).toContain('xmlUrl="https://d1.cloudfront.net/feeds/all.xml" htmlUrl="https://d1.cloudfront.net/site/index.html"/>');
    expect(opml).toContain('xmlUrl="https://d1.cloudfront.net/feeds/pair/kz-tm.xml" htmlUrl="https://d1.cloudfront.net/site/pair/kz-tm.html"/>');
    expect(opml.match(/<outline /g)).toHaveLength(6);
  });
});

describe('the atlas pages', () => {
  const hostile = testArticle('ar-000005', '2025-11-20T04:00:00.000Z', { pair: 'KZ-TM', language: 'kk-Arab', figures: [turnoverFigure(555_700_000, '<b>555,7</b> "миллион" доллар', '2024', 6)] });
  hostile.title = 'قازاقستان <script>alert(1)</script> & "تۇرىكمەنستان"';
  hostile.url = 'javascript:alert(1)';
  const { folded, summary } = fold([hostile, testArticle('en-000001', '2025-10-02T08:00:00.000Z', { pair: 'KZ-TM' })]);
  const state = folded.get('KZ-TM') as PairState;
  const series = mergeSeries(null, 'KZ-TM', [hostile], new Set(), '2025-11-20T05:00:00.000Z');

  it('escapes every text, drops links that are not http(s), and marks right-to-left titles', () => {
    for (const html of [renderIndexPage(summary), renderPairPage(state, series)]) {
      expect(html).not.toContain('<script');
      expect(html).not.toContain('javascript:');
      expect(html).toContain('<span lang="kk-Arab" dir="auto">قازاقستان &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;تۇرىكمەنستان&quot;</span>');
    }
    expect(renderPairPage(state, series)).toContain('<td dir="auto">&lt;b&gt;555,7&lt;/b&gt; &quot;миллион&quot; доллар</td>');
  });

  it('names the feed each page shows, so that a reader given the page\'s address finds it', () => {
    expect(renderIndexPage(summary)).toContain([
      '<link rel="alternate" type="application/rss+xml" title="Kazinform: bilateral relations" href="../feeds/all.xml">',
      '<link rel="alternate" type="application/feed+json" title="Kazinform: bilateral relations" href="../feeds/all.json">',
    ].join('\n'));
    expect(renderPairPage(state, series)).toContain('<link rel="alternate" type="application/rss+xml" title="Kazakhstan–Turkmenistan relations · Kazinform" href="../../feeds/pair/kz-tm.xml">');
    expect(renderLanguagePage(summary, 'kk-Arab')).toContain('<link rel="alternate" type="application/feed+json" title="Kazakh (Arabic script): bilateral relations · Kazinform" href="../../feeds/lang/kk-arab.json">');
  });

  it('carries a strict policy: no script, no source but the page itself, the one stylesheet by its hash', () => {
    expect(PAGE_CONTENT_SECURITY_POLICY).toBe(`default-src 'none'; style-src ${STYLE_HASH}; img-src 'self' data:; base-uri 'none'; form-action 'none'`);
    const html = renderIndexPage(summary);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;sha256-`);
    expect(html.match(/<style>/g)).toHaveLength(1);
    expect(html).not.toMatch(/ src=/);
    // Links go to the site's own feeds and pages, or to the articles on Kazinform: nothing is loaded.
    expect([...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]).filter((h) => !/^(\.\.\/feeds\/|pair\/|lang\/|data:,$|https:\/\/www\.inform\.kz\/)/.test(h ?? ''))).toEqual([]);
  });

  it('puts a table under every chart, charting the front page\'s 24 months to the newest article\'s month', () => {
    const html = renderIndexPage(summary);
    expect(html.match(/<svg /g)).toHaveLength(1);
    expect(html).toContain('<caption>Kazakhstan–Turkmenistan: articles per month, 2023-12 to 2025-11</caption>');
    expect(html.match(/<tbody>.*?<\/tbody>/)?.[0].match(/<tr>/g)).toHaveLength(24);
    expect(html).toContain('<tr><th scope="row">2025-10</th><td class="n">1</td></tr><tr><th scope="row">2025-11</th><td class="n">1</td></tr>');
    const pair = renderPairPage(state, series);
    expect(pair.match(/<svg /g)).toHaveLength(2);
    expect(pair.match(/<table>/g)).toHaveLength(3);
    expect(pair).toContain('<tr><th scope="row">2024</th><td class="n">555.7M USD</td>');
    expect(pair).toContain('>ar-000005, paragraph 6</td>');
  });

  it('says so when a pair states no figure, and lists at most the newest 200 articles', () => {
    const many = Array.from({ length: 1000 }, (_, i) => testArticle(`en-${String(i).padStart(6, '0')}`, new Date(Date.UTC(2020, 0, 1) + i * 86_400_000 * 2).toISOString(), { pair: 'CN-KZ' }));
    const { folded: big, summary: bigSummary } = fold(many);
    const page = renderPairPage(big.get('CN-KZ') as PairState, null);
    expect(page).toContain('<p>The articles state no figure with what it measures and for when.</p>');
    expect(page.match(/<li><time/g)).toHaveLength(PAIR_ARTICLES_SHOWN);
    expect(page).toContain('<p>The 200 newest of 1,000;');
    expect(Object.values(bigSummary.pairs['CN-KZ']?.months ?? {}).reduce((a, b) => a + b)).toBe(1000);
    expect(Buffer.byteLength(page)).toBeLessThan(150_000);
    // The state keeps 200 articles in full and a short line for each of the others.
    const state = PairState.parse(big.get('CN-KZ'));
    expect(state.newest).toHaveLength(PAIR_ARTICLES_SHOWN);
    expect(Object.keys(state.counted)).toHaveLength(1000);
    expect(JSON.stringify(state.counted['en-000000'])).toBe('["2020-01","en",["diplomacy"]]');
  });

  it('filters by language with a plain page per language: its pairs, its newest articles, its feed', () => {
    const html = renderLanguagePage(summary, 'kk-Arab');
    expect(html).toContain('<h1>Relations between states, in Kazakh (Arabic script)</h1>');
    expect(html).toContain('<nav aria-label="Languages"><p>By language: <a href="../lang/en.html" lang="en">English</a> · <a href="../lang/kk-arab.html" lang="kk-Arab">Kazakh (Arabic script)</a></p></nav>');
    expect(html).toContain('<tbody><tr><th scope="row"><a href="../pair/kz-tm.html">Kazakhstan–Turkmenistan</a></th><td class="n">1</td></tr></tbody>');
    expect(html.match(/<li>/g)).toHaveLength(1);
    expect(html).toContain('<a href="../../feeds/lang/kk-arab.xml">RSS</a>');
    expect(renderIndexPage(summary)).toContain('<a href="lang/kk-arab.html" lang="kk-Arab">Kazakh (Arabic script)</a>');
  });

  it('renders the same bytes for the same data, whenever it runs', () => {
    expect(renderIndexPage(summary)).toBe(renderIndexPage(structuredClone(summary)));
    expect(renderIndexPage(EMPTY_SUMMARY)).toContain("<p>No article about two states' relations has been published yet.</p>");
  });
});
