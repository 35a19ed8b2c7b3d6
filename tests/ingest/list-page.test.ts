import { describe, expect, it } from 'vitest';
import { parseListPage } from '../../functions/ingest/parse-list-page.ts';
import type { SourceContext } from '../../functions/ingest/items.ts';

const PAGE = 'https://qz.inform.kz/';
const ctx = (extra: Partial<SourceContext> = {}): SourceContext => ({
  url: PAGE,
  allows: (u) => u.hostname.endsWith('.inform.kz'),
  now: new Date('2026-08-19T00:00:00Z'),
  ...extra,
});
const page = (body: string, lang = 'kk-Latn') => `<!DOCTYPE html><html lang="${lang}"><head><title>QazAqparat</title></head><body>${body}</body></html>`;
const parse = (body: string, extra: Partial<SourceContext> = {}) => parseListPage(page(body), ctx(extra));

describe('parseListPage: the links to article pages are the items', () => {
  it('takes article links in page order, once per article, with the card heading as title and its time as date', () => {
    const parsed = parse(`
      <a class="news-card" href="/qz/azerbaijan-talks-4b7e21"><img src="/i.jpg"><time class="meta-date" datetime="2025-11-12T11:20:00+05:00">11:20, 12 Qarasha 2025</time><h3 class="card-title">Qazaqstan men Ázerbaıjan</h3></a>
      <div class="allNewsCard"><a href="/qz/egis-aiaqtaldy-8e0d36"><img alt="Egis"></a><div class="allNewsCard__time">21:38, 18 Августа 2026</div><a href="/qz/egis-aiaqtaldy-8e0d36?utm_source=main">Egis aıaqtaldy</a></div>
      <article class="anounce-news"><h2><a href="/qz/old-story_a3866397">Eski jańalyq</a></h2><span class="anounce-news__date">15:00, 18.11.2025</span></article>
      <a href="/qz/azerbaijan-talks-4b7e21">Qazaqstan men Ázerbaıjan (again)</a>`);
    expect(parsed.kind).toBe('html');
    expect(parsed.items.map((i) => [i.id, i.title, i.publishedAt])).toEqual([
      ['qz-4b7e21', 'Qazaqstan men Ázerbaıjan', '2025-11-12T06:20:00.000Z'],
      ['qz-8e0d36', 'Egis aıaqtaldy', '2026-08-18T16:38:00.000Z'],
      ['qz-a3866397', 'Eski jańalyq', '2025-11-18T10:00:00.000Z'],
    ]);
    expect(parsed.items.every((i) => i.feedUrl === PAGE && i.feedLanguage === 'kk-Latn')).toBe(true);
  });

  it('finds links by their shape when the card markup is one it has never seen', () => {
    const parsed = parse('<section class="feed-2027"><div class="tile"><a class="tile__link" href="/qz/new-layout-story-1c2d3e"><span class="tile__name">Jańa dızaın</span></a></div></section>');
    expect(parsed.items.map((i) => [i.id, i.title])).toEqual([['qz-1c2d3e', 'Jańa dızaın']]);
  });

  it('leaves out navigation, section, tag, author, category and pagination links, the page itself and what is no web link', () => {
    const parsed = parse(`
      <nav><a href="/qz/">Basty bet</a><a href="/qz/saiasat">Saıasat</a><a href="/qz/lenta/">Barlyǵy</a></nav>
      <a href="/qz/tags/azerbaijan">#Ázerbaıjan</a><a href="/author/aigul-nurbekova">Avtor</a><a href="/category/section_s22880">Aımaqtar</a>
      <a href="/qz/lenta/?page=2">2</a><a href="/page/3">3</a><a href="mailto:info@inform.kz">Mail</a><a href="javascript:void(0)">Izdeý</a><a href="#top">Up</a>
      <a href="/qz/one-story-4b7e21">Story</a>`);
    expect(parsed.items.map((i) => i.id)).toEqual(['qz-4b7e21']);
    expect(parsed.skipped).toEqual([]);
    expect(parsed.notes).toEqual([]);
  });

  it('ignores links to hosts the run may not contact, and says how many', () => {
    const parsed = parse(`
      <a href="/qz/one-story-4b7e21">Ours</a>
      <a href="https://evil.example/qz/one-story-4b7e21">Theirs</a><a href="https://mirror.example/ru/other-4c1e9a">Mirror</a>
      <a href="https://www.facebook.com/sharer/sharer.php?u=x">Share</a>`);
    expect(parsed.items.map((i) => i.url)).toEqual(['https://qz.inform.kz/qz/one-story-4b7e21']);
    expect(parsed.notes).toEqual(['2 links to hosts not allowed (evil.example, mirror.example) ignored']);
  });

  it('gives a link to another edition that edition\'s language, and reads links against <base>', () => {
    const parsed = parseListPage(page('<base href="https://www.inform.kz/"><a href="ru/tokaev-4c1e9a">Токаев</a><a href="https://oz.inform.kz/news/x-9f3a27">Астана</a>', 'kk'), ctx({ languageHint: 'kk-Latn' }));
    expect(parsed.items.map((i) => [i.url, i.feedLanguage])).toEqual([['https://www.inform.kz/ru/tokaev-4c1e9a', 'ru'], ['https://oz.inform.kz/news/x-9f3a27', 'uz-Cyrl']]);
  });

  it('names the link to its own next page (?page=N+1), and no other page\'s', () => {
    const lenta = (url: string, body: string) => parseListPage(page(body, 'ru'), ctx({ url }));
    const cards = '<a class="news-card" href="/ru/tokaev-i-mirziyoev-obsudili-tovarooborot/"><time class="meta-date">21:38, 18 Августа 2026</time><h3 class="card-title">Токаев и Мирзиёев</h3></a>';
    expect(lenta('https://www.inform.kz/ru/lenta', `${cards}<a href="/ru/lenta?page=2">2</a><a href="/ru/lenta?page=3">3</a>`).nextPage).toBe('https://www.inform.kz/ru/lenta?page=2');
    expect(lenta('https://www.inform.kz/ru/lenta?page=2', `${cards}<a href="/ru/lenta?page=1">1</a><a href="/ru/lenta?page=3">3</a>`).nextPage).toBe('https://www.inform.kz/ru/lenta?page=3');
    expect(lenta('https://www.inform.kz/ru/', `${cards}<a href="/ru/lenta?page=2">2</a>`).nextPage).toBeUndefined();
  });

  it('reads 2026 cards on a Russian list page: links by URL shape, titles and Astana times from the cards', () => {
    const parsed = parseListPage(page(`
      <a class="news-card" href="/ru/tokaev-i-mirziyoev-obsudili-tovarooborot/"><img src="/i.jpg"><time class="meta-date">21:38, 18 Августа 2026</time><h3 class="card-title">Токаев и Мирзиёев</h3></a>
      <a class="news-card" href="https://cn.inform.kz/news/zhong-ha-shuang-bian-mao-yi/"><time class="meta-date">08:32, 18 8月 2026</time><h3 class="card-title">中哈双边贸易</h3></a>`, 'ru'),
    ctx({ url: 'https://www.inform.kz/ru/lenta', allows: (u) => u.hostname.endsWith('inform.kz') }));
    expect(parsed.items.map((i) => [i.url, i.title, i.publishedAt, i.feedLanguage])).toEqual([
      ['https://www.inform.kz/ru/tokaev-i-mirziyoev-obsudili-tovarooborot/', 'Токаев и Мирзиёев', '2026-08-18T16:38:00.000Z', 'ru'],
      ['https://cn.inform.kz/news/zhong-ha-shuang-bian-mao-yi/', '中哈双边贸易', '2026-08-18T03:32:00.000Z', 'zh-Hans'],
    ]);
  });

  it('says so when a page links to no article', () => {
    const parsed = parse('<nav><a href="/qz/">Basty bet</a><a href="/qz/saiasat">Saıasat</a></nav><p>Qyzmet ýaqytsha toqtatyldy.</p>');
    expect(parsed.items).toEqual([]);
    expect(parsed.notes).toEqual(['no links to article pages among 2 links']);
  });

  it('reads a page of 500 article links and 500 other links in page order, and keeps the newest maxItems', () => {
    const cards = Array.from({ length: 500 }, (_, i) => {
      const id = (0x100000 + i).toString(16);
      const minute = String(i % 60).padStart(2, '0');
      return `<div class="allNewsCard"><a href="/qz/tag-${i}">#${i}</a><div class="allNewsCard__time">10:${minute}, ${1 + Math.floor(i / 60)} Август 2026</div><a href="/qz/story-number-${i}-${id}">Story ${i}</a></div>`;
    }).join('');
    const all = parse(cards);
    expect(all.items).toHaveLength(500);
    expect(all.items[0]?.title).toBe('Story 0');
    expect(all.items[499]?.title).toBe('Story 499');
    const capped = parse(cards, { maxItems: 60 });
    expect(capped.items).toHaveLength(60);
    const newest = [...all.items].sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? '')).slice(0, 60);
    expect(new Set(capped.items.map((i) => i.id))).toEqual(new Set(newest.map((i) => i.id)));
    expect(capped.notes).toEqual(['500 items listed, the newest 60 kept']);
  });

  // Not a benchmark: a bound only work that grows with the square of the links would pass.
  it('reads a page whose one <article> wraps 20,000 links in linear time', () => {
    const links = Array.from({ length: 20_000 }, (_, i) => `<a href="/qz/story-number-${i}-${(0x200000 + i).toString(16)}">Story ${i}</a>`).join('');
    const started = performance.now();
    const parsed = parse(`<article>${links}</article>`, { maxItems: 1000 });
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(parsed.items).toHaveLength(1000);
  });
});
