import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Series } from '../../schemas/series.ts';
import { keys } from '../../functions/lib/keys.ts';
import { runPipeline } from '../../functions/pipeline.ts';
import { sampleSiteSubset, type SiteSubset } from '../support/site-subset.ts';
import { type Stack, startStack } from '../support/stack.ts';

/** A Russian article written for this test: the 2024 KZ-TM turnover, reported a day after the Uzbek one, rounded. */
const PAGE = `<!DOCTYPE html>
<html lang="ru"><head><meta charset="utf-8">
<title>Казахстан и Туркменистан нарастят транзит через Каспий | Kazinform</title>
<meta property="og:title" content="Казахстан и Туркменистан нарастят транзит через Каспий | Kazinform">
<meta property="article:published_time" content="2025-11-25T11:00:00+05:00">
<link rel="canonical" href="{{origin}}/ru/kazahstan-i-turkmenistan-narastyat-tranzit-5e0c11">
</head><body><article class="article">
<h1 class="article__title">Казахстан и Туркменистан нарастят транзит через Каспий</h1>
<div class="article__description"><p>АСТАНА. KAZINFORM — Казахстан и Туркменистан договорились увеличить перевозки грузов через порты Каспийского моря.</p></div>
<div class="article__body-text">
<p>По итогам 2024 года товарооборот между Казахстаном и Туркменистаном составил 556 млн долларов, сообщили в министерстве торговли.</p>
<p>Стороны обсудили строительство новых терминалов в портах Актау и Туркменбаши.</p>
</div></article></body></html>
`;

const ITEM = `<item>
  <title>Казахстан и Туркменистан нарастят транзит через Каспий</title>
  <link>{{origin}}/ru/kazahstan-i-turkmenistan-narastyat-tranzit-5e0c11</link>
  <guid isPermaLink="true">{{origin}}/ru/kazahstan-i-turkmenistan-narastyat-tranzit-5e0c11</guid>
  <pubDate>Tue, 25 Nov 2025 11:00:00 +0500</pubDate>
</item>
</channel>`;

describe('series over the sample site', () => {
  let subset: SiteSubset;
  let stack: Stack;

  beforeAll(async () => {
    subset = await sampleSiteSubset(['rss/oz.xml']);
    await writeFile(join(subset.dir, 'articles/ru-5e0c11.html'), PAGE);
    const feed = await readFile(join(subset.dir, 'rss/oz.xml'), 'utf8');
    await writeFile(join(subset.dir, 'rss/oz.xml'), feed.replace('</channel>', ITEM));
    const index = JSON.parse(await readFile(join(subset.dir, 'site.json'), 'utf8'));
    index.articles.push({ id: 'ru-5e0c11', path: '/ru/kazahstan-i-turkmenistan-narastyat-tranzit-5e0c11', file: 'articles/ru-5e0c11.html', feed: 'rss/oz.xml' });
    await writeFile(join(subset.dir, 'site.json'), JSON.stringify(index));
    stack = await startStack(subset.dir);
    await runPipeline(stack.config, { store: stack.s3.store });
  });
  afterAll(async () => {
    await stack?.close();
    await rm(subset.dir, { recursive: true, force: true });
  });

  it('keeps two articles\' reports of the 2024 KZ-TM turnover side by side in one entry, each with its source', async () => {
    const series = (await stack.s3.store.getJson(keys.series('KZ-TM'), Series))?.value as Series;
    const turnover2024 = series.entries.filter((e) => e.metric === 'trade-turnover' && e.period === '2024');
    expect(turnover2024).toHaveLength(1);
    expect(turnover2024[0]?.values.map((v) => ({ value: v.value, articleId: v.articleId, paragraph: v.paragraph, raw: v.raw }))).toEqual([
      { value: 555_700_000, articleId: 'oz-9f3a27', paragraph: 6, raw: '555,7 миллион доллар' },
      { value: 556_000_000, articleId: 'ru-5e0c11', paragraph: 1, raw: '556 млн долларов' },
    ]);
  });
});
