import { type HTMLElement, parse } from 'node-html-parser';
import { collectorFor, type ParsedSource, type SourceContext } from './items.ts';
import { canonicalUrl } from '../lib/urls.ts';
import { plural } from '../lib/plural.ts';

/**
 * News cards in the markups Kazinform has used (2024 `.allNewsCard`, 2026 `a.news-card`, before
 * 2023 `article.anounce-news`), then any article or list item. Cards only add a title and a time
 * to a link: links are found by their URL's shape, so a new card markup does not silence a page.
 */
const CARD_CLASSES = ['allNewsCard', 'news-card', 'anounce-news'];
const GENERIC_CARDS = new Set(['ARTICLE', 'LI']);
const CARD_TITLES = 'h3.card-title, .card-title, .allNewsCard__title, .anounce-news__title, h2, h3, h4';
const CARD_TIMES = 'time, .meta-date, [class*="time"], [class*="date"]';

function oneLine(text: string | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * The card a link belongs to: a known card, else an article or list item holding few links (not a
 * whole menu). `few` remembers each element's verdict: a page-wide <article> with thousands of
 * links is counted once, not once per link. (A walk up the tree: `closest` compiles its selector
 * on every call, a second on a page of 20,000 links.)
 */
function cardOf(link: HTMLElement, few: Map<HTMLElement, boolean>): HTMLElement | null {
  let generic: HTMLElement | null = null;
  for (let node: HTMLElement | null = link; node; node = node.parentNode) {
    if (CARD_CLASSES.some((name) => node?.classList.contains(name))) return node;
    if (!generic && GENERIC_CARDS.has(node.tagName)) generic = node;
  }
  if (!generic) return null;
  let verdict = few.get(generic);
  if (verdict === undefined) few.set(generic, (verdict = generic.querySelectorAll('a[href]').length <= 3));
  return verdict ? generic : null;
}

/** A time shown on a card: a machine-readable `datetime`, else the displayed text (Astana time). */
function cardTime(card: HTMLElement | null): string | undefined {
  const time = card?.querySelector(CARD_TIMES);
  return time ? (time.getAttribute('datetime')?.trim() || oneLine(time.text) || undefined) : undefined;
}

function cardTitle(link: HTMLElement, card: HTMLElement | null): string {
  const heading = oneLine(card?.querySelector(CARD_TITLES)?.text);
  if (heading) return heading;
  // Not an image's alt text: it describes the photo, and the card's text link names the article.
  return oneLine(link.text) || oneLine(link.getAttribute('title'));
}

/** The page's own address with `?page=N+1`: the link a paginated list (`/ru/lenta?page=2`) shows to its next page. */
function nextPageOf(self: string): string {
  const url = new URL(self);
  url.searchParams.set('page', String(Number(url.searchParams.get('page') ?? 1) + 1));
  return url.toString();
}

/**
 * Source items from an HTML page (an edition's front page or latest-news page): the links to
 * article pages on allowed hosts, recognised by Kazinform's article URL shapes, in page order and
 * once per article, with the card's heading (else the link's text) as a provisional title and the
 * time it shows as a provisional date. Navigation, section, tag, author and pagination links, the
 * page's own URL and links off the allowlist are not items; the notes say how many were left out.
 * A link to the page's own next page (`?page=N+1`) is `nextPage`.
 */
export function parseListPage(html: string, ctx: SourceContext): ParsedSource {
  const root = parse(html, { comment: false, blockTextElements: { script: true, style: true, noscript: true, pre: true } });
  const base = canonicalUrl(root.querySelector('base[href]')?.getAttribute('href') ?? '', ctx.url) ?? ctx.url;
  const declared = root.querySelector('html')?.getAttribute('lang');
  const { collector, language } = collectorFor(ctx, declared, { articlesOnly: true });
  const self = canonicalUrl(ctx.url);
  const next = self && nextPageOf(self);
  let nextPage: string | undefined;
  const links = root.querySelectorAll('a[href]');
  const few = new Map<HTMLElement, boolean>();
  for (const link of links) {
    const href = link.getAttribute('href') ?? '';
    const url = canonicalUrl(href, base);
    // A link that is no http(s) URL (mailto:, javascript:) is a page's noise, not a broken entry.
    if (!url || url === self) continue;
    if (url === next) nextPage = url;
    const card = cardOf(link, few);
    collector.add({ link: url, title: cardTitle(link, card), date: cardTime(card) });
  }
  const { items, notes } = collector.result();
  return {
    kind: 'html',
    items,
    skipped: [],
    notes: items.length ? notes : [`no links to article pages among ${plural(links.length, 'link')}`, ...notes],
    language,
    ...(nextPage ? { nextPage } : {}),
  };
}
