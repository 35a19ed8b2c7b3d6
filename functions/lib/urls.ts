import { createHash } from 'node:crypto';

/** Query parameters that only track the reader; they never select content. */
const TRACKING_PARAM = /^(utm_[a-z]+|fbclid|gclid|dclid|yclid|msclkid|_ga|_gl|mc_cid|mc_eid|igshid|ref|ref_src|from|share)$/i;

/** The English edition's own domain since it left inform.kz ("Qazinform News Agency"). */
const QAZINFORM = 'qazinform.com';

/** Kazinform's own hosts: `inform.kz` and its language subdomains, and `qazinform.com`. */
export function isKazinformHost(host: string): boolean {
  const h = host.toLowerCase();
  return h === 'inform.kz' || h.endsWith('.inform.kz') || h === QAZINFORM || h === `www.${QAZINFORM}`;
}

/** Kazinform serves every page over https: its links are rewritten so, on the default port. */
export function upgradeKazinform(url: URL): void {
  if (isKazinformHost(url.hostname)) {
    url.protocol = 'https:';
    url.port = '';
  }
}

/**
 * The canonical form of an article URL: no fragment, no tracking parameters, lower-case host,
 * https for Kazinform's hosts. Returns null for anything that is not an absolute http(s) URL.
 */
export function canonicalUrl(input: string, base?: string): string | null {
  const url = URL.parse(input.trim(), base);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return null;
  if (!url.hostname) return null;
  url.hash = '';
  url.username = '';
  url.password = '';
  for (const name of [...url.searchParams.keys()]) {
    if (TRACKING_PARAM.test(name)) url.searchParams.delete(name);
  }
  upgradeKazinform(url);
  url.search = url.searchParams.size ? `?${url.searchParams}` : '';
  return url.toString();
}

/** Kazinform's language editions, by subdomain or first path segment, to the short code used in ids. */
const EDITIONS: Record<string, string> = {
  ru: 'ru', rus: 'ru', en: 'en', eng: 'en', kaz: 'kz', kz: 'kz', qaz: 'qz', qz: 'qz',
  ar: 'ar', oz: 'oz', uz: 'oz', cn: 'cn', zh: 'cn',
};

/** The language each edition writes in (a hint: the text's script decides in the end). */
const EDITION_LANGUAGES: Record<string, string> = {
  ru: 'ru', en: 'en', kz: 'kk-Cyrl', qz: 'kk-Latn', ar: 'kk-Arab', oz: 'uz-Cyrl', cn: 'zh-Hans',
};

/** Path segments that only select a rendering of the same article (AMP), not an edition or an article. */
const RENDERING = new Set(['amp']);

/** Path segments without the renderings, lower-cased. */
function segments(url: URL): string[] {
  return url.pathname.split('/').filter((s) => s !== '' && !RENDERING.has(s.toLowerCase()));
}

/** The edition an article URL belongs to, or null when the URL names none. */
export function editionOf(url: URL): string | null {
  const host = url.hostname.toLowerCase();
  if (host === QAZINFORM || host === `www.${QAZINFORM}`) return 'en';
  const subdomain = host.split('.')[0] ?? '';
  if (isKazinformHost(host) && EDITIONS[subdomain]) return EDITIONS[subdomain];
  return EDITIONS[segments(url)[0]?.toLowerCase() ?? ''] ?? null;
}

/** The language of the edition an article URL belongs to (`uz-Cyrl` for oz.), or null. */
export function editionLanguage(url: URL): string | null {
  const edition = editionOf(url);
  return edition ? (EDITION_LANGUAGES[edition] ?? null) : null;
}

/** The site's own article id in a URL path: `..._a3866397` (older) or `...-4c1e9a` (newer). */
export function siteIdOf(url: URL): string | null {
  const last = segments(url).pop() ?? '';
  const older = /_(a\d{5,9})(?:\.html?)?$/i.exec(last);
  if (older?.[1]) return older[1].toLowerCase();
  const newer = /-([0-9a-f]{6})(?:\.html?)?$/i.exec(last)?.[1]?.toLowerCase();
  // Off Kazinform's hosts, six letters or six digits end a slug as often as an id does ("-decade",
  // "-500000"): two articles would share it, and the second never be fetched. Kazinform's own ids
  // are kept as they are, letters or digits only or not, so that no stored article changes its id.
  if (newer && !(/\d/.test(newer) && /[a-f]/.test(newer)) && !isKazinformHost(url.hostname)) return null;
  return newer ?? null;
}

/** First path segments of pages that list or describe articles rather than being one. */
const NOT_ARTICLES = new Set([
  'tag', 'tags', 'author', 'authors', 'category', 'categories', 'section', 'sections', 'rubric', 'rubrics',
  'search', 'page', 'pages', 'lenta', 'latest', 'archive', 'rss', 'sitemaps', 'static', 'assets', 'img',
  'images', 'media', 'upload', 'uploads', 'about', 'contacts', 'login', 'subscribe', 'special', 'projects',
]);

/** A slug of at least this many words, with no id, names an article (sections are one or two words). */
const MIN_SLUG_WORDS = 4;

/**
 * Whether a URL has the shape of a Kazinform article page: an id at the end of the path (older
 * `_a1234567`, newer `-4c1e9a`), `/news/<slug>`, or an edition prefix and a long slug
 * (`/ru/<slug>/`, since 2026); AMP renderings included. Section, tag, author, category, search
 * and pagination pages, and the site's files, are not articles.
 */
export function isArticleUrl(url: URL): boolean {
  if (url.searchParams.size > 0) return false; // pagination, search and filters
  const parts = segments(url);
  const rest = EDITIONS[parts[0]?.toLowerCase() ?? ''] ? parts.slice(1) : parts;
  const first = rest[0]?.toLowerCase();
  const last = rest[rest.length - 1] ?? '';
  if (first === undefined || NOT_ARTICLES.has(first)) return false;
  if (/_a\d{5,9}(?:\.html?)?$/i.test(last)) return true;
  // A six-hex end alone could be a word ("-decade"): the id usually has a digit, the slug many words.
  const newer = /^(.*)-([0-9a-f]{6})(?:\.html?)?$/i.exec(last);
  if (newer && (/\d/.test(newer[2] as string) || (newer[1] as string).split('-').length >= 2)) return true;
  if (first === 'news') return rest.length === 2;
  return rest.length === 1 && parts.length === 2 && last.split('-').length >= MIN_SLUG_WORDS;
}

/**
 * A stable article id: `<edition>-<site id>` (e.g. `oz-4f2a1c`, `en-a3866397`), the same whichever
 * source or host variant led to the article (inform.kz or qazinform.com, AMP or not). An article
 * URL without a site id gets its edition and a hash of its slug (so a trailing slash or another
 * host does not make a second article); any other URL a hash of the canonical URL.
 */
export function articleId(canonical: string): string {
  const url = new URL(canonical);
  const siteId = siteIdOf(url);
  if (siteId) return `${editionOf(url) ?? 'www'}-${siteId}`;
  if (isArticleUrl(url)) {
    const slug = (segments(url).pop() ?? '').toLowerCase();
    return `${editionOf(url) ?? 'www'}-s${createHash('sha256').update(slug).digest('hex').slice(0, 12)}`;
  }
  return `u-${createHash('sha256').update(canonical).digest('hex').slice(0, 16)}`;
}
