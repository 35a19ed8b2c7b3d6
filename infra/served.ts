/**
 * What the public address serves and how, shared by the CloudFront distribution and `kazfeed serve`,
 * so a store served locally answers as the deployment does.
 */

/** Prefixes served; everything else in the bucket stays private. */
export const PUBLIC_PREFIXES = ['feeds/', 'archive/', 'site/'] as const;

/** Where "/" redirects: the all-in-one feed, what a reader given the bare address wants. */
export const ROOT_REDIRECT = '/feeds/all.xml';

/**
 * The atlas pages under site/ are static and self-contained (one inline stylesheet, no script,
 * SVG charts inline): nothing is loaded from elsewhere but images, and nothing may frame them.
 */
export const SITE_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'none'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: https:",
  "font-src 'self' data:",
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
