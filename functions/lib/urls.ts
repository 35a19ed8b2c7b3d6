import { createHash } from 'node:crypto';

/** Query parameters that only track the reader; they never select content. */
const TRACKING_PARAM = /^(utm_[a-z]+|fbclid|gclid|dclid|yclid|msclkid|_ga|_gl|mc_cid|mc_eid|igshid|ref|ref_src|from|share)$/i;

/** Kazinform's own hosts: `inform.kz` and its language subdomains. */
export function isKazinformHost(host: string): boolean {
  const h = host.toLowerCase();
  return h === 'inform.kz' || h.endsWith('.inform.kz');
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
  let url: URL;
  try {
    url = new URL(input.trim(), base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
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

/** The edition an article URL belongs to, or null when the URL names none. */
export function editionOf(url: URL): string | null {
  const subdomain = url.hostname.split('.')[0]?.toLowerCase() ?? '';
  if (isKazinformHost(url.hostname) && EDITIONS[subdomain]) return EDITIONS[subdomain];
  const first = url.pathname.split('/')[1]?.toLowerCase() ?? '';
  return EDITIONS[first] ?? null;
}

/** The site's own article id in a URL path: `..._a3866397` (older) or `...-4c1e9a` (newer). */
export function siteIdOf(url: URL): string | null {
  const last = url.pathname.replace(/\/+$/, '').split('/').pop() ?? '';
  const older = /_(a\d{5,9})(?:\.html?)?$/i.exec(last);
  if (older?.[1]) return older[1].toLowerCase();
  const newer = /-([0-9a-f]{6})(?:\.html?)?$/i.exec(last);
  return newer?.[1]?.toLowerCase() ?? null;
}

/**
 * A stable article id: `<edition>-<site id>` (e.g. `oz-4f2a1c`, `en-a3866397`), the same whichever
 * feed or host variant led to the article; URLs without a site id get a hash of the canonical URL.
 */
export function articleId(canonical: string): string {
  const url = new URL(canonical);
  const siteId = siteIdOf(url);
  if (siteId) return `${editionOf(url) ?? 'www'}-${siteId}`;
  return `u-${createHash('sha256').update(canonical).digest('hex').slice(0, 16)}`;
}
