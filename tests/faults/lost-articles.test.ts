/**
 * Pages written to break extraction, normalisation and decoding, served next to each other: on
 * the first run each one ends as a stored article or as a `rejected/` record whose raw page is
 * stored; none is left to be fetched again, and none vanishes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadIngestState } from '../../functions/ingest/index.ts';
import { runPipeline } from '../../functions/pipeline.ts';
import { Article } from '../../schemas/article.ts';
import { RejectedItem } from '../../schemas/rejected.ts';
import type { RunReport } from '../../schemas/run-report.ts';
import { type FaultyStack, startFaultyStack } from '../support/faulty-stack.ts';
import { type HostileSite, samplePage, startHostileSite } from '../support/hostile-site.ts';

const SLUG = '/ru/tokaev-i-mirziyoev-obsudili';
const TITLE = 'Токаев и Мирзиёев обсудили рост товарооборота и промышленную кооперацию';
/** UTF-8 read as windows-1251: what a wrong decoding upstream leaves in a title. */
const mojibake = (text: string) => new TextDecoder('windows-1251').decode(new TextEncoder().encode(text));

describe('a run over pages that used to lose their article', () => {
  let site: HostileSite;
  let stack: FaultyStack;
  let first: RunReport;
  let second: RunReport;
  const articles = new Map<string, Article>();
  const rejected = new Map<string, RejectedItem>();

  beforeAll(async () => {
    const base = (await samplePage('ru-4c1e9a')).text;
    const retitled = (title: string) => base.replaceAll(TITLE, title);
    const inBody = (html: string) => base.replace('<p>Главы государств', `${html}<p>Главы государств`);
    const pages: Record<string, string> = {
      'image-d00001': base.replace(/(og:image" content=")[^"]*/, '$1http://[::1'),
      'canonical-d00002': base.replace(/(canonical" href=")[^"]*/, '$1http://[x'),
      'json-ld-d00003': base.replace('</head>', '<script type="application/ld+json">{"@type":"NewsArticle","headline":"x","image":{"url":"http://[x"}}</script></head>'),
      'deep-d00004': inBody(`${'<div>'.repeat(6_000)}<p>Глубоко вложенный абзац.</p>${'</div>'.repeat(6_000)}`),
      'bidi-d00005': retitled('Токаев \u202Eи Мирзиёев\u202C обсудили \u2066рост\u061C товарооборота и промышленную кооперацию'),
      'script-d00006': base.replace('<p>Главы государств', '<p>Главы государств<script>var leaked = "SCRIPT-TEXT";</script><style>p{}</style>'),
      'digits-d00008': inBody(`<p>Товарооборот составил ${'9'.repeat(400)} млн долларов.</p>`),
      'mojibake-d00009': retitled(mojibake(TITLE)),
      'target-b0ffff': base,
    };
    const encode = (text: string) => new TextEncoder().encode(text);
    const items = [...Object.keys(pages).filter((p) => p !== 'target-b0ffff'), 'redirect-d00007', 'empty-d0000a', 'cp1251-d0000b'];
    const feed = (extra: string) => ({
      type: 'application/rss+xml; charset=windows-1251', // wrong: the bytes are UTF-8, with two stray bytes in the description
      body: Uint8Array.from([
        ...encode(`<?xml version="1.0"?><rss version="2.0"><channel><title>Лента</title><link>${site.origin}/</link><description>d`), 0xff, 0xfe,
        ...encode(`</description>\n${items.map((p) => `<item><title>Казахстан и Франция: ${p}</title><link>${site.origin}${SLUG}-${p}</link></item>`).join('\n')}\n${extra}</channel></rss>`),
      ]),
    });
    site = await startHostileSite({
      '/rss/ru.xml': (hit) => feed(hit === 1 ? '' : `<item><title>Цель</title><link>${site.origin}${SLUG}-target-b0ffff</link></item>`),
      ...Object.fromEntries(Object.entries(pages).map(([p, html]) => [`${SLUG}-${p}`, { body: html }])),
      [`${SLUG}-redirect-d00007`]: { status: 301, type: 'text/plain', body: '', headers: { location: `${SLUG}-target-b0ffff` } },
      [`${SLUG}-empty-d0000a`]: { body: '<!DOCTYPE html><html><head></head><body></body></html>' },
      // A sample page written in windows-1251, served as UTF-8.
      [`${SLUG}-cp1251-d0000b`]: { type: 'text/html; charset=utf-8', body: new Uint8Array((await samplePage('ru-8d20b7')).bytes) },
    });
    stack = await startFaultyStack({ config: { feeds: [{ url: site.url('/rss/ru.xml') }], allowHosts: [site.host], retries: 0 } });
    first = await runPipeline(stack.config, { store: stack.store });
    for await (const key of stack.s3.store.list('articles/')) {
      const article = (await stack.s3.store.getJson(key, Article))!.value;
      articles.set(article.id, article);
    }
    for await (const key of stack.s3.store.list('rejected/')) {
      const record = (await stack.s3.store.getJson(key, RejectedItem))!.value;
      rejected.set(record.id, record);
    }
    second = await runPipeline(stack.config, { store: stack.store });
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
    await site?.close();
  });

  it('ends every item on the first run as an article or a rejection whose raw page is stored, with no error to retry', async () => {
    expect(first.counts).toMatchObject({ new: 11, fetched: 11, accepted: 9, rejected: 2, errors: 0 });
    expect([...articles.keys()].sort()).toEqual(['ru-b0ffff', 'ru-d00001', 'ru-d00002', 'ru-d00003', 'ru-d00004', 'ru-d00005', 'ru-d00006', 'ru-d00008', 'ru-d0000b']);
    expect([...rejected.keys()].sort()).toEqual(['ru-d00009', 'ru-d0000a']);
    for (const record of rejected.values()) {
      expect(record.rawKey).toMatch(/^raw\/\d{4}\/\d{2}\/\d{2}\/ru-d0000[9a]\.html\.gz$/);
      expect(await stack.s3.store.get(record.rawKey!)).not.toBeNull();
    }
    const { state } = await loadIngestState(stack.s3.store);
    expect(Object.values(state.items).map((i) => i.status)).toEqual(Object.values(state.items).map(() => 'done'));
  });

  it('reads image and canonical URLs that are not URLs as absent, taking the next source\'s', () => {
    expect(articles.get('ru-d00001')?.imageUrl).toBe(site.url('/static/img/ru-4c1e9a.jpg'));
    expect(articles.get('ru-d00002')?.url).toBe(site.url(`${SLUG}-canonical-d00002`));
    expect(articles.get('ru-d00003')?.title).toBe(TITLE);
  });

  it('reads a paragraph nested 6,000 elements deep', () => {
    expect(articles.get('ru-d00004')?.body.sections.flatMap((s) => s.paragraphs)).toContain('Глубоко вложенный абзац.');
  });

  it('removes bidi controls from the title and keeps script and style contents out of the text', () => {
    expect(articles.get('ru-d00005')?.title).toBe('Токаев и Мирзиёев обсудили рост товарооборота и промышленную кооперацию');
    expect(JSON.stringify(articles.get('ru-d00006')?.body)).not.toMatch(/SCRIPT-TEXT|leaked|p\{\}/);
  });

  it('keeps an article whose figure is too large for a number, without that figure', () => {
    const figures = articles.get('ru-d00008')?.figures ?? [];
    expect(figures.every((f) => Number.isFinite(f.value))).toBe(true);
    expect(figures.some((f) => f.raw.includes('999'))).toBe(false);
  });

  it('rejects a mis-decoded title with that reason instead of storing it', () => {
    expect(rejected.get('ru-d00009')?.reason).toMatch(/^title looks mis-decoded /);
  });

  it('reads a feed with two stray bytes as UTF-8 although it declares windows-1251, and notes the fallback in the run report', () => {
    expect(rejected.get('ru-d0000a')?.item.title).toBe('Казахстан и Франция: empty-d0000a');
    expect(first.feeds[0]?.notes).toContain('decoded as utf-8: declared windows-1251, which the bytes contradict; guessed utf-8; 2 invalid byte sequences replaced by U+FFFD');
  });

  it('records in provenance a page decoding that needed a fallback', () => {
    expect(articles.get('ru-d00001')?.provenance.decoding).toBeUndefined();
    expect(articles.get('ru-d0000b')?.provenance.decoding).toBe('windows-1251: declared utf-8, which the bytes contradict');
  });

  it('stores a page that redirected to another article under the final URL\'s id, and does not fetch that article again', () => {
    expect(articles.get('ru-b0ffff')?.url).toBe(site.url(`${SLUG}-target-b0ffff`));
    expect(articles.has('ru-d00007')).toBe(false);
    expect(second.counts).toMatchObject({ new: 0, fetched: 0 });
    expect(site.hits(`${SLUG}-target-b0ffff`)).toBe(1);
  });
});
