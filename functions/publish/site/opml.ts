/**
 * `feeds/feeds.opml`: every RSS feed with its title and language, in OPML 2.0, so a feed reader
 * subscribes to all of them (or picks some) in one import. Pure and timeless like the pages: the
 * file changes only when a feed appears or goes.
 */
import { keys } from '../../lib/keys.ts';
import { escapeHtml } from '../content-html.ts';
import { feedSpec, pairOfFeed } from '../select.ts';

/**
 * The OPML document listing the given RSS keys (`feeds/all.xml`, ...) as served under `base`; each
 * feed's web page is the atlas page that shows it.
 */
export function renderOpml(xmlKeys: readonly string[], base: string): string {
  const outlines = xmlKeys.map((key) => {
    const spec = feedSpec(key, []);
    const page = pairOfFeed(key).map(keys.sitePair)[0] ?? (spec.language ? keys.siteLanguage(spec.language) : keys.siteIndex);
    const attrs = [
      ['type', 'rss'], ['text', spec.title], ['title', spec.title], ['description', spec.description],
      ['xmlUrl', `${base}/${key}`], ['htmlUrl', `${base}/${page}`],
      ...(spec.language ? [['language', spec.language]] : []),
    ];
    return `    <outline ${attrs.map(([name, value]) => `${name}="${escapeHtml(value as string)}"`).join(' ')}/>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    '  <head>',
    '    <title>Kazinform: bilateral relations feeds</title>',
    '  </head>',
    '  <body>',
    ...outlines,
    '  </body>',
    '</opml>',
    '',
  ].join('\n');
}
