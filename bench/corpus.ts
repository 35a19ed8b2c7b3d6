/**
 * Deterministic corpus generator for the benchmarks: Kazinform-style article pages made from the
 * project's own fixtures (fixtures/kazinform-site). Each generated page takes one fixture page as
 * its template and varies what a real stream of articles varies:
 *
 * - the site id (new 6-hex or `_a<7 digits>` id, unique within the corpus), so the URL, canonical
 *   link, og:url and the pipeline's article id are new;
 * - the publication time (ISO times in meta / JSON-LD shifted; the displayed Astana time's day of
 *   month changed where a page has no machine-readable time);
 * - the body length: the template's paragraphs shuffled, extended with paragraphs of other pages in
 *   the same language and sometimes repeated (0.6× to 4× the template's length);
 * - the page chrome around the article (menu links, related-news cards, an inline state script),
 *   so page sizes spread from ~7 KB to ~65 KB, like a news page with its navigation;
 * - the language, by weighted choice of the template (ru, kk-Cyrl, en, uz-Cyrl, zh-Hans).
 *
 * With `fullSize`, the chrome is what a real news site's page carries (150-400 KB a page): a mega
 * menu with every edition's sections in its own language, an inline app state of a few hundred KB
 * (with HTML fragments such as `</div>` inside the script, and the article's own markup escaped in
 * it), ~40 related-news cards, a breadcrumb JSON-LD block and a footer with SVG icons. All of it is
 * written here from the fixtures' titles and paragraphs: no real page is copied.
 *
 * `generateCorpus` is pure: the same templates, count and seed give the same pages, byte for byte.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface Template {
  /** Fixture id, e.g. `ru-4c1e9a`. */
  id: string;
  /** Path on the site, e.g. `/ru/tokaev-...-4c1e9a`. */
  path: string;
  /** Feed file the fixture is listed in, e.g. `rss/rus.xml`. */
  feed: string;
  /** Expected language tag (from site.json). */
  language: string;
  /** The page, decoded to a string, declared UTF-8. */
  html: string;
}

export interface FeedTemplate {
  /** e.g. `rss/rus.xml` */
  file: string;
  /** The XML before the first `<item>` and after the last `</item>`. */
  head: string;
  tail: string;
}

export interface Fixtures {
  templates: Template[];
  feeds: FeedTemplate[];
}

export interface GeneratedPage {
  /** The article id the pipeline derives from the URL (`<edition>-<site id>`). */
  id: string;
  /** Fixture the page was made from. */
  template: string;
  language: string;
  /** Path on the site (no origin); pages and feeds use `{{origin}}` placeholders. */
  path: string;
  feed: string;
  title: string;
  /** Publication time, ISO UTC. */
  publishedAt: string;
  html: string;
}

export interface CorpusOptions {
  count: number;
  seed: number;
  /** Newest publication time (UTC); older items go back from here. */
  newest?: string;
  /** Publication times spread at this many items per day, newest first (default 400). */
  itemsPerDay?: number;
  /** Full-size chrome around the article (see the module comment): pages of 150-400 KB. */
  fullSize?: boolean;
}

/** Share of each language among generated pages: Kazinform's editions by output, roughly. */
const LANGUAGE_WEIGHTS: Record<string, number> = { ru: 0.35, 'kk-Cyrl': 0.27, en: 0.2, 'uz-Cyrl': 0.09, 'zh-Hans': 0.09 };

/** mulberry32: a small, fast, seedable PRNG (period 2^32), good enough for test data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rand: () => number, items: readonly T[]): T {
  const item = items[Math.floor(rand() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function shuffle<T>(rand: () => number, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const BODY_OPEN = '<div class="article__body-text">';
const ISO_LOCAL = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?\+05:00/g;

/** Reads the fixture site: pages decoded with their declared charset, feeds split around their items. */
export async function loadFixtures(dir: string): Promise<Fixtures> {
  const site = JSON.parse(await readFile(join(dir, 'site.json'), 'utf8')) as {
    articles: { id: string; path: string; file: string; charset?: string; feed: string; expected: { language: string } }[];
    feeds: string[];
  };
  const templates: Template[] = [];
  for (const a of site.articles) {
    const bytes = await readFile(join(dir, a.file));
    const html = new TextDecoder(a.charset ?? 'utf-8').decode(bytes).replace(/<meta charset="[^"]+">/i, '<meta charset="utf-8">');
    // The generator varies the 2024 markup's body; pages in other markups are not templates.
    if (html.includes(BODY_OPEN)) templates.push({ id: a.id, path: a.path, feed: a.feed, language: a.expected.language, html });
  }
  const feeds: FeedTemplate[] = [];
  for (const file of site.feeds) {
    const xml = await readFile(join(dir, file), 'utf8');
    const first = xml.indexOf('<item>');
    const last = xml.lastIndexOf('</item>') + '</item>'.length;
    feeds.push({ file, head: xml.slice(0, first), tail: xml.slice(last) });
  }
  return { templates, feeds };
}

/** The body's element lines (one element per line in the fixtures) and the trailing "Read also" line. */
function bodyLines(html: string): { before: string; lines: string[]; readAlso: string[]; after: string } {
  const start = html.indexOf(BODY_OPEN);
  if (start < 0) throw new Error('template without .article__body-text');
  const open = start + BODY_OPEN.length;
  const close = html.indexOf('\n  </div>', open);
  const inner = html.slice(open, close).split('\n').filter((l) => l.trim());
  const readAlso = inner.filter((l) => l.includes('<strong>'));
  return { before: html.slice(0, open), lines: inner.filter((l) => !l.includes('<strong>')), readAlso, after: html.slice(close) };
}

function siteIdOfPath(path: string): string {
  const m = /(?:_a\d{5,9}|-[0-9a-f]{6})$/.exec(path);
  if (!m) throw new Error(`no site id in ${path}`);
  return m[0];
}

function escapeXml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function titleOf(html: string): string {
  return /<h1 class="article__title">([^<]*)<\/h1>/.exec(html)?.[1] ?? '';
}

/** Navigation, related cards and an inline state script: the weight a real page carries around its article. */
function chrome(rand: () => number, edition: string, related: readonly { path: string; title: string }[]): { nav: string; aside: string; script: string } {
  const sections = ['politics', 'economy', 'society', 'world', 'sport', 'culture', 'regions', 'tech', 'health', 'analytics', 'interview', 'photo', 'video', 'official'];
  const navLinks = 10 + Math.floor(rand() * 60);
  const nav = Array.from({ length: navLinks }, (_, i) => `<li class="menu__item"><a class="menu__link" href="/${edition}/${sections[i % sections.length]}/${i}">${sections[i % sections.length]} ${i}</a></li>`).join('');
  const cards = 4 + Math.floor(rand() * 36);
  const aside = Array.from({ length: cards }, () => {
    const r = pick(rand, related);
    return `<div class="allNewsCard"><a class="allNewsCard__link" href="${r.path}"><img class="allNewsCard__img" src="/static/thumb/${r.path.slice(-6)}.jpg" alt=""><span class="allNewsCard__title">${r.title}</span></a><span class="allNewsCard__time">${String(Math.floor(rand() * 24)).padStart(2, '0')}:${String(Math.floor(rand() * 60)).padStart(2, '0')}</span></div>`;
  }).join('\n');
  const stateEntries = 20 + Math.floor(rand() * 600);
  const state = Array.from({ length: stateEntries }, (_, i) => `{"id":${i},"slug":"${pick(rand, sections)}-${Math.floor(rand() * 1e6).toString(16)}","views":${Math.floor(rand() * 1e5)}}`).join(',');
  const script = `<script>window.__APP_STATE__={"edition":"${edition}","menu":[${state}]};</script><script src="/static/js/app.${Math.floor(rand() * 1e8).toString(16)}.js" defer></script>`;
  return { nav: `<ul class="menu__list">${nav}</ul>`, aside, script };
}

/** Section names per edition, in the edition's language: the mega menu lists every edition's. */
const MENU_SECTIONS: Record<string, readonly string[]> = {
  ru: ['Политика', 'Экономика', 'Общество', 'В мире', 'Спорт', 'Культура', 'Регионы', 'Технологии', 'Здоровье', 'Аналитика', 'Интервью', 'Фото', 'Видео', 'Официально'],
  kz: ['Саясат', 'Экономика', 'Қоғам', 'Әлем', 'Спорт', 'Мәдениет', 'Аймақтар', 'Технология', 'Денсаулық', 'Сараптама', 'Сұхбат', 'Фото', 'Бейне', 'Ресми'],
  en: ['Politics', 'Economy', 'Society', 'World', 'Sports', 'Culture', 'Regions', 'Technology', 'Health', 'Analytics', 'Interview', 'Photo', 'Video', 'Official'],
  oz: ['Сиёсат', 'Иқтисодиёт', 'Жамият', 'Дунё', 'Спорт', 'Маданият', 'Ҳудудлар', 'Технология', 'Соғлиқ', 'Таҳлил', 'Интервью', 'Фото', 'Видео', 'Расмий'],
  cn: ['政治', '经济', '社会', '国际', '体育', '文化', '地区', '科技', '健康', '分析', '专访', '图片', '视频', '官方'],
  qz: ['Saiasat', 'Ekonomika', 'Qoğam', 'Älem', 'Sport', 'Mädeniet', 'Aimaqtar', 'Tehnologia', 'Densaulyq', 'Saraptama', 'Suhbat', 'Foto', 'Beine', 'Resmi'],
};

function escapeJson(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

/**
 * A real news site's chrome, `target` bytes of it (see the module comment). The inline state is
 * what fills the page to size: its entries are teasers with HTML in strings, so the scripts hold
 * `</div>`, `<article ...>` and the article's own classes, as server-rendered apps' states do.
 */
function fullSizeChrome(rand: () => number, edition: string, related: readonly { path: string; title: string }[], bodyHtml: string, target: number): { nav: string; aside: string; script: string; footer: string } {
  const editions = Object.keys(MENU_SECTIONS);
  const nav = editions.map((ed) => {
    const items = (MENU_SECTIONS[ed] ?? []).map((name, s) => {
      const sub = Array.from({ length: 6 + Math.floor(rand() * 10) }, (_, k) => `<li class="mega__sub"><a class="mega__link" href="/${ed}/section_${s}/${k}" title="${name} ${k + 1}">${name} · ${k + 1}</a></li>`).join('');
      return `<li class="mega__item"><a class="mega__head" href="/${ed}/section_${s}">${name}</a><ul class="mega__subs">${sub}</ul></li>`;
    }).join('');
    return `<div class="mega__edition" data-edition="${ed}"${ed === edition ? ' data-current="true"' : ''}><ul class="mega__list">${items}</ul></div>`;
  }).join('\n');
  const cards = Array.from({ length: 36 + Math.floor(rand() * 9) }, (_, i) => {
    const r = pick(rand, related);
    const hh = String(Math.floor(rand() * 24)).padStart(2, '0');
    const mm = String(Math.floor(rand() * 60)).padStart(2, '0');
    return `<div class="newsCard newsCard--${i % 3 ? 'small' : 'wide'}"><a class="newsCard__link" href="${r.path}"><picture><source srcset="/static/thumb/${r.path.slice(-6)}.webp 1x, /static/thumb/${r.path.slice(-6)}@2x.webp 2x" type="image/webp"><img class="newsCard__img" src="/static/thumb/${r.path.slice(-6)}.jpg" alt="${r.title}" loading="lazy" width="320" height="180"></picture><span class="newsCard__title">${r.title}</span></a><div class="newsCard__meta"><time class="newsCard__time" datetime="2025-11-24T${hh}:${mm}:00+05:00">${hh}:${mm}</time> <span class="newsCard__views">${Math.floor(rand() * 9000)}</span></div></div>`;
  }).join('\n');
  const breadcrumbs = `<script type="application/ld+json">{"@context":"https://schema.org","@type":"BreadcrumbList","itemListElement":[{"@type":"ListItem","position":1,"name":"${edition}","item":"{{origin}}/${edition}/"},{"@type":"ListItem","position":2,"name":"${escapeJson(MENU_SECTIONS[edition]?.[0] ?? 'news')}","item":"{{origin}}/${edition}/section_0"}]}</script>`;
  const icon = (name: string) => `<svg class="icon icon--${name}" viewBox="0 0 24 24" aria-hidden="true"><title>${name}</title><path d="M12 2C6.48 2 2 6.48 2 12s4.48 10 10 10 10-4.48 10-10S17.52 2 12 2zm0 18c-4.41 0-8-3.59-8-8s3.59-8 8-8 8 3.59 8 8-3.59 8-8 8z"/></svg>`;
  const footerLinks = editions.map((ed) => `<ul class="footer__col">${(MENU_SECTIONS[ed] ?? []).map((name, s) => `<li><a href="/${ed}/section_${s}">${name}</a></li>`).join('')}</ul>`).join('');
  const footer = `<!-- footer: rendered by the layout, not the article -->\n<div class="footer__inner">${footerLinks}<div class="footer__social">${['telegram', 'facebook', 'x', 'youtube', 'instagram', 'tiktok'].map((n) => `<a href="https://example.org/${n}" rel="noopener">${icon(n)}</a>`).join('')}</div><p class="footer__legal">© 1997–2025. Свидетельство о постановке на учет СМИ № 16958-СИ. При использовании материалов гиперссылка обязательна.</p></div>`;

  // The state script fills the page up to `target`: teasers with HTML inside the strings.
  const lead = escapeJson(bodyHtml.slice(0, 2000));
  const entries: string[] = [`{"id":0,"type":"article","html":"${lead}"}`];
  let size = Buffer.byteLength(nav + cards + footer + breadcrumbs + lead);
  for (let i = 1; size < target; i++) {
    const r = pick(rand, related);
    const entry = `{"id":${i},"slug":"${r.path.slice(-6)}","title":"${escapeJson(r.title)}","teaser":"<div class=\\"card\\"><article class=\\"card__body\\"><p>${escapeJson(r.title)}</p></article></div>","views":${Math.floor(rand() * 1e5)}}`;
    entries.push(entry);
    size += Buffer.byteLength(entry);
  }
  const script = [
    breadcrumbs,
    `<script>window.__APP_STATE__={"edition":"${edition}","feed":[${entries.join(',')}]};</script>`,
    `<script>(function(){var el=document.createElement('div');el.innerHTML='<div class="banner"><a href="/promo">promo</a></div>';if(window.innerWidth<600){document.write('<div class="m-ad"></div>');}var s='</scr'+'ipt>';})();</script>`,
    `<script src="/static/js/app.${Math.floor(rand() * 1e8).toString(16)}.js" defer></script>`,
  ].join('\n');
  return { nav, aside: cards, script, footer };
}

function newSiteId(rand: () => number, older: boolean): string {
  if (older) return `_a${String(4_000_000 + Math.floor(rand() * 5_999_999)).padStart(7, '0')}`;
  return `-${Math.floor(rand() * 0x1000000).toString(16).padStart(6, '0')}`;
}

/** ISO UTC → `Mon, 24 Nov 2025 12:00:00 GMT`. */
function rfc822(iso: string): string {
  return new Date(iso).toUTCString();
}

/**
 * Generates `count` pages from the fixture templates (see the module comment). Publication times go
 * back from `newest` at `itemsPerDay`, newest first, with a little jitter inside each slot.
 */
export function generateCorpus(fixtures: Fixtures, options: CorpusOptions): GeneratedPage[] {
  const rand = prng(options.seed);
  const newest = Date.parse(options.newest ?? '2025-11-24T18:00:00Z');
  const slotMs = 86_400_000 / (options.itemsPerDay ?? 400);
  const byLanguage = new Map<string, Template[]>();
  for (const t of fixtures.templates) byLanguage.set(t.language, [...(byLanguage.get(t.language) ?? []), t]);
  const poolByLanguage = new Map<string, string[]>();
  for (const [language, list] of byLanguage) poolByLanguage.set(language, list.flatMap((t) => bodyLines(t.html).lines.filter((l) => l.startsWith('    <p>'))));
  const languages = Object.keys(LANGUAGE_WEIGHTS).filter((l) => byLanguage.has(l));
  const totalWeight = languages.reduce((s, l) => s + (LANGUAGE_WEIGHTS[l] ?? 0), 0);
  const related = fixtures.templates.map((t) => ({ path: t.path, title: titleOf(t.html) }));

  const used = new Set<string>();
  const pages: GeneratedPage[] = [];
  for (let i = 0; i < options.count; i++) {
    let r = rand() * totalWeight;
    let language = languages[0] as string;
    for (const l of languages) {
      r -= LANGUAGE_WEIGHTS[l] ?? 0;
      if (r <= 0) {
        language = l;
        break;
      }
    }
    const template = pick(rand, byLanguage.get(language) ?? []);
    const oldSiteId = siteIdOfPath(template.path);
    const edition = template.path.split('/')[1] ?? 'www';
    let siteId: string;
    let id: string;
    do {
      siteId = newSiteId(rand, oldSiteId.startsWith('_a'));
      id = `${edition}-${siteId.slice(1)}`;
    } while (used.has(id));
    used.add(id);
    const path = template.path.slice(0, -oldSiteId.length) + siteId;

    // Body: shuffled own paragraphs (headings and lists stay where they fall), extended with
    // paragraphs of the same language, sometimes repeated; 0.6× to 4× the template's length.
    const { before, lines, readAlso, after } = bodyLines(template.html);
    const factor = 0.6 + rand() * rand() * 3.4;
    const target = Math.max(2, Math.round(lines.length * factor));
    let body = rand() < 0.5 ? shuffle(rand, lines) : [...lines];
    const pool = poolByLanguage.get(language) ?? [];
    while (body.length < target) body.push(pick(rand, pool));
    if (body.length > target) body = body.slice(0, target);
    let html = `${before}\n${[...body, ...readAlso].join('\n')}${after}`;

    // Publication time: newest first, one slot per item, jittered within the slot.
    const publishedMs = Math.floor((newest - i * slotMs - rand() * slotMs * 0.9) / 60_000) * 60_000;
    const publishedAt = new Date(publishedMs).toISOString();
    const isoTimes = html.match(ISO_LOCAL) ?? [];
    if (isoTimes.length > 0) {
      const templatePublished = Date.parse(isoTimes[0] as string);
      const shift = publishedMs - templatePublished;
      html = html.replace(ISO_LOCAL, (iso) => {
        const t = new Date(Date.parse(iso) + shift + 5 * 3_600_000).toISOString();
        return `${t.slice(0, 19)}+05:00`;
      });
    } else {
      // Only the displayed Astana time (e.g. "15:45, 2 Қазан 2025"): move the day of month.
      html = html.replace(/(article__time">\d{2}:\d{2}, )(\d{1,2})( )/, (_, a: string, _d: string, c: string) => `${a}${(i % 28) + 1}${c}`);
    }

    html = html.replaceAll(`${oldSiteId}"`, `${siteId}"`).replaceAll(`${template.id}.jpg`, `${id}.jpg`);
    if (options.fullSize) {
      const { nav, aside, script, footer } = fullSizeChrome(rand, edition, related, html.slice(html.indexOf(BODY_OPEN)), 150_000 + rand() * 240_000 - Buffer.byteLength(html));
      // Templates without a related-news section get one before the footer.
      const withRelated = /<section class="related-news"><h3>[^<]*<\/h3>/.test(html) ? html : html.replace('<footer', '<section class="related-news"><h3>News</h3></section>\n<footer');
      html = withRelated
        .replace(/<nav class="menu">/, `<nav class="menu">${nav}`)
        .replace(/(<section class="related-news"><h3>[^<]*<\/h3>)/, `$1\n${aside}\n`)
        .replace('<footer class="footer">', `<footer class="footer">${footer}`)
        .replace('</body>', `${script}\n</body>`);
    } else {
      const { nav, aside, script } = chrome(rand, edition, related);
      html = html
        .replace(/<nav class="menu">/, `<nav class="menu">${nav}`)
        .replace(/(<section class="related-news"><h3>[^<]*<\/h3>)/, `$1\n${aside}\n`)
        .replace('</body>', `${script}\n</body>`);
    }

    pages.push({ id, template: template.id, language, path, feed: template.feed, title: titleOf(html), publishedAt, html });
  }
  return pages;
}

/** RSS documents listing the pages, newest first, one per fixture feed (`{{origin}}` placeholders kept). */
export function renderFeeds(fixtures: Fixtures, pages: readonly GeneratedPage[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const feed of fixtures.feeds) {
    const items = pages
      .filter((p) => p.feed === feed.file)
      .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt))
      .map((p) => [
        '<item>',
        `  <title>${escapeXml(p.title)}</title>`,
        `  <link>{{origin}}${p.path}?utm_source=rss&amp;utm_medium=feed</link>`,
        `  <guid isPermaLink="true">{{origin}}${p.path}</guid>`,
        `  <pubDate>${rfc822(p.publishedAt)}</pubDate>`,
        '</item>',
      ].join('\n'));
    out.set(feed.file, `${feed.head}${items.join('\n')}\n${feed.tail}`);
  }
  return out;
}
