/**
 * The frame every atlas page shares: one inline stylesheet allowed by its hash in a strict
 * Content-Security-Policy, no script, nothing loaded from anywhere (system fonts, inline SVG).
 */
import { createHash } from 'node:crypto';
import { escapeHtml } from '../content-html.ts';

const STYLE = `
:root{color-scheme:light dark;--fg:#1b1f24;--bg:#fff;--muted:#5b6470;--bar:#2a6fb0;--line:#d0d7de;--kz:#9a6700}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--bg:#0d1117;--muted:#9aa4ae;--bar:#58a6ff;--line:#30363d;--kz:#d29922}}
body{margin:0 auto;max-width:72rem;padding:1rem;font:16px/1.45 system-ui,"Noto Sans","WenQuanYi Zen Hei",sans-serif;color:var(--fg);background:var(--bg);overflow-wrap:break-word}
a{color:var(--bar)}h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem}
.pairs{display:grid;grid-template-columns:repeat(auto-fill,minmax(18rem,1fr));gap:1rem;padding:0;list-style:none}
.pairs>li{border:1px solid var(--line);border-radius:6px;padding:.75rem}.pairs h3{margin:0 0 .25rem;font-size:1.05rem}.pairs p{margin:.25rem 0}
.chart{width:100%;max-width:36rem;height:auto;display:block;overflow:visible}.chart rect{fill:var(--bar)}.chart text{fill:var(--muted);font-size:10px}.chart line{stroke:var(--line)}
table{border-collapse:collapse;font-size:.875rem;margin:.5rem 0}th,td{border-bottom:1px solid var(--line);padding:.2rem .5rem;text-align:start}
td.n{text-align:end;font-variant-numeric:tabular-nums}
.muted,caption,summary{color:var(--muted)}.tag{font-size:.75rem;color:var(--kz)}
.articles{padding-inline-start:1.2rem}.articles li{margin:.3rem 0}
.wide{overflow-x:auto}
`.replace(/\n/g, '');

/** The CSP `style-src` source that allows exactly the stylesheet above. */
export const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

/**
 * The pages' policy, in a meta tag so it holds wherever they are served from (`kazfeed serve`,
 * a copy on disk) and not only behind CloudFront's response headers.
 */
export const PAGE_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src ${STYLE_HASH}`,
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export interface PageParts {
  title: string;
  /** The page's own heading and content, already escaped HTML. */
  body: string;
  /** The feed the page shows, relative to it: a reader given the page's address finds the feed (autodiscovery). */
  feed?: { title: string; rss: string; json: string };
}

export function renderPage({ title, body, feed }: PageParts): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(PAGE_CONTENT_SECURITY_POLICY)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    // An empty icon: otherwise every browser asks for /favicon.ico, which is not published.
    '<link rel="icon" href="data:,">',
    `<title>${escapeHtml(title)}</title>`,
    ...(feed ? [
      `<link rel="alternate" type="application/rss+xml" title="${escapeHtml(feed.title)}" href="${escapeHtml(feed.rss)}">`,
      `<link rel="alternate" type="application/feed+json" title="${escapeHtml(feed.title)}" href="${escapeHtml(feed.json)}">`,
    ] : []),
    `<style>${STYLE}</style>`,
    `</head><body>${body}</body></html>`,
    '',
  ].join('\n');
}
