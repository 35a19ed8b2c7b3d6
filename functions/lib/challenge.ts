/**
 * Bot challenges and block pages: what a CDN or firewall serves instead of the page asked for.
 * Such a page is never a feed or an article; naming it lets a run record the source or item as
 * blocked (and retry it later) instead of parsing it, or storing it, as content.
 */

/** Titles of interstitials and block pages (Cloudflare, DDoS-Guard and the like), lower-cased. */
const CHALLENGE_TITLES = [
  /^just a moment(?:\.\.\.|…)?$/,
  /^attention required!? \| cloudflare$/,
  /^access denied \| .* used cloudflare to restrict access$/,
  /^checking your browser/,
  /^please wait(?:\.\.\.|…)? \| cloudflare$/,
  /^one moment, please(?:\.\.\.|…)?$/,
  /^ddos-guard$/,
];

/** Scripts and elements found only on challenge pages (normal pages behind the CDN lack them). */
const CHALLENGE_MARKUP = /window\._cf_chl_opt|id="cf-browser-verification"|id="challenge-form"|class="cf-error-details"/;

/** Challenge pages are small; reading more of a body to look for one would be wasted. */
export const CHALLENGE_SNIFF_BYTES = 64 * 1024;

/** Statuses a challenge or block page is served with (besides 200). */
export const CHALLENGE_STATUSES = new Set([403, 429, 503]);

const HTML_START = /^\s*(?:<!--[\s\S]*?-->\s*)*(?:<!doctype html|<html)/i;

/**
 * What blocked the request, when the response is a challenge or block page: a header such as
 * Cloudflare's `cf-mitigated: challenge`, or an HTML page whose title or markup is an
 * interstitial's. Null for anything else. Reads at most the first 64 KB of the body.
 */
export function challengeOf(status: number, headers: Headers, body: Uint8Array): string | null {
  if (headers.get('cf-mitigated')?.trim().toLowerCase() === 'challenge') return 'a Cloudflare bot challenge (cf-mitigated: challenge)';
  // Latin-1 reads every byte as one character: the markers are ASCII whatever the page's charset.
  const head = Buffer.from(body.buffer, body.byteOffset, Math.min(body.byteLength, CHALLENGE_SNIFF_BYTES)).toString('latin1');
  const isHtml = HTML_START.test(head.slice(0, 1024)) || /^\s*(text\/html|application\/xhtml\+xml)\b/i.test(headers.get('content-type') ?? '');
  if (!isHtml || (status >= 300 && !CHALLENGE_STATUSES.has(status))) return null;
  const title = /<title[^>]*>([\s\S]{0,200}?)<\/title>/i.exec(head)?.[1]?.replace(/\s+/g, ' ').trim();
  if (title && CHALLENGE_TITLES.some((pattern) => pattern.test(title.toLowerCase()))) return `a bot challenge or block page ("${title}")`;
  if (CHALLENGE_MARKUP.test(head)) return 'a bot challenge page (challenge markup)';
  return null;
}
